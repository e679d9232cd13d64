//! DL3046: `useradd` gives a high UID without `--no-log-init`, so the image carries a huge
//! sparse `/var/log/lastlog`.

use super::Context;
use super::run_commands::{commands, has_any, options, program};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3046;

/// The short options of useradd that take a value.
const SHORT_VALUES: &str = "bcdefgGkKpRPsuZ";
const LONG_VALUES: [&str; 14] = [
    "base-dir",
    "comment",
    "home-dir",
    "expiredate",
    "inactive",
    "gid",
    "groups",
    "skel",
    "key",
    "password",
    "root",
    "prefix",
    "shell",
    "uid",
];

/// UIDs from here on make lastlog and faillog grow to many megabytes.
const HIGH_UID: u64 = 100_000;

/// Reports the UID word of each `useradd` with a high UID and without `-l`.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, command) in commands(cx) {
        if program(command) != "useradd" {
            continue;
        }
        let opts = options(&command.args, SHORT_VALUES, &LONG_VALUES);
        if has_any(&opts, &["l", "no-log-init"]) {
            continue;
        }
        let Some(uid) = opts.iter().find(|o| o.name == "u" || o.name == "uid") else {
            continue;
        };
        let Some(value) = uid.value.as_deref().and_then(|v| known_uid(cx, index, v)) else {
            continue;
        };
        if value < HIGH_UID {
            continue;
        }
        let message = format!("`useradd` sets the high UID `{value}` without `--no-log-init`");
        out.push(Diagnostic::new(&RULE, uid.value_word.span, message));
    }
}

/// The UID after ARG and ENV expansion; `None` when it is not known.
fn known_uid(cx: &Context, index: usize, text: &str) -> Option<u64> {
    let expanded = cx.model.expand(index, text)?;
    expanded.trim().parse().ok()
}
