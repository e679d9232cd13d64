//! SL3122: a Service whose selector matches the pod template of no workload in the file.
//! Only files that hold at least one pod template are checked: a Service alone in its file
//! selects pods defined elsewhere.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::yaml::Entry;

pub const RULE: RuleMeta = catalog::SL3122;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.pods().next().is_none() {
        return;
    }
    for service in cx.of_kind("Service") {
        let spec = service.node.get("spec");
        let Some(selector) = spec.and_then(|s| s.entry("selector")) else {
            continue;
        };
        let wanted = selector.value.entries();
        if wanted.is_empty() || cx.pods().any(|(_, pod)| matches(wanted, pod.labels())) {
            continue;
        }
        let message = format!("{} selects no pods of this file", object_label(service));
        out.push(Diagnostic::new(&RULE, selector.key.span, message));
    }
}

/// Whether every `key: value` of a selector is among the labels.
pub fn matches(selector: &[Entry], labels: &[Entry]) -> bool {
    selector.iter().all(|wanted| {
        labels
            .iter()
            .any(|l| l.key_str() == wanted.key_str() && l.value.as_str() == wanted.value.as_str())
    })
}
