//! DL3006: a FROM image without a tag or digest, after ARG resolution.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::Base;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3006;

/// Every stage's base image; never `scratch`, a stage name, or a reference whose value is
/// unknown.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &cx.model.stages {
        let Base::Image(image, reference) = &stage.base else {
            continue;
        };
        if image.tag.is_some() || image.digest.is_some() {
            continue;
        }

        let written = &stage.base_text.value;
        let message = if written == reference {
            format!("Image `{reference}` has no tag")
        } else {
            format!("Image `{reference}` (from `{written}`) has no tag")
        };
        out.push(Diagnostic::new(&RULE, stage.base_text.span, message));
    }
}
