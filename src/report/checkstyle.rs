//! Checkstyle XML, which Jenkins' warnings-ng, SonarQube importers and reviewdog read.
//!
//! One `<file>` per file with findings, one `<error>` per finding: the 1-based line and column
//! of its start, a Checkstyle severity (`error`, `warning`, `info`; style is `info`), the
//! message and the rule's code as `source`. Input errors go to standard error, as in the text
//! formats, since Checkstyle has no place for a file that could not be read.

use std::io::{self, Write};

use super::FileReport;
use super::xml::escape;
use crate::diagnostic::Severity;

pub fn write_checkstyle(w: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<checkstyle version="4.3">"#)?;
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let source = &report.source;
        writeln!(w, r#"  <file name="{}">"#, escape(&source.path))?;
        for diagnostic in report.sorted() {
            let start = source.position(diagnostic.span.start);
            writeln!(
                w,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{}"/>"#,
                start.line,
                start.column,
                severity(diagnostic.severity),
                escape(&diagnostic.message),
                escape(&diagnostic.code)
            )?;
        }
        writeln!(w, "  </file>")?;
    }
    writeln!(w, "</checkstyle>")
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "info",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::diagnostic;
    use crate::source::SourceFile;

    #[test]
    fn one_file_element_per_file_with_findings() {
        let text = "FROM a\nRUN apt-get install <curl>\n";
        let dirty = FileReport {
            source: SourceFile::new("a&b/Dockerfile", text),
            diagnostics: vec![diagnostic(text, "<curl>", Severity::Style)],
        };
        let clean = FileReport {
            source: SourceFile::new("clean/Dockerfile", "FROM a:1\n"),
            diagnostics: Vec::new(),
        };
        let mut out = Vec::new();
        write_checkstyle(&mut out, &[dirty, clean]).unwrap();

        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3">
  <file name="a&amp;b/Dockerfile">
    <error line="2" column="21" severity="info" message="Pin `&lt;curl&gt;`" source="DL3008"/>
  </file>
</checkstyle>
"#;
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
