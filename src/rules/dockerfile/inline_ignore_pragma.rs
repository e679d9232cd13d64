//! DL1001: an inline suppression comment, for projects that keep all exceptions in their
//! configuration.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::suppress;

pub const RULE: RuleMeta = catalog::DL1001;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for comment in &cx.file.comments {
        if !suppress::is_ignore_pragma(&comment.text) {
            continue;
        }
        let message = format!("Inline suppression `# {}`", comment.text.value);
        out.push(Diagnostic::new(&RULE, comment.span, message));
    }
}
