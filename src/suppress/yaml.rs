//! Suppressions in Compose files and Kubernetes manifests.
//!
//! - `# shiplint ignore=SL3001,KSV017 -- reason` applies to one line: the line directly below
//!   its comment lines (other comments may sit between, a blank line may not), or the line it
//!   ends. It silences the findings that start on that line and, when the line starts a
//!   mapping entry (`key: …`) or a sequence item (`- …`), the findings anywhere in that entry
//!   or item, nested lines included: above `securityContext:` it covers the whole block,
//!   above `- name: app` the whole container.
//! - `# shiplint global ignore=…`, anywhere, silences the rules in the whole file.
//! - `shiplint.io/ignore: "SL3001,KSV017 -- reason"` in a Kubernetes object's
//!   `metadata.annotations` silences them in that object: its YAML document, or its item of a
//!   `List`. Annotations survive Helm and Kustomize, which drop comments.
//! - dclint's comments, as dclint reads them: `# dclint disable-line rule …` for its line (or,
//!   alone on its line, for the next one), `# dclint disable-next-line rule …` for the next
//!   line, and `# dclint disable rule …` or `# dclint disable-file` on the first line that is
//!   neither blank nor `---`, for the whole file. Without rule names they silence every rule.
//!   Lines are scoped as for shiplint's comments; rule names are dclint's, which resolve
//!   through the aliases of our rules.
//! - `[[per-resource-ignores]]` of the config silence rules in the objects of a kind,
//!   namespace and name (see [`crate::config::ResourceIgnore`]). They are config, not inline,
//!   so `--no-inline-suppressions` keeps them, and they are never reported as unused.

use std::path::Path;

use super::{
    Cursor, Origin, PragmaKind, Suppression, Target, Tool, WHOLE_FILE, Word, filter, lookup,
    parse_pragma,
};
use crate::config::{Config, ResourceIgnore};
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};
use crate::syntax::dockerfile::Text;
use crate::syntax::yaml::{Node, Stream, Style, Value};

/// The annotation of a Kubernetes object that names the rules to silence in it.
pub const ANNOTATION: &str = "shiplint.io/ignore";

/// dclint's rule names, and the two checks it always runs. A name without a shiplint rule
/// behind it is known, so naming it is no error, but it silences nothing here.
const DCLINT_RULES: &[&str] = &[
    "invalid-yaml",
    "invalid-schema",
    "no-build-and-image",
    "no-duplicate-container-names",
    "no-duplicate-exported-ports",
    "no-quotes-in-volumes",
    "no-unbound-port-interfaces",
    "no-version-field",
    "require-project-name-field",
    "require-quotes-in-ports",
    "service-container-name-regex",
    "service-dependencies-alphabetical-order",
    "service-image-require-explicit-tag",
    "service-keys-order",
    "service-ports-alphabetical-order",
    "services-alphabetical-order",
    "top-level-properties-order",
];

/// Removes the findings that the config's per-resource ignores, the comments and the
/// annotations silence, and adds SL0002 for comments and annotations that silence nothing
/// or name an unknown rule. With `config.no_inline_suppressions` only the config applies.
pub fn apply(
    stream: &Stream,
    source: &SourceFile,
    diagnostics: Vec<Diagnostic>,
    config: &Config,
) -> Vec<Diagnostic> {
    let objects = objects(stream);
    let diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| !ignored_by_config(d, &objects, &config.per_resource_ignores))
        .collect();
    if config.no_inline_suppressions {
        return diagnostics;
    }

    let selection = config.selection(Path::new(&source.path));
    let lines = Lines::new(source, stream);
    let mut suppressions = comments(source, stream, &lines, config);
    suppressions.extend(annotations(source, &objects, config));
    filter(diagnostics, suppressions, config, &selection)
}

/// A Kubernetes object of the file: a document's root, or an item of a `List` document.
struct Object<'a> {
    node: &'a Node,
    /// Where its findings start: the whole document for a document's root.
    scope: Span,
}

