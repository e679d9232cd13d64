//! DL3047: `wget` runs with its default progress output, which floods a build log.

use super::Context;
use super::run_commands::{Opt, commands, has_any, options, program};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::shell::Command;

pub const RULE: RuleMeta = catalog::DL3047;

/// The short options of wget that take a value.
const SHORT_VALUES: &str = "eoaiBtOTwQPlARDXIU";

/// Long options that settle what wget prints: a progress style, silence, or a log file.
const SETTLED: [&str; 5] = [
    "progress",
    "quiet",
    "no-verbose",
    "output-file",
    "append-output",
];

/// Reports each `wget` that neither chooses a progress style nor quiets its output.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, command) in commands(cx) {
        if program(command) != "wget" {
            continue;
        }
        let opts = options(&command.args, SHORT_VALUES, &[]);
        if is_settled(&opts, command) {
            continue;
        }
        let message = "`wget` runs without `--progress` or `-q`, so its progress fills the log";
        out.push(Diagnostic::new(&RULE, command.name.span, message));
    }
}

fn is_settled(opts: &[Opt], command: &Command) -> bool {
    // `-nv` is one option, not the letters `n` and `v`.
    let no_verbose = command.args.iter().any(|w| w.text == "-nv");
    no_verbose || has_any(opts, &SETTLED) || has_any(opts, &["q", "o", "a"])
}
