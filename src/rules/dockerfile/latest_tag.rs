//! DL3007: a FROM image tagged `latest`.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::Base;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;

pub const RULE: RuleMeta = catalog::DL3007;

/// A digest pins the image whatever its tag says, so `image:latest@sha256:…` passes.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &cx.model.stages {
        let Base::Image(image, reference) = &stage.base else {
            continue;
        };
        if image.tag.as_deref() != Some("latest") || image.digest.is_some() {
            continue;
        }

        let written = &stage.base_text;
        // Point at the tag itself when the word was written without variables.
        let span = match &image.tag_range {
            Some(range) if written.value == *reference => Span::new(
                written.span.start + range.start,
                written.span.start + range.end,
            ),
            _ => written.span,
        };
        let message = format!("Image `{reference}` uses the `latest` tag");
        out.push(Diagnostic::new(&RULE, span, message));
    }
}
