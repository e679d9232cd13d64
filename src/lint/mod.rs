//! Linting one file: parse it, build its model, run the selected rules, sort the findings.
//! Dockerfiles are linted here, YAML files in [`yaml`].

mod compose;
mod rendered;
mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, Selection};

use crate::diagnostic::Diagnostic;
use crate::model::context::BuildContext;
use crate::model::dockerfile::{self, BuildInputs};
use crate::rules::dockerfile::{Context, RULES};
use crate::rules::{RuleMeta, SYNTAX_ERROR};
use crate::shellcheck;
use crate::source::{SourceFile, Span};
use crate::suppress;
use crate::syntax::dockerfile::Dockerfile;

/// The kinds of file shiplint lints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Dockerfile,
    /// A Docker Compose file, by its name or by `--kind compose`.
    Compose,
    /// Kubernetes manifests, by `--kind kubernetes`.
    Kubernetes,
    /// Other YAML: linted as Compose or Kubernetes when its content says it is one of them,
    /// otherwise skipped.
    Yaml,
}

/// What a lint run may be told beyond the file itself.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The build context of the Dockerfile; its folder when `None`.
    pub context: Option<PathBuf>,
    /// The stage that is built and shipped; the last one when `None`.
    pub target: Option<String>,
    /// `--build-arg` values, which win over ARG defaults.
    pub build_args: HashMap<String, String>,
    /// The configuration that applies to the file.
    pub config: Arc<Config>,
    /// What all the Kubernetes manifests of the run define, for the rules that look across
    /// files; `None` when a file is linted alone.
    pub inventory: Option<Arc<crate::model::kubernetes::Inventory>>,
}

/// What linting one file found, and what the user should know about how it was linted.
#[derive(Clone, Debug, Default)]
pub struct Linted {
    /// The findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<shellcheck::Note>,
    /// Why the file was not linted at all: YAML that is neither Compose nor Kubernetes, a Helm
    /// template. Such a file has no findings and does not count as linted.
    pub skipped: Option<String>,
    /// Findings in other files that linting this one reached: a Compose project's override and
    /// extended files, the Dockerfiles its services build.
    pub related: Vec<crate::report::FileReport>,
}

/// Lints one file's text and returns its findings sorted by position.
///
/// The source's path locates the build context (the file's folder unless the settings name
/// one); a source that is not on disk (standard input) has no context unless one is named.
pub fn check_source(source: &SourceFile, kind: FileKind, settings: &Settings) -> Vec<Diagnostic> {
    lint_source(source, kind, settings).diagnostics
}

/// Lints one file's text, as [`check_source`] does, with the notes the run brings.
pub fn lint_source(source: &SourceFile, kind: FileKind, settings: &Settings) -> Linted {
    match kind {
        FileKind::Dockerfile => check_dockerfile(source, settings),
        FileKind::Compose | FileKind::Kubernetes | FileKind::Yaml => {
            yaml::check(source, kind, settings)
        }
    }
}

fn check_dockerfile(source: &SourceFile, settings: &Settings) -> Linted {
    let file = crate::syntax::dockerfile::parse(&source.text);
    let inputs = BuildInputs {
        build_args: settings.build_args.clone(),
        target: settings.target.clone(),
    };
    let model = dockerfile::build(&file, &source.text, &inputs);
    let build_context = needs_context(&file)
        .then(|| read_context(source, settings))
        .flatten();

    let config = &settings.config;
    let selection = config.selection(Path::new(&source.path));
    let mut out = syntax_errors(&file, &model.errors);
    let cx = Context {
        source,
        file: &file,
        model: &model,
        build_context: build_context.as_ref(),
        config,
    };
    for rule in RULES {
        if selection.is_enabled(rule.meta.code, rule.meta.name, rule.meta.enabled) {
            (rule.check)(&cx, &mut out);
        }
    }
    crate::rules::user::check_dockerfile(&config.user_rules, &cx, &mut out);
    let notes = run_shellcheck(&cx, &selection, &mut out);

    out.retain(|d| selection.is_enabled(&d.code, &d.name, true));
    for diagnostic in &mut out {
        diagnostic.severity =
            selection.severity(&diagnostic.code, &diagnostic.name, diagnostic.severity);
    }
    let mut out = suppress::dockerfile::apply(&file, source, out, config);
    sort(&mut out);
    Linted {
        diagnostics: out,
        notes,
        ..Linted::default()
    }
}

/// Adds ShellCheck's findings when it runs and an SC code is selected; otherwise a note when
/// SC codes are named though ShellCheck does not run.
fn run_shellcheck(
    cx: &Context,
    selection: &Selection,
    out: &mut Vec<Diagnostic>,
) -> Vec<shellcheck::Note> {
    let program = match shellcheck::status(cx.config.shellcheck) {
        Ok(program) => program,
        Err(reason) => {
            let codes = shellcheck::referenced_codes(cx.file, cx.config);
            if codes.is_empty() {
                return Vec::new();
            }
            return vec![shellcheck::Note::NotRun { reason, codes }];
        }
    };
    if !shellcheck::any_selected(selection) {
        return Vec::new();
    }
    let checked = shellcheck::check(cx.model, program, &cx.source.path);
    out.extend(checked.diagnostics);
    checked.notes
}

fn syntax_errors(file: &Dockerfile, model_errors: &[(Span, String)]) -> Vec<Diagnostic> {
    let parser = file.errors.iter().map(|e| (e.span, e.message.as_str()));
    let model = model_errors
        .iter()
        .map(|(span, message)| (*span, message.as_str()));
    parser
        .chain(model)
        .map(|(span, message)| syntax_error(&SYNTAX_ERROR, span, message))
        .collect()
}

pub(crate) fn syntax_error(rule: &RuleMeta, span: Span, message: &str) -> Diagnostic {
    Diagnostic::new(rule, span, capitalized(message))
}

/// Messages start with a capital letter; parser messages are written in lowercase so they read
/// well inside other sentences.
fn capitalized(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Only a COPY or ADD from the build context makes the context worth reading.
fn needs_context(file: &Dockerfile) -> bool {
    file.instructions
        .iter()
        .any(crate::rules::dockerfile::copies_from_context)
}

fn read_context(source: &SourceFile, settings: &Settings) -> Option<BuildContext> {
    let path = Path::new(&source.path);
    let on_disk = source.path != "-" && path.is_file();
    let dockerfile_dir = if on_disk {
        path.parent()?
    } else {
        Path::new(".")
    };
    let dockerfile_dir = if dockerfile_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dockerfile_dir
    };
    let root = match &settings.context {
        Some(root) => root.as_path(),
        None if on_disk => dockerfile_dir,
        None => return None,
    };
    let name = path.file_name()?.to_string_lossy();
    Some(BuildContext::read(root, dockerfile_dir, &name))
}

pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (a.span, &a.code).cmp(&(b.span, &b.code)));
}
