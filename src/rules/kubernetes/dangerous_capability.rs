//! SL3103: a container that adds a capability that breaks isolation: `ALL`, `SYS_ADMIN`,
//! `NET_ADMIN`, `SYS_MODULE`, `SYS_PTRACE` and the others of [`DANGEROUS`].

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3103;

/// Capabilities that let a process reach the host or other containers.
const DANGEROUS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "NET_ADMIN",
    "NET_RAW",
    "SYS_MODULE",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "SYS_BOOT",
    "SYS_TIME",
    "BPF",
    "PERFMON",
    "DAC_READ_SEARCH",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "SYSLOG",
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        for item in container.capabilities("add") {
            let Some(name) = item.as_text() else { continue };
            if is_dangerous(name) {
                let label = container_label(container);
                let message = format!("{label} adds the `{name}` capability");
                out.push(Diagnostic::new(&RULE, item.span, message));
            }
        }
    }
}

/// Whether a capability name, with or without its `CAP_` prefix, is dangerous.
pub fn is_dangerous(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
    DANGEROUS.contains(&bare)
}
