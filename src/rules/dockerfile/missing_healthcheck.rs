//! DL3057: the final stage has no HEALTHCHECK and inherits none.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3057;

/// `HEALTHCHECK NONE` is an explicit choice and passes, as does one inherited from a parent
/// stage.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = cx.model.final_stage() else {
        return;
    };
    if stage.healthcheck.is_some() {
        return;
    }

    let message = "Final stage has no `HEALTHCHECK`";
    out.push(Diagnostic::new(&RULE, stage.base_text.span, message));
}
