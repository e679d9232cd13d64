//! SL2108: a service's root file system is writable.

use super::{Context, Findings, service_key};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2108;

/// Points at `read_only: false` when written, else at the service.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        let (file, span) = match service.read_only() {
            Some((_, true)) => continue,
            Some((field, false)) => (field.file, field.span()),
            None => service_key(service),
        };
        let message = format!("Service `{}` has a writable root file system", service.name);
        out.push(file, Diagnostic::new(&RULE, span, message));
    }
}
