//! Linting a YAML file: parse it, tell what it is (a Compose file, Kubernetes manifests, or
//! neither), and run that kind's rules.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::report::FileReport;
use crate::rules::{DUPLICATE_KEY, SYNTAX_ERROR};
use crate::source::SourceFile;
use crate::syntax::yaml::{self, ProblemKind, Stream};

use super::{FileKind, Linted, Settings, capitalized, sort};

/// What a YAML file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    Compose,
    Kubernetes,
}

pub(super) fn check(source: &SourceFile, kind: FileKind, settings: &Settings) -> Linted {
    let stream = yaml::parse(&source.text);
    if let Some(reason) = super::rendered::skip_reason(source, &stream) {
        return Linted {
            skipped: Some(reason),
            ..Linted::default()
        };
    }
    let detected = match detect(kind, &source.text, &stream) {
        Ok(detected) => detected,
        Err(reason) => {
            return Linted {
                skipped: Some(reason),
                ..Linted::default()
            };
        }
    };

    let config = &settings.config;
    let selection = config.selection(Path::new(&source.path));
    let mut out = problems(&stream);
    let cx = crate::rules::YamlContext {
        source,
        stream: &stream,
        config,
        settings,
    };
    let related = match detected {
        Detected::Compose => super::compose::check(&cx, &selection, &mut out),
        Detected::Kubernetes => {
            crate::rules::kubernetes::check(&cx, &selection, &mut out);
            Vec::new()
        }
    };
    crate::rules::user::check_yaml(&config.user_rules, detected.into(), &stream, &mut out);

    out.retain(|d| selection.is_enabled(&d.code, &d.name, true));
    for diagnostic in &mut out {
        diagnostic.severity =
            selection.severity(&diagnostic.code, &diagnostic.name, diagnostic.severity);
    }
    let mut out = crate::suppress::yaml::apply(&stream, source, out, config);
    super::rendered::label_sources(source, &stream, &mut out);
    sort(&mut out);
    let related = related
        .into_iter()
        .map(|report| suppress_related(report, settings))
        .collect();
    Linted {
        diagnostics: out,
        related,
        ..Linted::default()
    }
}

/// The suppression comments of a Compose file the project reached (an override, an extended or
/// included file) apply to the findings in it, as they do when that file is linted itself.
/// Dockerfiles come back from their own lint with their suppressions applied.
fn suppress_related(mut report: FileReport, settings: &Settings) -> FileReport {
    let name = Path::new(&report.source.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !crate::discover::yaml_name(&name) {
        return report;
    }
    let stream = yaml::parse(&report.source.text);
    let config = &settings.config;
    let diagnostics = std::mem::take(&mut report.diagnostics);
    report.diagnostics = crate::suppress::yaml::apply(&stream, &report.source, diagnostics, config);
    report
}

impl From<Detected> for crate::rules::user::Target {
    fn from(detected: Detected) -> Self {
        match detected {
            Detected::Compose => Self::Compose,
            Detected::Kubernetes => Self::Kubernetes,
        }
    }
}

/// A Compose file by its name, `--kind` or a top-level `services` mapping; Kubernetes
/// manifests by `--kind` or a document with `apiVersion` and `kind` (not a kustomization's).
/// A file that does not parse is told by the top-level keys of its text. Anything else is
/// skipped, with the reason.
pub fn detect(kind: FileKind, text: &str, stream: &Stream) -> Result<Detected, String> {
    match kind {
        FileKind::Compose => return Ok(Detected::Compose),
        FileKind::Kubernetes => return Ok(Detected::Kubernetes),
        FileKind::Dockerfile | FileKind::Yaml => {}
    }
    let roots = || stream.documents.iter().map(|d| &d.root);
    if roots().any(|root| {
        root.get("services")
            .is_some_and(|s| s.as_mapping().is_some())
    }) {
        return Ok(Detected::Compose);
    }
    // A kustomization has `apiVersion` and `kind` too, but is Kustomize's input, not an object.
    let kustomize = |root: &yaml::Node| {
        root.get("apiVersion")
            .and_then(yaml::Node::as_str)
            .is_some_and(|v| v.starts_with("kustomize.config.k8s.io/"))
    };
    let manifest = |root: &yaml::Node| {
        root.get("apiVersion").is_some() && root.get("kind").is_some() && !kustomize(root)
    };
    if roots().any(manifest) {
        return Ok(Detected::Kubernetes);
    }
    if let Some(detected) = sniff(text, stream) {
        return Ok(detected);
    }
    Err("neither a Compose file nor Kubernetes manifests".to_owned())
}

/// What a file the parser stopped on looks like, from the top-level keys written in its text:
/// a broken manifest is still reported (with its SL0001), not skipped as unknown YAML.
fn sniff(text: &str, stream: &Stream) -> Option<Detected> {
    if !stream
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::Syntax)
    {
        return None;
    }
    let top_level = |key: &str| {
        text.lines().any(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':'))
        })
    };
    if top_level("services") {
        Some(Detected::Compose)
    } else if top_level("apiVersion") && top_level("kind") {
        Some(Detected::Kubernetes)
    } else {
        None
    }
}

/// The parser's problems: SL0001 where the parse stopped, SL0004 for each repeated key.
fn problems(stream: &Stream) -> Vec<Diagnostic> {
    stream
        .problems
        .iter()
        .map(|problem| match problem.kind {
            ProblemKind::Syntax => Diagnostic::new(
                &SYNTAX_ERROR,
                problem.span,
                capitalized(&format!("invalid YAML: {}", problem.message)),
            ),
            ProblemKind::DuplicateKey { first } => {
                Diagnostic::new(&DUPLICATE_KEY, problem.span, capitalized(&problem.message))
                    .with_label(first, "first defined here")
            }
        })
        .collect()
}
