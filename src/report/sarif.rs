//! SARIF 2.1.0 for GitHub code scanning and editors' SARIF viewers.
//!
//! One run with every rule as a `reportingDescriptor` (from `rules/*.md`), then one result per
//! finding with a repository-relative location, a UTF-16 region on one line and a fingerprint
//! that survives edits elsewhere. GitHub's requirements are the guide: `results` present even
//! when empty, at most 25,000 results per run (the most severe are kept, and a notification
//! says how many were left out), `automationDetails.id` for the upload's category. SARIF has
//! one `note` level for info and style, so `properties.severity` tells them apart.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde_json::{Value, json};

use super::FileReport;
use super::fingerprint::fingerprints;
use super::paths::{Located, ProjectRoot, by_project_path, percent_encode};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::InputError;
use crate::rules::Category;
use crate::rules::catalog::{self, DOCS, RuleDoc};
use crate::source::{SourceFile, Span};

/// GitHub code scanning rejects a run with more results than this.
pub const MAX_RESULTS: usize = 25_000;

/// GitHub cuts descriptions longer than this.
const MAX_DESCRIPTION: usize = 1024;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

/// What a SARIF log needs beyond the findings.
#[derive(Clone, Debug)]
pub struct SarifOptions<'a> {
    pub root: &'a ProjectRoot,
    /// The upload's category, `automationDetails.id` being `<category>/`.
    pub category: Option<&'a str>,
}

/// Writes one SARIF log with one run.
pub fn write_sarif(
    w: &mut impl Write,
    reports: &[FileReport],
    errors: &[InputError],
    options: &SarifOptions,
) -> io::Result<()> {
    let rules = Rules::of(reports);
    let mut findings = findings(reports, options.root);
    let dropped = keep_most_severe(&mut findings);
    let results: Vec<Value> = findings.iter().map(|f| f.result(&rules)).collect();

    let mut run = json!({
        "tool": { "driver": driver(&rules) },
        "invocations": [invocation(errors, dropped, options.root)],
        "originalUriBaseIds": { SRCROOT: { "uri": options.root.uri() } },
        "columnKind": "utf16CodeUnits",
        "results": results,
    });
    if let Some(category) = options.category {
        run["automationDetails"] = json!({ "id": automation_id(category) });
    }
    let log = json!({ "$schema": SCHEMA, "version": "2.1.0", "runs": [run] });
    serde_json::to_writer_pretty(&mut *w, &log)?;
    writeln!(w)
}

/// The rules of the run: every built-in rule, then the codes that only findings name
/// (ShellCheck's and user rules), each once, in a stable order.
struct Rules<'a> {
    /// Codes without a document, with the first finding that names each.
    other: BTreeMap<&'a str, &'a Diagnostic>,
    /// Each code's index in the `rules` array.
    index: HashMap<&'a str, usize>,
}

impl<'a> Rules<'a> {
    fn of(reports: &'a [FileReport]) -> Rules<'a> {
        let mut other = BTreeMap::new();
        for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
            if catalog::doc(&diagnostic.code).is_none() {
                other.entry(diagnostic.code.as_ref()).or_insert(diagnostic);
            }
        }
        let codes = DOCS
            .iter()
            .map(|doc| doc.meta.code)
            .chain(other.keys().copied());
        let index = codes.enumerate().map(|(at, code)| (code, at)).collect();
        Rules { other, index }
    }

    fn descriptors(&self) -> Vec<Value> {
        let builtin = DOCS.iter().map(builtin_descriptor);
        let other = self.other.values().map(|d| other_descriptor(d));
        builtin.chain(other).collect()
    }
}

fn driver(rules: &Rules) -> Value {
    json!({
        "name": "shiplint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_HOMEPAGE"),
        "rules": rules.descriptors(),
    })
}

