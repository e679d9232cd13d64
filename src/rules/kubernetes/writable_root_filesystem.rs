//! SL3109: a container whose root file system is writable: `readOnlyRootFilesystem` is not
//! true.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3109;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        let label = container_label(container);
        match container.setting("readOnlyRootFilesystem") {
            Some(s) if s.value().is_true() => {}
            Some(s) => {
                let message = format!("{label} has a writable root file system");
                out.push(Diagnostic::new(&RULE, s.entry.span(), message));
            }
            None => {
                let message = format!(
                    "{label} has a writable root file system: `readOnlyRootFilesystem` is not set"
                );
                out.push(Diagnostic::new(&RULE, container.anchor(), message));
            }
        }
    }
}
