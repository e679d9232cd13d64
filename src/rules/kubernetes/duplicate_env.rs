//! SL3126: an environment variable set twice in one container: the last one wins, which is
//! rarely what the first one's author meant.

use std::collections::HashMap;

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;

pub const RULE: RuleMeta = catalog::SL3126;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for var in container.env() {
            let name = var.name_str();
            if let Some(first) = seen.get(name) {
                let message = format!("{} sets `{name}` twice", container_label(container));
                out.push(
                    Diagnostic::new(&RULE, var.name.span, message)
                        .with_label(*first, "first set here"),
                );
            } else {
                seen.insert(name, var.name.span);
            }
        }
    }
}
