//! SL3113: a container without a CPU or memory request: the scheduler places it as if it
//! needed nothing.

use super::Context;
use super::missing_limits::missing;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3113;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        if let Some(message) = missing(container, "requests", "request") {
            out.push(Diagnostic::new(&RULE, container.anchor(), message));
        }
    }
}
