//! The Kubernetes rules: what a workload's containers will run with, and the objects around
//! them.

use crate::config::Selection;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, YamlContext};

/// A Kubernetes rule: its metadata and the function that checks a file.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&YamlContext, &mut Vec<Diagnostic>),
}

/// Every built-in Kubernetes rule, by code.
pub const RULES: &[Rule] = &[];

/// Runs the selected Kubernetes rules on a file of manifests.
pub fn check(cx: &YamlContext, selection: &Selection, out: &mut Vec<Diagnostic>) {
    for rule in RULES {
        if selection.is_enabled(rule.meta.code, rule.meta.name, rule.meta.enabled) {
            (rule.check)(cx, out);
        }
    }
}
