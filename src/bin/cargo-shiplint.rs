//! `cargo shiplint`: the same command line, found by cargo as the `cargo-shiplint` program.
//!
//! cargo runs `cargo-shiplint shiplint ARGS…`; the second word is dropped and the rest is
//! `shiplint ARGS…`.

#[path = "../cli/mod.rs"]
mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
