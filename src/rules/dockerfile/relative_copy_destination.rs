//! DL3045: COPY to a relative destination in a stage with no WORKDIR of its own or of its
//! parents.

use super::Context;
use super::paths::{is_absolute, starts_with_variable, unquoted};
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::Base;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::DL3045;

/// The destination is then resolved against whatever directory the base image left, which
/// the Dockerfile does not show. A destination that starts with a variable is left alone, as
/// hadolint does: it usually names an absolute directory set elsewhere.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut has_workdir = vec![false; cx.model.stages.len()];
    for stage in &cx.model.stages {
        let mut workdir = match stage.base {
            Base::Stage(parent) => has_workdir.get(parent).copied().unwrap_or(false),
            _ => false,
        };
        for index in stage.body.clone() {
            let instruction = &cx.file.instructions[index];
            match instruction.keyword {
                Keyword::Workdir => workdir = true,
                Keyword::Copy if !workdir => report(cx, index, out),
                _ => {}
            }
        }
        has_workdir[stage.index] = workdir;
    }
}

fn report(cx: &Context, index: usize, out: &mut Vec<Diagnostic>) {
    let instruction = &cx.file.instructions[index];
    let words = instruction.words();
    if words.len() < 2 {
        return;
    }
    let Some(destination) = words.last() else {
        return;
    };
    let written = unquoted(&destination.value);
    if starts_with_variable(&destination.value) || is_absolute(written) {
        return;
    }
    let message = format!("`COPY` to the relative path `{written}` with no `WORKDIR` set");
    out.push(Diagnostic::new(&RULE, destination.span, message));
}
