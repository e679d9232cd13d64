//! SL2103: a service adds a capability that lets it reach into the host (`SYS_ADMIN`,
//! `NET_ADMIN`, `ALL`…).

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2103;

/// Capabilities Docker does not grant by default and that reach beyond the container: system
/// administration, kernel modules, raw devices, other processes, the network stack, the
/// security modules and the kernel's tracing.
const DANGEROUS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_PTRACE",
    "SYS_BOOT",
    "SYS_TIME",
    "NET_ADMIN",
    "DAC_READ_SEARCH",
    "BPF",
    "PERFMON",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "SYSLOG",
];

pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        for item in service.strings("cap_add") {
            let Some(name) = dangerous(item.as_str()) else {
                continue;
            };
            let message = format!("`cap_add` grants `{name}`, which reaches beyond the container");
            out.push(item.file, Diagnostic::new(&RULE, item.span, message));
        }
    }
}

/// The capability's name without `CAP_`, in capitals, when it is a dangerous one.
fn dangerous(capability: &str) -> Option<String> {
    let upper = capability.trim().to_ascii_uppercase();
    let name = upper.strip_prefix("CAP_").unwrap_or(&upper);
    DANGEROUS.contains(&name).then(|| name.to_string())
}
