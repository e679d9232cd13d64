//! Rule documents are tests: every `rules/<CODE>.md` has its sections in order and a rule
//! behind it, its Example fires the rule and its Use instead does not, every message and help
//! line follows the house style, and the README's rules table matches the catalog.
//! `SHIPLINT_BLESS=1 cargo test --test docs` rewrites a stale README table.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use shiplint::config::ShellCheckMode;
use shiplint::rules::catalog::{self, DOCS, SECTIONS};
use shiplint::{Diagnostic, FileKind, Settings, SourceFile, check_source};

/// The verbs help lines may start with. A new help line whose first word is a verb adds it here.
const HELP_VERBS: &[&str] = &[
    "Add", "Avoid", "Declare", "Delete", "Exclude", "Fix", "Merge", "Move", "Pass", "Pin", "Quote",
    "Remove", "Rename", "Replace", "Set", "Split", "Use", "Write",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_doc_has_the_six_sections_in_order() {
    let mut failures = Vec::new();
    for doc in DOCS {
        let titles: Vec<&str> = doc.sections().into_iter().map(|(t, _)| t).collect();
        if titles != SECTIONS {
            failures.push(format!("{}: sections {titles:?}", doc.meta.code));
        }
        let empty = doc
            .sections()
            .into_iter()
            .filter(|(_, text)| text.is_empty());
        for (title, _) in empty {
            failures.push(format!("{}: section `{title}` is empty", doc.meta.code));
        }
        if doc.example().is_none() || doc.use_instead().is_none() {
            failures.push(format!(
                "{}: Example or Use instead has no code",
                doc.meta.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn front_matter_is_complete_and_codes_and_names_are_unique() {
    let mut seen = HashSet::new();
    for doc in DOCS {
        let meta = &doc.meta;
        assert!(seen.insert(meta.code), "code {} is used twice", meta.code);
        assert!(seen.insert(meta.name), "name {} is used twice", meta.name);
        assert!(!doc.targets.is_empty(), "{}: no targets", meta.code);
        assert!(!doc.summary().is_empty(), "{}: no summary", meta.code);
        assert!(
            doc.summary().ends_with('.'),
            "{}: summary is no sentence",
            meta.code
        );
        let file = root().join("rules").join(format!("{}.md", meta.code));
        assert!(file.is_file(), "{} is missing", file.display());
    }
}

#[test]
fn every_rule_has_a_doc_and_every_doc_a_rule() {
    let rules: BTreeSet<(&str, &str)> = shiplint::rules::builtin()
        .map(|meta| (meta.code, meta.name))
        .collect();
    let docs: BTreeSet<(&str, &str)> = DOCS.iter().map(|d| (d.meta.code, d.meta.name)).collect();
    let undocumented: Vec<_> = rules.difference(&docs).collect();
    let orphaned: Vec<_> = docs.difference(&rules).collect();
    assert!(
        undocumented.is_empty(),
        "rules without a doc: {undocumented:?}"
    );
    assert!(orphaned.is_empty(), "docs without a rule: {orphaned:?}");

    for meta in shiplint::rules::builtin() {
        let doc = catalog::doc(meta.code).unwrap();
        assert_eq!(*meta, doc.meta, "{} differs from its doc", meta.code);
    }
}

#[test]
fn every_example_fires_and_every_use_instead_does_not() {
    let mut failures = Vec::new();
    for doc in DOCS {
        let code = doc.meta.code;
        let config = example_config(doc);
        let example = lint_with(doc.example().unwrap_or_default(), code, config);
        if !example.iter().any(|d| d.code == code) {
            failures.push(format!("{code}: Example does not fire it: {example:#?}"));
        }
        let instead = lint_with(doc.use_instead().unwrap_or_default(), code, config);
        if instead.iter().any(|d| d.code == code) {
            failures.push(format!("{code}: Use instead fires it: {instead:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn messages_and_help_lines_follow_the_style() {
    let mut diagnostics: Vec<Diagnostic> = fixtures().iter().flat_map(|p| lint_file(p)).collect();
    for doc in DOCS {
        let (code, config) = (doc.meta.code, example_config(doc));
        diagnostics.extend(lint_with(doc.example().unwrap_or_default(), code, config));
        diagnostics.extend(lint_with(
            doc.use_instead().unwrap_or_default(),
            code,
            config,
        ));
    }
    assert!(
        diagnostics.len() > 40,
        "only {} diagnostics",
        diagnostics.len()
    );

    let mut failures = Vec::new();
    for d in &diagnostics {
        if let Some(problem) = message_problem(&d.message) {
            failures.push(format!("{}: {problem}: {:?}", d.code, d.message));
        }
        if let Some(problem) = d.help.as_deref().and_then(help_problem) {
            failures.push(format!("{}: {problem}: {:?}", d.code, d.help));
        }
    }
    for doc in DOCS {
        if let Some(problem) = doc.meta.help.and_then(help_problem) {
            failures.push(format!("{}: {problem}: {:?}", doc.meta.code, doc.meta.help));
        }
    }
    failures.sort();
    failures.dedup();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn message_problem(message: &str) -> Option<&'static str> {
    let first = message.chars().next()?;
    if !(first.is_uppercase() || first == '`') {
        return Some("message starts with neither a capital nor a backtick");
    }
    message
        .ends_with('.')
        .then_some("message ends with a period")
}

fn help_problem(help: &str) -> Option<&'static str> {
    let first_word = help.split([' ', ':', ',']).next().unwrap_or_default();
    if !HELP_VERBS.contains(&first_word) {
        return Some("help starts with no capitalised verb of HELP_VERBS");
    }
    help.ends_with('.').then_some("help ends with a period")
}

#[test]
fn readme_rules_table_is_current() {
    let path = root().join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let start = readme
        .find(catalog::README_TABLE_START)
        .expect("start marker")
        + catalog::README_TABLE_START.len();
    let end = readme.find(catalog::README_TABLE_END).expect("end marker");
    let wanted = format!("\n{}", catalog::readme_table());
    if readme[start..end] == wanted {
        return;
    }
    if std::env::var_os("SHIPLINT_BLESS").is_some() {
        fs::write(
            &path,
            format!("{}{wanted}{}", &readme[..start], &readme[end..]),
        )
        .unwrap();
        return;
    }
    let stale = readme[start..end]
        .lines()
        .zip(wanted.lines())
        .find(|(a, b)| a != b);
    panic!(
        "README.md's rules table is stale; run `SHIPLINT_BLESS=1 cargo test --test docs` to \
         rewrite it\nfirst difference (README, catalog): {stale:#?}"
    );
}

/// The configuration a rule's examples run under: the first ```toml block of its Example
/// section, after the Dockerfile, read as a `shiplint.toml`. Rules that act only on settings
/// (the label schema of DL3049–DL3058) show them this way; most docs have none.
fn example_config(doc: &catalog::RuleDoc) -> Option<&'static str> {
    let section = doc.section("Example")?;
    let start = section.find("```toml\n")? + "```toml\n".len();
    let end = section[start..].find("```")?;
    Some(&section[start..start + end])
}

/// Files a rule's doc examples need in their build context: (code, file name, content).
const CONTEXT_FILES: &[(&str, &str, &str)] = &[("SL1012", ".dockerignore", "README.md\n")];

/// Lints a Dockerfile with the rule `code` selected beyond the defaults, so that the examples
/// of off-by-default rules run too, under the settings of `config` (a `shiplint.toml`) if any.
fn lint_with(text: &str, code: &str, config: Option<&str>) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    let (name, kind) = example_kind(code);
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    let mut config = config.map_or_else(shiplint::config::Config::default, |text| {
        let path = dir.path().join("shiplint.toml");
        let parsed = shiplint::config::file::parse(text, &path);
        parsed.unwrap().expect("a shiplint config")
    });
    for (_, name, content) in CONTEXT_FILES.iter().filter(|(c, _, _)| *c == code) {
        fs::write(dir.path().join(name), content).unwrap();
    }
    let overrides = shiplint::config::Overrides {
        extend_select: vec![code.to_owned()],
        ..Default::default()
    };
    config.apply(&overrides).unwrap();
    // DL3026 does nothing until registries are trusted; this one is the examples' own.
    config.trusted_registries = vec!["registry.example.com".to_owned()];
    config.shellcheck = ShellCheckMode::Off;
    let settings = Settings {
        config: std::sync::Arc::new(config),
        ..Settings::default()
    };
    let source = SourceFile::new(path.to_string_lossy(), fs::read_to_string(&path).unwrap());
    check_source(&source, kind, &settings)
}

/// The file a rule's examples are written as: a Dockerfile, unless the rule only reads Compose
/// files or Kubernetes manifests.
fn example_kind(code: &str) -> (&'static str, FileKind) {
    let doc = DOCS.iter().find(|doc| doc.meta.code == code).unwrap();
    match doc.targets.first().copied() {
        Some("compose") => ("compose.yaml", FileKind::Compose),
        Some("kubernetes") => ("manifest.yaml", FileKind::Kubernetes),
        _ => ("Dockerfile", FileKind::Dockerfile),
    }
}

/// Lints a fixture under the `shiplint.toml` beside it, if there is one.
fn lint_file(path: &Path) -> Vec<Diagnostic> {
    let text = fs::read_to_string(path).unwrap();
    let source = SourceFile::new(path.to_string_lossy(), text);
    let config = path.with_file_name("shiplint.toml");
    let settings = match config.is_file() {
        true => Settings {
            config: std::sync::Arc::new(shiplint::config::Config {
                shellcheck: ShellCheckMode::Off,
                ..shiplint::config::file::read(&config).unwrap().unwrap()
            }),
            ..Settings::default()
        },
        false => without_shellcheck(),
    };
    check_source(&source, FileKind::Dockerfile, &settings)
}

/// The docs and fixtures test shiplint's rules: ShellCheck, when installed, would add its own
/// findings to them.
fn without_shellcheck() -> Settings {
    let config = shiplint::config::Config {
        shellcheck: ShellCheckMode::Off,
        ..Default::default()
    };
    Settings {
        config: std::sync::Arc::new(config),
        ..Settings::default()
    }
}

/// Every `testdata/rules/<group>/<case>/Dockerfile`.
fn fixtures() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for group in fs::read_dir(root().join("testdata/rules")).unwrap() {
        for case in fs::read_dir(group.unwrap().path()).unwrap() {
            let path = case.unwrap().path().join("Dockerfile");
            if path.is_file() {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
}

/// What `shiplint ARGS…` printed to stdout and stderr, and its exit code.
fn shiplint(args: &[&str]) -> (i32, String, String) {
    let output = assert_cmd::cargo::cargo_bin_cmd!("shiplint")
        .args(args)
        .output()
        .expect("shiplint runs");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let code = output.status.code().unwrap_or(-1);
    (code, text(&output.stdout), text(&output.stderr))
}

#[test]
fn rule_command_prints_docs_links_and_errors() {
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["rule", "DL3007"],
            0,
            "DL3007 latest-tag (warning, on by default, reproducibility)",
        ),
        (
            &["rule", "missing-user"],
            0,
            "SL1001 missing-user (warning, on by default, security)",
        ),
        (
            &["rule", "SC2086"],
            0,
            "https://www.shellcheck.net/wiki/SC2086",
        ),
        (&["rules"], 0, "DL3057  missing-healthcheck "),
        (
            &["rules", "--format", "markdown"],
            0,
            "| [SL1002](rules/SL1002.md) |",
        ),
        (&["rule", "DL9999"], 2, "error: unknown rule `DL9999`"),
    ];
    for &(args, code, wanted) in cases {
        let (got, stdout, stderr) = shiplint(args);
        assert_eq!(got, code, "{args:?}: {stderr}");
        // Column widths follow the longest rule name, so spacing is compared loosely.
        let squeeze = |text: &str| {
            text.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let wanted = squeeze(wanted);
        assert!(
            squeeze(&stdout).contains(&wanted) || squeeze(&stderr).contains(&wanted),
            "{args:?}: {stdout}{stderr}"
        );
    }
}

#[test]
fn rules_command_lists_json() {
    let (code, stdout, _) = shiplint(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let rules: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rules.as_array().map(Vec::len), Some(DOCS.len()));
    let first = &rules[0];
    assert_eq!(first["code"], DOCS[0].meta.code);
    assert_eq!(first["url"], DOCS[0].url());
    assert_eq!(first["enabled"], DOCS[0].meta.enabled);
}
