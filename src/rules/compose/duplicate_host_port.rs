//! SL2113: two services, or one service twice, publish the same host port; the second fails
//! to start.

use std::collections::HashMap;

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::model::compose::{FileId, Service};
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;

pub const RULE: RuleMeta = catalog::SL2113;

/// Ports compare by host address, host port and protocol; ranges compare as written. Services
/// of different profiles may never run together, so a port they share is not reported.
pub fn check(cx: &Context, out: &mut Findings) {
    let mut first: HashMap<(String, String, String), (FileId, Span, &Service)> = HashMap::new();
    for service in &cx.project.services {
        for port in service.ports() {
            let Some(published) = port.published.clone() else {
                continue;
            };
            let ip = port
                .host_ip
                .clone()
                .unwrap_or_else(|| "0.0.0.0".to_string());
            let key = (ip, published.clone(), port.protocol.clone());
            let Some(&(file, span, owner)) = first.get(&key) else {
                first.insert(key, (port.file, port.span, service));
                continue;
            };
            if !may_run_together(owner, service) {
                continue;
            }
            let message = format!("Host port `{published}` is already published");
            let mut diagnostic = Diagnostic::new(&RULE, port.span, message);
            if file == port.file {
                diagnostic = diagnostic.with_label(span, "first published here");
            }
            out.push(port.file, diagnostic);
        }
    }
}

/// Services without profiles always run; two with profiles run together when they share one.
fn may_run_together(a: &Service, b: &Service) -> bool {
    let profiles = |service: &Service| -> Vec<String> {
        service
            .strings("profiles")
            .into_iter()
            .filter_map(|p| p.value)
            .collect()
    };
    let (a, b) = (profiles(a), profiles(b));
    a.is_empty() || b.is_empty() || a.iter().any(|p| b.contains(p))
}
