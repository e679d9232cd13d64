//! User rules on Compose files and Kubernetes manifests: a path of keys into each YAML
//! document, and a condition on the value found there.
//!
//! ```toml
//! [rules.match]
//! path = "spec.template.spec.containers.*.image"   # required
//! not-regex = "^registry\\.example\\.com/"          # optional: `regex` or `not-regex`
//! ```
//!
//! A path is keys separated by dots, read from the root of every document of the file. `*`
//! stands for any one key of a mapping or item of a sequence, `**` for any number of levels
//! (none included), and a number for that item of a sequence. Keys that contain a dot cannot
//! be named; `*` reaches them. Merge keys are applied first, so a value brought in by
//! `<<: *base` is found at the alias.
//!
//! Without a condition, every value at the path fires. `regex` fires on scalars it matches,
//! `not-regex` on scalars it does not match; collections never fire for a regex. The finding
//! points at the value when it is a scalar, at its key when it is a collection.
//!
// TODO: A `field` matcher over the resolved model (`container.securityContext.privileged`
// after pod and container settings are merged, Compose services after `extends`) is the next
// variant of [`super::Matcher`]; it needs the Compose and Kubernetes models, and is rejected
// with a message until they land.

use super::{Found, Matcher, Pattern, check_keys, optional_str, required_str};
use crate::syntax::yaml::{Node, Stream, Value};

/// The keys of a Compose or Kubernetes `[rules.match]` table.
const MATCH_KEYS: [&str; 3] = ["path", "regex", "not-regex"];

/// The Dockerfile matchers, which a Compose or Kubernetes rule cannot take.
const DOCKERFILE_KEYS: [&str; 4] = ["instruction", "command", "image", "args"];

/// A path of keys into a YAML document, as written and as segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlPath {
    source: String,
    segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    /// A mapping key, or a sequence index when it is a number.
    Key(String),
    /// `*`: any one key or item.
    Any,
    /// `**`: any number of levels.
    AnyDepth,
}

/// What the value at a path must be for the rule to fire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Any value: the path exists.
    Exists,
    /// A scalar that the regex matches.
    Matches(Pattern),
    /// A scalar that the regex does not match.
    NotMatches(Pattern),
}

impl YamlPath {
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn parse(text: &str) -> Result<YamlPath, String> {
        let mut segments = Vec::new();
        for part in text.split('.') {
            let segment = match part.trim() {
                "" => {
                    return Err(format!(
                        "`match.path` `{text}` has an empty key; write keys between dots"
                    ));
                }
                "*" => Segment::Any,
                "**" => Segment::AnyDepth,
                key => Segment::Key(key.to_owned()),
            };
            segments.push(segment);
        }
        Ok(YamlPath {
            source: text.to_owned(),
            segments,
        })
    }
}

/// Reads the `[rules.match]` table of a Compose or Kubernetes rule.
pub(super) fn matcher(table: &toml::Table, target: &str) -> Result<Matcher, String> {
    if table.contains_key("field") {
        return Err(format!(
            "`match.field` is not supported yet; match a raw `path` in the {target} file"
        ));
    }
    if let Some(key) = DOCKERFILE_KEYS.iter().find(|k| table.contains_key(**k)) {
        return Err(format!(
            "`match.{key}` is for dockerfile rules; a {target} rule matches a `path`"
        ));
    }
    check_keys(table, "match.", &MATCH_KEYS)?;
    let path = YamlPath::parse(required_str(table, "match.", "path")?)?;
    let regex = optional_str(table, "match.", "regex")?;
    let not_regex = optional_str(table, "match.", "not-regex")?;
    let condition = match (regex, not_regex) {
        (Some(_), Some(_)) => {
            return Err("`match` has both `regex` and `not-regex`; a rule has one".into());
        }
        (Some(regex), None) => Condition::Matches(Pattern::new(regex, "match.regex")?),
        (None, Some(regex)) => Condition::NotMatches(Pattern::new(regex, "match.not-regex")?),
        (None, None) => Condition::Exists,
    };
    Ok(Matcher::Path { path, condition })
}

/// Every place in the stream where the path leads to a value that meets the condition.
pub(super) fn found(stream: &Stream, path: &YamlPath, condition: &Condition) -> Vec<Found> {
    let mut out = Vec::new();
    for document in &stream.documents {
        let mut walk = Walk {
            condition,
            trail: Vec::new(),
            out: &mut out,
        };
        walk.node(&document.root, None, &path.segments);
    }
    out.dedup_by(|a, b| a.span == b.span && a.subject == b.subject);
    out
}

/// One walk down a document, with the keys taken so far.
struct Walk<'a, 'o> {
    condition: &'a Condition,
    trail: Vec<String>,
    out: &'o mut Vec<Found>,
}

