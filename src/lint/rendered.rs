//! Templates and rendered output: a YAML file that is a template is skipped, with the reason,
//! and the findings in output that Helm rendered point back to their template.
//!
//! Helm writes `# Source: chart/templates/x.yaml` at the top of each document it renders.
//! Lines cannot be mapped back into the template (values, loops and includes move them), so
//! each finding in such a document gets a label on that comment, "rendered from
//! `chart/templates/x.yaml`": the pretty report shows it next to the finding.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};
use crate::syntax::yaml::{ProblemKind, Stream};

/// Why a YAML file is not linted, when it is a template: a file of a Helm chart's
/// `templates/`, a patch that a kustomization beside it lists, or text whose `{{ }}` template
/// actions break the YAML.
pub(super) fn skip_reason(source: &SourceFile, stream: &Stream) -> Option<String> {
    let path = Path::new(&source.path);
    let on_disk = source.path != "-" && path.is_file();
    if on_disk && let Some(chart) = crate::discover::helm_chart(path) {
        let chart = chart.display();
        return Some(format!(
            "a template of the Helm chart in `{chart}`; lint `helm template` output instead"
        ));
    }
    if on_disk && let Some(kustomization) = crate::discover::kustomize_patch(path) {
        let kustomization = kustomization.display();
        return Some(format!(
            "a patch listed in `{kustomization}`, not a resource"
        ));
    }
    let broken = stream
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::Syntax);
    (broken && source.text.contains("{{"))
        .then(|| "a template: its `{{ }}` actions are not YAML".to_owned())
}

/// Labels each finding in a document that Helm rendered with the template it came from.
pub(super) fn label_sources(source: &SourceFile, stream: &Stream, diagnostics: &mut [Diagnostic]) {
    let sources = helm_sources(source, stream);
    if sources.is_empty() {
        return;
    }
    for diagnostic in diagnostics {
        let position = diagnostic.span.start;
        let found = sources
            .iter()
            .find(|(document, _, _)| document.start <= position && position <= document.end);
        if let Some((_, comment, template)) = found {
            let label = format!("rendered from `{template}`");
            diagnostic.labels.push((*comment, label));
        }
    }
}

/// For each document with a `# Source:` comment before its first node: the document's span
/// (its comment included), the comment's span and the template's path.
fn helm_sources(source: &SourceFile, stream: &Stream) -> Vec<(Span, Span, String)> {
    let mut out = Vec::new();
    let mut previous_end = 0;
    for document in &stream.documents {
        let header = Span::new(previous_end, document.root.span.start);
        previous_end = document.span.end;
        let comment = stream
            .comments
            .iter()
            .filter(|c| header.start <= c.start && c.end <= header.end)
            .find_map(|c| template_path(source.slice(*c)).map(|path| (*c, path)));
        if let Some((comment, path)) = comment {
            out.push((comment.cover(document.span), comment, path.to_owned()));
        }
    }
    out
}

/// The path of a `# Source: chart/templates/x.yaml` comment.
fn template_path(comment: &str) -> Option<&str> {
    let rest = comment.strip_prefix('#')?.trim_start();
    let path = rest.strip_prefix("Source:")?.trim();
    (!path.is_empty()).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::DUPLICATE_KEY;

    #[test]
    fn findings_are_labelled_with_their_template() {
        let text = "\
---
# Source: app/templates/a.yaml
kind: Pod
x: 1
---
# Source: app/templates/b.yaml
kind: Service
y: 2
---
kind: ConfigMap
z: 3
";
        let source = SourceFile::new("-", text);
        let stream = crate::syntax::yaml::parse(text);
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            Diagnostic::new(&DUPLICATE_KEY, Span::new(start, start + 1), "x")
        };
        let mut found = [at("x: 1"), at("y: 2"), at("z: 3")];
        label_sources(&source, &stream, &mut found);
        let labels: Vec<Vec<String>> = found
            .iter()
            .map(|d| d.labels.iter().map(|(_, l)| l.clone()).collect())
            .collect();
        assert_eq!(
            labels,
            [
                vec!["rendered from `app/templates/a.yaml`".to_owned()],
                vec!["rendered from `app/templates/b.yaml`".to_owned()],
                vec![],
            ]
        );
        assert_eq!(
            source.slice(found[0].labels[0].0),
            "# Source: app/templates/a.yaml"
        );
    }

    #[test]
    fn template_text_that_breaks_yaml_is_skipped() {
        let text = "metadata:\n  labels:\n    {{- include \"x\" . | nindent 4 }}\n";
        let source = SourceFile::new("-", text);
        let stream = crate::syntax::yaml::parse(text);
        let reason = skip_reason(&source, &stream);
        assert_eq!(
            reason.as_deref(),
            Some("a template: its `{{ }}` actions are not YAML")
        );

        let quoted = "image: \"{{ .Values.image }}\"\n";
        let source = SourceFile::new("-", quoted);
        assert_eq!(
            skip_reason(&source, &crate::syntax::yaml::parse(quoted)),
            None
        );
    }
}
