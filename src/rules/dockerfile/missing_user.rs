//! SL1001: the final stage never sets USER, so the container runs as root.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::Base;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL1001;

/// Fires at the final stage's FROM image when neither the stage nor a parent stage sets USER.
/// Windows images (which choose their own default user) and images published to run as a
/// non-root user (a `nonroot` tag, as distroless has) are left alone.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = cx.model.final_stage() else {
        return;
    };
    if stage.user.is_some() || stage.windows || runs_as_nonroot(&stage.base) {
        return;
    }

    let message = "Final stage never sets `USER`, so the container runs as root";
    out.push(Diagnostic::new(&RULE, stage.base_text.span, message));
}

/// Tag words of images published to run as a non-root user: distroless's `nonroot`, and the
/// Ubuntu chiseled images of .NET, which set `USER app` (uid 1654).
const NONROOT_TAGS: [&str; 2] = ["nonroot", "chiseled"];

/// Whether the base image is one published to run as a non-root user, by its tag.
pub fn runs_as_nonroot(base: &Base) -> bool {
    let Base::Image(image, _) = base else {
        return false;
    };
    image
        .tag
        .as_deref()
        .is_some_and(|tag| NONROOT_TAGS.iter().any(|marker| tag.contains(marker)))
}
