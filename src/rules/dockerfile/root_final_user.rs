//! DL3002: the final stage's effective USER is root.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::is_root_user;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3002;

/// Looks at the USER in effect for the final stage, its own or inherited from a parent stage;
/// stages that are not shipped never fire.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = cx.model.final_stage() else {
        return;
    };
    let Some(user) = &stage.user else { return };
    let Some(value) = user.value.as_deref() else {
        return;
    };
    if !is_root_user(value) {
        return;
    }

    let instruction = &cx.file.instructions[user.instruction];
    let span = instruction
        .words()
        .first()
        .map_or(instruction.span, |word| word.span);
    let message = format!("Last `USER` of the final stage is `{value}`");
    out.push(Diagnostic::new(&RULE, span, message));
}
