//! Linting a Compose file as the project it belongs to: read the project's files, lint the
//! Dockerfile each service builds with the service's build arguments and target, run the
//! Compose rules, and hand back the findings that belong to other files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Selection;
use crate::diagnostic::Diagnostic;
use crate::model::compose::{self, Build, Built, Loaded, Project, Service};
use crate::model::dockerfile::{self, BuildInputs, Model, is_root_user};
use crate::report::FileReport;
use crate::rules::YamlContext;
use crate::rules::compose::{Context, Findings};
use crate::source::{SourceFile, Span};

use super::{FileKind, Settings, lint_source, sort};

/// Runs the Compose rules; findings in the linted file go to `out`, the others come back as
/// reports of their files.
pub(super) fn check(
    cx: &YamlContext,
    selection: &Selection,
    out: &mut Vec<Diagnostic>,
) -> Vec<FileReport> {
    let loaded = compose::load(cx.source, cx.stream);
    let mut project = Project::new(&loaded);
    let mut related = Vec::new();
    let mut findings = Findings::new(loaded.files.len());
    for service in &mut project.services {
        service.built = build(service, &loaded, cx.settings, &mut related, &mut findings);
    }

    let rules = Context {
        project: &project,
        config: cx.config,
    };
    crate::rules::compose::check(&rules, selection, &mut findings);

    let mut by_file = findings.by_file.into_iter();
    out.extend(by_file.next().unwrap_or_default());
    for (file, mut diagnostics) in by_file.enumerate().map(|(i, d)| (i + 1, d)) {
        diagnostics.retain(|d| selection.is_enabled(&d.code, &d.name, true));
        for diagnostic in &mut diagnostics {
            diagnostic.severity =
                selection.severity(&diagnostic.code, &diagnostic.name, diagnostic.severity);
        }
        if diagnostics.is_empty() {
            continue;
        }
        sort(&mut diagnostics);
        related.push(FileReport {
            source: loaded.files[file].source.clone(),
            diagnostics,
        });
    }
    related
}

/// Lints the Dockerfile a service builds, when it can be read, and returns what it says about
/// the container. Its findings go to `related` (a Dockerfile on disk) or to the Compose file
/// (`dockerfile_inline`, when the finding can be placed in it).
fn build(
    service: &Service,
    loaded: &Loaded,
    settings: &Settings,
    related: &mut Vec<FileReport>,
    findings: &mut Findings,
) -> Option<Built> {
    let build = service.build()?;
    let inputs = BuildInputs {
        build_args: build
            .args
            .iter()
            .filter_map(|arg| Some((arg.name.clone(), arg.value.as_ref()?.value.clone()?)))
            .collect(),
        target: build.target.as_ref().and_then(|t| t.value.clone()),
    };
    let context = context_dir(&build, loaded)?;
    let settings = Settings {
        context: Some(context.clone()),
        target: inputs.target.clone(),
        build_args: inputs.build_args.clone(),
        config: Arc::clone(&settings.config),
        inventory: None,
    };

    if let Some(inline) = &build.dockerfile_inline {
        let text = inline.value.clone()?;
        let source = SourceFile::new(loaded.files[inline.file].source.path.clone(), text);
        let linted = lint_source(&source, FileKind::Dockerfile, &settings);
        let node_text = &loaded.files[inline.file].source.text;
        for mut diagnostic in linted.diagnostics {
            let Some(span) = inline_span(node_text, inline.span, &source.text, diagnostic.span)
            else {
                continue;
            };
            diagnostic.span = span;
            diagnostic.labels.clear();
            findings.push(inline.file, diagnostic);
        }
        return Some(facts(&source, &inputs, None));
    }

    let name = build
        .dockerfile
        .as_ref()
        .and_then(|d| d.value.clone())
        .unwrap_or_else(|| "Dockerfile".to_string());
    let path = compose_path(&context, &name);
    let source = crate::input::read_source(Path::new(&path), &path).ok()?;
    let linted = lint_source(&source, FileKind::Dockerfile, &settings);
    let built = facts(&source, &inputs, Some(path));
    related.push(FileReport {
        source,
        diagnostics: linted.diagnostics,
    });
    Some(built)
}

