//! SL1103: an empty line inside a continued instruction (BuildKit's NoEmptyContinuation).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;

pub const RULE: RuleMeta = catalog::SL1103;

/// The parser records every such line; each is reported where it is.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for line in &cx.file.empty_continuation_lines {
        let span = without_line_break(cx, *line);
        let message = "Empty line inside a continued instruction";
        out.push(Diagnostic::new(&RULE, span, message));
    }
}

/// The line's own bytes, so the finding does not run into the next line.
fn without_line_break(cx: &Context, line: Span) -> Span {
    let text = cx.source.slice(line);
    let kept = text.trim_end_matches(['\n', '\r']).len();
    Span::new(line.start, line.start + kept)
}
