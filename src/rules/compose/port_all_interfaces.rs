//! SL2111: a service publishes a port on every interface of the host.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2111;

/// A port without a host address, or bound to `0.0.0.0` or `::`, is reachable from every
/// network the host is on.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        for port in service.ports() {
            let everywhere = port
                .host_ip
                .as_deref()
                .is_none_or(|ip| matches!(ip, "0.0.0.0" | "::"));
            if !everywhere {
                continue;
            }
            let mut mapping = match &port.published {
                Some(published) => format!("{published}:{}", port.target),
                None => port.target.clone(),
            };
            if port.protocol != "tcp" {
                mapping = format!("{mapping}/{}", port.protocol);
            }
            let message = format!("Port `{mapping}` is published on every host interface");
            out.push(port.file, Diagnostic::new(&RULE, port.span, message));
        }
    }
}
