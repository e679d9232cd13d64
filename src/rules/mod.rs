//! The rule registry: every built-in rule's metadata and check function.

use crate::diagnostic::Severity;

pub mod dockerfile;
pub mod secrets;
pub mod user;

/// What identifies a rule and how it reports by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// The stable code, such as `DL3008` or `SL1002`.
    pub code: &'static str,
    /// The kebab-case name of the pattern flagged, such as `apt-get-unpinned`.
    pub name: &'static str,
    pub severity: Severity,
    /// Off-by-default rules run only when selected.
    pub enabled: bool,
    /// The default help line, starting with a verb.
    pub help: Option<&'static str>,
}

/// SL0001: what BuildKit would reject: a syntax error, an unknown instruction, a missing
/// argument, an invalid image reference.
pub const SYNTAX_ERROR: RuleMeta = RuleMeta {
    code: "SL0001",
    name: "syntax-error",
    severity: Severity::Error,
    enabled: true,
    help: None,
};
