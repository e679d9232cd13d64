//! SL1011: a RUN that uses a build argument whose name says it holds a secret (`$NPM_TOKEN`),
//! where a secret mount should pass it. DL3064 reports the `ARG` declaration; this rule points
//! at each RUN that consumes it, which is where the value enters the build's records.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::script::{self, Script};
use crate::rules::secrets;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::dockerfile::{Args, Instruction, Keyword};

pub const RULE: RuleMeta = catalog::SL1011;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let instructions = &cx.file.instructions;
    for (arg_index, name) in secret_args(cx) {
        let stage = cx.model.stage_of.get(arg_index).copied().flatten();
        let following = instructions.iter().enumerate().skip(arg_index + 1);
        for (index, instruction) in following {
            if cx.model.stage_of.get(index).copied().flatten() != stage {
                break;
            }
            if instruction.keyword != Keyword::Run || has_secret_mount(instruction, &name) {
                continue;
            }
            let Some(span) = first_use(cx.model.scripts.get(&index), &name) else {
                continue;
            };
            let message = format!(
                "`RUN` uses the secret-named build argument `{name}`, which the image's history records"
            );
            out.push(Diagnostic::new(&RULE, span, message));
        }
    }
}

/// `(instruction index, name)` of every ARG inside a stage whose name looks secret.
fn secret_args(cx: &Context) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::Arg || cx.model.stage_of[index].is_none() {
            continue;
        }
        let Args::Pairs(pairs) = &instruction.args else {
            continue;
        };
        let names = pairs.iter().map(|pair| &pair.key.value);
        let secret = names.filter(|name| secrets::is_secret_name(name));
        found.extend(secret.map(|name| (index, name.clone())));
    }
    found
}

/// A RUN that already mounts a secret under the argument's name reads the mount, not the ARG.
fn has_secret_mount(instruction: &Instruction, name: &str) -> bool {
    let env = format!("env={name}");
    let mounts = script::mounts(instruction);
    let secret_ids = mounts
        .iter()
        .filter(|m| m.kind == "secret")
        .filter_map(|m| m.id.as_deref());
    let by_id = secret_ids
        .into_iter()
        .any(|id| id.eq_ignore_ascii_case(name));
    let by_env = instruction
        .flags
        .iter()
        .filter_map(|f| f.value.as_ref())
        .any(|v| v.value.contains("type=secret") && v.value.split(',').any(|p| p == env));
    by_id || by_env
}

/// The span of the first `$name` or `${name…}` in the shell scripts of a RUN.
fn first_use(scripts: Option<&Vec<Script>>, name: &str) -> Option<Span> {
    scripts?
        .iter()
        .filter(|script| script.interpreter.is_shell())
        .find_map(|script| {
            let (start, end) = find_reference(&script.text, name)?;
            Some(Span::new(
                script.map.to_file(start),
                script.map.to_file(end),
            ))
        })
}

/// The byte range of the first `$name` or `${name` (with its `}` when it follows the name).
fn find_reference(text: &str, name: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = text[at..].find('$') {
        let start = at + found;
        at = start + 1;
        if bytes.get(at) == Some(&b'$') {
            at += 1;
            continue;
        }
        let braced = bytes.get(at) == Some(&b'{');
        let name_start = at + usize::from(braced);
        let name_end = name_start + name.len();
        if text.get(name_start..name_end) != Some(name) {
            continue;
        }
        let next = bytes.get(name_end).copied();
        if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
            continue;
        }
        let end = if braced && next == Some(b'}') {
            name_end + 1
        } else {
            name_end
        };
        return Some((start, end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let cases = [
            ("echo $TOKEN", Some((5, 11))),
            ("echo ${TOKEN}", Some((5, 13))),
            ("echo ${TOKEN:-x}", Some((5, 12))),
            ("echo $TOKENS", None),
            ("echo $$TOKEN", None),
            ("echo TOKEN", None),
            ("a=$X b=$TOKEN", Some((7, 13))),
        ];
        for (text, expected) in cases {
            assert_eq!(find_reference(text, "TOKEN"), expected, "{text}");
        }
    }
}
