//! Settings from `shiplint.toml`, `.shiplint.toml`, `[package.metadata.shiplint]` of a
//! `Cargo.toml`, or (with none of those) a hadolint config, merged with the command line.
//!
//! A [`Config`] is what one config file says; [`Config::selection`] answers, for one linted
//! file, which rules run and at what severity.

use std::path::Path;

use crate::diagnostic::Severity;
use crate::rules::user::UserRule;

/// The settings that apply to one linted file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Declarative rules from the config and its `rule-dirs`.
    pub user_rules: Vec<UserRule>,
    /// `--no-inline-suppressions`: suppression comments are ignored.
    pub no_inline_suppressions: bool,
}

/// Which rules run on one file, and at what severity.
#[derive(Clone, Debug, Default)]
pub struct Selection {}

impl Selection {
    /// Whether the rule runs on this file.
    pub fn is_enabled(&self, code: &str, name: &str, enabled_by_default: bool) -> bool {
        let _ = (code, name);
        enabled_by_default
    }

    /// The rule's severity on this file.
    pub fn severity(&self, code: &str, name: &str, default: Severity) -> Severity {
        let _ = (code, name);
        default
    }
}

impl Config {
    /// The rules that apply to the file at `path` (as displayed), after `per-file-ignores`.
    pub fn selection(&self, path: &Path) -> Selection {
        let _ = path;
        Selection {}
    }
}
