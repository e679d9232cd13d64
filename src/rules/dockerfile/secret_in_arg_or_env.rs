//! DL3064: an ARG or ENV whose name says it holds a secret. Build args and ENV values stay in
//! the image's history and metadata, where anyone who pulls the image can read them.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::secrets;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Keyword};

pub const RULE: RuleMeta = catalog::DL3064;

/// The name list and its allow-list are those of [`secrets::is_secret_name`].
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        if !matches!(instruction.keyword, Keyword::Arg | Keyword::Env) {
            continue;
        }
        let Args::Pairs(pairs) = &instruction.args else {
            continue;
        };
        for pair in pairs
            .iter()
            .filter(|pair| secrets::is_secret_name(&pair.key.value))
        {
            let message = format!(
                "`{} {}` may hold a secret, which stays in the image's history",
                instruction.keyword.as_str(),
                pair.key.value
            );
            out.push(Diagnostic::new(&RULE, pair.key.span, message));
        }
    }
}
