//! The Compose rules on every Compose file of the shared corpus, found by the walk as `shiplint
//! check` finds them: no file makes the linter panic, and no valid file gets a syntax error
//! (`SL0001`). Every rule runs, the off-by-default ones included; the findings per rule go to
//! stderr, for the precision audits of `scripts/audit/`.
//!
//! The corpus lives outside the crate, in `../shared/corpus/compose`; without it the test says
//! so on stderr and passes.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use shiplint::config::{Config, Overrides};
use shiplint::{FileKind, Settings, discover, lint_source};

mod common;

#[test]
fn every_compose_file_lints_without_panic_or_syntax_error() {
    let Some(corpus) = corpus() else { return };
    let (found, errors) = discover::walk(std::slice::from_ref(&corpus));
    assert!(errors.is_empty(), "{errors:?}");
    let settings = settings();

    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut linted = 0;
    for file in found.iter().filter(|f| f.kind != FileKind::Dockerfile) {
        let source = shiplint::input::read_source(&file.path, &file.display).unwrap();
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            lint_source(&source, file.kind, &settings)
        }));
        let Ok(outcome) = result else {
            problems.push(format!("{}: panicked", file.display));
            continue;
        };
        if outcome.skipped.is_some() {
            continue;
        }
        linted += 1;
        let name = relative(&corpus, &file.path);
        for d in &outcome.diagnostics {
            *counts.entry(d.code.to_string()).or_default() += 1;
            if d.code == "SL0001" {
                problems.push(format!("{name}: {}", d.message));
            }
        }
    }

    eprintln!("compose corpus: {linted} files linted, findings per rule: {counts:?}");
    assert!(linted > 250, "only {linted} Compose files linted");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every rule, the off-by-default ones too.
fn settings() -> Settings {
    let mut config = Config::default();
    let overrides = Overrides {
        extend_select: vec!["SL2".to_owned()],
        ..Default::default()
    };
    config.apply(&overrides).unwrap();
    Settings {
        config: Arc::new(config),
        ..Settings::default()
    }
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/compose");
    if dir.is_dir() {
        return Some(dir);
    }
    common::skipped(format_args!(
        "Compose corpus not found at {}",
        dir.display()
    ));
    None
}

fn relative(corpus: &Path, path: &Path) -> String {
    let path = path.strip_prefix(corpus).unwrap_or(path);
    path.to_string_lossy().replace('\\', "/")
}
