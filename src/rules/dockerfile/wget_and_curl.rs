//! DL4001: one stage downloads with both `wget` and `curl`.

use std::collections::HashSet;

use super::Context;
use super::run_commands::{commands, program};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;
use crate::syntax::shell::Command;

pub const RULE: RuleMeta = catalog::DL4001;

/// Walks each stage's RUNs in order; once both tools have been seen, every RUN that uses one
/// of them is reported at its first `curl` or `wget`. The RUNs of ONBUILD triggers run in
/// another image and are counted apart.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut seen: HashSet<(Option<usize>, bool, &str)> = HashSet::new();
    let mut last = None;
    for (index, command) in commands(cx) {
        let Some(tool) = tool(command) else {
            continue;
        };
        let stage = cx.model.stage_of.get(index).copied().flatten();
        let onbuild = cx.file.instructions[index].keyword == Keyword::Onbuild;
        seen.insert((stage, onbuild, tool));
        let other = if tool == "curl" { "wget" } else { "curl" };
        if !seen.contains(&(stage, onbuild, other)) || last == Some(index) {
            continue;
        }
        last = Some(index);
        let message = format!("`{tool}` is used in a stage that also uses `{other}`");
        out.push(Diagnostic::new(&RULE, command.name.span, message));
    }
}

fn tool(command: &Command) -> Option<&'static str> {
    match program(command) {
        "curl" => Some("curl"),
        "wget" => Some("wget"),
        _ => None,
    }
}
