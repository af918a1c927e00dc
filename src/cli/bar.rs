//! The terminal's progress bar: a visible bar only when a person is watching, reporting the
//! engine's [`Progress`] ticks.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::Progress;

impl Progress for ProgressBar {
    fn advance(&self, n: u64) {
        self.inc(n);
    }
}

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
