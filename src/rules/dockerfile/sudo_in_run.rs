//! DL3004: a RUN uses `sudo`.

use super::Context;
use super::run_commands::{program, scripts};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3004;

/// Reports each `sudo` at its name, with the command it runs when there is one.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, script) in scripts(cx) {
        for command in &script.commands {
            if program(command) != "sudo" {
                continue;
            }
            let inner = command.wraps.and_then(|i| script.commands.get(i));
            let message = match inner {
                Some(inner) => format!("`sudo` runs `{}` in a `RUN`", inner.name.text),
                None => "`sudo` is used in a `RUN`".to_owned(),
            };
            out.push(Diagnostic::new(&RULE, command.name.span, message));
        }
    }
}
