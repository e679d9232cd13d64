//! SL1004: a FROM image pinned by tag only, not by digest. A tag can be moved to another image
//! at any time; only `@sha256:…` names the exact bytes that are built on.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::Base;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL1004;

/// Stages built on earlier stages, `scratch` and references with unknown values are skipped:
/// they name no registry image, or none we can know.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &cx.model.stages {
        let Base::Image(image, reference) = &stage.base else {
            continue;
        };
        if image.digest.is_some() {
            continue;
        }

        let message = format!("Image `{reference}` is not pinned by digest");
        out.push(Diagnostic::new(&RULE, stage.base_text.span, message));
    }
}
