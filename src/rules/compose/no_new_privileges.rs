//! SL2102: a service does not set `no-new-privileges`, so its processes may gain privileges
//! through setuid binaries.

use super::{Context, Findings, service_key};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2102;

/// `no-new-privileges`, `no-new-privileges:true` and `no-new-privileges=true` pass. The finding
/// points at `security_opt` when the service has one, else at the service.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        let options = service.strings("security_opt");
        if options.iter().any(|o| sets_no_new_privileges(o.as_str())) {
            continue;
        }
        let (file, span) = match service.get("security_opt") {
            Some(field) => (field.file, field.key.span),
            None => service_key(service),
        };
        let message = format!(
            "Service `{}` does not set `no-new-privileges`",
            service.name
        );
        out.push(file, Diagnostic::new(&RULE, span, message));
    }
}

fn sets_no_new_privileges(option: &str) -> bool {
    let Some(rest) = option.strip_prefix("no-new-privileges") else {
        return false;
    };
    matches!(rest, "" | ":true" | "=true" | ":1" | "=1")
}
