//! SL2101: a service runs privileged.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2101;

pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        let Some((field, true)) = service.privileged() else {
            continue;
        };
        let message =
            "`privileged: true` gives the container every capability and device of the host";
        out.push(field.file, Diagnostic::new(&RULE, field.span(), message));
    }
}
