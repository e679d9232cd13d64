//! DL3024 and DL3063: stage names that are used twice or reserved.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Text;

pub const DUPLICATE: RuleMeta = catalog::DL3024;
pub const RESERVED: RuleMeta = catalog::DL3063;

/// Names BuildKit gives a meaning of its own: the empty image and the build context.
const RESERVED_NAMES: [&str; 2] = ["scratch", "context"];

/// BuildKit compares stage names without case, so `Build` and `build` clash.
pub fn duplicate(cx: &Context, out: &mut Vec<Diagnostic>) {
    let names = stage_names(cx);
    for (index, (name, word)) in names.iter().enumerate() {
        let first = names[..index].iter().find(|(earlier, _)| earlier == name);
        let Some((_, first)) = first else {
            continue;
        };
        let message = format!("Stage name `{}` is already used", word.value);
        out.push(
            Diagnostic::new(&DUPLICATE, word.span, message)
                .with_label(first.span, "first used here"),
        );
    }
}

pub fn reserved(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (name, word) in stage_names(cx) {
        if !RESERVED_NAMES.contains(&name.as_str()) {
            continue;
        }
        let message = format!("Stage name `{}` is reserved", word.value);
        out.push(Diagnostic::new(&RESERVED, word.span, message));
    }
}

/// Each named stage's lowercased name and its word in the FROM line.
fn stage_names<'a>(cx: &'a Context) -> Vec<(String, &'a Text)> {
    let named = cx.model.stages.iter().filter_map(|stage| {
        let word = cx.file.instructions[stage.from].words().get(2)?;
        Some((stage.name.clone()?, word))
    });
    named.collect()
}
