//! SL3117: a pod that mounts an API token it may not need: `automountServiceAccountToken` is
//! not false on the pod, nor on its service account when the file defines it.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::PodSpec;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::yaml::Node;

pub const RULE: RuleMeta = catalog::SL3117;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (object, pod) in cx.pods() {
        let label = object_label(object);
        match pod.entry("automountServiceAccountToken") {
            Some(e) if e.value.as_bool() == Some(false) => {}
            Some(e) => {
                let message = format!("The pods of {label} mount a service account token");
                out.push(Diagnostic::new(&RULE, e.span(), message));
            }
            None if account_opts_out(cx, pod) => {}
            None => {
                let message = format!(
                    "The pods of {label} mount a service account token: `automountServiceAccountToken` is not set"
                );
                out.push(Diagnostic::new(&RULE, object.anchor(), message));
            }
        }
    }
}

/// Whether the pod's service account is defined in the file with automounting off.
fn account_opts_out(cx: &Context, pod: &PodSpec) -> bool {
    let name = pod
        .service_account()
        .and_then(Node::as_text)
        .unwrap_or("default");
    cx.of_kind("ServiceAccount").any(|account| {
        account.display_name() == name
            && account
                .node
                .get("automountServiceAccountToken")
                .and_then(Node::as_bool)
                == Some(false)
    })
}
