//! SL3111: a pod or container that turns AppArmor off: `appArmorProfile.type: Unconfined` in
//! a security context, or the `container.apparmor.security.beta.kubernetes.io/<name>:
//! unconfined` annotation.

use super::unconfined_seccomp::unconfined_type;
use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3111;

const ANNOTATION: &str = "container.apparmor.security.beta.kubernetes.io/";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (object, pod) in cx.pods() {
        let contexts = std::iter::once(pod.security_context)
            .chain(pod.containers.iter().map(|c| c.security_context));
        for sc in contexts.flatten() {
            if let Some(kind) = unconfined_type(sc, "appArmorProfile") {
                let message = format!("AppArmor is off in {}", object_label(object));
                out.push(Diagnostic::new(&RULE, kind.span, message));
            }
        }
        for entry in pod.annotations() {
            let key = entry.key_str().unwrap_or("");
            if key.starts_with(ANNOTATION) && entry.value.as_text() == Some("unconfined") {
                let message = format!("AppArmor is off in {}", object_label(object));
                out.push(Diagnostic::new(&RULE, entry.span(), message));
            }
        }
    }
}
