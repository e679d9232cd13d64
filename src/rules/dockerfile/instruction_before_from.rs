//! DL3061: an instruction other than ARG before the first FROM, which BuildKit rejects.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::DL3061;

/// Unknown instructions are syntax errors (SL0001) wherever they stand, so they are left out.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let instructions = cx.file.instructions.iter().zip(&cx.model.stage_of);
    for (instruction, stage) in instructions {
        if stage.is_some() {
            break;
        }
        if matches!(instruction.keyword, Keyword::Arg | Keyword::Unknown) {
            continue;
        }
        let keyword = instruction.keyword.as_str();
        let message = format!("`{keyword}` comes before the first `FROM`");
        out.push(Diagnostic::new(
            &RULE,
            instruction.keyword_text.span,
            message,
        ));
    }
}
