//! The `kohort` binary: parse the command line, run, and map every user error to exit code 2
//! with a one-line message on stderr. What a command prints on stdout is written only after its
//! files are in place, so a closed or full stdout never loses them.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

/// Print one line on stderr; a closed stderr is not worth a panic.
fn complain(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn main() -> ExitCode {
    kohort::export::on_interrupt();
    let cli = match kohort::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            e.exit()
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        Err(e) => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            complain(format_args!("{} (see kohort --help)", first.trim_end()));
            return ExitCode::from(2);
        }
    };
    let result = kohort::cli::main_with(cli);
    if let Err(e) = kohort::cli::stdout::flush() {
        let files = if result.is_ok() {
            "; the output files were written"
        } else {
            ""
        };
        complain(format_args!(
            "error: cannot write to standard output: {e}{files}"
        ));
        return ExitCode::from(2);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            complain(format_args!("error: {e}"));
            ExitCode::from(2)
        }
    }
}