fn objects(stream: &Stream) -> Vec<Object<'_>> {
    let mut out = Vec::new();
    for document in &stream.documents {
        let root = &document.root;
        let list = root
            .get("kind")
            .and_then(Node::as_str)
            .is_some_and(|kind| kind.ends_with("List"));
        if list && let Some(items) = root.get("items") {
            out.extend(items.items().iter().map(|item| Object {
                node: item,
                scope: item.span,
            }));
        }
        // A List's own annotations cover all its items.
        let scope = Span::new(document.span.start, document.span.end + 1);
        out.push(Object { node: root, scope });
    }
    out
}

impl Object<'_> {
    fn field(&self, path: &[&str]) -> Option<&str> {
        self.node.get_path(path).and_then(Node::as_text)
    }

    fn matches(&self, ignore: &ResourceIgnore) -> bool {
        let kind = self.field(&["kind"]);
        let name = self.field(&["metadata", "name"]);
        // An object without a namespace lands in the namespace of the context it is applied
        // in, `default` unless told otherwise.
        let namespace = self.field(&["metadata", "namespace"]).unwrap_or("default");
        let kind_ok = ignore
            .kind
            .as_ref()
            .is_none_or(|k| kind.is_some_and(|kind| kind.eq_ignore_ascii_case(k)));
        let name_ok = ignore
            .name
            .as_ref()
            .is_none_or(|glob| name.is_some_and(|name| glob.matcher.is_match(name)));
        let namespace_ok = ignore
            .namespace
            .as_ref()
            .is_none_or(|glob| glob.matcher.is_match(namespace));
        kind_ok && name_ok && namespace_ok
    }
}

fn ignored_by_config(d: &Diagnostic, objects: &[Object], ignores: &[ResourceIgnore]) -> bool {
    if ignores.is_empty() {
        return false;
    }
    let position = d.span.start;
    let Some(object) = objects.iter().find(|o| super::contains(o.scope, position)) else {
        return false;
    };
    ignores.iter().any(|ignore| {
        ignore.ignore.iter().any(|s| s.matches(&d.code, &d.name)) && object.matches(ignore)
    })
}

/// The `shiplint.io/ignore` annotations, one suppression per annotated object.
fn annotations(source: &SourceFile, objects: &[Object], config: &Config) -> Vec<Suppression> {
    let mut out = Vec::new();
    for object in objects {
        let path = ["metadata", "annotations", ANNOTATION];
        let Some(value) = object.node.get_path(&path) else {
            continue;
        };
        let words = annotation_words(source, value)
            .iter()
            .map(|word| Word::shiplint(word, config))
            .collect();
        out.push(Suppression {
            scope: object.scope,
            words,
        });
    }
    out
}

/// The rule words of an annotation's value; the whole value as one word, which names no rule,
/// when it is not a list of rules.
fn annotation_words(source: &SourceFile, value: &Node) -> Vec<Text> {
    let text = scalar_text(source, value);
    let mut cursor = Cursor::new(&text);
    let mut words = cursor.ignore_list().unwrap_or_else(|| {
        let whole = text.value.trim();
        vec![Text::new(whole, value.span)]
    });
    // A value written with escapes or folded lines cannot map its words back to the file;
    // they point at the whole value instead.
    if text.span.len() != text.value.len() {
        for word in &mut words {
            word.span = value.span;
        }
    }
    words
}

/// A scalar's text with the span of its characters in the file, inside the quotes; the
/// span differs in length from the text when the two cannot be mapped character for
/// character.
fn scalar_text(source: &SourceFile, node: &Node) -> Text {
    let text = node.as_str().unwrap_or_default();
    let Some(scalar) = node.as_scalar() else {
        return Text::new(text, node.span);
    };
    let quote = usize::from(matches!(
        scalar.style,
        Style::SingleQuoted | Style::DoubleQuoted
    ));
    let written = source.slice(node.span);
    let inner_end = written.len().saturating_sub(quote).max(quote);
    let inner = written.get(quote..inner_end).unwrap_or_default();
    let exact = matches!(
        scalar.style,
        Style::Plain | Style::SingleQuoted | Style::DoubleQuoted
    ) && inner == text;
    match exact {
        true => Text::new(
            text,
            Span::new(node.span.start + quote, node.span.start + inner_end),
        ),
        false => Text::new(text, node.span),
    }
}

