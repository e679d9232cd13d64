//! The whole linter on every file of the shared real-world corpus: no file makes it panic, no
//! file takes longer than [`HANG_GUARD`], and syntax errors (`SL0001`) are reported on exactly
//! the files listed in `testdata/differential/syntax-errors.tsv`. Files are linted in parallel,
//! each inside `catch_unwind`, so that a failure names its file instead of ending the run.
//!
//! The corpus lives outside the crate, in `../shared/corpus/dockerfiles`; without it the test
//! says so on stderr and passes. A one-line summary (files, findings per code) goes to stderr.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use shiplint::config::{Config, ShellCheckMode};
use shiplint::input::read_source;
use shiplint::{FileKind, Settings, check_source};

mod common;

/// The longest one file may take: a guard against hangs, far above any real file's time even
/// in a debug build, not a performance test.
const HANG_GUARD: Duration = Duration::from_secs(2);

const SYNTAX_ERROR: &str = "SL0001";

/// What linting one corpus file gave: its finding codes, or why it failed.
struct Outcome {
    name: String,
    codes: Result<Vec<String>, String>,
    took: Duration,
}

#[test]
fn every_corpus_file_lints_without_panic_or_hang() {
    let Some(corpus) = corpus() else { return };
    let listed = listed_syntax_errors();

    let outcomes: Vec<Outcome> = corpus_files(&corpus)
        .par_iter()
        .map(|path| lint(&corpus, path))
        .collect();

    eprintln!("{}", summary(&outcomes));
    let problems: Vec<String> = outcomes
        .iter()
        .filter_map(|outcome| problem(outcome, &listed))
        .chain(missing_from_corpus(&outcomes, &listed))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Lints one file with the default settings, catching a panic as a failure of that file.
fn lint(corpus: &Path, path: &Path) -> Outcome {
    let name = relative(corpus, path);
    let start = Instant::now();
    let codes = panic::catch_unwind(AssertUnwindSafe(|| codes_of(path)))
        .unwrap_or_else(|payload| Err(format!("panicked: {}", panic_message(&*payload))));

    Outcome {
        name,
        codes,
        took: start.elapsed(),
    }
}

fn codes_of(path: &Path) -> Result<Vec<String>, String> {
    let source = read_source(path, &path.to_string_lossy()).map_err(|e| e.to_string())?;
    // ShellCheck's time on the corpus is measured apart; this test is about shiplint's own.
    let config = Config {
        shellcheck: ShellCheckMode::Off,
        ..Config::default()
    };
    let settings = Settings {
        config: Arc::new(config),
        ..Settings::default()
    };
    let findings = check_source(&source, FileKind::Dockerfile, &settings);
    Ok(findings.iter().map(|d| d.code.to_string()).collect())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        return message;
    }
    payload.downcast_ref::<String>().map_or("", String::as_str)
}

/// What is wrong with one file's outcome, if anything.
fn problem(outcome: &Outcome, listed: &BTreeSet<String>) -> Option<String> {
    let name = &outcome.name;
    let codes = match &outcome.codes {
        Ok(codes) => codes,
        Err(why) => return Some(format!("{name}: {why}")),
    };
    if outcome.took > HANG_GUARD {
        return Some(format!("{name}: took {:.2?}", outcome.took));
    }

    let has_error = codes.iter().any(|code| code == SYNTAX_ERROR);
    match (has_error, listed.contains(name)) {
        (true, false) => Some(format!("{name}: {SYNTAX_ERROR} on a file not listed")),
        (false, true) => Some(format!("{name}: listed, but has no {SYNTAX_ERROR}")),
        _ => None,
    }
}

/// Listed files that the corpus no longer has, so the list cannot silently go stale.
fn missing_from_corpus(outcomes: &[Outcome], listed: &BTreeSet<String>) -> Vec<String> {
    let seen: BTreeSet<&str> = outcomes.iter().map(|o| o.name.as_str()).collect();
    listed
        .iter()
        .filter(|name| !seen.contains(name.as_str()))
        .map(|name| format!("{name}: listed, but not in the corpus"))
        .collect()
}

/// `corpus: 1923 files in 1.2 s, slowest 30 ms (path); 13108 findings: DL3007 96, …`.
fn summary(outcomes: &[Outcome]) -> String {
    let mut per_code = BTreeMap::<&str, usize>::new();
    for code in outcomes.iter().flat_map(|o| o.codes.iter().flatten()) {
        *per_code.entry(code).or_default() += 1;
    }
    let total: usize = per_code.values().sum();
    let counts: Vec<String> = per_code.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let slowest = outcomes.iter().max_by_key(|o| o.took);
    let slowest = slowest.map_or(String::new(), |o| {
        format!(", slowest {:.0?} ({})", o.took, o.name)
    });

    format!(
        "corpus: {} files{slowest}; {total} findings: {}",
        outcomes.len(),
        counts.join(", ")
    )
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    if dir.is_dir() {
        return Some(dir);
    }
    common::skipped(format_args!("corpus not found at {}", dir.display()));
    None
}

/// Every file under `dir`, sorted.
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            match path.is_dir() {
                true => pending.push(path),
                false => files.push(path),
            }
        }
    }
    files.sort();
    files
}

/// The path column of `syntax-errors.tsv`: `path<TAB>reason` lines, `#` lines are comments,
/// paths relative to the corpus folder.
fn listed_syntax_errors() -> BTreeSet<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/differential/syntax-errors.tsv");
    fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').next().unwrap_or(line).to_owned())
        .collect()
}

fn relative(corpus: &Path, path: &Path) -> String {
    path.strip_prefix(corpus)
        .unwrap()
        .to_string_lossy()
        .into_owned()
}
