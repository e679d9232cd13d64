//! Linting a crate's container files from its build script.
//!
//! Each finding becomes a `cargo:warning=` line, which cargo shows under the build; each file
//! read (the linted files, their configs, the `.dockerignore` beside each Dockerfile) becomes a
//! `cargo:rerun-if-changed=` line, so the lint runs again when one of them changes and not on
//! every build. The build fails only when the build script asks for it with [`Lint::fail_on`].
//!
//! Printing those lines is this module's whole purpose: it is the one part of the library that
//! writes to standard output, and only from [`Lint::run`].
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), shiplint::build_script::Failed> {
//!     shiplint::build_script::Lint::new()
//!         .fail_on(shiplint::Severity::Error)
//!         .run()
//! }
//! ```

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::check::{CheckOptions, Report, check_paths};
use crate::diagnostic::Severity;
use crate::source::SourceFile;

/// What a build script lints, and when the build fails.
#[derive(Clone, Debug)]
pub struct Lint {
    paths: Vec<PathBuf>,
    fail_on: Option<Severity>,
    options: CheckOptions,
}

/// The build failed: findings reached the severity given to [`Lint::fail_on`], or an input
/// could not be linted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("shiplint: {0}")]
pub struct Failed(String);

impl Default for Lint {
    fn default() -> Self {
        Lint::new()
    }
}

impl Lint {
    /// Lints the crate's folder (`CARGO_MANIFEST_DIR`, else the current folder), warning only.
    pub fn new() -> Lint {
        let root = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| ".".into(), PathBuf::from);
        Lint {
            paths: vec![root],
            fail_on: None,
            options: CheckOptions::default(),
        }
    }

    /// Lints these files and folders instead of the whole crate; relative paths start at the
    /// crate's folder, where cargo runs build scripts.
    pub fn paths<P: AsRef<Path>>(mut self, paths: &[P]) -> Lint {
        self.paths = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
        self
    }

    /// Fails the build when a finding is at least this severe, or an input cannot be linted.
    pub fn fail_on(mut self, severity: Severity) -> Lint {
        self.fail_on = Some(severity);
        self
    }

    /// The config lookup, overrides and build settings, as `shiplint check` takes them.
    pub fn options(mut self, options: CheckOptions) -> Lint {
        self.options = options;
        self
    }

    /// Lints, prints the `cargo:` lines to standard output, and says whether the build fails.
    pub fn run(&self) -> Result<(), Failed> {
        let (lines, outcome) = self.directives();
        let mut stdout = io::stdout().lock();
        for line in lines {
            // A build script whose output cannot be written has nothing better to do.
            let _ = writeln!(stdout, "{line}");
        }
        outcome
    }

    /// The `cargo:` lines a run prints, and whether the build fails, without printing them.
    pub fn directives(&self) -> (Vec<String>, Result<(), Failed>) {
        let report = match check_paths(&self.paths, &self.options) {
            Ok(report) => report,
            Err(error) => {
                let line = format!("cargo:warning=shiplint: {}", one_line(&error.to_string()));
                return (vec![line], self.outcome(0, 1));
            }
        };
        let mut lines = warnings(&report);
        lines.extend(
            reruns(&report)
                .into_iter()
                .map(|path| format!("cargo:rerun-if-changed={}", path.display())),
        );
        let severe = match self.fail_on {
            Some(threshold) => report
                .files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .filter(|d| d.severity >= threshold)
                .count(),
            None => 0,
        };
        (lines, self.outcome(severe, report.errors.len()))
    }

    fn outcome(&self, severe: usize, errors: usize) -> Result<(), Failed> {
        let Some(threshold) = self.fail_on else {
            return Ok(());
        };
        match (severe, errors) {
            (0, 0) => Ok(()),
            (0, _) => Err(Failed(format!("{errors} input(s) could not be linted"))),
            _ => Err(Failed(format!(
                "{severe} finding(s) at {threshold} or above; see the warnings above"
            ))),
        }
    }
}

/// One `cargo:warning=` line per finding and per input error, as `path:line:column:
/// severity[CODE]: message`.
fn warnings(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    for file in &report.files {
        for d in file.sorted() {
            let at = file.source.position(d.span.start);
            lines.push(format!(
                "cargo:warning={}:{}:{}: {}[{}]: {}",
                shown(&file.source),
                at.line,
                at.column,
                d.severity,
                d.code,
                one_line(&d.message)
            ));
        }
    }
    for error in &report.errors {
        lines.push(format!("cargo:warning={}", one_line(&error.to_string())));
    }
    lines
}

/// The files whose change should run the lint again: each linted file, each config read, and
/// the `.dockerignore` beside each linted file (where a build context's would be).
fn reruns(report: &Report) -> BTreeSet<PathBuf> {
    let mut paths: BTreeSet<PathBuf> = report.configs.iter().cloned().collect();
    for file in &report.files {
        let path = PathBuf::from(&file.source.path);
        if let Some(dir) = path.parent() {
            let ignore = dir.join(".dockerignore");
            if ignore.is_file() {
                paths.insert(ignore);
            }
        }
        paths.insert(path);
    }
    paths
}

/// A path as cargo's users want to read it: relative to the crate when it is inside it.
fn shown(source: &SourceFile) -> String {
    let path = Path::new(&source.path);
    let root = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    match root
        .as_deref()
        .and_then(|root| path.strip_prefix(root).ok())
    {
        Some(relative) => relative.display().to_string(),
        None => source.path.clone(),
    }
}

/// cargo reads one directive per line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(dockerfile: &str, fail_on: Option<Severity>) -> (Vec<String>, Result<(), Failed>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Dockerfile"), dockerfile).unwrap();
        std::fs::write(dir.path().join(".dockerignore"), "target\n").unwrap();
        let mut lint = Lint::new().paths(&[dir.path()]);
        if let Some(severity) = fail_on {
            lint = lint.fail_on(severity);
        }
        lint.directives()
    }

    #[test]
    fn findings_are_warnings_and_files_are_reruns() {
        let (lines, outcome) = lint("FROM alpine:latest\n", None);
        assert!(outcome.is_ok());
        let warning = lines.iter().find(|l| l.contains("[DL3007]")).unwrap();
        assert!(warning.starts_with("cargo:warning="), "{warning}");
        assert!(
            warning.contains("Dockerfile:1:13: warning[DL3007]"),
            "{warning}"
        );
        let reruns: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with("cargo:rerun-if-changed="))
            .collect();
        assert_eq!(reruns.len(), 2, "{reruns:?}");
        assert!(reruns[0].ends_with(".dockerignore"));
        assert!(reruns[1].ends_with("Dockerfile"));
    }

    #[test]
    fn the_build_fails_only_at_the_threshold() {
        let (_, outcome) = lint("FROM alpine:latest\n", Some(Severity::Error));
        assert!(outcome.is_ok());
        let (_, outcome) = lint("FROM alpine:latest\n", Some(Severity::Warning));
        let message = outcome.unwrap_err().to_string();
        assert!(
            message.contains("finding(s) at warning or above"),
            "{message}"
        );
    }
}
