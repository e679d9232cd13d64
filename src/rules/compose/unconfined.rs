//! SL2109: a service turns off a kernel confinement: seccomp, AppArmor, SELinux labels or the
//! masking of `/proc` and `/sys`.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2109;

pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        for option in service.strings("security_opt") {
            let value = option.as_str().trim();
            let Some((name, setting)) = value.split_once([':', '=']) else {
                continue;
            };
            let off = match name {
                "seccomp" | "apparmor" | "systempaths" => setting == "unconfined",
                "label" => setting == "disable",
                _ => false,
            };
            if !off {
                continue;
            }
            let message = format!("`security_opt: {value}` turns off a kernel protection");
            out.push(option.file, Diagnostic::new(&RULE, option.span, message));
        }
    }
}
