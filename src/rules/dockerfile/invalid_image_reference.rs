//! SL0003: a FROM image that is not a valid reference, which fails the build when BuildKit
//! resolves it (BuildKit's parser itself accepts it).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL0003;

/// References that depend on a variable are left alone: they are meant to be completed.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (span, message) in &cx.model.invalid_images {
        out.push(Diagnostic::new(&RULE, *span, message.clone()));
    }
}