/// The comment suppressions of the file: shiplint's pragmas and dclint's comments.
fn comments(
    source: &SourceFile,
    stream: &Stream,
    lines: &Lines,
    config: &Config,
) -> Vec<Suppression> {
    let first_line = first_applicable_line(source);
    let mut out = Vec::new();
    for &span in &stream.comments {
        let text = comment_text(source, span);
        let line = source.lines.line_of(span.start);
        let alone = lines.is_comment_line(line);
        if let Some(pragma) = parse_pragma(&text) {
            if pragma.tool != Tool::Shiplint || pragma.kind == PragmaKind::Stage {
                continue;
            }
            let scope = match pragma.kind {
                PragmaKind::Global => WHOLE_FILE,
                _ => lines.scope(lines.target(line, alone)),
            };
            let words = pragma.words.iter().map(|w| Word::shiplint(w, config));
            out.push(Suppression {
                scope,
                words: words.collect(),
            });
        } else if let Some(dclint) = parse_dclint(&text) {
            let scope = match dclint.kind {
                DclintKind::File if Some(line) == first_line => WHOLE_FILE,
                DclintKind::File => continue,
                DclintKind::Line => lines.scope(lines.target(line, alone)),
                DclintKind::NextLine => lines.scope(lines.target(line, true)),
            };
            let words = dclint
                .words(&text)
                .into_iter()
                .map(|w| dclint_word(&w, config));
            out.push(Suppression {
                scope,
                words: words.collect(),
            });
        }
    }
    out
}

/// A comment's text after its `#` and the blanks after it, with its file span.
fn comment_text(source: &SourceFile, span: Span) -> Text {
    let written = source.slice(span);
    let body = written.strip_prefix('#').unwrap_or(written);
    let trimmed = body.trim_start_matches([' ', '\t']);
    let start = span.end - trimmed.len();
    Text::new(
        trimmed.trim_end(),
        Span::new(start, start + trimmed.trim_end().len()),
    )
}

