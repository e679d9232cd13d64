//! SL2004: a service has no healthcheck: neither its own `healthcheck` nor a HEALTHCHECK in
//! the Dockerfile it builds.

use super::{Context, Findings, service_key};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2004;

/// `healthcheck: {disable: true}` is an explicit choice and passes. A service built from a
/// Dockerfile shiplint could not read is left alone; a service that only names an image is
/// reported, since few images declare a HEALTHCHECK.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        if service.healthcheck().is_some() {
            continue;
        }
        let message = match (&service.built, service.get("build"), service.get("image")) {
            (Some(built), _, _) if built.healthcheck => continue,
            (Some(_), _, _) => format!(
                "Service `{}` has no `healthcheck` and its Dockerfile has no `HEALTHCHECK`",
                service.name
            ),
            (None, None, Some(_)) => format!("Service `{}` has no `healthcheck`", service.name),
            (None, _, _) => continue,
        };
        let (file, span) = service_key(service);
        out.push(file, Diagnostic::new(&RULE, span, message));
    }
}
