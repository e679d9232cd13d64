//! SL1012: a COPY or ADD source that `.dockerignore` excludes (BuildKit's CopyIgnoredFile). The
//! excluded file is never sent to the builder, so the copy fails, or copies nothing.

use super::Context;
use super::context_sources::{copies_from_context, is_pattern, normalize, sources};
use crate::diagnostic::Diagnostic;
use crate::model::context::BuildContext;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL1012;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(context) = cx.build_context.filter(|c| c.ignore.is_some()) else {
        return;
    };
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if !copies_from_context(instruction) {
            continue;
        }
        for source in sources(instruction) {
            let Some(path) = cx.model.expand(index, &source.value) else {
                continue;
            };
            if is_ignored(context, &normalize(&path)) {
                let message = format!(
                    "`{} {path}` copies a source that `.dockerignore` excludes",
                    instruction.keyword.as_str()
                );
                out.push(Diagnostic::new(&RULE, source.span, message));
            }
        }
    }
}

/// A literal source is ignored when the ignore file excludes it and no file under it is
/// re-included (`docs` then `!docs/README.md` still sends `docs/README.md`). A glob is
/// ignored when it matches files and the ignore file excludes all of them.
fn is_ignored(context: &BuildContext, path: &str) -> bool {
    if path.is_empty() {
        return false;
    }
    let files = context.files_copied_by(path);
    let sent = |files: &[&str]| files.iter().any(|f| !context.is_excluded(f));
    if is_pattern(path) {
        return files.is_some_and(|files| !files.is_empty() && !sent(&files));
    }
    context.is_excluded(path) && !files.is_some_and(|files| sent(&files))
}
