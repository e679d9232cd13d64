//! DL4000: the deprecated MAINTAINER instruction.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::DL4000;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        if instruction.keyword != Keyword::Maintainer {
            continue;
        }
        let message = "`MAINTAINER` is deprecated";
        out.push(Diagnostic::new(
            &RULE,
            instruction.keyword_text.span,
            message,
        ));
    }
}
