//! SL2002: a service's image has no tag or the `latest` tag, so each pull may bring another
//! image.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::model::image;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2002;

/// Reads the image after interpolation, so a default (`${TAG:-latest}`) counts. A digest pins
/// the image whatever the tag, and a service that also has `build` names the image it builds.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        if service.get("build").is_some() {
            continue;
        }
        let Some(text) = service.image() else {
            continue;
        };
        let Some(value) = text.value.as_deref() else {
            continue;
        };
        let Ok(reference) = image::parse(value) else {
            continue;
        };
        if !reference.is_latest() {
            continue;
        }
        let message = match reference.tag {
            Some(_) => format!("Image `{value}` uses the moving `latest` tag"),
            None => format!("Image `{value}` has no tag, so it pulls `latest`"),
        };
        out.push(text.file, Diagnostic::new(&RULE, text.span, message));
    }
}
