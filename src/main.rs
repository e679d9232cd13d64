//! The `shiplint` binary: arguments in, reports out, an exit code at the end.
//!
//! Everything here is I/O; the linting itself is the library's. Exit codes: 0 when nothing
//! reaches the failure threshold, 1 when something does, 2 on a usage error or when an input
//! could not be read.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
