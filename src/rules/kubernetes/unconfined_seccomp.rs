//! SL3110: a pod or container that turns seccomp off: `seccompProfile.type: Unconfined` in a
//! security context, or the older `unconfined` annotations.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::yaml::Node;

pub const RULE: RuleMeta = catalog::SL3110;

const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const CONTAINER_ANNOTATION: &str = "container.seccomp.security.alpha.kubernetes.io/";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (object, pod) in cx.pods() {
        let contexts = std::iter::once(pod.security_context)
            .chain(pod.containers.iter().map(|c| c.security_context));
        for sc in contexts.flatten() {
            if let Some(kind) = unconfined_type(sc, "seccompProfile") {
                let message = format!("Seccomp is off in {}", object_label(object));
                out.push(Diagnostic::new(&RULE, kind.span, message));
            }
        }
        for entry in pod.annotations() {
            let key = entry.key_str().unwrap_or("");
            let about = key == POD_ANNOTATION || key.starts_with(CONTAINER_ANNOTATION);
            if about && entry.value.as_text() == Some("unconfined") {
                let message = format!("Seccomp is off in {}", object_label(object));
                out.push(Diagnostic::new(&RULE, entry.span(), message));
            }
        }
    }
}

/// The `type` value node of a profile set to `Unconfined`.
pub fn unconfined_type<'a>(sc: &'a Node, profile: &str) -> Option<&'a Node> {
    let kind = sc.get_path(&[profile, "type"])?;
    (kind.as_text() == Some("Unconfined")).then_some(kind)
}
