//! SL3002: a container image without a tag, or tagged `latest`, and not pinned by a digest.

use super::{Context, container_label};
use crate::diagnostic::Diagnostic;
use crate::model::image;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3002;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, _, container) in cx.containers() {
        let Some(node) = container.image else {
            continue;
        };
        let text = node.as_text().unwrap_or("");
        // Templated or otherwise invalid references are not Docker's to pull as written.
        let Ok(reference) = image::parse(text) else {
            continue;
        };
        if !reference.is_latest() {
            continue;
        }
        let label = container_label(container);
        let message = match reference.tag {
            Some(_) => format!("{label} uses the `latest` tag of `{text}`"),
            None => format!("{label} has no tag on `{text}`, so it pulls `latest`"),
        };
        out.push(Diagnostic::new(&RULE, node.span, message));
    }
}
