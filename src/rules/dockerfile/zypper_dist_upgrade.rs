//! DL3035: `zypper dist-upgrade` in a Dockerfile, which upgrades the whole distribution inside
//! the image instead of starting from a newer base image.

use super::Context;
use super::packages::{self, Manager};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3035;

/// Reports each `zypper dist-upgrade` (or `zypper dup`), at the subcommand.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let commands = cx
        .model
        .scripts
        .values()
        .flatten()
        .flat_map(|script| &script.commands);
    for command in commands {
        let Some(call) = packages::call(command) else {
            continue;
        };
        if call.manager != Manager::Zypper {
            continue;
        }
        let Some(word) = call
            .subcommand
            .filter(|word| matches!(word.text.as_str(), "dist-upgrade" | "dup"))
        else {
            continue;
        };
        let message = format!("`zypper {}` upgrades the whole distribution", word.text);
        out.push(Diagnostic::new(&RULE, word.span, message));
    }
}
