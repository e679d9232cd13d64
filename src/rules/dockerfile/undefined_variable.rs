//! SL1106: a variable used in a non-RUN instruction that no ARG or ENV defines (BuildKit's
//! UndefinedVar).

use std::collections::{HashMap, HashSet};

use super::Context;
use super::undefined_arg_in_from::is_predefined;
use super::variables::{Reference, global_args, references, suggest};
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::Base;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Instruction, Keyword, Text};

pub const RULE: RuleMeta = catalog::SL1106;

/// BuildKit expands these instructions' words itself; RUN, CMD and ENTRYPOINT are left to
/// the shell, which may define variables of its own.
const EXPANDED: [Keyword; 10] = [
    Keyword::Add,
    Keyword::Arg,
    Keyword::Copy,
    Keyword::Env,
    Keyword::Expose,
    Keyword::Label,
    Keyword::Stopsignal,
    Keyword::User,
    Keyword::Volume,
    Keyword::Workdir,
];

/// A stage built on an image may get variables from that image's own ENV, which the file
/// does not show. So a name unknown to the file is reported only in a stage built on
/// `scratch`; elsewhere only a name that looks like a mistake is: one close to a name in
/// scope, or one another instruction declares (a global ARG not re-declared, an ARG declared
/// later, another stage's ENV) and that is used without a default (`${NAME:-x}`).
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let declared = declared_anywhere(cx);
    let globals: HashSet<&str> = global_args(cx.file)
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        let Some(Some(stage)) = cx.model.stage_of.get(index) else {
            continue;
        };
        if !EXPANDED.contains(&instruction.keyword) {
            continue;
        }
        let in_scope = names_in_scope(cx, index, *stage);
        let from_scratch = built_from_scratch(cx, *stage);
        for (reference, defining) in undefined(cx, instruction, &in_scope) {
            let name = reference.name.as_str();
            let near = suggest(name, in_scope.iter().map(String::as_str));
            // A value that reads the name it sets (`PATH=$PATH:…`) is no sign of a mistake.
            let elsewhere = declared
                .get(name)
                .is_some_and(|at| at.iter().any(|&i| i != index) || defining != Some(name));
            let suspicious = near.is_some() || elsewhere && !reference.guarded;
            if !(from_scratch || suspicious) {
                continue;
            }
            let help = help(name, near, globals.contains(name));
            let message = format!("Variable `{name}` is not defined here");
            out.push(Diagnostic::new(&RULE, reference.span, message).with_help(help));
        }
    }
}

/// The references of the instruction's expanded words to names not in scope, each with the
/// name its word defines.
fn undefined<'a>(
    cx: &Context,
    instruction: &'a Instruction,
    in_scope: &HashSet<String>,
) -> Vec<(Reference, Option<&'a str>)> {
    let mut same_line: HashSet<&str> = HashSet::new();
    let mut found: Vec<(Reference, Option<&str>)> = Vec::new();
    for (word, defines) in expanded_words(instruction) {
        let references = word
            .map(|w| references(w, cx.file.escape))
            .unwrap_or_default();
        for reference in references {
            let name = reference.name.as_str();
            let known = in_scope.contains(name) || same_line.contains(name);
            let repeated = found.iter().any(|(f, _)| f.name == name);
            if !known && !repeated && !is_predefined(name) && name != "PATH" {
                found.push((reference, defines));
            }
        }
        // ARG reads its names in order; ENV expands every value with the scope before it.
        if instruction.keyword == Keyword::Arg {
            same_line.extend(defines);
        }
    }
    found
}

/// The words BuildKit expands, each with the name it defines (for ARG and ENV pairs, whose
/// value may be absent).
fn expanded_words(instruction: &Instruction) -> Vec<(Option<&Text>, Option<&str>)> {
    let mut words = Vec::new();
    match &instruction.args {
        Args::Pairs(pairs) => {
            for pair in pairs {
                if instruction.keyword == Keyword::Label {
                    words.push((Some(&pair.key), None));
                }
                words.push((pair.value.as_ref(), Some(pair.key.as_str())));
            }
        }
        _ => words.extend(instruction.words().iter().map(|w| (Some(w), None))),
    }
    if matches!(instruction.keyword, Keyword::Copy | Keyword::Add) {
        let flags = instruction
            .flags
            .iter()
            .filter(|f| is_expanded_flag(f.name.as_str()));
        words.extend(
            flags
                .filter_map(|f| f.value.as_ref())
                .map(|v| (Some(v), None)),
        );
    }
    words
}

fn is_expanded_flag(name: &str) -> bool {
    matches!(name, "chown" | "chmod" | "from")
}

/// The ARG and ENV names in scope at the instruction, and the ARGs of the stages it is
/// built on, which may carry over.
fn names_in_scope(cx: &Context, index: usize, stage: usize) -> HashSet<String> {
    let mut names: HashSet<String> = cx.model.scopes[index].keys().cloned().collect();
    for ancestor in ancestors(cx, stage).into_iter().skip(1) {
        let body = cx.model.stages[ancestor].body.clone();
        names.extend(arg_names(&cx.file.instructions[body]).map(str::to_owned));
    }
    names
}

/// The stage and the stages it is built on, nearest first.
fn ancestors(cx: &Context, stage: usize) -> Vec<usize> {
    let mut chain = vec![stage];
    while let Base::Stage(parent) = cx.model.stages[*chain.last().unwrap_or(&stage)].base {
        if chain.contains(&parent) {
            break;
        }
        chain.push(parent);
    }
    chain
}

fn built_from_scratch(cx: &Context, stage: usize) -> bool {
    let root = *ancestors(cx, stage).last().unwrap_or(&stage);
    cx.model.stages[root].base == Base::Scratch
}

/// Every name an ARG or ENV of the file declares, with the instructions that declare it.
fn declared_anywhere<'a>(cx: &'a Context) -> HashMap<&'a str, Vec<usize>> {
    let mut names: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if !matches!(instruction.keyword, Keyword::Arg | Keyword::Env) {
            continue;
        }
        if let Args::Pairs(pairs) = &instruction.args {
            for pair in pairs {
                names.entry(pair.key.as_str()).or_default().push(index);
            }
        }
    }
    names
}

fn arg_names(instructions: &[Instruction]) -> impl Iterator<Item = &str> {
    instructions.iter().flat_map(
        |instruction| match (instruction.keyword, &instruction.args) {
            (Keyword::Arg, Args::Pairs(pairs)) => pairs.iter().map(|p| p.key.as_str()).collect(),
            _ => Vec::new(),
        },
    )
}

fn help(name: &str, near: Option<String>, global: bool) -> String {
    match near {
        Some(other) => format!("Use `{other}`, or declare `ARG {name}` or `ENV {name}=…` first"),
        None if global => {
            format!(
                "Declare `ARG {name}` in the stage: a global ARG is only visible once re-declared"
            )
        }
        None => format!("Declare `ARG {name}` or `ENV {name}=…` before this instruction"),
    }
}