fn builtin_descriptor(doc: &RuleDoc) -> Value {
    let meta = &doc.meta;
    let what = doc.section("What it does").unwrap_or_default();
    let mut properties = json!({
        "tags": tags(doc),
        "precision": "high",
        "problem.severity": problem_severity(meta.severity),
    });
    if meta.category == Category::Security {
        properties["security-severity"] = json!(security_severity(meta.severity));
    }
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": truncate(&doc.summary()) },
        "fullDescription": { "text": truncate(&one_paragraph_per_line(what)) },
        "help": { "text": doc.body.trim(), "markdown": doc.body.trim() },
        "helpUri": doc.url(),
        "defaultConfiguration": { "level": level(meta.severity), "enabled": meta.enabled },
        "properties": properties,
    })
}

/// A ShellCheck code or a user rule, described by what its first finding says.
fn other_descriptor(diagnostic: &Diagnostic) -> Value {
    let code = diagnostic.code.as_ref();
    let shellcheck = catalog::is_external(code);
    let (description, help_uri) = match shellcheck {
        true => (
            format!("ShellCheck {code}"),
            Some(format!("{}{code}", catalog::SHELLCHECK_WIKI_URL)),
        ),
        false => (format!("User rule `{}`", diagnostic.name), None),
    };
    let help = diagnostic
        .help
        .clone()
        .unwrap_or_else(|| description.clone());
    let mut descriptor = json!({
        "id": code,
        "shortDescription": { "text": truncate(&description) },
        "fullDescription": { "text": truncate(&diagnostic.message) },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(diagnostic.severity) },
        "properties": {
            "tags": [if shellcheck { "shellcheck" } else { "user-rule" }],
            "precision": "high",
            "problem.severity": problem_severity(diagnostic.severity),
        },
    });
    if !diagnostic.name.is_empty() && !shellcheck {
        descriptor["name"] = json!(diagnostic.name);
    }
    if let Some(uri) = help_uri {
        descriptor["helpUri"] = json!(uri);
    }
    descriptor
}

/// The rule's kinds of file and category, and `security` for security rules, which GitHub
/// files under its security view.
fn tags(doc: &RuleDoc) -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = doc.targets.to_vec();
    tags.push(doc.meta.category.as_str());
    tags
}

/// SARIF's level; info and style are both `note`.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

/// GitHub's `problem.severity` for rules that are not security rules.
fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "recommendation",
    }
}

/// GitHub's score for a security rule, from its default severity: an error is high, a
/// warning medium, info and style low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "8.0",
        Severity::Warning => "5.5",
        Severity::Info => "3.0",
        Severity::Style => "1.0",
    }
}

/// A finding with what its result needs.
struct Finding<'a> {
    source: &'a SourceFile,
    diagnostic: &'a Diagnostic,
    location: Located,
    line_hash: String,
}

fn findings<'a>(reports: &'a [FileReport], root: &ProjectRoot) -> Vec<Finding<'a>> {
    let mut findings = Vec::new();
    for (location, report) in by_project_path(reports, root) {
        let prints = fingerprints(report, location.as_str());
        for (diagnostic, print) in report.sorted().into_iter().zip(prints) {
            findings.push(Finding {
                source: &report.source,
                diagnostic,
                location: location.clone(),
                line_hash: print.line_hash(),
            });
        }
    }
    findings
}

/// Keeps the [`MAX_RESULTS`] most severe findings, in their order, and says how many went.
fn keep_most_severe(findings: &mut Vec<Finding>) -> usize {
    let dropped = findings.len().saturating_sub(MAX_RESULTS);
    if dropped == 0 {
        return 0;
    }
    let mut by_severity: Vec<usize> = (0..findings.len()).collect();
    by_severity.sort_by_key(|&i| std::cmp::Reverse(findings[i].diagnostic.severity));
    let mut keep = vec![false; findings.len()];
    for &i in &by_severity[..MAX_RESULTS] {
        keep[i] = true;
    }
    let mut keep = keep.into_iter();
    findings.retain(|_| keep.next().unwrap_or(false));
    dropped
}

