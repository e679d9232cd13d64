//! SL1101: a stage name written with capital letters (BuildKit's StageNameCasing).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::SL1101;

/// BuildKit lowercases stage names when it compares them, so `AS Build` and `--from=build`
/// name the same stage; the capital letters only mislead a reader.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        if instruction.keyword != Keyword::From {
            continue;
        }
        let [_, _, name] = instruction.words() else {
            continue;
        };
        if name.value == name.value.to_lowercase() {
            continue;
        }

        let message = format!("Stage name `{}` is not lowercase", name.value);
        let help = format!("Rename the stage to `{}`", name.value.to_lowercase());
        out.push(Diagnostic::new(&RULE, name.span, message).with_help(help));
    }
}
