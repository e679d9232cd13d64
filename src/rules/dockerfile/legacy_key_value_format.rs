//! SL1107: `ENV key value` or `LABEL key value`, the legacy form without `=` (BuildKit's
//! LegacyKeyValueFormat).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Instruction, Keyword};

pub const RULE: RuleMeta = catalog::SL1107;

/// Reported at the key; the instructions an ONBUILD registers are checked too, since they
/// run in the child image exactly as written.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        match &instruction.args {
            Args::Onbuild(inner) => legacy_pairs(inner, out),
            _ => legacy_pairs(instruction, out),
        }
    }
}

fn legacy_pairs(instruction: &Instruction, out: &mut Vec<Diagnostic>) {
    if !matches!(instruction.keyword, Keyword::Env | Keyword::Label) {
        return;
    }
    let Args::Pairs(pairs) = &instruction.args else {
        return;
    };
    let keyword = instruction.keyword.as_str();
    for pair in pairs.iter().filter(|pair| !pair.equals) {
        let key = &pair.key.value;
        let message = format!("`{keyword} {key}` uses the legacy `key value` form");
        let help = format!("Write `{keyword} {key}=<value>`, quoting a value with spaces");
        out.push(Diagnostic::new(&RULE, pair.key.span, message).with_help(help));
    }
}
