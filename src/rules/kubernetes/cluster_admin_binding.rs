//! SL3121: a RoleBinding or ClusterRoleBinding to the `cluster-admin` ClusterRole: its
//! subjects may do anything in the cluster (or the namespace).

use super::rbac_wildcard::is_rbac;
use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3121;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let bindings = cx.objects.iter().filter(|o| {
        is_rbac(o.api_version) && matches!(o.kind, "RoleBinding" | "ClusterRoleBinding")
    });
    for binding in bindings {
        let Some(name) = binding.node.get_path(&["roleRef", "name"]) else {
            continue;
        };
        if name.as_text() == Some("cluster-admin") {
            let message = format!("{} grants `cluster-admin`", object_label(binding));
            out.push(Diagnostic::new(&RULE, name.span, message));
        }
    }
}
