//! SL3117: a workload whose pods mount an API token they may not need:
//! `automountServiceAccountToken` is not false on the pod spec (or, for an Argo workflow, its
//! `spec`), nor on the pod's service account when the file defines it. One finding per object.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::{Object, PodSpec};
use crate::rules::{RuleMeta, catalog};
use crate::syntax::yaml::{Entry, Node};

pub const RULE: RuleMeta = catalog::SL3117;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for object in cx.objects.iter().filter(|o| !o.pods.is_empty()) {
        let label = object_label(object);
        let workflow_wide = object.node.get("spec").and_then(|s| s.entry(KEY));
        let mounting = object.pods.iter().find_map(|pod| {
            let entry = pod.entry(KEY).or(workflow_wide);
            match entry {
                Some(e) if e.value.as_bool() == Some(false) => None,
                None if account_opts_out(cx, pod) => None,
                other => Some(other),
            }
        });
        match mounting {
            None => {}
            Some(Some(entry)) => {
                let message = format!("The pods of {label} mount a service account token");
                out.push(Diagnostic::new(&RULE, entry.span(), message));
            }
            Some(None) => {
                let message = format!(
                    "The pods of {label} mount a service account token: `{KEY}` is not set"
                );
                out.push(Diagnostic::new(&RULE, object.anchor(), message));
            }
        }
    }
}

const KEY: &str = "automountServiceAccountToken";

/// Whether the pod's service account is defined in the file with automounting off.
fn account_opts_out(cx: &Context, pod: &PodSpec) -> bool {
    let name = pod
        .service_account()
        .and_then(Node::as_text)
        .unwrap_or("default");
    cx.of_kind("ServiceAccount")
        .any(|account: &Object| account.display_name() == name && opts_out(account.node.entry(KEY)))
}

fn opts_out(entry: Option<&Entry>) -> bool {
    entry.and_then(|e| e.value.as_bool()) == Some(false)
}
