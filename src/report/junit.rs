//! JUnit XML for CI test-report tabs (GitLab's `reports:junit`, Jenkins, Azure Pipelines).
//!
//! One `<testsuite>` per linted file. A finding is a failed `<testcase>` named by its rule; a
//! clean file is one passing test case, so the tab shows what was checked; a file that could
//! not be linted is a test case with an `<error>`. A run with no files is an empty, valid
//! `<testsuites>`.

use std::io::{self, Write};

use super::FileReport;
use super::xml::escape;
use crate::input::InputError;

pub fn write_junit(
    w: &mut impl Write,
    reports: &[FileReport],
    errors: &[InputError],
) -> io::Result<()> {
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let clean = reports.iter().filter(|r| r.diagnostics.is_empty()).count();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="shiplint" tests="{}" failures="{failures}" errors="{}">"#,
        failures + clean + errors.len(),
        errors.len()
    )?;
    for report in reports {
        write_suite(w, report)?;
    }
    for error in errors {
        let path = escape(&error.path);
        writeln!(
            w,
            r#"  <testsuite name="{path}" tests="1" failures="0" errors="1">"#
        )?;
        writeln!(
            w,
            r#"    <testcase name="read" classname="{path}" file="{path}">"#
        )?;
        writeln!(w, r#"      <error message="{}"/>"#, escape(&error.message))?;
        writeln!(w, "    </testcase>\n  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}

fn write_suite(w: &mut impl Write, report: &FileReport) -> io::Result<()> {
    let source = &report.source;
    let path = escape(&source.path);
    let count = report.diagnostics.len();
    writeln!(
        w,
        r#"  <testsuite name="{path}" tests="{}" failures="{count}" errors="0">"#,
        count.max(1)
    )?;
    if count == 0 {
        writeln!(
            w,
            r#"    <testcase name="shiplint" classname="{path}" file="{path}"/>"#
        )?;
    }
    for diagnostic in report.sorted() {
        let start = source.position(diagnostic.span.start);
        let name = format!("{} {}", diagnostic.code, diagnostic.name);
        writeln!(
            w,
            r#"    <testcase name="{}" classname="{path}" file="{path}" line="{}">"#,
            escape(&name),
            start.line
        )?;
        let detail = super::concise::line(source, diagnostic);
        writeln!(
            w,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            diagnostic.severity,
            escape(&diagnostic.message),
            escape(&detail)
        )?;
        writeln!(w, "    </testcase>")?;
    }
    writeln!(w, "  </testsuite>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::report::tests::diagnostic;
    use crate::source::SourceFile;

    #[test]
    fn failures_passes_and_errors() {
        let text = "FROM a\nRUN apt-get install curl\n";
        let dirty = FileReport {
            source: SourceFile::new("Dockerfile", text),
            diagnostics: vec![diagnostic(text, "curl", Severity::Warning)],
        };
        let clean = FileReport {
            source: SourceFile::new("ok/Dockerfile", "FROM a:1\n"),
            diagnostics: Vec::new(),
        };
        let errors = [InputError::new(
            "bin/Dockerfile",
            "file is binary (NUL byte at offset 3)",
        )];
        let mut out = Vec::new();
        write_junit(&mut out, &[dirty, clean], &errors).unwrap();

        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="shiplint" tests="3" failures="1" errors="1">
  <testsuite name="Dockerfile" tests="1" failures="1" errors="0">
    <testcase name="DL3008 apt-get-unpinned" classname="Dockerfile" file="Dockerfile" line="2">
      <failure type="warning" message="Pin `curl`">Dockerfile:2:21: warning[DL3008] Pin `curl`</failure>
    </testcase>
  </testsuite>
  <testsuite name="ok/Dockerfile" tests="1" failures="0" errors="0">
    <testcase name="shiplint" classname="ok/Dockerfile" file="ok/Dockerfile"/>
  </testsuite>
  <testsuite name="bin/Dockerfile" tests="1" failures="0" errors="1">
    <testcase name="read" classname="bin/Dockerfile" file="bin/Dockerfile">
      <error message="file is binary (NUL byte at offset 3)"/>
    </testcase>
  </testsuite>
</testsuites>
"#;
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
