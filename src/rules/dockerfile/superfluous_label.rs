//! DL3050: with `strict = true`, a label outside the configured label schema.

use super::{Context, labels};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3050;

/// Quiet without a schema: `strict` alone would report every label of every file.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let settings = &cx.config.labels;
    if !settings.strict || settings.schema.is_empty() {
        return;
    }

    for label in labels::labels(cx) {
        // An empty key is a build error, not a label.
        let Some(key) = label.key.as_ref().filter(|key| !key.is_empty()) else {
            continue;
        };
        if settings.schema.contains_key(key) {
            continue;
        }
        let message = format!("Label `{key}` is not in the label schema");
        out.push(Diagnostic::new(&RULE, label.pair.key.span, message));
    }
}
