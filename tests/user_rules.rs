//! User-defined rules. Every `testdata/user-rules/<set>.toml` holds `[[rules]]` tables, and
//! every `testdata/user-rules/<set>/<case>/` file (`Dockerfile`, `compose.yaml` or
//! `manifest.yaml`) is linted with that set's rules: the
//! findings must be exactly those in `expected.txt` beside it, one
//! `line:column-end_line:end_column severity[CODE] message` line each, then its help line.
//! `SHIPLINT_BLESS=1 cargo test` rewrites the expected files; review the diff before
//! committing it. `curl-insecure.toml` and `untrusted-registry.toml` are the README's worked
//! examples.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use shiplint::config::Config;
use shiplint::report::{FileReport, write_concise, write_json, write_pretty};
use shiplint::rules::user::{Matcher, Target, UserRule};
use shiplint::{FileKind, Settings, Severity, SourceFile, check_source};

/// A valid rule; each bad case below changes one key of it.
const BASE: &str = r#"
code = "ORG001"
name = "curl-insecure"
severity = "error"
message = "Do not use `{match}`"
target = "dockerfile"
match = { command = "curl", args = "--insecure" }
"#;

/// The cases of `testdata/user-rules/invalid.txt`: a change to [`BASE`], then the error.
fn bad_cases() -> Vec<(String, String)> {
    let text = fs::read_to_string(root().join("invalid.txt")).unwrap();
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (change, error) = line.split_once(" => ").unwrap();
            (change.to_owned(), error.to_owned())
        })
        .collect()
}

