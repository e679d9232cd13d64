//! SL1104: an instruction keyword cased unlike most of the file's (BuildKit's
//! ConsistentInstructionCasing).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Instruction, Keyword};

pub const RULE: RuleMeta = catalog::SL1104;

/// As BuildKit: keywords all in lowercase or all in uppercase are counted; lowercase wins
/// only with a strict majority; every keyword not in the winning casing is reported, mixed
/// case (`Run`) included.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let keywords: Vec<&Instruction> = cx
        .file
        .instructions
        .iter()
        .filter(|i| i.keyword != Keyword::Unknown)
        .collect();
    let lower = keywords.iter().filter(|i| is_lower(i)).count();
    let upper = keywords.iter().filter(|i| is_upper(i)).count();
    let majority_lower = lower > upper;

    for instruction in keywords {
        let fits = if majority_lower {
            is_lower(instruction)
        } else {
            is_upper(instruction)
        };
        if fits {
            continue;
        }
        let (casing, wanted) = if majority_lower {
            (
                "lowercase",
                instruction.keyword_text.value.to_ascii_lowercase(),
            )
        } else {
            (
                "uppercase",
                instruction.keyword_text.value.to_ascii_uppercase(),
            )
        };
        let message = format!(
            "Instruction `{}` is not in {casing} like most instructions of the file",
            instruction.keyword_text.value
        );
        let help = format!("Write `{wanted}`");
        out.push(Diagnostic::new(&RULE, instruction.keyword_text.span, message).with_help(help));
    }
}

fn is_lower(instruction: &Instruction) -> bool {
    let word = &instruction.keyword_text.value;
    *word == word.to_ascii_lowercase()
}

fn is_upper(instruction: &Instruction) -> bool {
    let word = &instruction.keyword_text.value;
    *word == word.to_ascii_uppercase()
}
