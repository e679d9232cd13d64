//! SL3112: a container without a CPU or memory limit: one busy or leaking container can
//! starve the others on its node.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::{Container, ContainerKind};
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3112;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        if let Some(message) = missing(container, "limits", "limit") {
            out.push(Diagnostic::new(&RULE, container.anchor(), message));
        }
    }
}

/// What a container lacks of a `resources` section, as a message; ephemeral containers take
/// no resources.
pub fn missing(container: &Container, section: &str, noun: &str) -> Option<String> {
    if container.kind == ContainerKind::Ephemeral {
        return None;
    }
    let cpu = container.resource(section, "cpu").is_some();
    let memory = container.resource(section, "memory").is_some();
    let what = match (cpu, memory) {
        (true, true) => return None,
        (true, false) => "memory",
        (false, true) => "CPU",
        (false, false) => "CPU or memory",
    };
    Some(format!(
        "{} has no {what} {noun}",
        container_label(container)
    ))
}
