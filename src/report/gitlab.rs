//! GitLab Code Quality: a JSON array of issues for `artifacts:reports:codequality`.
//!
//! Each issue has a description (the code first, since GitLab's widget does not show
//! `check_name`), the rule's code as `check_name`, a severity on GitLab's scale, the path from
//! the project root and the lines. GitLab shows one issue per fingerprint, so fingerprints are
//! unique in the report, and they contain no line number, so they stay the same when lines
//! above the finding are added or removed.

use std::collections::HashSet;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::FileReport;
use super::fingerprint::fingerprints;
use super::paths::{ProjectRoot, by_project_path};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, catalog};

/// Writes every diagnostic as one Code Quality issue.
pub fn write_gitlab(
    w: &mut impl Write,
    reports: &[FileReport],
    root: &ProjectRoot,
) -> io::Result<()> {
    let mut issues = Vec::new();
    let mut taken = HashSet::new();
    for (path, report) in by_project_path(reports, root) {
        let prints = fingerprints(report, path.as_str());
        for (diagnostic, print) in report.sorted().into_iter().zip(prints) {
            let fingerprint = (0..)
                .map(|salt| print.salted(salt))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
            taken.insert(fingerprint.clone());
            issues.push(issue(report, diagnostic, path.as_str(), fingerprint));
        }
    }
    serde_json::to_writer_pretty(&mut *w, &issues)?;
    writeln!(w)
}

fn issue(report: &FileReport, diagnostic: &Diagnostic, path: &str, fingerprint: String) -> Value {
    let begin = report.source.position(diagnostic.span.start).line;
    let end = report.source.position(diagnostic.span.end).line;
    json!({
        "type": "issue",
        "description": format!("{}: {}", diagnostic.code, diagnostic.message),
        "check_name": diagnostic.code,
        "categories": [category(&diagnostic.code)],
        "severity": severity(diagnostic.severity),
        "fingerprint": fingerprint,
        "location": { "path": path, "lines": { "begin": begin, "end": end.max(begin) } },
    })
}

/// GitLab's scale: `info`, `minor`, `major`, `critical`, `blocker`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info | Severity::Style => "info",
    }
}

/// The Code Climate category of a rule; rules without a document are style findings.
fn category(code: &str) -> &'static str {
    let Some(doc) = catalog::doc(code) else {
        return "Style";
    };
    match doc.meta.category {
        Category::Security => "Security",
        Category::Correctness | Category::Reproducibility => "Bug Risk",
        Category::BestPractice => "Performance",
        Category::Style => "Style",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::diagnostic;
    use crate::source::SourceFile;

    fn render(reports: &[FileReport]) -> Value {
        let root = ProjectRoot::at("/repo", "/repo/sub");
        let mut out = Vec::new();
        write_gitlab(&mut out, reports, &root).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    fn report(text: &str, needles: &[&str]) -> FileReport {
        FileReport {
            source: SourceFile::new("../Dockerfile", text),
            diagnostics: needles
                .iter()
                .map(|n| diagnostic(text, n, Severity::Warning))
                .collect(),
        }
    }

    #[test]
    fn issues_have_the_code_project_path_and_lines() {
        let issues = render(&[report("FROM a\nRUN apt-get install curl\n", &["curl"])]);
        let issue = &issues[0];
        assert_eq!(issue["description"], "DL3008: Pin `curl`");
        assert_eq!(issue["check_name"], "DL3008");
        assert_eq!(issue["severity"], "minor");
        assert_eq!(issue["categories"], json!(["Bug Risk"]));
        assert_eq!(
            issue["location"],
            json!({ "path": "Dockerfile", "lines": { "begin": 2, "end": 2 } })
        );
    }

    #[test]
    fn fingerprints_are_unique_and_survive_lines_above() {
        let text = "FROM a\nRUN apt-get install curl\nRUN apt-get install curl\n";
        let mut twice = report(text, &["curl"]);
        let mut second = twice.diagnostics[0].clone();
        second.span = crate::source::Span::new(text.rfind("curl").unwrap(), text.len() - 1);
        twice.diagnostics.push(second);
        let before = render(&[twice.clone()]);
        assert_ne!(before[0]["fingerprint"], before[1]["fingerprint"]);

        let shifted = format!("# a comment\n{text}");
        let shift = "# a comment\n".len();
        twice.source = SourceFile::new("../Dockerfile", shifted);
        for d in &mut twice.diagnostics {
            d.span = crate::source::Span::new(d.span.start + shift, d.span.end + shift);
        }
        let after = render(&[twice]);
        assert_eq!(before[0]["fingerprint"], after[0]["fingerprint"]);
        assert_eq!(before[1]["fingerprint"], after[1]["fingerprint"]);
        assert_eq!(after[0]["location"]["lines"]["begin"], 3);
    }

    #[test]
    fn a_clean_run_is_an_empty_array() {
        assert_eq!(render(&[]), json!([]));
    }
}
