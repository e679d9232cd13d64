//! DL3025: CMD or ENTRYPOINT in shell form.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Keyword};

pub const RULE: RuleMeta = catalog::DL3025;

/// Only the instructions themselves: an `ONBUILD CMD …` runs in another build, whose author
/// decides.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        if !matches!(instruction.keyword, Keyword::Cmd | Keyword::Entrypoint) {
            continue;
        }
        let Args::Shell(command) = &instruction.args else {
            continue;
        };
        let keyword = instruction.keyword.as_str();
        let message = format!("`{keyword}` uses the shell form");
        out.push(Diagnostic::new(&RULE, command.span, message));
    }
}
