//! DL3029 and DL3065: `FROM --platform` set to a constant, or to the default
//! `$TARGETPLATFORM`.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Keyword, Text};

pub const CONSTANT: RuleMeta = catalog::DL3029;
pub const REDUNDANT: RuleMeta = catalog::DL3065;

/// A value with a variable (`$BUILDPLATFORM`, or a build arg of one's own) is chosen per build
/// and passes; only a value written out is reported.
pub fn constant(cx: &Context, out: &mut Vec<Diagnostic>) {
    for value in platform_values(cx) {
        if value.value.contains('$') || value.value.is_empty() {
            continue;
        }
        let message = format!("`FROM --platform` is the constant `{}`", value.value);
        out.push(Diagnostic::new(&CONSTANT, value.span, message));
    }
}

pub fn redundant(cx: &Context, out: &mut Vec<Diagnostic>) {
    for value in platform_values(cx) {
        let written = value.value.trim_matches(['"', '\'']);
        if written != "$TARGETPLATFORM" && written != "${TARGETPLATFORM}" {
            continue;
        }
        let message = format!("`FROM --platform={written}` repeats the default");
        out.push(Diagnostic::new(&REDUNDANT, value.span, message));
    }
}

/// The values of every `FROM --platform=…`.
fn platform_values<'a>(cx: &'a Context) -> impl Iterator<Item = &'a Text> {
    cx.file
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::From)
        .filter_map(|i| i.flag("platform")?.value.as_ref())
}
