//! One line a diagnostic, `path:line:col: severity[CODE] message`, for editors and grep.

use std::io::{self, Write};

use super::FileReport;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Writes every diagnostic of every report on a line of its own.
pub fn write_concise(w: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for diagnostic in report.sorted() {
            writeln!(w, "{}", line(&report.source, diagnostic))?;
        }
    }
    Ok(())
}

/// `path:line:col: severity[CODE] message`.
pub(super) fn line(source: &SourceFile, diagnostic: &Diagnostic) -> String {
    let start = source.position(diagnostic.span.start);
    format!(
        "{}:{}:{}: {}[{}] {}",
        source.path,
        start.line,
        start.column,
        diagnostic.severity,
        diagnostic.code,
        diagnostic.message
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::report::tests::diagnostic;
    use crate::source::SourceFile;

    #[test]
    fn one_line_per_diagnostic_with_character_columns() {
        let text = "FROM ubuntu\nLABEL a=\"ünï\" b=1\nRUN apt-get install curl\n";
        let source = SourceFile::new("dir/Dockerfile", text);
        let report = FileReport {
            diagnostics: vec![
                diagnostic(text, "curl", Severity::Warning),
                diagnostic(text, "b=1", Severity::Style),
            ],
            source,
        };
        let mut out = Vec::new();
        write_concise(&mut out, &[report]).unwrap();

        let expected = "\
dir/Dockerfile:2:15: style[DL3008] Pin `b=1`
dir/Dockerfile:3:21: warning[DL3008] Pin `curl`
";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
