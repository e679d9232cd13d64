//! DL3066: a USER given by name rather than by numeric id.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::DL3066;

/// The value is read after ARG and ENV expansion, so `USER $UID` with `ARG UID=1000` passes
/// and a value that cannot be known is skipped. Windows has no numeric user ids, so its
/// stages are left alone.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::User {
            continue;
        }
        let Some(stage) = cx.model.stage_of.get(index).copied().flatten() else {
            continue;
        };
        if cx.model.stages[stage].windows {
            continue;
        }
        let Some(word) = instruction.words().first() else {
            continue;
        };
        let Some(value) = cx.model.expand(index, &word.value) else {
            continue;
        };
        let user = value.split(':').next().unwrap_or(&value);
        if user.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let message = format!("`USER {value}` names the user instead of a numeric id");
        out.push(Diagnostic::new(&RULE, word.span, message));
    }
}
