//! SL2110: a service has no memory or no CPU limit.

use super::{Context, Findings, service_key};
use crate::diagnostic::Diagnostic;
use crate::model::compose::Service;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2110;

/// A limit counts in either form: `deploy.resources.limits` or the service keys `mem_limit`,
/// `cpus`, `cpu_quota`.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        let memory = limited(service, "memory", &["mem_limit"]);
        let cpu = limited(service, "cpus", &["cpus", "cpu_quota"]);
        let missing = match (memory, cpu) {
            (true, true) => continue,
            (false, false) => "memory or CPU limit",
            (false, true) => "memory limit",
            (true, false) => "CPU limit",
        };
        let (file, span) = service_key(service);
        let message = format!("Service `{}` has no {missing}", service.name);
        out.push(file, Diagnostic::new(&RULE, span, message));
    }
}

fn limited(service: &Service, deploy_key: &str, keys: &[&str]) -> bool {
    service
        .get_path(&["deploy", "resources", "limits", deploy_key])
        .is_some()
        || keys.iter().any(|key| service.get(key).is_some())
}
