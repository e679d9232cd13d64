//! DL3000: a relative WORKDIR with no absolute one before it in the stage or its parents.

use super::Context;
use super::paths::{is_absolute, starts_with_variable, unquoted};
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::{Base, Stage};
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::DL3000;

/// Follows BuildKit's WorkdirRelativePath: after an absolute WORKDIR a relative one is resolved
/// against it, which is well defined, so only a relative WORKDIR that would be resolved
/// against the base image's directory is reported.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut anchored = vec![false; cx.model.stages.len()];
    for stage in &cx.model.stages {
        let mut absolute_before = inherited(stage, &anchored);
        for index in stage.body.clone() {
            let instruction = &cx.file.instructions[index];
            if instruction.keyword != Keyword::Workdir {
                continue;
            }
            let Some(word) = instruction.words().first() else {
                continue;
            };
            // A value that starts with a variable or cannot be known is most likely
            // absolute (`$HOME`), and it anchors what follows.
            let expanded = cx.model.expand(index, unquoted(&word.value));
            let Some(path) = expanded.filter(|_| !starts_with_variable(&word.value)) else {
                absolute_before = true;
                continue;
            };
            if is_absolute(&path) {
                absolute_before = true;
                continue;
            }
            if !absolute_before {
                let message = format!("`WORKDIR {}` is a relative path", word.value);
                out.push(Diagnostic::new(&RULE, word.span, message));
            }
        }
        anchored[stage.index] = absolute_before;
    }
}

fn inherited(stage: &Stage, anchored: &[bool]) -> bool {
    match stage.base {
        Base::Stage(parent) => anchored.get(parent).copied().unwrap_or(false),
        _ => false,
    }
}
