//! DL3003: a RUN changes directory with `cd` where `WORKDIR` would say it once.

use super::Context;
use super::run_commands::{commands, program};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3003;

/// Reports the first `cd` of each RUN; the others in the same RUN have the same fix.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut last = None;
    for (index, command) in commands(cx) {
        if program(command) != "cd" || last == Some(index) {
            continue;
        }
        last = Some(index);
        let target = command.args.first().map_or("~", |word| word.text.as_str());
        let message = format!("`cd {target}` changes directory inside a `RUN`");
        out.push(Diagnostic::new(&RULE, command.name.span, message));
    }
}
