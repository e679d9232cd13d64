//! The YAML front end on every Compose file and Kubernetes manifest of the shared corpus: no
//! file makes it panic, the files with problems are exactly those listed below (each checked
//! by hand against the YAML 1.2 spec), and the top-level keys of every document sit on the
//! line where a naive scan of the text finds them.
//!
//! The corpus lives outside the crate, in `../shared/corpus/{compose,k8s}`; without it the
//! test says so on stderr and passes. A one-line summary goes to stderr.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use shiplint::syntax::yaml::{self, ProblemKind, Stream};

mod common;

/// Files the parser stops on, relative to the corpus root, with why. Two files that the spec
/// forbids but libyaml and go-yaml read are not here, since the parser reads them as those do
/// (see `yaml::parse`): the closing `"` of a quoted scalar in argo-workflows'
/// `pns-output-artifacts.yaml`, and the `]` of a flow sequence in opentelemetry-demo's
/// `compose.yaml`, each at the indentation of its key.
const SYNTAX_ERRORS: &[(&str, &str)] = &[(
    // Truly invalid: the nested `-` (column 21) is left of its key `matchExpressions`
    // (column 23); go-yaml rejects it too.
    "k8s/GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/gke-model-armor/preparing-the-model/producer-job.yaml",
    "while parsing a block mapping, did not find expected key",
)];

/// Files with a key repeated in one mapping, which the spec forbids: all are archived
/// kubernetes/examples manifests.
const DUPLICATE_KEYS: &[&str] = &[
    "k8s/kubernetes__examples/_archived/openshift-origin/etcd-controller.yaml",
    "k8s/kubernetes__examples/_archived/openshift-origin/etcd-discovery-controller.yaml",
    "k8s/kubernetes__examples/_archived/openshift-origin/openshift-controller.yaml",
    "k8s/kubernetes__examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml",
    "k8s/kubernetes__examples/_archived/volumes/scaleio/sc-pvc.yaml",
];

#[derive(Default)]
struct Tally {
    files: usize,
    documents: usize,
    keys_checked: usize,
    failures: Vec<String>,
    syntax: Vec<(String, String)>,
    duplicates: Vec<String>,
}

#[test]
fn every_corpus_yaml_file_parses_as_the_spec_says() {
    let Some(root) = corpus() else { return };
    let mut tally = Tally::default();
    for path in yaml_files(&root) {
        let name = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        tally.files += 1;
        match panic::catch_unwind(AssertUnwindSafe(|| yaml::parse(&text))) {
            Ok(stream) => record(&mut tally, &name, &text, &stream),
            Err(_) => tally.failures.push(format!("{name}: panicked")),
        }
    }

    eprintln!(
        "yaml corpus: {} files, {} documents, {} top-level keys at the expected line, \
         {} with syntax errors, {} with duplicate keys",
        tally.files,
        tally.documents,
        tally.keys_checked,
        tally.syntax.len(),
        tally.duplicates.len()
    );
    check_lists(&mut tally);
    assert!(tally.files > 1000, "only {} files", tally.files);
    assert!(tally.failures.is_empty(), "{}", tally.failures.join("\n"));
}

fn record(tally: &mut Tally, name: &str, text: &str, stream: &Stream) {
    tally.documents += stream.documents.len();
    for problem in &stream.problems {
        match problem.kind {
            ProblemKind::Syntax => tally
                .syntax
                .push((name.to_owned(), problem.message.clone())),
            ProblemKind::DuplicateKey { .. } => tally.duplicates.push(name.to_owned()),
        }
    }
    if stream.problems.is_empty() {
        check_key_lines(tally, name, text, stream);
    }
}

/// Each plain top-level key of a block mapping must start a line, at column 1, on the first
/// line of its document that starts with `key:`.
fn check_key_lines(tally: &mut Tally, name: &str, text: &str, stream: &Stream) {
    let line_of = |offset: usize| text[..offset].matches('\n').count();
    let lines: Vec<&str> = text.lines().collect();
    for document in &stream.documents {
        let root = &document.root;
        if matches!(text.as_bytes().get(root.span.start), Some(b'{' | b'[')) {
            continue;
        }
        let first_line = line_of(root.span.start);
        for entry in root.entries().iter().filter(|e| !e.merged) {
            let Some(key) = entry.key_str() else { continue };
            if text.get(entry.key.span.range()) != Some(key) {
                continue;
            }
            let naive = lines[first_line..]
                .iter()
                .position(|line| {
                    line.strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
                .map(|i| i + first_line);
            let ours = line_of(entry.key.span.start);
            let column = entry.key.span.start
                - text[..entry.key.span.start]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
            if naive != Some(ours) || column != 0 {
                tally.failures.push(format!(
                    "{name}: key `{key}` at line {} column {}, a scan finds line {:?}",
                    ours + 1,
                    column + 1,
                    naive.map(|l| l + 1)
                ));
            }
            tally.keys_checked += 1;
        }
    }
}

fn check_lists(tally: &mut Tally) {
    let mut syntax: Vec<&(String, String)> = tally.syntax.iter().collect();
    syntax.sort();
    let mut expected: Vec<(String, String)> = SYNTAX_ERRORS
        .iter()
        .map(|(name, message)| ((*name).to_owned(), (*message).to_owned()))
        .collect();
    expected.sort();
    let got: Vec<(String, String)> = syntax.into_iter().cloned().collect();
    if got != expected {
        tally.failures.push(format!(
            "syntax errors: expected {expected:#?}, got {got:#?}"
        ));
    }

    tally.duplicates.sort();
    tally.duplicates.dedup();
    if tally.duplicates != DUPLICATE_KEYS {
        tally
            .failures
            .push(format!("duplicate keys: got {:#?}", tally.duplicates));
    }
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("compose").is_dir() && dir.join("k8s").is_dir() {
        return Some(dir);
    }
    common::skipped(format_args!(
        "YAML corpus not found at {}/{{compose,k8s}}",
        dir.display()
    ));
    None
}

/// Every `.yaml` and `.yml` file under `compose/` and `k8s/`, sorted.
fn yaml_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![root.join("compose"), root.join("k8s")];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
