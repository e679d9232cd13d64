//! SL3120: a `*` in the `verbs`, `resources` or `apiGroups` of a Role or ClusterRole rule: it
//! grants everything, including what later releases add.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3120;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let roles = cx
        .objects
        .iter()
        .filter(|o| is_rbac(o.api_version) && matches!(o.kind, "Role" | "ClusterRole"));
    for role in roles {
        let rules = role.node.get("rules").map_or(&[][..], |r| r.items());
        for rule in rules {
            for field in ["verbs", "resources", "apiGroups"] {
                let items = rule.get(field).map_or(&[][..], |f| f.items());
                for item in items.iter().filter(|i| i.as_text() == Some("*")) {
                    let message = format!("{} grants `*` in `{field}`", object_label(role));
                    out.push(Diagnostic::new(&RULE, item.span, message));
                }
            }
        }
    }
}

/// Whether an apiVersion is the RBAC group's.
pub fn is_rbac(api_version: &str) -> bool {
    api_version.starts_with("rbac.authorization.k8s.io/")
}
