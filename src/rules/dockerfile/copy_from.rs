//! DL3022, DL3023 and DL3067: `COPY --from` naming no earlier stage, naming its own stage, or
//! copying a whole filesystem.

use super::Context;
use super::paths::unquoted;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Keyword, Text};

pub const UNKNOWN_STAGE: RuleMeta = catalog::DL3022;
pub const OWN_STAGE: RuleMeta = catalog::DL3023;
pub const WHOLE_FILESYSTEM: RuleMeta = catalog::DL3067;

/// A value with `:`, `/` or `@` is an image reference, and a number is a stage index; both are
/// left alone. A bare name that no earlier stage has may be an image too (`--from=alpine`), but
/// it is far more often a mistyped or later stage, so it is reported.
pub fn unknown_stage(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, stage, from) in copies_from(cx) {
        let Some(name) = cx.model.expand(index, &from.value) else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        if name.contains([':', '/', '@']) || name.parse::<usize>().is_ok() || name.is_empty() {
            continue;
        }
        let earlier = &cx.model.stages[..=stage];
        if earlier.iter().any(|s| s.name.as_deref() == Some(&name)) {
            continue;
        }
        let message = format!("`COPY --from={}` names no earlier stage", from.value);
        out.push(Diagnostic::new(&UNKNOWN_STAGE, from.span, message));
    }
}

pub fn own_stage(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, stage, from) in copies_from(cx) {
        let Some(name) = cx.model.expand(index, &from.value) else {
            continue;
        };
        let own = &cx.model.stages[stage];
        let by_name = own.name.as_deref() == Some(&name.to_ascii_lowercase());
        let by_index = name.parse::<usize>().ok() == Some(stage);
        if !by_name && !by_index {
            continue;
        }
        let message = format!("`COPY --from={}` names the stage it is in", from.value);
        out.push(Diagnostic::new(&OWN_STAGE, from.span, message));
    }
}

pub fn whole_filesystem(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, _, from) in copies_from(cx) {
        let words = cx.file.instructions[index].words();
        let Some((destination, sources)) = words.split_last() else {
            continue;
        };
        let is_root = |word: &Text| unquoted(&word.value) == "/";
        if !is_root(destination) || !sources.iter().any(is_root) {
            continue;
        }
        let message = format!("`COPY --from={}` copies `/` onto `/`", from.value);
        out.push(Diagnostic::new(
            &WHOLE_FILESYSTEM,
            destination.span,
            message,
        ));
    }
}

/// Each `COPY --from=…` in a stage: its instruction index, its stage and the flag's value.
fn copies_from<'a>(cx: &'a Context) -> impl Iterator<Item = (usize, usize, &'a Text)> {
    let instructions = cx.file.instructions.iter().enumerate();
    instructions.filter_map(|(index, instruction)| {
        if instruction.keyword != Keyword::Copy {
            return None;
        }
        let stage = (*cx.model.stage_of.get(index)?)?;
        let from = instruction.flag("from")?.value.as_ref()?;
        Some((index, stage, from))
    })
}
