//! DL3012, DL4003, DL4004: an instruction of which only the last of a stage takes effect
//! (HEALTHCHECK, CMD, ENTRYPOINT) written more than once in one stage.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const HEALTHCHECK: RuleMeta = catalog::DL3012;
pub const CMD: RuleMeta = catalog::DL4003;
pub const ENTRYPOINT: RuleMeta = catalog::DL4004;

pub fn healthcheck(cx: &Context, out: &mut Vec<Diagnostic>) {
    check(cx, out, Keyword::Healthcheck, &HEALTHCHECK);
}

pub fn cmd(cx: &Context, out: &mut Vec<Diagnostic>) {
    check(cx, out, Keyword::Cmd, &CMD);
}

pub fn entrypoint(cx: &Context, out: &mut Vec<Diagnostic>) {
    check(cx, out, Keyword::Entrypoint, &ENTRYPOINT);
}

/// Reports every repeat after the first of a stage, pointing back at the first one; a child
/// stage starts afresh, as its own instruction replaces the inherited one.
fn check(cx: &Context, out: &mut Vec<Diagnostic>, keyword: Keyword, rule: &'static RuleMeta) {
    for stage in &cx.model.stages {
        let instructions = &cx.file.instructions[stage.body.clone()];
        let mut repeats = instructions.iter().filter(|i| i.keyword == keyword);
        let Some(first) = repeats.next() else {
            continue;
        };
        for repeat in repeats {
            let name = keyword.as_str();
            let message = format!("Stage has more than one `{name}`; only the last takes effect");
            let label = format!("first `{name}` of the stage");
            out.push(
                Diagnostic::new(rule, repeat.keyword_text.span, message)
                    .with_label(first.keyword_text.span, label),
            );
        }
    }
}
