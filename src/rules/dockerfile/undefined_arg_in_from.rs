//! SL1105: a FROM line that uses a variable no global ARG declares (BuildKit's
//! UndefinedArgInFrom).

use super::Context;
use super::variables::{PLATFORM_ARGS, global_args, references, suggest};
use crate::diagnostic::Diagnostic;
use crate::model::expand::{self, Value};
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Keyword, Text};

pub const RULE: RuleMeta = catalog::SL1105;

/// FROM lines see only the ARGs declared before the first FROM and BuildKit's platform
/// ARGs; an ARG declared inside a stage is not visible to the next FROM. The image word and
/// the `--platform` value are checked.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let declared: Vec<&str> = global_args(cx.file)
        .iter()
        .map(|(key, _)| key.as_str())
        .collect();
    for instruction in &cx.file.instructions {
        if instruction.keyword != Keyword::From {
            continue;
        }
        let platform = instruction.flag("platform").and_then(|f| f.value.as_ref());
        let words = instruction.words().first().into_iter().chain(platform);
        for word in words {
            report_undeclared(cx, word, &declared, out);
        }
    }
}

fn report_undeclared(cx: &Context, word: &Text, declared: &[&str], out: &mut Vec<Diagnostic>) {
    // A word BuildKit cannot expand at all (`${name:option}`) is a template for another
    // tool, not a use of build arguments.
    if expand::expand(&word.value, cx.file.escape, &|_| Value::Set("")).is_none() {
        return;
    }
    for reference in references(word, cx.file.escape) {
        let name = reference.name.as_str();
        if declared.contains(&name) || is_predefined(name) {
            continue;
        }

        let message = format!("FROM uses `{name}`, which no ARG before the first FROM declares");
        let help = match suggest(name, declared.iter().copied()) {
            Some(other) => format!("Use `{other}`, or declare `ARG {name}` before the first FROM"),
            None => format!("Declare `ARG {name}` before the first FROM"),
        };
        out.push(Diagnostic::new(&RULE, reference.span, message).with_help(help));
    }
}

/// The platform ARGs, and BuildKit's own `BUILDKIT_*` settings.
pub fn is_predefined(name: &str) -> bool {
    PLATFORM_ARGS.contains(&name) || name.starts_with("BUILDKIT_")
}
