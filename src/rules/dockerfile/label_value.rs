//! DL3051–DL3056 and DL3058: the value of a label of the configured label schema is empty, or
//! does not have the form its type asks for. The forms are those of [`label_formats`].
//!
//! Values are judged as BuildKit reads them, quotes removed and variables expanded; a value
//! that depends on an unknown value is not judged. An empty value is DL3051's alone, so that
//! one mistake gives one finding.

use super::Context;
use super::label_formats;
use super::labels::{self, Label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;

pub const EMPTY: RuleMeta = catalog::DL3051;
pub const URL: RuleMeta = catalog::DL3052;
pub const TIME: RuleMeta = catalog::DL3053;
pub const LICENSE: RuleMeta = catalog::DL3054;
pub const HASH: RuleMeta = catalog::DL3055;
pub const SEMVER: RuleMeta = catalog::DL3056;
pub const EMAIL: RuleMeta = catalog::DL3058;

/// What values of one schema type must look like.
struct Form {
    kind: &'static str,
    /// Completes "is not …".
    name: &'static str,
    is_valid: fn(&str) -> bool,
}

pub fn empty(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (label, key, value) in schema_labels(cx) {
        if value.is_empty() {
            let message = format!("Label `{key}` is empty");
            out.push(Diagnostic::new(&EMPTY, value_span(&label), message));
        }
    }
}

pub fn url(cx: &Context, out: &mut Vec<Diagnostic>) {
    let form = Form {
        kind: "url",
        name: "a URL",
        is_valid: label_formats::is_url,
    };
    report(cx, out, &URL, &form);
}

pub fn time(cx: &Context, out: &mut Vec<Diagnostic>) {
    let form = Form {
        kind: "rfc3339",
        name: "an RFC 3339 time",
        is_valid: label_formats::is_rfc3339,
    };
    report(cx, out, &TIME, &form);
}

pub fn license(cx: &Context, out: &mut Vec<Diagnostic>) {
    let form = Form {
        kind: "spdx",
        name: "an SPDX license expression",
        is_valid: label_formats::is_spdx_expression,
    };
    report(cx, out, &LICENSE, &form);
}

pub fn hash(cx: &Context, out: &mut Vec<Diagnostic>) {
    let form = Form {
        kind: "hash",
        name: "a git commit hash",
        is_valid: label_formats::is_git_hash,
    };
    report(cx, out, &HASH, &form);
}

pub fn semver(cx: &Context, out: &mut Vec<Diagnostic>) {
    let form = Form {
        kind: "semver",
        name: "a semantic version",
        is_valid: label_formats::is_semver,
    };
    report(cx, out, &SEMVER, &form);
}

pub fn email(cx: &Context, out: &mut Vec<Diagnostic>) {
    let form = Form {
        kind: "email",
        name: "an email address",
        is_valid: label_formats::is_email,
    };
    report(cx, out, &EMAIL, &form);
}

/// Reports every non-empty value of a label of the form's type that the form rejects.
fn report(cx: &Context, out: &mut Vec<Diagnostic>, rule: &RuleMeta, form: &Form) {
    let schema = &cx.config.labels.schema;
    for (label, key, value) in schema_labels(cx) {
        if value.is_empty() || schema.get(&key).map(String::as_str) != Some(form.kind) {
            continue;
        }
        if (form.is_valid)(&value) {
            continue;
        }
        let message = format!("Label `{key}` is not {}: `{value}`", form.name);
        out.push(Diagnostic::new(rule, value_span(&label), message));
    }
}

/// The labels of the schema whose key and value are known, with both.
fn schema_labels<'a>(cx: &'a Context) -> impl Iterator<Item = (Label<'a>, String, String)> + 'a {
    let schema = &cx.config.labels.schema;
    labels::labels(cx).filter_map(|label| {
        let key = label.key.clone()?;
        let value = label.value.clone()?;
        schema.contains_key(&key).then_some((label, key, value))
    })
}

/// The value as written, or the key when the value is empty.
fn value_span(label: &Label) -> Span {
    match &label.pair.value {
        Some(value) if value.span.end > value.span.start => value.span,
        _ => label.pair.key.span,
    }
}
