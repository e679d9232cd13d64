//! SL3105: a pod that shares a namespace of the host: `hostNetwork`, `hostPID` or `hostIPC`
//! true, or `hostUsers` written as true.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3105;

/// The pod keys and the namespace each one shares.
const KEYS: &[(&str, &str)] = &[
    ("hostNetwork", "network"),
    ("hostPID", "process"),
    ("hostIPC", "IPC"),
    ("hostUsers", "user"),
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (object, pod) in cx.pods() {
        for (key, namespace) in KEYS {
            let Some(entry) = pod.entry(key) else {
                continue;
            };
            if entry.value.is_true() {
                let message = format!(
                    "`{key}: true` puts the pods of {} in the host's {namespace} namespace",
                    object_label(object)
                );
                out.push(Diagnostic::new(&RULE, entry.span(), message));
            }
        }
    }
}
