//! DL3059: short RUN instructions follow one another where one RUN would do.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::script::Interpreter;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Instruction, Keyword};
use crate::syntax::shell::{self, Command};

pub const RULE: RuleMeta = catalog::DL3059;

/// A RUN of more simple commands than this was most likely kept apart on purpose.
const SHORT: usize = 1;

/// Walks the instructions; a RUN right after another RUN (comments may sit between) with the
/// same flags, both a single command, is reported at its keyword. A reported RUN does not
/// start a new run of RUNs: the third of three such RUNs is compared with the first.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut previous: Option<(Vec<String>, usize)> = None;
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::Run {
            previous = None;
            continue;
        }
        let flags = flags(instruction);
        let count = command_count(cx, index, instruction);
        let joins = previous
            .as_ref()
            .is_some_and(|(f, c)| *f == flags && *c <= SHORT && count <= SHORT);
        if !joins {
            previous = Some((flags, count));
            continue;
        }
        let message = "`RUN` follows another `RUN` and could be joined to it with `&&`";
        out.push(Diagnostic::new(
            &RULE,
            instruction.keyword_text.span,
            message,
        ));
    }
}

/// The flags as written, so that RUNs with different mounts or network are kept apart.
fn flags(instruction: &Instruction) -> Vec<String> {
    let mut flags: Vec<String> = instruction
        .flags
        .iter()
        .map(|f| {
            let value = f.value.as_ref().map_or("", |v| v.value.as_str());
            format!("{}={value}", f.name.value)
        })
        .collect();
    flags.sort();
    flags
}

/// How many simple commands the RUN runs; a command behind a wrapper (`sudo X`) or inside
/// `sh -c` is part of the wrapper's. An
/// exec-form RUN runs one program; a script for another shell (PowerShell, cmd) is counted
/// as if sh read it, which is close enough for `a; b` and `a && b`.
fn command_count(cx: &Context, index: usize, instruction: &Instruction) -> usize {
    if matches!(instruction.args, Args::Exec(_)) {
        return 1;
    }
    let Some(scripts) = cx.model.scripts.get(&index) else {
        return 0;
    };
    scripts
        .iter()
        .map(|script| match script.interpreter {
            Interpreter::Data => 0,
            Interpreter::Other(_) => foreign_steps(&script.text),
            _ => steps(&script.commands),
        })
        .sum()
}

/// A script sh cannot read is most often one long `powershell -Command "…"`: one step.
fn foreign_steps(text: &str) -> usize {
    let analysis = shell::analyze(text);
    if analysis.has_errors {
        return 1;
    }
    steps(&analysis.commands)
}

fn steps(commands: &[Command]) -> usize {
    commands.iter().filter(|c| c.wrappers.is_empty()).count()
}