impl Finding<'_> {
    fn result(&self, rules: &Rules) -> Value {
        let diagnostic = self.diagnostic;
        let mut properties = json!({ "severity": diagnostic.severity.as_str() });
        if let Some(help) = &diagnostic.help {
            properties["help"] = json!(help);
        }
        let mut result = json!({
            "ruleId": diagnostic.code,
            "level": level(diagnostic.severity),
            "message": { "text": diagnostic.message },
            "locations": [self.physical(diagnostic.span)],
            "partialFingerprints": { "primaryLocationLineHash": self.line_hash },
            "properties": properties,
        });
        if let Some(index) = rules.index.get(diagnostic.code.as_ref()) {
            result["ruleIndex"] = json!(index);
        }
        if !diagnostic.labels.is_empty() {
            result["relatedLocations"] = self.related();
        }
        result
    }

    fn physical(&self, span: Span) -> Value {
        json!({
            "physicalLocation": {
                "artifactLocation": artifact(&self.location),
                "region": region(self.source, span),
            }
        })
    }

    fn related(&self) -> Value {
        let related: Vec<Value> = self
            .diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(id, (span, label))| {
                let mut location = self.physical(*span);
                location["id"] = json!(id + 1);
                location["message"] = json!({ "text": label });
                location
            })
            .collect();
        json!(related)
    }
}

/// A file inside the root is relative to `%SRCROOT%`; one outside it is an absolute URI.
fn artifact(location: &Located) -> Value {
    match location {
        Located::Inside(path) => json!({ "uri": percent_encode(path), "uriBaseId": SRCROOT }),
        Located::Outside(path) if path == "-" => json!({ "uri": "-" }),
        Located::Outside(path) => {
            let lead = if path.starts_with('/') { "" } else { "/" };
            json!({ "uri": format!("file://{lead}{}", percent_encode(path)) })
        }
    }
}

/// The span as a region in UTF-16 columns with an exclusive end, on the span's first line: a
/// span that goes on to later lines stops at the end of its first one, so that code scanning
/// shows the finding on a pull request that changed that line. An empty span covers the
/// character after it, where there is one.
fn region(source: &SourceFile, span: Span) -> Value {
    let text = &source.text;
    let start = span.start.min(text.len());
    let line = source.lines.line_of(start);
    let line_end = text[start..]
        .find(['\r', '\n'])
        .map_or(text.len(), |at| start + at);
    let mut end = span.end.clamp(start, line_end);
    if end == start {
        end = text[start..line_end]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
    }
    json!({
        "startLine": line + 1,
        "startColumn": source.lines.utf16_column(text, start),
        "endLine": line + 1,
        "endColumn": source.lines.utf16_column(text, end),
    })
}

