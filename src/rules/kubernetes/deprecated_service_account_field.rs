//! SL3125: the deprecated `serviceAccount` field of a pod spec, an old alias of
//! `serviceAccountName`.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3125;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (object, pod) in cx.pods() {
        if let Some(entry) = pod.entry("serviceAccount") {
            let message = format!(
                "{} uses the deprecated `serviceAccount` field",
                object_label(object)
            );
            out.push(Diagnostic::new(&RULE, entry.key.span, message));
        }
    }
}
