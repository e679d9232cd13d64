//! SL3118: a moving tag pulled without `imagePullPolicy: Always`: nodes keep whichever copy
//! they pulled first, so replicas run different images. A moving tag is `latest` (or none) with
//! the policy written as `IfNotPresent`, or a branch-like tag of [`MOVING_TAGS`],
//! whose default policy is `IfNotPresent`.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::model::image;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3118;

/// Tags that name a branch or channel rather than a release.
const MOVING_TAGS: &[&str] = &[
    "main", "master", "dev", "develop", "edge", "nightly", "stable", "snapshot", "canary",
    "unstable", "head", "current", "devel", "testing", "rolling",
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        let Some(node) = container.image else {
            continue;
        };
        let text = node.as_text().unwrap_or("");
        let Ok(reference) = image::parse(text) else {
            continue;
        };
        if reference.digest.is_some() {
            continue;
        }
        let policy = container.entry("imagePullPolicy");
        let written = policy.and_then(|e| e.value.as_text());
        // `Never` runs an image loaded onto the node on purpose, as end-to-end tests do.
        if matches!(written, Some("Always" | "Never")) {
            continue;
        }
        let label = container_label(container);
        let tag = reference.tag.as_deref().unwrap_or("latest");
        if reference.is_latest() {
            let Some(entry) = policy.filter(|_| written.is_some()) else {
                continue;
            };
            let message = format!(
                "{label} pulls the moving tag `{tag}` with `imagePullPolicy: {}`",
                written.unwrap_or("")
            );
            out.push(Diagnostic::new(&RULE, entry.span(), message));
        } else if MOVING_TAGS.contains(&tag.to_ascii_lowercase().as_str()) {
            let (span, how) = match policy {
                Some(e) => (
                    e.span(),
                    format!("`imagePullPolicy: {}`", e.value.as_text().unwrap_or("")),
                ),
                None => (node.span, "the default `IfNotPresent` policy".to_owned()),
            };
            let message = format!("{label} pulls the moving tag `{tag}` with {how}");
            out.push(Diagnostic::new(&RULE, span, message));
        }
    }
}
