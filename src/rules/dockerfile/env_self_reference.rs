//! DL3044: an ENV value that refers to a variable defined earlier in the same ENV.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::dockerfile::{Args, Keyword, Pair};

pub const RULE: RuleMeta = catalog::DL3044;

/// All values of one ENV are expanded before any of its variables is set, so `ENV A=1 B=$A`
/// gives `B` the old `A`: empty when `A` had no value. When `A` had one before, the old value
/// may be what is meant, and the reference passes, as in hadolint.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::Env {
            continue;
        }
        let Args::Pairs(pairs) = &instruction.args else {
            continue;
        };
        let Some(scope) = cx.model.scopes.get(index) else {
            continue;
        };
        for (position, pair) in pairs.iter().enumerate() {
            let defined = pairs[..position].iter().map(|p| p.key.value.as_str());
            let fresh: Vec<&str> = defined.filter(|name| !scope.contains_key(*name)).collect();
            report_references(cx, pair, &fresh, out);
        }
    }
}

fn report_references(cx: &Context, pair: &Pair, names: &[&str], out: &mut Vec<Diagnostic>) {
    let Some(value) = &pair.value else { return };
    for (range, name) in references(&value.value, cx.model.escape) {
        if !names.contains(&name) {
            continue;
        }
        let span = Span::new(value.span.start + range.start, value.span.start + range.end);
        // Offsets only map one to one when the value sits on one line.
        let span = if span.end <= value.span.end {
            span
        } else {
            value.span
        };
        let message = format!(
            "`{}` refers to `{name}`, set in the same `ENV`",
            pair.key.value
        );
        out.push(Diagnostic::new(&RULE, span, message));
    }
}

/// The `$NAME` and `${NAME…}` references of a value as written, outside single quotes, with
/// their byte ranges.
fn references(text: &str, escape: char) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut in_single = false;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            _ if c == escape && !in_single => {
                chars.next();
            }
            '\'' => in_single = !in_single,
            '$' if !in_single => {
                if let Some(reference) = reference_at(text, start) {
                    found.push(reference);
                }
            }
            _ => {}
        }
    }
    found
}

/// The reference that starts with the `$` at `start`, if a name follows it.
fn reference_at(text: &str, start: usize) -> Option<(std::ops::Range<usize>, &str)> {
    let after = text.get(start + 1..)?;
    let braced = after.starts_with('{');
    let name_start = start + 1 + usize::from(braced);
    let rest = text.get(name_start..)?;
    let length = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if length == 0 {
        return None;
    }
    let name = &rest[..length];
    let end = if braced {
        name_start + rest.find('}').map_or(length, |close| close + 1)
    } else {
        name_start + length
    };
    Some((start..end, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        references(text, '\\')
            .into_iter()
            .map(|(_, name)| name)
            .collect()
    }

    #[test]
    fn references_in_values() {
        assert_eq!(names("$A/${B}:${C:-x}"), ["A", "B", "C"]);
        assert_eq!(names("\"$A\" '$B' \\$C $ ${}"), ["A"]);
        assert_eq!(names("é$Aé"), ["A"]);
        assert_eq!(references("x${AB}y", '\\')[0].0, 1..6);
    }
}
