//! SL1002: a literal credential anywhere in the Dockerfile, heredocs and comments included:
//! token formats of well-known services, private key blocks, passwords in URLs, and literal
//! values given to secret-named ARG/ENV. The message shows only a redacted form.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::secrets;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::dockerfile::{Args, Keyword, Pair};

pub const RULE: RuleMeta = catalog::SL1002;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = &cx.source.text;
    let mut found_spans: Vec<Span> = Vec::new();
    let settings = &cx.config.secrets;
    let allowed = |value: &str| settings.allow.iter().any(|allow| allow.is_match(value));
    for credential in secrets::find_credentials(text) {
        let span = Span::from(credential.span);
        if allowed(cx.source.slice(span)) {
            continue;
        }
        let redacted = secrets::redact(cx.source.slice(span));
        let message = format!("Hard-coded {} `{redacted}`", credential.kind);
        out.push(Diagnostic::new(&RULE, span, message));
        found_spans.push(span);
    }

    for pattern in &settings.patterns {
        for found in pattern.find_iter(text) {
            let span = Span::from(found.range());
            if found.as_str().is_empty() || allowed(found.as_str()) || overlaps(&found_spans, span)
            {
                continue;
            }
            let message = format!(
                "Hard-coded secret `{}` matching a configured pattern",
                secrets::redact(found.as_str())
            );
            out.push(Diagnostic::new(&RULE, span, message));
            found_spans.push(span);
        }
    }

    for (keyword, pair) in secret_named_pairs(cx) {
        let Some(value) = &pair.value else { continue };
        let literal = unquoted(&value.value);
        let known = overlaps(&found_spans, value.span) || allowed(literal);
        if known || !secrets::is_literal_secret_value(literal) {
            continue;
        }
        let message = format!(
            "Hard-coded secret `{}` in `{} {}`",
            secrets::redact(literal),
            keyword.as_str(),
            pair.key.value
        );
        out.push(Diagnostic::new(&RULE, value.span, message));
    }
}

fn secret_named_pairs<'a>(cx: &Context<'a>) -> impl Iterator<Item = (Keyword, &'a Pair)> {
    cx.file
        .instructions
        .iter()
        .filter(|i| matches!(i.keyword, Keyword::Arg | Keyword::Env))
        .flat_map(|i| match &i.args {
            Args::Pairs(pairs) => pairs.iter().map(|p| (i.keyword, p)).collect(),
            _ => Vec::new(),
        })
        .filter(|(_, pair)| secrets::is_secret_name(&pair.key.value))
}

fn unquoted(value: &str) -> &str {
    let trimmed = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = trimmed
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    trimmed
}

fn overlaps(spans: &[Span], span: Span) -> bool {
    spans
        .iter()
        .any(|f| f.start < span.end && span.start < f.end)
}
