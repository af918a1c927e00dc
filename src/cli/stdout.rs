//! What a command prints on standard output, held until its work is done and its files are in
//! place, then written at once by [`flush`]. A closed pipe (`kohort check … | head -3`) or a
//! full disk behind stdout (`> /dev/full`) therefore never costs the files: the output set is
//! committed before a byte reaches stdout.

use std::fmt::Display;
use std::io::Write;
use std::sync::Mutex;

static HELD: Mutex<String> = Mutex::new(String::new());

/// Hold `text` for stdout, as it is (no newline added).
pub(super) fn out(text: impl Display) {
    use std::fmt::Write as _;
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    let _ = write!(held, "{text}");
}

/// Hold a line for stdout: `say!("wrote {}", path)` as `println!` would print it.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::stdout::out(format_args!("{}\n", format_args!($($arg)*)))
    };
}
pub(super) use say;

/// Write what was held to stdout. A reader that went away (a broken pipe, as with `| head`)
/// is no error, as for any command-line tool; any other failure is returned.
pub fn flush() -> std::io::Result<()> {
    let text = std::mem::take(&mut *HELD.lock().unwrap_or_else(|e| e.into_inner()));
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}
