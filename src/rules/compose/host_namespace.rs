//! SL2105: a service shares a namespace of the host: its network, processes, IPC, user ids or
//! host name.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2105;

/// The keys that take `host`, and what the container then shares.
const NAMESPACES: &[(&str, &str)] = &[
    ("network_mode", "network stack"),
    ("pid", "process table"),
    ("ipc", "IPC namespace"),
    ("userns_mode", "user namespace"),
    ("uts", "host name"),
];

pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        for (key, shared) in NAMESPACES {
            let Some(field) = service.get(key) else {
                continue;
            };
            let Some(text) = service.text_of(field.file, field.value) else {
                continue;
            };
            if text.as_str() != "host" {
                continue;
            }
            let message = format!("`{key}: host` shares the host's {shared} with the container");
            out.push(field.file, Diagnostic::new(&RULE, field.span(), message));
        }
    }
}
