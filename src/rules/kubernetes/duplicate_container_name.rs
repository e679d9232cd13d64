//! SL3116: two containers of one pod (init and ephemeral containers included) with the same
//! name: the API server rejects the pod.

use std::collections::HashMap;

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;

pub const RULE: RuleMeta = catalog::SL3116;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, pod) in cx.pods() {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for name in pod.containers.iter().filter_map(|c| c.name) {
            let Some(text) = name.as_text() else { continue };
            if let Some(first) = seen.get(text) {
                let message = format!("Container name `{text}` is used twice in a pod");
                out.push(
                    Diagnostic::new(&RULE, name.span, message)
                        .with_label(*first, "first used here"),
                );
            } else {
                seen.insert(text, name.span);
            }
        }
    }
}
