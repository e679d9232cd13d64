//! DL3026: an image from a registry that the `trusted-registries` setting does not list.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::image::{self, ImageRef};
use crate::model::script;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::DL3026;

/// Does nothing until registries are configured. Looks at FROM images, `COPY --from=<image>`
/// and `RUN --mount=from=<image>`; stage names and values that cannot be known pass.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let trusted = &cx.config.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        let images: Vec<(String, Span)> = match instruction.keyword {
            Keyword::From => from_image(cx, index),
            Keyword::Copy => copy_image(cx, index),
            Keyword::Run => mount_images(cx, index),
            _ => continue,
        };
        for (reference, span) in images {
            report(cx, &reference, span, out);
        }
    }
}

fn from_image(cx: &Context, index: usize) -> Vec<(String, Span)> {
    let stage = cx.model.stages.iter().find(|s| s.from == index);
    match stage.map(|s| (&s.base, s.base_text.span)) {
        Some((crate::model::dockerfile::Base::Image(_, reference), span)) => {
            vec![(reference.clone(), span)]
        }
        _ => Vec::new(),
    }
}

fn copy_image(cx: &Context, index: usize) -> Vec<(String, Span)> {
    let instruction = &cx.file.instructions[index];
    let Some(from) = instruction.flag("from").and_then(|f| f.value.as_ref()) else {
        return Vec::new();
    };
    external(cx, index, &from.value)
        .map(|reference| vec![(reference, from.span)])
        .unwrap_or_default()
}

fn mount_images(cx: &Context, index: usize) -> Vec<(String, Span)> {
    let mounts = script::mounts(&cx.file.instructions[index]);
    let images = mounts.into_iter().filter_map(|mount| {
        let reference = external(cx, index, mount.from.as_deref()?)?;
        Some((reference, mount.span))
    });
    images.collect()
}

/// The expanded value when it names an image rather than a stage.
fn external(cx: &Context, index: usize, value: &str) -> Option<String> {
    let expanded = cx.model.expand(index, value)?;
    let lowered = expanded.to_ascii_lowercase();
    let stage_named = |s: &crate::model::dockerfile::Stage| s.name.as_deref() == Some(&lowered);
    if cx.model.stages.iter().any(stage_named) || expanded.parse::<usize>().is_ok() {
        return None;
    }
    Some(expanded)
}

fn report(cx: &Context, reference: &str, span: Span, out: &mut Vec<Diagnostic>) {
    let Ok(image) = image::parse(reference) else {
        return;
    };
    if image.is_scratch() || is_trusted(&image, &cx.config.trusted_registries) {
        return;
    }
    let registry = image.registry.as_deref().unwrap_or("docker.io");
    let message = format!("Image `{reference}` comes from the untrusted registry `{registry}`");
    out.push(Diagnostic::new(&RULE, span, message));
}

/// Docker Hub is `docker.io` (or `hub.docker.com`); `*.example.com` trusts every subdomain.
fn is_trusted(image: &ImageRef, trusted: &[String]) -> bool {
    let registry = match image.registry.as_deref() {
        Some("index.docker.io" | "registry-1.docker.io") | None => "docker.io",
        Some(registry) => registry,
    };
    trusted.iter().any(|allowed| {
        let allowed = allowed.to_ascii_lowercase();
        let hub = registry == "docker.io" && allowed == "hub.docker.com";
        let wildcard = allowed
            .strip_prefix("*.")
            .is_some_and(|domain| registry.ends_with(&format!(".{domain}")));
        hub || wildcard || allowed == registry.to_ascii_lowercase()
    })
}
