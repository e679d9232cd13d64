//! DL3027: `apt` run in a Dockerfile. `apt` is the interactive front end; its output and
//! behaviour may change between releases and it warns that its interface is not stable.

use super::Context;
use super::packages;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3027;

/// Reports each command that runs `apt`, at the program name.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let commands = cx
        .model
        .scripts
        .values()
        .flatten()
        .flat_map(|script| &script.commands);
    for command in commands.filter(|command| packages::program(command) == "apt") {
        let run = match command.args.iter().find(|word| !word.text.starts_with('-')) {
            Some(subcommand) => format!("apt {}", subcommand.text),
            None => "apt".to_owned(),
        };
        let message = format!("`{run}` uses `apt`, whose interface is not meant for scripts");
        out.push(Diagnostic::new(&RULE, command.name.span, message));
    }
}
