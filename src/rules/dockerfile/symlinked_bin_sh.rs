//! DL4005: a RUN replaces `/bin/sh` with a link to another shell.

use super::Context;
use super::run_commands::{commands, program};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL4005;

/// Reports `ln … /bin/sh` at the `/bin/sh` word when it is the link being made (the last
/// operand), not when `/bin/sh` is only the file linked to.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, command) in commands(cx) {
        if program(command) != "ln" {
            continue;
        }
        let Some(last) = command.args.last() else {
            continue;
        };
        if last.text != "/bin/sh" || command.args.len() < 2 {
            continue;
        }
        let source = command.args[..command.args.len() - 1]
            .iter()
            .rev()
            .find(|w| !w.text.starts_with('-'))
            .map_or("", |w| w.text.as_str());
        let message = format!("`ln` replaces `/bin/sh` with a link to `{source}`");
        out.push(Diagnostic::new(&RULE, last.span, message));
    }
}
