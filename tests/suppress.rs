//! Suppression fixtures: every `testdata/suppress/<case>/Dockerfile` is linted, and all its
//! findings must be exactly those in `expected.txt` beside it, one
//! `line:column-end_line:end_column severity[CODE] message` line each. The case
//! `no-inline-suppressions` runs with `--no-inline-suppressions`. `SHIPLINT_BLESS=1 cargo
//! test` rewrites the expected files; review the diff before committing it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use shiplint::config::{Config, ShellCheckMode};
use shiplint::{Diagnostic, FileKind, Settings, SourceFile, check_source};

#[test]
fn every_case_reports_what_its_expected_file_says() {
    let mut failures = Vec::new();
    let cases = common::sorted_dirs(&root());
    for case in &cases {
        let (source, diagnostics) = lint_case(case);
        let got = render(&source, &diagnostics);
        failures.extend(common::check_expected(case, &got));
    }
    assert!(cases.len() >= 12, "only {} cases found", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The real hadolint-era file silences DL3008 only through its pragmas: without them the
/// same file reports it.
#[test]
fn hadolint_pragmas_silence_dl3008_in_a_real_file() {
    let case = root().join("hadolint-era");
    let codes = |text: &str| -> Vec<String> {
        let source = SourceFile::new("Dockerfile", text.to_owned());
        lint(&source, Config::default())
            .into_iter()
            .map(|d| d.code.into_owned())
            .collect()
    };
    let text = fs::read_to_string(case.join("Dockerfile")).unwrap();
    let without_pragmas: String = text
        .lines()
        .filter(|line| !line.starts_with("# hadolint"))
        .map(|line| format!("{line}\n"))
        .collect();

    let with = codes(&text);
    assert!(
        !with.iter().any(|c| c == "DL3008" || c == "SL0002"),
        "{with:?}"
    );
    let without = codes(&without_pragmas);
    assert!(without.iter().any(|c| c == "DL3008"), "{without:?}");
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/suppress")
}

fn lint_case(case: &Path) -> (SourceFile, Vec<Diagnostic>) {
    let name = case.file_name().unwrap().to_string_lossy();
    let config = Config {
        no_inline_suppressions: name == "no-inline-suppressions",
        ..Config::default()
    };
    let path = case.join("Dockerfile");
    let source = SourceFile::new(path.to_string_lossy(), fs::read_to_string(&path).unwrap());
    let diagnostics = lint(&source, config);
    (source, diagnostics)
}

fn lint(source: &SourceFile, config: Config) -> Vec<Diagnostic> {
    // The fixtures test suppressions of shiplint's rules; ShellCheck would add its findings.
    let config = Config {
        shellcheck: ShellCheckMode::Off,
        ..config
    };
    let settings = Settings {
        config: Arc::new(config),
        ..Settings::default()
    };
    check_source(source, FileKind::Dockerfile, &settings)
}

fn render(source: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let start = source.position(d.span.start);
        let end = source.position(d.span.end);
        out += &format!(
            "{}:{}-{}:{} {}[{}] {}\n",
            start.line, start.column, end.line, end.column, d.severity, d.code, d.message
        );
    }
    out
}
