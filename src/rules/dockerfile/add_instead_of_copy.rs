//! DL3020: ADD of local files or folders, which COPY does more plainly.

use super::Context;
use super::paths::unquoted;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Keyword, Text};

pub const RULE: RuleMeta = catalog::DL3020;

/// The endings of the archives ADD unpacks; compressed single files count too, as their
/// content cannot be told from the name.
const ARCHIVES: [&str; 18] = [
    ".tar", ".tgz", ".tb2", ".tbz", ".tbz2", ".txz", ".tlz", ".tzst", ".tz", ".taz", ".gz", ".bz2",
    ".xz", ".lz", ".lzma", ".zst", ".z", ".tpz",
];

/// Reports the first local source of an ADD whose sources are not all URLs, git repositories
/// or archives. A source that depends on an unknown value may be a URL, so it passes.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::Add {
            continue;
        }
        let Some((_, sources)) = instruction.words().split_last() else {
            continue;
        };
        let local = sources.iter().find(|s| is_local_file(cx, index, s));
        let Some(source) = local else {
            continue;
        };
        let message = format!("`ADD` of the local path `{}`", source.value);
        out.push(Diagnostic::new(&RULE, source.span, message));
    }
}

fn is_local_file(cx: &Context, index: usize, source: &Text) -> bool {
    let Some(path) = cx.model.expand(index, unquoted(&source.value)) else {
        return false;
    };
    let lower = path.to_ascii_lowercase();
    let remote = lower.contains("://") || lower.starts_with("git@");
    let archive = ARCHIVES.iter().any(|ending| lower.ends_with(ending));
    !remote && !archive && !path.starts_with("<<")
}
