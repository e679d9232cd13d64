//! SL3004: a container of a long-running workload without a liveness or a readiness probe.
//! Jobs, CronJobs, Argo workflows, init and ephemeral containers are exempt: they run to
//! completion or are not restarted.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::ContainerKind;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3004;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (object, _, container) in cx.containers() {
        if container.kind != ContainerKind::Regular || !object.is_long_running() {
            continue;
        }
        let liveness = container.entry("livenessProbe").is_some();
        let readiness = container.entry("readinessProbe").is_some();
        let missing = match (liveness, readiness) {
            (true, true) => continue,
            (true, false) => "`readinessProbe`",
            (false, true) => "`livenessProbe`",
            (false, false) => "`livenessProbe` or `readinessProbe`",
        };
        let message = format!("{} has no {missing}", container_label(container));
        out.push(Diagnostic::new(&RULE, container.anchor(), message));
    }
}