fn invocation(errors: &[InputError], dropped: usize, root: &ProjectRoot) -> Value {
    let mut notifications: Vec<Value> = by_project_path(errors, root)
        .into_iter()
        .map(|(location, error)| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", location.as_str(), error.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(&location) } }],
            })
        })
        .collect();
    if dropped > 0 {
        let text = format!(
            "{} left out: GitHub code scanning takes at most {MAX_RESULTS} per run, and the \
             most severe were kept",
            super::plural(dropped, "result")
        );
        notifications.push(json!({ "level": "warning", "message": { "text": text } }));
    }
    json!({
        "executionSuccessful": errors.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

/// `<category>/`: GitHub takes what comes before the last `/` as the category.
fn automation_id(category: &str) -> String {
    match category.ends_with('/') {
        true => category.to_owned(),
        false => format!("{category}/"),
    }
}

/// The paragraphs of a Markdown section, each on one line.
fn one_paragraph_per_line(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

/// At most [`MAX_DESCRIPTION`] bytes, cut at a character boundary with `…`.
fn truncate(text: &str) -> String {
    if text.len() <= MAX_DESCRIPTION {
        return text.to_owned();
    }
    let cut = crate::source::floor_char_boundary(text, MAX_DESCRIPTION - '…'.len_utf8());
    format!("{}…", &text[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::diagnostic;

    fn render(reports: &[FileReport], errors: &[InputError], category: Option<&str>) -> Value {
        let root = ProjectRoot::at("/repo", "/repo/sub");
        let options = SarifOptions {
            root: &root,
            category,
        };
        let mut out = Vec::new();
        write_sarif(&mut out, reports, errors, &options).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    fn report(path: &str, text: &str, needles: &[(&str, Severity)]) -> FileReport {
        let diagnostics = needles
            .iter()
            .map(|(needle, severity)| diagnostic(text, needle, *severity))
            .collect();
        FileReport {
            source: SourceFile::new(path, text),
            diagnostics,
        }
    }

    #[test]
    fn results_have_relative_uris_and_utf16_regions() {
        let text = "FROM a\nRUN echo 😀 && apt-get install curl\n";
        let reports = [report("../Dockerfile", text, &[("curl", Severity::Style)])];
        let log = render(&reports, &[], Some("dockerfiles"));
        let run = &log["runs"][0];
        let result = &run["results"][0];

        assert_eq!(result["ruleId"], "DL3008");
        assert_eq!(result["level"], "note");
        assert_eq!(result["properties"]["severity"], "style");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "Dockerfile");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = json!({ "startLine": 2, "startColumn": 32, "endLine": 2, "endColumn": 36 });
        assert_eq!(location["region"], region);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "DL3008");
        assert_eq!(run["automationDetails"]["id"], "dockerfiles/");
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///repo/"
        );
    }

    #[test]
    fn a_span_over_lines_is_cut_at_its_first_line_end() {
        let text = "FROM a\nRUN apt-get install \\\n  curl\n";
        let mut report = report("Dockerfile", text, &[("RUN", Severity::Warning)]);
        report.diagnostics[0].span = Span::new(7, text.len());
        let log = render(&[report], &[], None);
        let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            *region,
            json!({ "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 22 })
        );
        assert!(log["runs"][0].get("automationDetails").is_none());
    }

    #[test]
    fn clean_runs_have_an_empty_results_array_and_every_rule() {
        let log = render(&[], &[InputError::new("../gone", "no such file")], None);
        let run = &log["runs"][0];
        assert_eq!(run["results"], json!([]));
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            DOCS.len()
        );
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notification = &invocation["toolExecutionNotifications"][0];
        assert_eq!(notification["message"]["text"], "gone: no such file");
        let uri = &notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert_eq!(uri, "gone");
    }

    #[test]
    fn over_the_limit_the_most_severe_are_kept() {
        let text = "FROM a\n";
        let mut many = report("Dockerfile", text, &[("a", Severity::Error)]);
        let style = diagnostic(text, "FROM", Severity::Style);
        many.diagnostics = vec![style; MAX_RESULTS];
        many.diagnostics
            .push(diagnostic(text, "a", Severity::Error));

        let log = render(&[many], &[], None);
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), MAX_RESULTS);
        assert!(results.iter().any(|r| r["level"] == "error"));
        let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
        assert!(
            notes[0]["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with("1 result left out")
        );
    }

    #[test]
    fn shellcheck_codes_get_a_descriptor() {
        let text = "FROM a\nRUN echo $x\n";
        let mut report = report("Dockerfile", text, &[("$x", Severity::Info)]);
        report.diagnostics[0].code = "SC2086".into();
        let log = render(&[report], &[], None);
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        let last = rules.last().unwrap();
        assert_eq!(last["id"], "SC2086");
        assert_eq!(last["helpUri"], "https://www.shellcheck.net/wiki/SC2086");
        assert_eq!(log["runs"][0]["results"][0]["ruleIndex"], rules.len() - 1);
    }
}
