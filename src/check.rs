//! Linting a set of paths as `shiplint check` does: the library's entry point for build scripts
//! and other programs.
//!
//! Folders are walked for Dockerfiles, Compose files and Kubernetes manifests, each file gets the
//! config nearest to it (or the one named), excluded files are dropped, and the files are linted
//! in parallel. A file that cannot be read is an error in the report, and the others are still
//! linted.
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! # std::fs::write(dir.path().join("Dockerfile"), "FROM alpine:latest\n").unwrap();
//! let report = shiplint::check_paths(&[dir.path()], &shiplint::CheckOptions::default()).unwrap();
//! let file = &report.files[0];
//! assert!(file.diagnostics.iter().any(|d| d.code == "DL3007"));
//! assert!(report.failed());
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::discover::{self, Finder, Lookup};
use crate::config::{Config, FailureThreshold, Overrides};
use crate::discover::{Found, walk};
use crate::input::{self, InputError};
use crate::lint::{FileKind, Linted, Settings, lint_source};
use crate::model::kubernetes::Inventory;
use crate::report::FileReport;
use crate::shellcheck::Note;
use crate::source::SourceFile;

/// How to lint: which configs apply, what the command line would override, and what a
/// Dockerfile is built with.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Which config files apply; the nearest one of each file by default.
    pub lookup: Lookup,
    /// Settings that win over every config, as command-line flags do.
    pub overrides: Overrides,
    /// Apply the config's `exclude` to named files too, not only to walked ones.
    pub force_exclude: bool,
    /// The build context, target stage and build arguments of the Dockerfiles; the config is
    /// found per file and replaces the one given here.
    pub settings: Settings,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            lookup: Lookup::Nearest,
            overrides: Overrides::default(),
            force_exclude: false,
            settings: Settings::default(),
        }
    }
}

/// What linting found: one report per file, sorted by path, and what could not be linted.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// The failure threshold of each file's config, in the order of `files`.
    pub thresholds: Vec<FailureThreshold>,
    /// Inputs that could not be read or walked.
    pub errors: Vec<InputError>,
    /// Files that were not linted, with the reason: YAML that is neither Compose nor
    /// Kubernetes, Helm templates, excluded files.
    pub skipped: Vec<(String, String)>,
    /// What the user should know about how files were linted, such as ShellCheck not running.
    pub notes: Vec<Note>,
    /// The config files that were read, for a build script's `rerun-if-changed`.
    pub configs: Vec<PathBuf>,
}

impl Report {
    /// Whether a finding reaches the failure threshold of its file's config.
    pub fn failed(&self) -> bool {
        self.files
            .iter()
            .zip(&self.thresholds)
            .any(|(file, threshold)| file.diagnostics.iter().any(|d| threshold.fails(d.severity)))
    }

    /// `shiplint check`'s exit status: 2 when an input could not be linted, 1 when a finding
    /// reaches its threshold, else 0.
    pub fn exit_code(&self) -> u8 {
        match (self.errors.is_empty(), self.failed()) {
            (false, _) => 2,
            (true, true) => 1,
            (true, false) => 0,
        }
    }
}

/// A file to lint with the settings that apply to it.
struct Job {
    file: Found,
    settings: Settings,
}

