//! SL3114: a container port bound on the node with `hostPort`.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3114;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        for port in container.ports() {
            let Some(entry) = port.entry("hostPort") else {
                continue;
            };
            let Some(number) = entry.value.as_i64().filter(|n| *n != 0) else {
                continue;
            };
            let message = format!("{} binds host port `{number}`", container_label(container));
            out.push(Diagnostic::new(&RULE, entry.span(), message));
        }
    }
}
