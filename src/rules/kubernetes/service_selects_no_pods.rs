//! SL3122: a Service whose selector matches the pod template of no workload among the
//! manifests linted together (the file, when it is linted alone). Only runs that hold at least
//! one pod template check: a Service alone selects pods defined elsewhere.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::yaml::Entry;

pub const RULE: RuleMeta = catalog::SL3122;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let inventory = cx.yaml.settings.inventory.as_deref();
    let others = inventory.is_some_and(|i| !i.pod_labels.is_empty());
    if cx.pods().next().is_none() && !others {
        return;
    }
    let scope = match inventory {
        Some(_) => "of the manifests linted",
        None => "of this file",
    };
    for service in cx.of_kind("Service") {
        let spec = service.node.get("spec");
        let Some(selector) = spec.and_then(|s| s.entry("selector")) else {
            continue;
        };
        let wanted = selector.value.entries();
        let here = cx.pods().any(|(_, pod)| matches(wanted, pod.labels()));
        if wanted.is_empty() || here || inventory.is_some_and(|i| i.selects_pods(wanted)) {
            continue;
        }
        let message = format!("{} selects no pods {scope}", object_label(service));
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
