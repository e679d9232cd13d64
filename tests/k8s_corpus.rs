//! Every YAML file of the shared Kubernetes corpus (`../shared/corpus/k8s`, 993 manifests from
//! ten projects), linted as the folder walk finds it, with every rule selected: no file makes
//! the linter panic, and none gets `SL0001` but the file listed in `INVALID`, which is not
//! valid YAML. A summary of findings per code goes to stderr; without the corpus the test says
//! so and passes.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use shiplint::config::{Config, Overrides};
use shiplint::{FileKind, Settings, discover, input::read_source, lint_source};

mod common;

/// The file that is not YAML: a nested `-` left of its key, which kubectl rejects too (see
/// `tests/yaml_corpus.rs`).
const INVALID: &[&str] = &[
    "GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/gke-model-armor/preparing-the-model/producer-job.yaml",
];

#[test]
fn every_manifest_lints_without_panic_or_syntax_error() {
    let Some(corpus) = corpus() else { return };
    let (found, errors) = discover::walk(&[corpus]);
    assert!(errors.is_empty(), "{errors:?}");
    let settings = every_rule();

    let mut problems = Vec::new();
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    let mut linted = 0;
    for file in found.iter().filter(|f| f.kind == FileKind::Yaml) {
        let source = read_source(&file.path, &file.display).unwrap();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            lint_source(&source, FileKind::Yaml, &settings)
        }));
        let Ok(result) = outcome else {
            problems.push(format!("{}: panicked", file.display));
            continue;
        };
        linted += usize::from(result.skipped.is_none());
        for d in &result.diagnostics {
            *codes.entry(d.code.to_string()).or_default() += 1;
            let invalid = INVALID.iter().any(|name| file.display.ends_with(name));
            if d.code == "SL0001" && !invalid {
                problems.push(format!("{}: {}", file.display, d.message));
            }
        }
    }

    eprintln!("{linted} of {} YAML files linted: {codes:?}", found.len());
    assert!(linted > 500, "only {linted} files were linted as manifests");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn every_rule() -> Settings {
    let mut config = Config::default();
    let overrides = Overrides {
        extend_select: vec!["all".to_owned()],
        ..Default::default()
    };
    config.apply(&overrides).unwrap();
    Settings {
        config: Arc::new(config),
        ..Settings::default()
    }
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/k8s");
    if dir.is_dir() {
        return Some(dir);
    }
    common::skipped(format_args!(
        "Kubernetes corpus not found at {}",
        dir.display()
    ));
    None
}
