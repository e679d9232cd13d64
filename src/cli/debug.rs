//! `shiplint debug`: what shiplint understood of a file, for bug reports and rule writers.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use shiplint::input;
use shiplint::syntax::dockerfile;

use super::is_stdin;

/// Prints the Dockerfile syntax tree of `path` as indented JSON.
pub fn ast(path: &Path) -> anyhow::Result<ExitCode> {
    let display = path.to_string_lossy();
    let source = match is_stdin(path) {
        true => input::read_from(io::stdin().lock(), &display)?,
        false => input::read_source(path, &display)?,
    };

    let json = serde_json::to_string_pretty(&dockerfile::debug_json(&source))?;
    writeln!(io::stdout().lock(), "{json}")?;
    Ok(ExitCode::SUCCESS)
}
