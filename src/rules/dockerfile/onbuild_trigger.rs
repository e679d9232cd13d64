//! DL3043: ONBUILD triggering ONBUILD, FROM or MAINTAINER, which BuildKit rejects.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Keyword};

pub const RULE: RuleMeta = catalog::DL3043;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        let Args::Onbuild(inner) = &instruction.args else {
            continue;
        };
        if !matches!(
            inner.keyword,
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer
        ) {
            continue;
        }
        let message = format!("`ONBUILD` cannot trigger `{}`", inner.keyword.as_str());
        out.push(Diagnostic::new(&RULE, inner.keyword_text.span, message));
    }
}
