//! DL3049: a stage lacks a label of the configured label schema.
//!
//! As hadolint does, every stage is checked, not only the final one, except the stages whose
//! files another stage copies or mounts: those are build steps, not images. A stage has the
//! labels it sets and those of the stage it is built `FROM`.

use std::collections::{BTreeSet, HashSet};

use super::{Context, labels};
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::{Base, Stage};
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3049;

/// The labels one stage sets; `None` when a key depends on an unknown value, which could be
/// any label.
type Defined = Option<BTreeSet<String>>;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let schema = &cx.config.labels.schema;
    if schema.is_empty() {
        return;
    }
    let defined = defined_labels(cx);
    let sources = copy_sources(cx);

    for stage in cx.model.stages.iter() {
        if sources.contains(&stage.index) {
            continue;
        }
        for label in schema.keys() {
            if !has_label(cx, &defined, stage.index, label) {
                out.push(Diagnostic::new(
                    &RULE,
                    stage.base_text.span,
                    message(stage, label),
                ));
            }
        }
    }
}

fn message(stage: &Stage, label: &str) -> String {
    match &stage.name {
        Some(name) => format!("Label `{label}` is missing from stage `{name}`"),
        None => format!("Label `{label}` is missing"),
    }
}

fn defined_labels(cx: &Context) -> Vec<Defined> {
    let mut defined: Vec<Defined> = vec![Some(BTreeSet::new()); cx.model.stages.len()];
    for label in labels::labels(cx) {
        let stage = cx.model.stage_of.get(label.instruction).copied().flatten();
        let Some(slot) = stage.and_then(|index| defined.get_mut(index)) else {
            continue;
        };
        match (label.key, slot.as_mut()) {
            (Some(key), Some(keys)) => {
                keys.insert(key);
            }
            (None, _) => *slot = None,
            (Some(_), None) => {}
        }
    }
    defined
}

/// The stages another stage copies or mounts files from. A stage's `uses` starts with its
/// parent stage, which is not a copy unless it is listed again.
fn copy_sources(cx: &Context) -> HashSet<usize> {
    let mut sources = HashSet::new();
    for stage in &cx.model.stages {
        let skip = usize::from(matches!(stage.base, Base::Stage(_)));
        let copied = stage.uses.iter().skip(skip).copied();
        sources.extend(copied.filter(|&used| used != stage.index));
    }
    sources
}

/// Whether the stage or one of its ancestors sets the label, or may set it.
fn has_label(cx: &Context, defined: &[Defined], stage: usize, label: &str) -> bool {
    let mut next = Some(stage);
    // The chain of parents is walked at most once per stage, so a cycle cannot hang it.
    for _ in 0..cx.model.stages.len() {
        let Some(index) = next else {
            return false;
        };
        match defined.get(index) {
            Some(Some(keys)) if !keys.contains(label) => {}
            _ => return true,
        }
        next = match cx.model.stages.get(index).map(|s| &s.base) {
            Some(Base::Stage(parent)) => Some(*parent),
            _ => None,
        };
    }
    false
}
