//! The human format: rustc's and cargo's look, drawn by annotate-snippets.
//!
//! Each diagnostic shows its title with the code, the path and position, the source lines it
//! covers with the span underlined and its labels beside, and the help line. A summary line
//! closes the output. Colour is the caller's choice; the text is the same either way.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet, normalize_untrusted_str};

use super::{FileReport, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Span, floor_char_boundary};

/// Writes every diagnostic as a framed snippet, then the summary line.
pub fn write_pretty(w: &mut impl Write, reports: &[FileReport], color: bool) -> io::Result<()> {
    let renderer = match color {
        true => Renderer::styled(),
        false => Renderer::plain(),
    };
    for report in reports {
        for diagnostic in report.sorted() {
            let rendered = renderer.render(&[group(&report.source, diagnostic)]);
            writeln!(w, "{rendered}\n")?;
        }
    }
    writeln!(w, "{}", Summary::of(reports))
}

fn group<'a>(source: &'a SourceFile, diagnostic: &'a Diagnostic) -> Group<'a> {
    let title = level(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code.as_ref());
    let group = title.element(snippet(source, diagnostic));

    let group = match &diagnostic.help {
        Some(help) => group.element(Level::HELP.message(normalize_untrusted_str(help))),
        None => group,
    };
    match crate::rules::catalog::lookup(&diagnostic.code) {
        Some(rule) => group.element(Level::NOTE.message(format!("see {}", rule.url()))),
        None => group,
    }
}

/// The severities by the names users read in the other formats.
fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Style => Level::NOTE.with_name("style"),
    }
}

/// Only the lines the spans touch, so that a finding in a large file renders in time
/// proportional to those lines.
fn snippet<'a>(
    source: &'a SourceFile,
    diagnostic: &'a Diagnostic,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let spans = std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.0));
    let window = lines_around(source, spans);
    let shift = |span: Span| {
        let span = clamp(source, span);
        span.start - window.start..span.end - window.start
    };

    let primary = AnnotationKind::Primary.span(shift(diagnostic.span));
    let labels = diagnostic.labels.iter().map(|(span, label)| {
        AnnotationKind::Context
            .span(shift(*span))
            .label(label.as_str())
    });
    Snippet::source(&source.text[window.range()])
        .line_start(source.position(window.start).line)
        .path(source.path.as_str())
        .annotation(primary)
        .annotations(labels)
}

/// From the start of the first line any span touches to the end of the last, without the
/// final line break.
fn lines_around(source: &SourceFile, spans: impl Iterator<Item = Span>) -> Span {
    let cover = spans
        .map(|span| clamp(source, span))
        .reduce(Span::cover)
        .unwrap_or_default();
    let lines = &source.lines;
    let start = lines.line_start(lines.line_of(cover.start));
    let end = source.text[cover.end..]
        .find('\n')
        .map_or(source.text.len(), |i| cover.end + i);
    Span::new(start, end.max(cover.end))
}

/// A span inside the text and on character boundaries, whatever a rule reported.
fn clamp(source: &SourceFile, span: Span) -> Span {
    let text = &source.text;
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::diagnostic;

    fn render(source: &SourceFile, diagnostics: Vec<Diagnostic>) -> String {
        let report = FileReport {
            source: source.clone(),
            diagnostics,
        };
        let mut out = Vec::new();
        write_pretty(&mut out, &[report], false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn frames_the_span_with_labels_and_help() {
        let text = "FROM ubuntu:22.04\nWORKDIR /app\nRUN apt-get install -y curl\n";
        let source = SourceFile::new("Dockerfile", text);
        let from = text.find("ubuntu").unwrap();
        let finding = diagnostic(text, "curl", Severity::Warning)
            .with_label(Span::new(from, from + 12), "base image defined here");

        let expected = "\
warning[DL3008]: Pin `curl`
 --> Dockerfile:3:24
  |
1 | FROM ubuntu:22.04
  |      ------------ base image defined here
2 | WORKDIR /app
3 | RUN apt-get install -y curl
  |                        ^^^^
  |
  = help: Use `curl=<version>`
  = note: see https://github.com/shiplint/shiplint/blob/main/rules/DL3008.md

found 1 problem (1 warning) in 1 file
";
        assert_eq!(render(&source, vec![finding]), expected);
    }

    #[test]
    fn colour_is_the_callers_choice() {
        let source = SourceFile::new("Dockerfile", "FROM a\n");
        let report = FileReport {
            diagnostics: vec![diagnostic(&source.text, "a", Severity::Error)],
            source,
        };
        let mut out = Vec::new();
        write_pretty(&mut out, &[report], true).unwrap();
        assert!(out.contains(&0x1b));
    }

    #[test]
    fn style_findings_keep_their_name() {
        let source = SourceFile::new("Dockerfile", "FROM a\n");
        let finding = diagnostic(&source.text, "a", Severity::Style);
        assert!(render(&source, vec![finding]).starts_with("style[DL3008]: Pin `a`\n"));
    }

    #[test]
    fn spans_past_the_end_do_not_panic() {
        let source = SourceFile::new("Dockerfile", "FROM ü");
        let mut finding = diagnostic(&source.text, "ü", Severity::Error);
        finding.span = Span::new(6, 40);
        assert!(render(&source, vec![finding]).contains("Dockerfile:1:6"));
    }
}