#[test]
fn bad_rules_are_rejected_with_a_precise_message() {
    let mut failures = Vec::new();
    let cases = bad_cases();
    for (change, expected) in &cases {
        let got = UserRule::from_toml(&changed(change));
        if got.as_ref().err() != Some(expected) {
            failures.push(format!("{change}\n  expected: {expected}\n  got: {got:?}"));
        }
    }
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A valid Compose rule; each case below changes its `match`.
const YAML_BASE: &str = r#"
code = "ORG010"
name = "latest-image"
severity = "warning"
message = "`{path}` uses `{match}`"
target = "compose"
match = { path = "services.*.image", regex = ":latest$" }
"#;

#[test]
fn bad_yaml_matchers_are_rejected_with_a_precise_message() {
    let cases = [
        (
            "match = { path = 'services..image' }",
            "`match.path` `services..image` has an empty key; write keys between dots",
        ),
        (
            "match = { path = 'a', regex = 'x', not-regex = 'y' }",
            "`match` has both `regex` and `not-regex`; a rule has one",
        ),
        ("match = { regex = 'x' }", "missing key `match.path`"),
        (
            "match = { path = 'a', regex = '(' }",
            "invalid regex in `match.regex`: unclosed group",
        ),
        (
            "match = { path = 'a', value = 'x' }",
            "unknown key `match.value`",
        ),
        (
            "match = { field = 'container.securityContext.privileged' }",
            "`match.field` is not supported yet; match a raw `path` in the compose file",
        ),
        (
            "message = '{command}'",
            "unknown placeholder `{command}` in `message`; this rule has `{match}` and `{path}`",
        ),
    ];
    for (change, expected) in cases {
        let mut table: toml::Table = YAML_BASE.parse().unwrap();
        table.extend(change.parse::<toml::Table>().unwrap());
        let got = UserRule::from_toml(&table);
        assert_eq!(
            got.as_ref().err().map(String::as_str),
            Some(expected),
            "{change}"
        );
    }
    let table: toml::Table = YAML_BASE.parse().unwrap();
    UserRule::from_toml(&table).unwrap();
}

#[test]
fn the_base_rule_is_valid() {
    UserRule::from_toml(&changed("")).unwrap();
}

#[test]
fn error_messages_are_lowercase_without_a_period() {
    for (_, message) in bad_cases() {
        let first = message.chars().next().unwrap();
        assert!(!first.is_uppercase(), "{message}");
        assert!(!message.ends_with('.'), "{message}");
    }
}

#[test]
fn the_worked_examples_load() {
    let curl = &rules_of("curl-insecure")[..];
    let [curl] = curl else {
        panic!("one rule expected")
    };
    assert_eq!(
        (curl.code.as_str(), curl.name.as_str()),
        ("ORG001", "curl-insecure")
    );
    assert_eq!(
        (curl.severity, curl.target),
        (Severity::Error, Target::Dockerfile)
    );
    assert!(matches!(&curl.matcher, Matcher::Command { name, args: Some(_) } if name == "curl"));

    let registry = &rules_of("untrusted-registry")[..];
    let [registry] = registry else {
        panic!("one rule expected")
    };
    assert_eq!(
        (registry.code.as_str(), registry.name.as_str()),
        ("ORG002", "untrusted-registry")
    );
    let Matcher::Image(condition) = &registry.matcher else {
        panic!("an image matcher")
    };
    assert_eq!(condition.registry_not_in, ["docker.io", "ghcr.io/myorg"]);
}

#[test]
fn every_fixture_reports_what_its_expected_file_says() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for set in rule_sets() {
        let rules = rules_of(&set);
        for case in common::sorted_dirs(&root().join(&set)) {
            cases += 1;
            let got = findings(&case, &rules);
            failures.extend(common::check_expected(&case, &got));
        }
    }
    assert!(cases >= 10, "only {cases} fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A user rule's finding reaches every output format with its code, name and position.
#[test]
fn every_format_shows_a_user_rule() {
    let source = SourceFile::new("Dockerfile", "FROM debian:12\nRUN curl -k https://x\n");
    let diagnostics = check_source(
        &source,
        FileKind::Dockerfile,
        &settings(rules_of("curl-insecure")),
    );
    let reports = [FileReport {
        source,
        diagnostics,
    }];

    let mut concise = Vec::new();
    write_concise(&mut concise, &reports).unwrap();
    let concise = String::from_utf8(concise).unwrap();
    assert!(
        concise.contains(
            "Dockerfile:2:10: error[ORG001] Do not turn off TLS verification with `curl -k`"
        ),
        "{concise}"
    );

    let mut json = Vec::new();
    write_json(&mut json, &reports, &[]).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let text = json.to_string();
    for needle in [
        r#""code":"ORG001""#,
        r#""name":"curl-insecure""#,
        r#""line":2"#,
        r#""column":10"#,
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }

    let mut pretty = Vec::new();
    write_pretty(&mut pretty, &reports, false).unwrap();
    let pretty = String::from_utf8(pretty).unwrap();
    assert!(
        pretty.contains("error[ORG001]") && pretty.contains("Dockerfile:2:10"),
        "{pretty}"
    );
}

fn changed(change: &str) -> toml::Table {
    let mut table: toml::Table = BASE.parse().unwrap();
    if let Some(key) = change.strip_prefix('-') {
        table.remove(key);
        return table;
    }
    let fragment: toml::Table = change.parse().unwrap();
    table.extend(fragment);
    table
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/user-rules")
}

/// The names of the `*.toml` files of the fixture folder.
fn rule_sets() -> Vec<String> {
    let mut sets: Vec<String> = fs::read_dir(root())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    sets.sort();
    sets
}

fn rules_of(set: &str) -> Vec<UserRule> {
    let text = fs::read_to_string(root().join(format!("{set}.toml"))).unwrap();
    let file: toml::Table = text.parse().unwrap();
    let tables = file["rules"].as_array().unwrap();
    tables
        .iter()
        .map(|table| UserRule::from_toml(table.as_table().unwrap()).unwrap())
        .collect()
}

fn settings(user_rules: Vec<UserRule>) -> Settings {
    let config = Config {
        user_rules,
        ..Config::default()
    };
    Settings {
        config: Arc::new(config),
        ..Settings::default()
    }
}

/// The file of a case and its kind: a `Dockerfile`, a `compose.yaml` or a `manifest.yaml`.
fn case_file(case: &Path) -> (PathBuf, FileKind) {
    let kinds = [
        ("compose.yaml", FileKind::Compose),
        ("manifest.yaml", FileKind::Kubernetes),
    ];
    kinds
        .into_iter()
        .map(|(name, kind)| (case.join(name), kind))
        .find(|(path, _)| path.is_file())
        .unwrap_or((case.join("Dockerfile"), FileKind::Dockerfile))
}

fn findings(case: &Path, rules: &[UserRule]) -> String {
    let (path, kind) = case_file(case);
    let text = fs::read_to_string(&path).unwrap();
    let source = SourceFile::new(path.to_string_lossy(), text);
    let diagnostics = check_source(&source, kind, &settings(rules.to_vec()));
    let codes: Vec<&str> = rules.iter().map(|rule| rule.code.as_str()).collect();

    let mut out = String::new();
    for d in diagnostics
        .iter()
        .filter(|d| codes.contains(&d.code.as_ref()))
    {
        let start = source.position(d.span.start);
        let end = source.position(d.span.end);
        out += &format!(
            "{}:{}-{}:{} {}[{}] {}\n",
            start.line, start.column, end.line, end.column, d.severity, d.code, d.message
        );
        if let Some(help) = &d.help {
            out += &format!("  help: {help}\n");
        }
    }
    out
}
