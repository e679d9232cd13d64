//! SL3104: a container that keeps the runtime's default capabilities: its
//! `capabilities.drop` does not name `ALL`.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3104;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        let drops_all = container
            .capabilities("drop")
            .iter()
            .any(|c| c.as_text().is_some_and(|t| t.eq_ignore_ascii_case("ALL")));
        if drops_all {
            continue;
        }
        let drop = container
            .security_context
            .and_then(|sc| sc.get("capabilities"))
            .and_then(|caps| caps.entry("drop"));
        let span = drop.map_or(container.anchor(), |e| e.key.span);
        let message = format!(
            "{} does not drop all capabilities",
            container_label(container)
        );
        out.push(Diagnostic::new(&RULE, span, message));
    }
}
