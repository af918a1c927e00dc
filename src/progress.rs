//! The one progress-bar factory: a visible bar only when a person is watching.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar over `len` trials on stderr; hidden when `quiet` or when stderr is not a terminal.
pub fn trials_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} trials ({eta})")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar
}
