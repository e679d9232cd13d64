//! SL1108: a FROM image that the global ARG defaults make empty or invalid (BuildKit's
//! InvalidDefaultArgInFrom).

use std::collections::HashMap;

use super::Context;
use super::undefined_arg_in_from::is_predefined;
use super::variables::{global_args, references};
use crate::diagnostic::Diagnostic;
use crate::model::expand::{self, Value};
use crate::model::image;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Keyword, Text};

pub const RULE: RuleMeta = catalog::SL1108;

/// The FROM word is expanded with the defaults alone, an ARG without one counting as
/// empty, as in a build given no `--build-arg`. Words without variables are SL0003's, and
/// words using an undeclared variable SL1105's, so that one mistake makes one finding. Words
/// using a platform ARG are left alone: their value is the build's.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let defaults = default_values(cx);
    let mut stage_names: Vec<String> = Vec::new();
    for instruction in &cx.file.instructions {
        if instruction.keyword != Keyword::From {
            continue;
        }
        let words = instruction.words();
        if let Some(word) = words.first() {
            check_word(cx, word, &defaults, &stage_names, out);
        }
        if let [_, _, name] = words {
            stage_names.push(name.value.to_ascii_lowercase());
        }
    }
}

fn check_word(
    cx: &Context,
    word: &Text,
    defaults: &HashMap<&str, String>,
    stage_names: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let names: Vec<String> = references(word, cx.file.escape)
        .into_iter()
        .map(|r| r.name)
        .collect();
    if names.is_empty() || names.iter().any(|n| !defaults.contains_key(n.as_str())) {
        return;
    }
    let lookup = |name: &str| defaults.get(name).map_or(Value::Unset, |v| Value::Set(v));
    let Some(expanded) = expand::expand(&word.value, cx.file.escape, &lookup) else {
        return;
    };
    if stage_names.contains(&expanded.to_ascii_lowercase()) || image::parse(&expanded).is_ok() {
        return;
    }

    let args = names.join("`, `");
    let message = if expanded.is_empty() {
        format!("Defaults of ARG `{args}` leave the base image empty")
    } else {
        format!("Defaults of ARG `{args}` make the base image `{expanded}`, which is not valid")
    };
    out.push(Diagnostic::new(&RULE, word.span, message));
}

/// Each global ARG's default expanded with those before it; empty without a default.
/// Platform ARGs are not entered, so that a word using one is skipped.
fn default_values<'a>(cx: &'a Context) -> HashMap<&'a str, String> {
    let mut values: HashMap<&str, String> = HashMap::new();
    for (key, default) in global_args(cx.file) {
        if is_predefined(key.as_str()) {
            continue;
        }
        let value = default.map_or(Some(String::new()), |d| {
            let lookup = |name: &str| values.get(name).map_or(Value::Unset, |v| Value::Set(v));
            expand::expand(&d.value, cx.file.escape, &lookup)
        });
        if let Some(value) = value {
            values.insert(key.as_str(), value);
        }
    }
    values
}
