//! User-defined rules: declarative matchers written in TOML, in the config or in the
//! `*.toml` files of `rule-dirs`.

use crate::diagnostic::Diagnostic;
use crate::rules::dockerfile::Context;

/// One user-defined rule.
#[derive(Clone, Debug, PartialEq)]
pub struct UserRule {
    pub code: String,
}

impl UserRule {
    /// Reads one rule from its TOML table; the error says what is wrong, in lowercase.
    pub fn from_toml(table: &toml::Table) -> Result<UserRule, String> {
        let _ = table;
        Err("user rules are not supported yet".into())
    }
}

/// Runs the Dockerfile user rules on one file.
pub fn check_dockerfile(rules: &[UserRule], cx: &Context, out: &mut Vec<Diagnostic>) {
    let _ = (rules, cx, out);
}
