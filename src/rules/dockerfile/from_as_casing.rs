//! SL1102: `AS` cased differently from its `FROM` (BuildKit's FromAsCasing).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Instruction, Keyword};

pub const RULE: RuleMeta = catalog::SL1102;

/// A `FROM` in mixed case (`From`) is left to SL1104, as BuildKit leaves it to its own
/// instruction casing check.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        if instruction.keyword != Keyword::From {
            continue;
        }
        let Some(as_word) = instruction.words().get(1) else {
            continue;
        };
        let Some(upper) = as_word_should_be_upper(instruction) else {
            continue;
        };
        let wanted = if upper { "AS" } else { "as" };
        if instruction.words().len() < 3 || as_word.value == wanted {
            continue;
        }

        let from = &instruction.keyword_text.value;
        let message = format!("`{}` does not match the casing of `{from}`", as_word.value);
        let help = format!("Write `{wanted}` to match `{from}`");
        out.push(Diagnostic::new(&RULE, as_word.span, message).with_help(help));
    }
}

/// `Some(true)` for `FROM`, `Some(false)` for `from`, `None` for mixed case.
fn as_word_should_be_upper(instruction: &Instruction) -> Option<bool> {
    let from = instruction.keyword_text.value.as_str();
    if from == from.to_ascii_lowercase() {
        return Some(false);
    }
    (from == from.to_ascii_uppercase()).then_some(true)
}