/// The 0-based line where dclint looks for its file-wide comments: the first one that is
/// neither blank nor a `---` marker.
fn first_applicable_line(source: &SourceFile) -> Option<usize> {
    source
        .text
        .lines()
        .position(|line| !matches!(line.trim(), "" | "---"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DclintKind {
    /// `disable` and `disable-file`: the whole file, from its first line.
    File,
    /// `disable-line`: its line, or the next one when the comment is alone on its line.
    Line,
    /// `disable-next-line`: the next line.
    NextLine,
}

/// A `# dclint …` comment: its kind and where its rule names start in the comment's text.
struct Dclint {
    kind: DclintKind,
    rest: usize,
}

impl Dclint {
    /// The rule names; `all` standing at the directive when there are none, as dclint then
    /// disables every rule.
    fn words(&self, text: &Text) -> Vec<Text> {
        let rest = Text::new(
            &text.value[self.rest..],
            Span::new(text.span.start + self.rest, text.span.end),
        );
        let words = Cursor::new(&rest).blank_separated();
        if words.is_empty() {
            return vec![Text::new("all", text.span)];
        }
        words
    }
}

/// Reads `dclint disable|disable-file|disable-line|disable-next-line [rule …]`.
fn parse_dclint(text: &Text) -> Option<Dclint> {
    let mut cursor = Cursor::new(text);
    if !cursor.keyword("dclint") || !cursor.spaces() {
        return None;
    }
    let kind = if cursor.keyword("disable-file") || cursor.keyword("disable") {
        DclintKind::File
    } else if cursor.keyword("disable-line") {
        DclintKind::Line
    } else if cursor.keyword("disable-next-line") {
        DclintKind::NextLine
    } else {
        return None;
    };
    Some(Dclint {
        kind,
        rest: cursor.position,
    })
}

/// A rule name in a dclint comment: a dclint rule resolves through our rules' aliases, and
/// our own codes and names are taken too.
fn dclint_word(text: &Text, config: &Config) -> Word {
    let target = lookup(&text.value, config).or_else(|| {
        let known = DCLINT_RULES.contains(&text.value.as_str());
        known.then(|| Target::Codes(Vec::new()))
    });
    Word::new(text, target, Origin::Dclint)
}

/// The lines of the file and what starts on each, to scope line suppressions.
struct Lines<'a> {
    source: &'a SourceFile,
    /// Where each mapping entry's key starts, with the span of the entry.
    entries: Vec<(usize, Span)>,
    /// Each sequence item's span.
    items: Vec<Span>,
}

impl<'a> Lines<'a> {
    fn new(source: &'a SourceFile, stream: &Stream) -> Lines<'a> {
        let mut lines = Lines {
            source,
            entries: Vec::new(),
            items: Vec::new(),
        };
        let mut pending: Vec<&Node> = stream.documents.iter().map(|d| &d.root).collect();
        while let Some(node) = pending.pop() {
            match &node.value {
                Value::Scalar(_) => {}
                Value::Sequence(items) => {
                    lines.items.extend(items.iter().map(|item| item.span));
                    pending.extend(items);
                }
                Value::Mapping(entries) => {
                    // Merged entries carry the span of the alias that brought them.
                    for entry in entries.iter().filter(|e| !e.merged) {
                        let end = entry.value.span.end.max(entry.key.span.end);
                        let span = Span::new(entry.key.span.start, end);
                        lines.entries.push((entry.key.span.start, span));
                        pending.push(&entry.value);
                    }
                }
            }
        }
        lines
    }

    fn text(&self, line: usize) -> &str {
        let lines = &self.source.lines;
        let start = lines.line_start(line);
        let end = if line + 1 < lines.line_count() {
            lines.line_start(line + 1)
        } else {
            self.source.text.len()
        };
        self.source.text.get(start..end).unwrap_or_default()
    }

    /// Whether the line holds a comment and nothing else.
    fn is_comment_line(&self, line: usize) -> bool {
        self.text(line).trim_start().starts_with('#')
    }

    /// The line a comment on `line` is about: its own, or, for a comment alone on its line,
    /// the first line below that is not a comment.
    fn target(&self, line: usize, alone: bool) -> usize {
        if !alone {
            return line;
        }
        let mut next = line + 1;
        while next < self.source.lines.line_count() && self.is_comment_line(next) {
            next += 1;
        }
        next
    }

    /// The line, and the entry or item that starts it.
    fn scope(&self, line: usize) -> Span {
        if line >= self.source.lines.line_count() {
            return Span::default();
        }
        let start = self.source.lines.line_start(line);
        let text = self.text(line);
        let content = text.trim_end_matches(['\n', '\r']);
        let line_span = Span::new(start, start + content.len() + 1);
        let first = start + (text.len() - text.trim_start_matches([' ', '\t']).len());
        match self.started_at(first, line_span) {
            Some(span) => line_span.cover(Span::new(span.start, span.end.max(span.start + 1))),
            None => line_span,
        }
    }

    /// The sequence item whose `-` is at `first`, or the entry whose key is there.
    fn started_at(&self, first: usize, line: Span) -> Option<Span> {
        let text = &self.source.text;
        let dash = text[first..].starts_with('-')
            && text[first + 1..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
        if dash {
            return self
                .items
                .iter()
                .filter(|item| item.start >= first && item.start < line.end)
                .filter(|item| text[first..item.start].trim_end() == "-")
                .max_by_key(|item| item.len())
                .copied();
        }
        self.entries
            .iter()
            .filter(|(key, _)| *key == first)
            .map(|(_, span)| *span)
            .max_by_key(|span| span.len())
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::config::{Glob, Selector};
    use crate::diagnostic::Severity;

    /// A finding of any rule at the first occurrence of `needle`.
    fn finding(text: &str, code: &'static str, needle: &str) -> Diagnostic {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in text"));
        Diagnostic {
            code: Cow::Borrowed(code),
            name: Cow::Borrowed("test-rule"),
            severity: Severity::Warning,
            message: format!("Found `{needle}`"),
            help: None,
            span: Span::new(start, start + needle.len()),
            labels: Vec::new(),
        }
    }

    /// The findings left, as `CODE@needle`, of findings placed at each `(code, needle)`.
    fn left(text: &str, placed: &[(&'static str, &str)], config: &Config) -> Vec<String> {
        let source = SourceFile::new("manifest.yaml", text);
        let stream = crate::syntax::yaml::parse(text);
        let found = placed.iter().map(|(c, n)| finding(text, c, n)).collect();
        apply(&stream, &source, found, config)
            .iter()
            .map(|d| format!("{}@{}", d.code, source.slice(d.span)))
            .collect()
    }

    #[test]
    fn a_comment_above_a_key_covers_its_whole_entry() {
        let text = "\
spec:
  # shiplint ignore=SL0004 -- reviewed
  securityContext:
    privileged: true
  hostPID: true
";
        let placed = [
            ("SL0004", "securityContext"),
            ("SL0004", "privileged"),
            ("SL0004", "hostPID"),
        ];
        assert_eq!(left(text, &placed, &Config::default()), ["SL0004@hostPID"]);
    }

    #[test]
    fn a_comment_above_a_dash_covers_the_item() {
        let text = "\
containers:
  # shiplint ignore=SL0004
  # another comment
  - name: app
    image: nginx
  - name: sidecar
    image: busybox
";
        let placed = [("SL0004", "nginx"), ("SL0004", "busybox")];
        assert_eq!(left(text, &placed, &Config::default()), ["SL0004@busybox"]);
    }

    #[test]
    fn a_trailing_comment_covers_its_line_and_entry() {
        let text = "\
a:
  b: 1 # shiplint ignore=SL0004
  c: 2
d: # shiplint ignore=SL0004
  e: 3
";
        let placed = [
            ("SL0004", "b: 1"),
            ("SL0004", "1 #"),
            ("SL0004", "c: 2"),
            ("SL0004", "e: 3"),
        ];
        assert_eq!(left(text, &placed, &Config::default()), ["SL0004@c: 2"]);
    }

    #[test]
    fn a_blank_line_ends_the_reach_of_a_comment() {
        let text = "# shiplint ignore=SL0004\n\na: 1\n";
        let got = left(text, &[("SL0004", "a")], &Config::default());
        assert_eq!(got, ["SL0004@a", "SL0002@SL0004"]);
    }

    #[test]
    fn global_comments_and_unknown_rules() {
        let text = "a: 1 # shiplint ignore=no-such-rule\n# shiplint global ignore=SL0004\nb: 2\n";
        let placed = [("SL0004", "a"), ("SL0004", "b")];
        let got = left(text, &placed, &Config::default());
        assert_eq!(got, ["SL0002@no-such-rule"]);
    }

    #[test]
    fn unused_suppressions_are_reported_at_the_word() {
        let text = "a: 1 # shiplint ignore=SL0004, SL0001\n";
        let got = left(text, &[("SL0004", "1")], &Config::default());
        assert_eq!(got, ["SL0002@SL0001"]);
    }

    #[test]
    fn annotations_cover_their_document() {
        let text = "\
apiVersion: v1
kind: Pod
metadata:
  name: a
  annotations:
    shiplint.io/ignore: \"SL0004, SL0001 -- reviewed\"
spec:
  hostPID: true
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  hostNetwork: true
";
        let placed = [("SL0004", "hostPID"), ("SL0004", "hostNetwork")];
        let got = left(text, &placed, &Config::default());
        assert_eq!(got, ["SL0004@hostNetwork", "SL0002@SL0001"]);
    }

    #[test]
    fn annotations_of_list_items_cover_the_item() {
        let text = "\
kind: List
items:
  - kind: Pod
    metadata:
      annotations: {shiplint.io/ignore: SL0004}
    spec: {hostPID: true}
  - kind: Pod
    spec: {hostIPC: true}
";
        let placed = [("SL0004", "hostPID"), ("SL0004", "hostIPC")];
        assert_eq!(left(text, &placed, &Config::default()), ["SL0004@hostIPC"]);
    }

    #[test]
    fn an_annotation_that_is_no_list_is_reported() {
        let text = "metadata:\n  annotations:\n    shiplint.io/ignore: \"?!\"\n";
        let got = left(text, &[], &Config::default());
        assert_eq!(got, ["SL0002@\"?!\""]);
    }

    #[test]
    fn dclint_comments() {
        let text = "\
# dclint disable no-version-field
services:
  web:
    image: nginx # dclint disable-line
    # dclint disable-line service-image-require-explicit-tag
    ports: [80]
    # dclint disable-next-line no-such-dclint-rule
    user: root
    x: 1
";
        let placed = [
            ("SL0004", "nginx"),
            ("SL0004", "ports"),
            ("SL0004", "root"),
            ("SL0004", "x: 1"),
        ];
        let got = left(text, &placed, &Config::default());
        // dclint's names without a rule of ours behind them silence nothing here, and are
        // not reported; an unknown name is.
        assert_eq!(
            got,
            [
                "SL0004@ports",
                "SL0004@root",
                "SL0004@x: 1",
                "SL0002@no-such-dclint-rule"
            ]
        );
    }

    #[test]
    fn dclint_file_comments_only_count_on_the_first_line() {
        let text = "---\n# dclint disable-file\na: 1\n";
        assert!(left(text, &[("SL0004", "a")], &Config::default()).is_empty());
        let text = "a: 1\n# dclint disable\n";
        assert_eq!(
            left(text, &[("SL0004", "a")], &Config::default()),
            ["SL0004@a"]
        );
    }

    #[test]
    fn no_inline_suppressions_keeps_the_config_only() {
        let text = "kind: Pod\nmetadata: {name: legacy-1}\n# shiplint global ignore=SL0004\na: 1\n";
        let placed = [("SL0004", "a"), ("SL0001", "1")];
        let config = Config {
            no_inline_suppressions: true,
            per_resource_ignores: vec![ResourceIgnore {
                kind: Some("pod".into()),
                namespace: None,
                name: Some(Glob::new("legacy-*").unwrap()),
                ignore: vec![Selector::Code("SL0001".into())],
            }],
            ..Config::default()
        };
        assert_eq!(left(text, &placed, &config), ["SL0004@a"]);
    }

    #[test]
    fn per_resource_ignores_match_kind_namespace_and_name() {
        let text = "\
kind: Deployment
metadata: {name: api, namespace: kube-system}
spec: {a: 1}
---
kind: Deployment
metadata: {name: api}
spec: {b: 1}
---
kind: Service
metadata: {name: api, namespace: kube-system}
spec: {c: 1}
";
        let placed = [("SL0004", "a: 1"), ("SL0004", "b: 1"), ("SL0004", "c: 1")];
        let config = Config {
            per_resource_ignores: vec![ResourceIgnore {
                kind: Some("Deployment".into()),
                namespace: Some(Glob::new("kube-*").unwrap()),
                name: Some(Glob::new("a*").unwrap()),
                ignore: vec![Selector::All],
            }],
            ..Config::default()
        };
        assert_eq!(left(text, &placed, &config), ["SL0004@b: 1", "SL0004@c: 1"]);
    }

    #[test]
    fn words_of_escaped_annotations_point_at_the_value() {
        let text = "metadata:\n  annotations:\n    shiplint.io/ignore: \"SL000\\x34\"\n";
        let got = left(text, &[], &Config::default());
        assert_eq!(got, ["SL0002@\"SL000\\x34\""]);
    }
}
