//! DL3021: COPY of several sources to a destination that does not end with `/`.

use super::Context;
use super::paths::unquoted;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::DL3021;

/// BuildKit refuses such a build. Heredoc sources count as sources.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::Copy {
            continue;
        }
        let Some((destination, sources)) = instruction.words().split_last() else {
            continue;
        };
        if sources.len() < 2 {
            continue;
        }
        let Some(path) = cx.model.expand(index, unquoted(&destination.value)) else {
            continue;
        };
        if path.ends_with('/') || path.ends_with('\\') {
            continue;
        }
        let count = sources.len();
        let message = format!("`COPY` of {count} sources to `{path}`, which does not end with `/`");
        out.push(Diagnostic::new(&RULE, destination.span, message));
    }
}
