//! Machine-readable output: one JSON object with every diagnostic and every input error.
//!
//! The shape is an interface, `{"diagnostics":[…],"errors":[…]}`. Lines and columns are
//! 1-based, columns count characters, and the end is exclusive: it is the position just after
//! the last character of the span.

use std::io::{self, Write};

use serde::Serialize;

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::InputError;
use crate::source::SourceFile;

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<Record<'a>>,
    errors: Vec<ErrorRecord<'a>>,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct Record<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    path: &'a str,
    message: &'a str,
}

/// Writes the diagnostics sorted by path then position, and the errors sorted by path.
pub fn write_json(
    w: &mut impl Write,
    reports: &[FileReport],
    errors: &[InputError],
) -> io::Result<()> {
    let diagnostics = records(reports);
    let mut errors: Vec<ErrorRecord> = errors
        .iter()
        .map(|e| ErrorRecord {
            path: &e.path,
            message: &e.message,
        })
        .collect();
    errors.sort_by_key(|e| e.path);

    serde_json::to_writer(
        &mut *w,
        &Output {
            diagnostics,
            errors,
        },
    )?;
    writeln!(w)
}

/// One JSON object a line: the diagnostics as [`write_json`] writes them, sorted the same
/// way, then one `{"path","error"}` line for each input that could not be linted.
pub fn write_json_lines(
    w: &mut impl Write,
    reports: &[FileReport],
    errors: &[InputError],
) -> io::Result<()> {
    for diagnostic in records(reports) {
        serde_json::to_writer(&mut *w, &diagnostic)?;
        writeln!(w)?;
    }
    let mut errors: Vec<&InputError> = errors.iter().collect();
    errors.sort_by_key(|e| &e.path);
    for error in errors {
        let line = serde_json::json!({ "path": error.path, "error": error.message });
        writeln!(w, "{line}")?;
    }
    Ok(())
}

/// Every diagnostic's record, sorted by path, then position.
fn records(reports: &[FileReport]) -> Vec<Record<'_>> {
    let mut records: Vec<Record> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| record(&r.source, d)))
        .collect();
    records.sort();
    records
}

fn record<'a>(source: &'a SourceFile, diagnostic: &'a Diagnostic) -> Record<'a> {
    let start = source.position(diagnostic.span.start);
    let end = source.position(diagnostic.span.end);
    Record {
        path: &source.path,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        code: &diagnostic.code,
        name: &diagnostic.name,
        severity: diagnostic.severity,
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::report::tests::diagnostic;
    use crate::source::Span;

    fn render(reports: &[FileReport], errors: &[InputError]) -> Value {
        let mut out = Vec::new();
        write_json(&mut out, reports, errors).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn records_in_characters_with_exclusive_ends() {
        let text = "FROM ubuntu\nLABEL a=\"ünï\" \\\n  b=1\n";
        let source = SourceFile::new("b/Dockerfile", text);
        let mut multi_line = diagnostic(text, "a=", Severity::Info);
        multi_line.span = Span::new(text.find("a=").unwrap(), text.find("=1").unwrap());
        let report = FileReport {
            diagnostics: vec![multi_line, diagnostic(text, "ünï", Severity::Error)],
            source,
        };
        let errors = [InputError::new(
            "a/Dockerfile",
            "file is binary (NUL byte at offset 3)",
        )];

        let expected = json!({
            "diagnostics": [
                {
                    "path": "b/Dockerfile", "line": 2, "column": 7, "end_line": 3, "end_column": 4,
                    "code": "DL3008", "name": "apt-get-unpinned", "severity": "info",
                    "message": "Pin `a=`", "help": "Use `curl=<version>`"
                },
                {
                    "path": "b/Dockerfile", "line": 2, "column": 10, "end_line": 2,
                    "end_column": 13, "code": "DL3008", "name": "apt-get-unpinned",
                    "severity": "error", "message": "Pin `ünï`", "help": "Use `curl=<version>`"
                }
            ],
            "errors": [
                { "path": "a/Dockerfile", "message": "file is binary (NUL byte at offset 3)" }
            ]
        });
        assert_eq!(render(&[report], &errors), expected);
    }

    #[test]
    fn json_lines_are_records_then_errors() {
        let text = "FROM ubuntu\nRUN apt-get install curl\n";
        let report = FileReport {
            diagnostics: vec![diagnostic(text, "curl", Severity::Warning)],
            source: SourceFile::new("Dockerfile", text),
        };
        let errors = [InputError::new("gone", "no such file")];
        let mut out = Vec::new();
        write_json_lines(&mut out, &[report], &errors).unwrap();
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            (&lines[0]["code"], &lines[0]["line"]),
            (&json!("DL3008"), &json!(2))
        );
        assert_eq!(lines[1], json!({ "path": "gone", "error": "no such file" }));
    }

    #[test]
    fn nothing_found_is_two_empty_lists() {
        let source = SourceFile::new("Dockerfile", "");
        let report = FileReport {
            source,
            diagnostics: Vec::new(),
        };
        assert_eq!(
            render(&[report], &[]),
            json!({ "diagnostics": [], "errors": [] })
        );
    }
}
