//! SL1009: a FROM image whose release is past its end of life: `centos:7`, `python:3.8`,
//! `node:16-alpine`, `debian:buster`, `ruby:2.7-buster`. The releases and dates live in
//! `eol_images.toml` beside this file, judged against the fixed date in its header.

use std::sync::LazyLock;

use serde::Deserialize;

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::Base;
use crate::model::image::ImageRef;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL1009;

const DATA: &str = include_str!("eol_images.toml");

/// The data file; a unit test checks that it parses, so an empty table never ships.
static TABLE: LazyLock<Table> = LazyLock::new(|| toml::from_str(DATA).unwrap_or_default());

#[derive(Debug, Default, Deserialize)]
struct Table {
    as_of: String,
    #[serde(default)]
    image: Vec<Release>,
    #[serde(default)]
    variant: Vec<Variant>,
}

/// A release of one image, found by tag prefix.
#[derive(Debug, Deserialize)]
struct Release {
    names: Vec<String>,
    release: String,
    tags: Vec<String>,
    eol: String,
    #[allow(dead_code)]
    source: String,
}

/// A distribution release that official images are built on, found by a tag component.
#[derive(Debug, Deserialize)]
struct Variant {
    release: String,
    components: Vec<String>,
    eol: String,
    #[allow(dead_code)]
    source: String,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for stage in &cx.model.stages {
        let Base::Image(image, reference) = &stage.base else {
            continue;
        };
        let Some((release, eol)) = end_of_life(&TABLE, image) else {
            continue;
        };
        let message =
            format!("Image `{reference}` is on {release}, which reached its end of life on {eol}");
        out.push(Diagnostic::new(&RULE, stage.base_text.span, message));
    }
}

/// The release and end-of-life date of an image that is past it on the table's date.
fn end_of_life<'t>(table: &'t Table, image: &ImageRef) -> Option<(&'t str, &'t str)> {
    let tag = image.tag.as_deref()?;
    let name = image.familiar_name();
    let past = |eol: &str| eol <= table.as_of.as_str();

    let by_name = table.image.iter().find(|r| {
        past(&r.eol) && r.names.contains(&name) && r.tags.iter().any(|p| has_prefix(tag, p))
    });
    if let Some(release) = by_name {
        return Some((&release.release, &release.eol));
    }
    if name.contains('/') {
        return None;
    }
    let variant = table.variant.iter().find(|v| {
        past(&v.eol)
            && tag
                .split('-')
                .any(|part| v.components.iter().any(|c| c == part))
    })?;
    Some((&variant.release, &variant.eol))
}

/// `3.8` is a prefix of `3.8`, `3.8.19` and `3.8-slim`, not of `3.80`.
fn has_prefix(tag: &str, prefix: &str) -> bool {
    match tag.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with(['.', '-', '_']),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::image;

    #[test]
    fn data_file_parses_and_is_dated() {
        let table: Table = toml::from_str(DATA).unwrap();
        assert_eq!(table.as_of.len(), 10);
        for release in &table.image {
            assert_eq!(release.eol.len(), 10, "{}", release.release);
            assert!(
                release.source.starts_with("https://"),
                "{}",
                release.release
            );
        }
        for variant in &table.variant {
            assert_eq!(variant.eol.len(), 10, "{}", variant.release);
        }
    }

    #[test]
    fn images() {
        let cases = [
            ("centos:7", Some("CentOS Linux 7")),
            ("centos:7.9.2009", Some("CentOS Linux 7")),
            ("python:3.8-slim", Some("Python 3.8")),
            ("python:3.80", None),
            ("python:3.12-slim", None),
            ("python:3.11-slim-buster", Some("Debian 10 buster")),
            ("node:16-alpine", Some("Node.js 16")),
            ("node:22", None),
            ("debian:buster-slim", Some("Debian 10 buster")),
            ("debian:12", None),
            ("ubuntu:18.04", Some("Ubuntu 18.04 bionic")),
            ("ubuntu:24.04", None),
            ("alpine:3.17", Some("Alpine 3.13 to 3.17")),
            ("myorg/app:1-buster", None),
            (
                "docker.io/library/golang:1.19-alpine",
                Some("Go 1.20 and older"),
            ),
            ("centos", None),
        ];
        for (reference, expected) in cases {
            let image = image::parse(reference).unwrap();
            let found = end_of_life(&TABLE, &image).map(|(release, _)| release);
            assert_eq!(found, expected, "{reference}");
        }
    }
}
