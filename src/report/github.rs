//! GitHub Actions workflow commands: one annotation a finding, then a summary line.
//!
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, escaped as GitHub's
//! toolkit escapes them: properties have `%`, CR, LF, `:` and `,` percent-encoded, the message
//! only `%`, CR and LF. GitHub shows only the first few annotations of each level in a step, so
//! the summary line says how many there are and how to see them all.

use std::io::{self, Write};

use super::paths::{ProjectRoot, by_project_path};
use super::{FileReport, Summary};
use crate::diagnostic::Severity;
use crate::input::InputError;

/// Writes an annotation for every diagnostic and every input error, then the summary.
pub fn write_github(
    w: &mut impl Write,
    reports: &[FileReport],
    errors: &[InputError],
    root: &ProjectRoot,
) -> io::Result<()> {
    for (path, error) in by_project_path(errors, root) {
        let message = escape_data(&format!("{}: {}", path.as_str(), error.message));
        let file = escape_property(path.as_str());
        writeln!(w, "::error file={file},title=shiplint::{message}")?;
    }
    for (path, report) in by_project_path(reports, root) {
        let source = &report.source;
        let file = escape_property(path.as_str());
        for diagnostic in report.sorted() {
            let start = source.position(diagnostic.span.start);
            let end = source.position(diagnostic.span.end);
            let title = format!("{} ({})", diagnostic.code, diagnostic.name);
            let message = match &diagnostic.help {
                Some(help) => format!("{}\n{help}", diagnostic.message),
                None => diagnostic.message.clone(),
            };
            writeln!(
                w,
                "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                command(diagnostic.severity),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&title),
                escape_data(&message)
            )?;
        }
    }
    summary(w, reports, errors)
}

fn summary(w: &mut impl Write, reports: &[FileReport], errors: &[InputError]) -> io::Result<()> {
    let summary = Summary::of(reports);
    let unread = match errors.len() {
        0 => String::new(),
        n => format!("; {} could not be linted", super::plural(n, "file")),
    };
    let hint = match summary.problems() {
        0 => "",
        _ => {
            " (GitHub shows only the first annotations of each step; `--format concise` lists all)"
        }
    };
    writeln!(w, "shiplint: {summary}{unread}{hint}")
}

/// Errors are `error`, warnings `warning`, info and style `notice`.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "notice",
    }
}

/// A message: `%`, CR and LF encoded.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: the message's escapes, and `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::diagnostic;
    use crate::source::SourceFile;

    fn render(reports: &[FileReport], errors: &[InputError]) -> String {
        let root = ProjectRoot::at("/repo", "/repo/sub");
        let mut out = Vec::new();
        write_github(&mut out, reports, errors, &root).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn annotations_escape_properties_and_messages() {
        let text = "FROM a\nRUN echo ü && apt-get install curl\n";
        let mut finding = diagnostic(text, "curl", Severity::Info);
        finding.message = "100% sure: a, b\r\nc".into();
        let report = FileReport {
            source: SourceFile::new("../x,y:z/Dockerfile", text),
            diagnostics: vec![finding],
        };
        let errors = [InputError::new("../gone", "no such file")];

        let expected = "\
::error file=gone,title=shiplint::gone: no such file
::notice file=x%2Cy%3Az/Dockerfile,line=2,col=31,endLine=2,endColumn=35,\
title=DL3008 (apt-get-unpinned)::100%25 sure: a, b%0D%0Ac%0AUse `curl=<version>`
shiplint: found 1 problem (1 info) in 1 file; 1 file could not be linted \
(GitHub shows only the first annotations of each step; `--format concise` lists all)
";
        assert_eq!(render(&[report], &errors), expected);
    }

    #[test]
    fn a_clean_run_is_one_summary_line() {
        let report = FileReport {
            source: SourceFile::new("Dockerfile", "FROM a:1\n"),
            diagnostics: Vec::new(),
        };
        assert_eq!(
            render(&[report], &[]),
            "shiplint: no problems found in 1 file\n"
        );
    }
}