/// Lints the files and folders of `paths`; with none, the current folder. Fails only when a
/// config cannot be read: bad inputs are errors in the report.
pub fn check_paths<P: AsRef<Path>>(
    paths: &[P],
    options: &CheckOptions,
) -> Result<Report, discover::Error> {
    let mut finder = Finder::new(options.lookup.clone(), options.overrides.clone())?;
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
    let (found, errors) = walk(&paths);

    let mut report = Report {
        errors,
        ..Report::default()
    };
    let mut jobs = Vec::new();
    for file in found {
        let config = finder.for_file(&file.path)?;
        note_config(&mut report.configs, &config);
        let may_exclude = !file.named || options.force_exclude;
        if may_exclude && config.is_excluded(Path::new(&file.display)) {
            report.skipped.push((file.display, "excluded".to_owned()));
            continue;
        }
        let settings = Settings {
            config,
            ..options.settings.clone()
        };
        jobs.push(Job { file, settings });
    }

    let sources: Vec<Result<SourceFile, InputError>> = jobs
        .par_iter()
        .map(|job| input::read_source(&job.file.path, &job.file.display))
        .collect();
    let inventory = inventory(&jobs, &sources);
    let outcomes: Vec<Result<Linted, InputError>> = jobs
        .par_iter()
        .zip(&sources)
        .map(|(job, source)| {
            let settings = Settings {
                inventory: inventory.clone(),
                ..job.settings.clone()
            };
            let source = source.as_ref().map_err(Clone::clone)?;
            Ok(lint_source(source, job.file.kind, &settings))
        })
        .collect();

    let mut linted = Vec::new();
    for ((outcome, source), job) in outcomes.into_iter().zip(sources).zip(&jobs) {
        let threshold = job.settings.config.failure_threshold();
        let (result, source) = match (outcome, source) {
            (Ok(result), Ok(source)) => (result, source),
            (Err(error), _) | (_, Err(error)) => {
                report.errors.push(error);
                continue;
            }
        };
        report.notes.extend(result.notes);
        if let Some(reason) = result.skipped {
            report.skipped.push((source.path, reason));
            continue;
        }
        let file = FileReport {
            source,
            diagnostics: result.diagnostics,
        };
        linted.push((file, threshold));
        linted.extend(result.related.into_iter().map(|r| (r, threshold)));
    }

    let merged = merge_reports(linted);
    (report.files, report.thresholds) = merged.into_iter().unzip();
    report.errors.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(report)
}

/// What the run's Kubernetes manifests define, for the rules that look across files; none
/// when the run has no YAML.
fn inventory(jobs: &[Job], sources: &[Result<SourceFile, InputError>]) -> Option<Arc<Inventory>> {
    let yaml = |kind: FileKind| matches!(kind, FileKind::Yaml | FileKind::Kubernetes);
    let parts: Vec<Inventory> = jobs
        .par_iter()
        .zip(sources)
        .filter(|(job, _)| yaml(job.file.kind))
        .filter_map(|(job, source)| {
            let source = source.as_ref().ok()?;
            let mut part = Inventory::default();
            let stream = crate::syntax::yaml::parse(&source.text);
            part.add(&stream, &job.settings.config.kubernetes.pod_spec_paths);
            Some(part)
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let mut inventory = Inventory::default();
    for part in parts {
        inventory.pod_labels.extend(part.pod_labels);
        inventory.service_accounts.extend(part.service_accounts);
    }
    Some(Arc::new(inventory))
}

fn note_config(configs: &mut Vec<PathBuf>, config: &Arc<Config>) {
    let path = match &config.source {
        crate::config::Source::Shiplint(path) | crate::config::Source::Hadolint(path) => path,
        crate::config::Source::Defaults => return,
    };
    if !configs.contains(path) {
        configs.push(path.clone());
    }
}

/// One report per file, sorted by path: a file reached twice (by the walk and by a Compose
/// service, say) has each finding once, under the threshold of the first report, the one
/// linted for itself.
pub fn merge_reports(
    reports: Vec<(FileReport, FailureThreshold)>,
) -> Vec<(FileReport, FailureThreshold)> {
    let mut merged: Vec<(FileReport, FailureThreshold)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (report, threshold) in reports {
        match index.get(&report.source.path) {
            Some(&at) => {
                let existing = &mut merged[at].0;
                for diagnostic in report.diagnostics {
                    if !existing.diagnostics.contains(&diagnostic) {
                        existing.diagnostics.push(diagnostic);
                    }
                }
            }
            None => {
                index.insert(report.source.path.clone(), merged.len());
                merged.push((report, threshold));
            }
        }
    }
    for (report, _) in &mut merged {
        report
            .diagnostics
            .sort_by(|a, b| (a.span, &a.code).cmp(&(b.span, &b.code)));
    }
    merged.sort_by(|a, b| a.0.source.path.cmp(&b.0.source.path));
    merged
}
