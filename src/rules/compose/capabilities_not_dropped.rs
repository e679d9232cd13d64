//! SL2104: a service keeps Docker's default capabilities: it does not drop `ALL`.

use super::{Context, Findings, service_key};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2104;

/// Points at `cap_drop` when the service has one, else at the service.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        let drops_all = service
            .strings("cap_drop")
            .iter()
            .any(|c| matches!(c.as_str().to_ascii_uppercase().as_str(), "ALL" | "CAP_ALL"));
        if drops_all {
            continue;
        }
        let (file, span) = match service.get("cap_drop") {
            Some(field) => (field.file, field.key.span),
            None => service_key(service),
        };
        let message = format!("Service `{}` does not drop all capabilities", service.name);
        out.push(file, Diagnostic::new(&RULE, span, message));
    }
}
