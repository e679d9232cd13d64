//! DL3048: a label key outside Docker's recommended key format.

use super::label_formats::key_problem;
use super::{Context, labels};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3048;

/// Keys are judged as BuildKit reads them, quotes removed and variables expanded; a key that
/// depends on an unknown value is not judged.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for label in labels::labels(cx) {
        let Some(key) = &label.key else {
            continue;
        };
        let Some(problem) = key_problem(key) else {
            continue;
        };
        let message = format!("Label key `{key}` {problem}");
        out.push(Diagnostic::new(&RULE, label.pair.key.span, message));
    }
}