impl Walk<'_, '_> {
    /// Follows `segments` from `node`, reached through a key at `key` (none for a root or an
    /// item).
    fn node(&mut self, node: &Node, key: Option<&Node>, segments: &[Segment]) {
        let Some((first, rest)) = segments.split_first() else {
            self.check(node, key);
            return;
        };
        match first {
            Segment::Key(name) => {
                if let Some(entry) = node.entry(name) {
                    self.child(&entry.value, Some(&entry.key), name.clone(), rest);
                } else if let Some(item) = index(name).and_then(|i| node.items().get(i)) {
                    self.child(item, None, name.clone(), rest);
                }
            }
            Segment::Any => self.children(node, rest),
            Segment::AnyDepth => {
                self.node(node, key, rest);
                self.children(node, segments);
            }
        }
    }

    fn children(&mut self, node: &Node, segments: &[Segment]) {
        match &node.value {
            Value::Scalar(_) => {}
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.child(item, None, i.to_string(), segments);
                }
            }
            Value::Mapping(entries) => {
                for entry in entries {
                    let name = entry.key_str().unwrap_or("?").to_owned();
                    self.child(&entry.value, Some(&entry.key), name, segments);
                }
            }
        }
    }

    fn child(&mut self, node: &Node, key: Option<&Node>, name: String, segments: &[Segment]) {
        self.trail.push(name);
        self.node(node, key, segments);
        self.trail.pop();
    }

    fn check(&mut self, node: &Node, key: Option<&Node>) {
        let Some(matched) = matched(node, self.condition) else {
            return;
        };
        // A collection, or an empty value (`image:` and nothing), is shown at its key.
        let at_value = node.as_scalar().is_some() && !node.span.is_empty();
        let span = match key {
            Some(key) if !at_value => key.span,
            _ => node.span,
        };
        let matched = matched.unwrap_or_else(|| self.trail.last().cloned().unwrap_or_default());
        self.out.push(Found {
            span,
            matched,
            subject: self.trail.join("."),
        });
    }
}

/// Whether the node meets the condition: `Some` with the text matched, or `Some(None)` for a
/// collection that exists.
fn matched(node: &Node, condition: &Condition) -> Option<Option<String>> {
    let text = node.as_str();
    match condition {
        Condition::Exists => Some(text.map(str::to_owned)),
        Condition::Matches(pattern) => {
            let text = text?;
            let (start, end) = pattern.find(text)?;
            Some(Some(text[start..end].to_owned()))
        }
        Condition::NotMatches(pattern) => {
            let text = text?;
            pattern.find(text).is_none().then(|| Some(text.to_owned()))
        }
    }
}

fn index(name: &str) -> Option<usize> {
    name.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| name.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found_in(text: &str, path: &str, condition: Condition) -> Vec<String> {
        let stream = crate::syntax::yaml::parse(text);
        let path = YamlPath::parse(path).unwrap();
        found(&stream, &path, &condition)
            .iter()
            .map(|f| format!("{} {} {}", f.subject, &text[f.span.range()], f.matched))
            .collect()
    }

    const COMPOSE: &str = "\
x-base: &base
  image: busybox:1
services:
  web:
    image: nginx:latest
  db:
    <<: *base
  worker:
    build: .
";

    #[test]
    fn stars_reach_every_key() {
        let got = found_in(COMPOSE, "services.*.image", Condition::Exists);
        assert_eq!(
            got,
            [
                "services.web.image nginx:latest nginx:latest",
                "services.db.image *base busybox:1"
            ]
        );
    }

    #[test]
    fn regexes_test_scalars() {
        let latest = Pattern::new(":latest$", "match.regex").unwrap();
        let got = found_in(COMPOSE, "services.*.image", Condition::Matches(latest));
        assert_eq!(got, ["services.web.image nginx:latest :latest"]);

        let pinned = Pattern::new(":[0-9]", "match.not-regex").unwrap();
        let got = found_in(COMPOSE, "services.*.image", Condition::NotMatches(pinned));
        assert_eq!(got, ["services.web.image nginx:latest nginx:latest"]);
    }

    #[test]
    fn double_stars_and_indexes() {
        let text = "\
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: a
          image: x:1
      initContainers:
        - {name: b, image: 'y:2'}
";
        let got = found_in(text, "**.image", Condition::Exists);
        assert_eq!(
            got,
            [
                "spec.template.spec.containers.0.image x:1 x:1",
                "spec.template.spec.initContainers.0.image 'y:2' y:2"
            ]
        );
        let got = found_in(text, "spec.template.spec.containers.0", Condition::Exists);
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("spec.template.spec.containers.0 name: a"));
    }

    #[test]
    fn collections_point_at_their_key() {
        let got = found_in(COMPOSE, "services.web", Condition::Exists);
        assert_eq!(got, ["services.web web web"]);
    }

    #[test]
    fn paths_need_keys_between_dots() {
        let error = YamlPath::parse("services..image").unwrap_err();
        assert!(error.contains("empty key"), "{error}");
    }
}
