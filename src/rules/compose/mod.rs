//! The Compose rules: what a service will run with.

use crate::config::Selection;
use crate::diagnostic::Diagnostic;
use crate::report::FileReport;
use crate::rules::{RuleMeta, YamlContext};

/// A Compose rule: its metadata and the function that checks a file.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&YamlContext, &mut Vec<Diagnostic>),
}

/// Every built-in Compose rule, by code.
pub const RULES: &[Rule] = &[];

/// Runs the selected Compose rules on a Compose file; the findings in other files it reached
/// come back apart.
pub fn check(
    cx: &YamlContext,
    selection: &Selection,
    out: &mut Vec<Diagnostic>,
) -> Vec<FileReport> {
    for rule in RULES {
        if selection.is_enabled(rule.meta.code, rule.meta.name, rule.meta.enabled) {
            (rule.check)(cx, out);
        }
    }
    Vec::new()
}
