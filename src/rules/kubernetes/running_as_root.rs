//! SL3001: a container that may run as root. The `runAsNonRoot` in force (the container's, else
//! the pod's) is not true and the `runAsUser` in force is unset or 0; an explicit
//! `runAsUser: 0` is reported even under `runAsNonRoot: true`, which the kubelet would refuse.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::Container;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3001;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        out.extend(finding(container));
    }
}

fn finding(container: &Container) -> Option<Diagnostic> {
    let label = container_label(container);
    let user = container.setting("runAsUser");
    if let Some(root) = user.filter(|u| u.value().as_i64() == Some(0)) {
        let message = format!("{label} runs as root: `runAsUser` is 0");
        return Some(Diagnostic::new(&RULE, root.entry.span(), message));
    }

    let non_root = container.setting("runAsNonRoot");
    if user.is_some() || non_root.is_some_and(|s| s.value().is_true()) {
        return None;
    }
    Some(match non_root {
        Some(setting) => Diagnostic::new(
            &RULE,
            setting.entry.span(),
            format!(
                "{label} may run as root: `runAsNonRoot` is not true and no `runAsUser` is set"
            ),
        ),
        None => Diagnostic::new(
            &RULE,
            container.anchor(),
            format!("{label} may run as root: neither `runAsNonRoot` nor `runAsUser` is set"),
        ),
    })
}
