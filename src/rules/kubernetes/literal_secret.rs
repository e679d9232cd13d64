//! SL3003: a secret written into a manifest: a literal credential or a literal value of a
//! secret-named variable in a container's `env` (`valueFrom` passes), a `Secret` object that
//! commits its values in `data` or `stringData`, and credentials in a `ConfigMap`'s values.
//! Messages show only a redacted form.

use super::{Context, container_label, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::secrets;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::yaml::Node;

pub const RULE: RuleMeta = catalog::SL3003;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        for var in container.env() {
            let Some(value) = var.value else { continue };
            let place = format!("env var `{}` of {}", var.name_str(), label_lower(container));
            out.extend(literal(cx, var.name_str(), value, &place));
        }
    }
    for object in cx.of_kind("Secret") {
        out.extend(committed_secret(object));
    }
    for object in cx.of_kind("ConfigMap") {
        let data = object.node.get("data").map_or(&[][..], Node::entries);
        for entry in data {
            let key = entry.key_str().unwrap_or("");
            let place = format!("key `{key}` of {}", object_label(object));
            out.extend(literal(cx, key, &entry.value, &place));
        }
    }
}

fn label_lower(container: &crate::model::kubernetes::Container) -> String {
    let label = container_label(container);
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => label,
    }
}

/// A credential in a value, or a literal secret under a secret-looking name.
fn literal(cx: &Context, name: &str, value: &Node, place: &str) -> Option<Diagnostic> {
    let text = value.as_text()?;
    let settings = &cx.yaml.config.secrets;
    let allowed = |s: &str| settings.allow.iter().any(|allow| allow.is_match(s));
    if let Some(found) = secrets::find_credentials(text).into_iter().next() {
        let secret = &text[found.span.clone()];
        if allowed(secret) {
            return None;
        }
        let span = locate(cx, value, secret);
        let message = format!(
            "{} `{}` in {place}",
            capital(found.kind),
            secrets::redact(secret)
        );
        return Some(Diagnostic::new(&RULE, span, message));
    }
    let literal = secrets::is_literal_secret_value(text) && !is_placeholder(text);
    if !secrets::is_secret_name(name) || !literal || allowed(text) {
        return None;
    }
    let message = format!("Literal secret `{}` in {place}", secrets::redact(text));
    Some(Diagnostic::new(&RULE, value.span, message))
}

/// An upper-case identifier such as `GOOGLE_API_KEY_VAL` or `CHANGEME`: a value to be
/// replaced before use, not a secret.
fn is_placeholder(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

fn capital(kind: &str) -> String {
    let mut chars = kind.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The secret's own bytes when the value is written as one piece, else the whole value.
fn locate(cx: &Context, value: &Node, secret: &str) -> Span {
    let written = cx.yaml.source.slice(value.span);
    match written.find(secret) {
        Some(at) => Span::new(value.span.start + at, value.span.start + at + secret.len()),
        None => value.span,
    }
}

/// A `Secret` with values in `data` or `stringData`: they belong in a secret store.
fn committed_secret(object: &crate::model::kubernetes::Object) -> Option<Diagnostic> {
    let entry = ["data", "stringData"]
        .into_iter()
        .filter_map(|key| object.node.entry(key))
        .find(|e| {
            e.value
                .entries()
                .iter()
                .any(|v| v.value.as_text().is_some_and(|t| !t.is_empty()))
        })?;
    let key = entry.key_str().unwrap_or("data");
    let message = format!("{} commits its values in `{key}`", object_label(object));
    Some(Diagnostic::new(&RULE, entry.key.span, message))
}
