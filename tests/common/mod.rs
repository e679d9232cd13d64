//! What the integration tests share: running the binary ([`cli`]), the case folders of a
//! fixture tree, and comparing a case's output with its `expected.txt` (or rewriting it under
//! `SHIPLINT_BLESS=1`).

pub mod cli;

use std::fmt::Display;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folders directly under `dir`, sorted.
#[allow(dead_code)] // not every test crate walks fixtures
pub fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Compares `got` with the case's `expected.txt`; a description of the difference when they
/// differ. With `SHIPLINT_BLESS` set, writes `got` as the expected output instead.
#[allow(dead_code)] // not every test crate walks fixtures
pub fn check_expected(case: &Path, got: &str) -> Option<String> {
    let expected_path = case.join("expected.txt");
    if std::env::var_os("SHIPLINT_BLESS").is_some() {
        fs::write(&expected_path, got).unwrap();
        return None;
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    (got != expected).then(|| format!("{}\n--- expected\n{expected}--- got\n{got}", case.display()))
}

/// Says on standard error that a test skipped its work, and why. It is written past the test
/// harness's capture, so that `cargo test` shows it although the test passes.
#[allow(dead_code)] // only the tests that need the corpus or ShellCheck skip
pub fn skipped(reason: impl Display) {
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}
