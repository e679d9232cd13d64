//! SL1010: a RUN that leaves the build sandbox: `--security=insecure` runs it with all
//! capabilities, as a privileged container, and `--network=host` gives it the host's network.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Flag, Keyword};

pub const RULE: RuleMeta = catalog::SL1010;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        let instruction = match &instruction.args {
            Args::Onbuild(inner) => inner.as_ref(),
            _ => instruction,
        };
        if instruction.keyword != Keyword::Run {
            continue;
        }
        for flag in &instruction.flags {
            if let Some(message) = problem(flag) {
                out.push(Diagnostic::new(&RULE, flag.span, message));
            }
        }
    }
}

fn problem(flag: &Flag) -> Option<String> {
    let value = flag.value.as_ref()?.value.trim_matches('"');
    let what = match (flag.name.value.as_str(), value) {
        ("security", "insecure") => "with every capability, like a privileged container",
        ("network", "host") => "in the host's network namespace",
        _ => return None,
    };
    Some(format!(
        "`RUN --{}={value}` runs the step {what}",
        flag.name.value
    ))
}
