//! Writing diagnostics out: one module per output format.
//!
//! A reporter sees source files and their diagnostics, never the rules. Every writer takes
//! the reports already sorted by path and writes them in that order, diagnostics by position.

mod checkstyle;
mod concise;
pub mod fingerprint;
mod github;
mod gitlab;
mod json;
mod junit;
pub mod paths;
#[cfg(feature = "cli")]
mod pretty;
pub mod sarif;
mod xml;

use std::fmt;

pub use checkstyle::write_checkstyle;
pub use concise::write_concise;
pub use github::write_github;
pub use gitlab::write_gitlab;
pub use json::{write_json, write_json_lines};
pub use junit::write_junit;
pub use paths::ProjectRoot;
#[cfg(feature = "cli")]
pub use pretty::write_pretty;
pub use sarif::{SarifOptions, write_sarif};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// One linted file and what was found in it.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// The diagnostics ordered by position, then by code, for stable output.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut sorted: Vec<&Diagnostic> = self.diagnostics.iter().collect();
        sorted.sort_by(|a, b| (a.span, &a.code).cmp(&(b.span, &b.code)));
        sorted
    }
}

/// How many problems of each severity, in how many files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_problems: usize,
    /// Counts indexed like [`Severity::ALL`]: errors, warnings, infos, styles.
    pub counts: [usize; 4],
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for report in reports {
            if !report.diagnostics.is_empty() {
                summary.files_with_problems += 1;
            }
            for diagnostic in &report.diagnostics {
                summary.counts[severity_index(diagnostic.severity)] += 1;
            }
        }
        summary
    }

    pub fn problems(&self) -> usize {
        self.counts.iter().sum()
    }
}

fn severity_index(severity: Severity) -> usize {
    Severity::ALL
        .iter()
        .position(|s| *s == severity)
        .unwrap_or_default()
}

/// `found 3 problems (1 error, 2 warnings) in 2 files` or `no problems found in 5 files`.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.problems() == 0 {
            return write!(f, "no problems found in {}", plural(self.files, "file"));
        }

        let parts: Vec<String> = Severity::ALL
            .iter()
            .zip(self.counts)
            .filter(|(_, count)| *count > 0)
            .map(|(severity, count)| plural(count, severity.as_str()))
            .collect();
        write!(
            f,
            "found {} ({}) in {}",
            plural(self.problems(), "problem"),
            parts.join(", "),
            plural(self.files_with_problems, "file")
        )
    }
}

pub(crate) fn plural(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::source::Span;

    /// A diagnostic on the first occurrence of `needle` in `text`.
    pub(crate) fn diagnostic(text: &str, needle: &str, severity: Severity) -> Diagnostic {
        let start = text.find(needle).unwrap_or(0);
        Diagnostic {
            code: Cow::Borrowed("DL3008"),
            name: Cow::Borrowed("apt-get-unpinned"),
            severity,
            message: format!("Pin `{needle}`"),
            help: Some("Use `curl=<version>`".to_owned()),
            span: Span::new(start, start + needle.len()),
            labels: Vec::new(),
        }
    }

    #[test]
    fn summaries() {
        let source = SourceFile::new("Dockerfile", "FROM a\nRUN b\n");
        let clean = FileReport {
            source: source.clone(),
            diagnostics: Vec::new(),
        };
        let dirty = FileReport {
            source: source.clone(),
            diagnostics: vec![
                diagnostic(&source.text, "a", Severity::Error),
                diagnostic(&source.text, "b", Severity::Warning),
                diagnostic(&source.text, "RUN", Severity::Warning),
            ],
        };
        let cases = [
            (vec![], "no problems found in 0 files"),
            (vec![clean.clone()], "no problems found in 1 file"),
            (
                vec![clean, dirty],
                "found 3 problems (1 error, 2 warnings) in 1 file",
            ),
        ];
        for (reports, expected) in cases {
            assert_eq!(Summary::of(&reports).to_string(), expected);
        }
    }
}
