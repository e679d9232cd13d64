//! SL3124: a pod that runs as a service account the file does not define. Only files that
//! define at least one ServiceAccount are checked: elsewhere the account is expected to come
//! from another file or the cluster.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3124;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let defined: Vec<&str> = cx
        .of_kind("ServiceAccount")
        .map(|a| a.display_name())
        .collect();
    if defined.is_empty() {
        return;
    }
    for (object, pod) in cx.pods() {
        let Some(account) = pod.service_account() else {
            continue;
        };
        let name = account.as_text().unwrap_or("");
        if name == "default" || defined.contains(&name) {
            continue;
        }
        let message = format!(
            "{} runs as service account `{name}`, which no manifest of this file defines",
            object_label(object)
        );
        out.push(Diagnostic::new(&RULE, account.span, message));
    }
}
