//! SL3125: the deprecated `serviceAccount` field of a pod spec, an old alias of
//! `serviceAccountName`.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3125;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (object, pod) in cx.pods() {
        let entry = pod.entry("serviceAccount");
        if let Some(entry) = entry.filter(|e| e.value.as_text().is_some_and(|t| !t.is_empty())) {
            let message = format!(
                "{} uses the deprecated `serviceAccount` field",
                object_label(object)
            );
            out.push(Diagnostic::new(&RULE, entry.key.span, message));
        }
    }
}
