//! DL3001: a RUN runs a command that makes no sense while building an image.

use super::Context;
use super::run_commands::{commands, program};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3001;

/// Interactive tools, process and service control, and machine administration: none of them
/// has a live system to act on during a build step.
const POINTLESS: [&str; 9] = [
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

/// Reports each pointless command at its name, wrapped ones (`sudo service …`) included.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, command) in commands(cx) {
        let name = program(command);
        if !POINTLESS.contains(&name) {
            continue;
        }
        let message = format!("`{name}` makes no sense in a container build");
        out.push(Diagnostic::new(&RULE, command.name.span, message));
    }
}