/// The build context's folder on disk; `None` for a remote context (a Git URL) or a context
/// given by a variable that has no value here.
fn context_dir(build: &Build, loaded: &Loaded) -> Option<PathBuf> {
    let context = match &build.context {
        Some(text) => text.value.clone()?,
        None => ".".to_string(),
    };
    if context.contains("://") || context.starts_with("git@") {
        return None;
    }
    let dir = loaded.files[build.field.file].dir();
    Some(PathBuf::from(compose_path(&dir, &context)))
}

fn compose_path(dir: &Path, path: &str) -> String {
    compose::join_path(dir, path)
}

/// What the final stage says: whether it runs as root, whether it has a HEALTHCHECK.
fn facts(source: &SourceFile, inputs: &BuildInputs, dockerfile: Option<String>) -> Built {
    let file = crate::syntax::dockerfile::parse(&source.text);
    let model = dockerfile::build(&file, &source.text, inputs);
    Built {
        dockerfile,
        runs_as_root: runs_as_root(&model),
        healthcheck: model.final_stage().is_some_and(|s| s.healthcheck.is_some()),
    }
}

fn runs_as_root(model: &Model) -> Option<bool> {
    let stage = model.final_stage()?;
    if stage.windows {
        return None;
    }
    match &stage.user {
        None => Some(!crate::rules::dockerfile::runs_as_nonroot(&stage.base)),
        Some(user) => user.value.as_deref().map(is_root_user),
    }
}

/// Where a span of a `dockerfile_inline` text lies in the Compose file: only a literal block
/// (`|`) keeps the text's lines as they are, each indented as the first, so only its findings
/// can be placed.
fn inline_span(yaml: &str, scalar: Span, inline: &str, span: Span) -> Option<Span> {
    let line_start = yaml[..scalar.start].rfind('\n').map_or(0, |i| i + 1);
    let header = yaml[..line_start].trim_end();
    let indicator = header.rsplit([' ', ':']).next().unwrap_or("");
    if !indicator.starts_with('|') {
        return None;
    }
    let indent = scalar.start - line_start;
    let start = map_offset(yaml, line_start, indent, inline, span.start)?;
    let end = map_offset(yaml, line_start, indent, inline, span.end)?;
    Some(Span::new(start, end.max(start)))
}

/// The Compose file's offset of `offset` in the inline text, whose first line starts at
/// `first_line` + `indent`.
fn map_offset(
    yaml: &str,
    first_line: usize,
    indent: usize,
    inline: &str,
    offset: usize,
) -> Option<usize> {
    let line = inline[..offset].matches('\n').count();
    let column = offset - inline[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut line_start = first_line;
    for _ in 0..line {
        line_start += yaml[line_start..].find('\n')? + 1;
    }
    let line_end = yaml[line_start..]
        .find('\n')
        .map_or(yaml.len(), |i| line_start + i);
    Some((line_start + indent + column).min(line_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_dockerfile_spans_map_to_the_block() {
        let yaml = "build:\n  dockerfile_inline: |\n    FROM alpine\n    RUN echo hi\n";
        let inline = "FROM alpine\nRUN echo hi\n";
        let scalar = Span::new(yaml.find("FROM").unwrap(), yaml.len());
        let run = Span::new(12, 15);
        let mapped = inline_span(yaml, scalar, inline, run).unwrap();
        assert_eq!(&yaml[mapped.range()], "RUN");

        let quoted = "dockerfile_inline: \"FROM alpine\"\n";
        let scalar = Span::new(20, 31);
        assert_eq!(
            inline_span(quoted, scalar, "FROM alpine", Span::new(0, 4)),
            None
        );
    }
}
