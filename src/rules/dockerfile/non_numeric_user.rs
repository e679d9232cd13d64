//! DL3066: a USER given by name rather than by numeric id.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Keyword};

pub const RULE: RuleMeta = catalog::DL3066;

/// A value taken from an ARG passes, as in hadolint: the build may set it to a number. Other
/// variables are expanded, and a value that cannot be known is skipped. Windows has no numeric
/// user ids, so its stages are left alone.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::User {
            continue;
        }
        let Some(stage) = cx.model.stage_of.get(index).copied().flatten() else {
            continue;
        };
        if cx.model.stages[stage].windows {
            continue;
        }
        let Some(word) = instruction.words().first() else {
            continue;
        };
        if uses_arg(cx, index, &word.value) {
            continue;
        }
        let Some(value) = cx.model.expand(index, &word.value) else {
            continue;
        };
        let user = value.split(':').next().unwrap_or(&value);
        if user.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let message = format!("`USER {value}` names the user instead of a numeric id");
        out.push(Diagnostic::new(&RULE, word.span, message));
    }
}

/// Whether `word` refers to a variable that an ARG before instruction `index` declares.
fn uses_arg(cx: &Context, index: usize, word: &str) -> bool {
    if !word.contains('$') {
        return false;
    }
    let earlier = cx.file.instructions.iter().take(index);
    let args = earlier.filter(|i| i.keyword == Keyword::Arg);
    let mut names = args.flat_map(|i| match &i.args {
        Args::Pairs(pairs) => pairs.iter().map(|p| p.key.value.as_str()).collect(),
        _ => Vec::new(),
    });
    names.any(|name| refers_to(word, name))
}

/// `$NAME` not followed by a name character, or `${NAME` followed by `}` or an operator.
fn refers_to(word: &str, name: &str) -> bool {
    let bare = format!("${name}");
    let braced = format!("${{{name}");
    let ends_name = |rest: &str| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
    let found = |needle: &str| {
        word.match_indices(needle)
            .any(|(at, _)| ends_name(word.get(at + needle.len()..).unwrap_or("")))
    };
    found(&bare) || found(&braced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert!(refers_to("$USER", "USER"));
        assert!(refers_to("${USER}:${GID}", "GID"));
        assert!(refers_to("${USER:-app}", "USER"));
        assert!(!refers_to("$USERNAME", "USER"));
        assert!(!refers_to("USER", "USER"));
    }
}
