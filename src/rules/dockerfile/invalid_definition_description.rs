//! SL1111: the comment above a named stage or an ARG that does not start with its name
//! (BuildKit's experimental InvalidDefinitionDescription).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Instruction, Keyword};

pub const RULE: RuleMeta = catalog::SL1111;

/// Comments that are instructions to a tool rather than descriptions.
const TOOL_COMMENTS: [&str; 5] = ["hadolint", "shiplint", "check=", "syntax=", "escape="];

/// As BuildKit, only the comment line nearest the instruction is read: its first word must
/// be the stage name or one of the ARG's names. A blank line between comment and
/// instruction makes the comment no description.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        let names = defined_names(instruction);
        if names.is_empty() {
            continue;
        }
        let Some(&nearest) = instruction.comments.last() else {
            continue;
        };
        let comment = &cx.file.comments[nearest];
        let text = comment.text.as_str();
        let first = text.split(' ').next().unwrap_or_default();
        if text.is_empty() || names.contains(&first) || is_tool_comment(text) {
            continue;
        }

        let keyword = instruction.keyword.as_str();
        let key = if names.len() > 1 { "<name>" } else { names[0] };
        let message = format!("Comment above `{keyword}` does not start with `{key}`");
        let help = format!("Write the comment as `# {key} <description>`");
        out.push(Diagnostic::new(&RULE, comment.span, message).with_help(help));
    }
}

/// The stage name of a `FROM … AS name`, lowercased as BuildKit keeps it, or the names of
/// an ARG.
fn defined_names(instruction: &Instruction) -> Vec<&str> {
    match (instruction.keyword, &instruction.args) {
        (Keyword::Arg, Args::Pairs(pairs)) => pairs.iter().map(|p| p.key.as_str()).collect(),
        (Keyword::From, _) => match instruction.words() {
            [_, _, name] if name.value == name.value.to_lowercase() => vec![name.as_str()],
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn is_tool_comment(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    TOOL_COMMENTS.iter().any(|prefix| lower.starts_with(prefix))
}
