//! SL3101: a privileged container: it sees every host device and may do what root on the
//! host may.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3101;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        let Some(setting) = container.setting("privileged") else {
            continue;
        };
        if setting.value().is_true() {
            let message = format!("{} is privileged", container_label(container));
            out.push(Diagnostic::new(&RULE, setting.entry.span(), message));
        }
    }
}
