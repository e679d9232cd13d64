//! Rule fixtures: every `testdata/rules/<CODE>/<case>/Dockerfile` (or `compose.yaml`, or
//! `manifest.yaml` for Kubernetes) is linted with its folder as build context, and the findings of that rule must be exactly those in `expected.txt` beside
//! it, one `line:column-end_line:end_column severity[CODE] message` line each; a `shiplint.toml`
//! beside them is the case's config. The `pins` folder holds the package-pinning rules
//! together. `SHIPLINT_BLESS=1 cargo test` rewrites the expected files; review the diff before
//! committing it.

mod common;

use std::fs;
use std::path::Path;

use shiplint::{FileKind, Settings, SourceFile, check_source};

const PIN_CODES: [&str; 9] = [
    "DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062",
];

#[test]
fn every_fixture_reports_what_its_expected_file_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule_dir in common::sorted_dirs(&root) {
        let group = rule_dir.file_name().unwrap().to_string_lossy().into_owned();
        for case in common::sorted_dirs(&rule_dir) {
            cases += 1;
            let got = findings(&case, &group);
            failures.extend(common::check_expected(&case, &got));
        }
    }
    assert!(cases >= 20, "only {cases} fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The file a case lints and how: a Dockerfile, a Compose file or a manifest.
fn case_file(case: &Path) -> (std::path::PathBuf, FileKind) {
    let kinds = [
        ("Dockerfile", FileKind::Dockerfile),
        ("compose.yaml", FileKind::Compose),
        ("manifest.yaml", FileKind::Kubernetes),
    ];
    let (name, kind) = kinds
        .into_iter()
        .find(|(name, _)| case.join(name).is_file())
        .unwrap_or_else(|| {
            panic!(
                "{}: no Dockerfile, compose.yaml or manifest.yaml",
                case.display()
            )
        });
    (case.join(name), kind)
}

fn findings(case: &Path, group: &str) -> String {
    let (path, kind) = case_file(case);
    let text = fs::read_to_string(&path).unwrap();
    let source = SourceFile::new(path.to_string_lossy(), text);
    // Every rule runs, off-by-default ones included; only the group's findings are compared.
    // A `shiplint.toml` in the case folder gives the settings, such as a label schema.
    let config_path = case.join("shiplint.toml");
    let mut config = match config_path.is_file() {
        true => shiplint::config::file::read(&config_path).unwrap().unwrap(),
        false => shiplint::config::Config::default(),
    };
    let overrides = shiplint::config::Overrides {
        extend_select: vec!["all".to_owned()],
        ..Default::default()
    };
    config.apply(&overrides).unwrap();
    // DL3026 does nothing until registries are trusted; this one is the examples' own.
    config.trusted_registries = vec!["registry.example.com".to_owned()];
    let settings = Settings {
        config: std::sync::Arc::new(config),
        ..Settings::default()
    };
    let diagnostics = check_source(&source, kind, &settings);
    let wanted = |code: &str| {
        if group == "pins" {
            PIN_CODES.contains(&code)
        } else {
            code == group
        }
    };

    let mut out = String::new();
    for d in diagnostics.iter().filter(|d| wanted(&d.code)) {
        let start = source.position(d.span.start);
        let end = source.position(d.span.end);
        out += &format!(
            "{}:{}-{}:{} {}[{}] {}\n",
            start.line, start.column, end.line, end.column, d.severity, d.code, d.message
        );
    }
    out
}
