//! SL3115: one host port, protocol and address bound twice in a pod: the pod cannot be
//! scheduled.

use std::collections::HashMap;

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::yaml::Node;

pub const RULE: RuleMeta = catalog::SL3115;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, pod) in cx.pods() {
        let mut seen: HashMap<(i64, String, String), Span> = HashMap::new();
        let ports = pod.containers.iter().flat_map(|c| c.ports());
        for port in ports {
            let Some(value) = port.get("hostPort") else {
                continue;
            };
            let Some(number) = value.as_i64().filter(|n| *n != 0) else {
                continue;
            };
            let text = |key| port.get(key).and_then(Node::as_text).unwrap_or("");
            let protocol = match text("protocol") {
                "" => "TCP",
                other => other,
            };
            let key = (number, protocol.to_owned(), text("hostIP").to_owned());
            if let Some(first) = seen.get(&key) {
                let message = format!("Host port `{number}/{protocol}` is bound twice in a pod");
                out.push(
                    Diagnostic::new(&RULE, value.span, message)
                        .with_label(*first, "first bound here"),
                );
            } else {
                seen.insert(key, value.span);
            }
        }
    }
}
