//! SL3102: a container whose `allowPrivilegeEscalation` is not false: a setuid binary or file
//! capability inside it can give a process more privileges than its parent.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3102;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        let label = container_label(container);
        match container.setting("allowPrivilegeEscalation") {
            Some(s) if s.value().as_bool() == Some(false) => {}
            Some(s) => {
                let message = format!("{label} allows privilege escalation");
                out.push(Diagnostic::new(&RULE, s.entry.span(), message));
            }
            None => {
                let message = format!(
                    "{label} allows privilege escalation: `allowPrivilegeEscalation` is not set"
                );
                out.push(Diagnostic::new(&RULE, container.anchor(), message));
            }
        }
    }
}
