//! Variable references in instruction words, with their spans, and "did you mean"
//! suggestions, for the rules about undefined variables.

use crate::source::Span;
use crate::syntax::dockerfile::{Args, Dockerfile, Keyword, Text};

/// ARGs BuildKit defines for every build; a FROM or a stage may use them undeclared without
/// a warning.
pub const PLATFORM_ARGS: [&str; 8] = [
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
];

/// `$NAME` or `${NAME…}` in a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    /// From the `$` to the end of the name (and the `}` of `${NAME}`), or the whole word
    /// when the word spans a line continuation.
    pub span: Span,
    /// Written with a default or an alternative (`${NAME:-x}`, `${NAME+x}`): the author
    /// expected the name might be unset.
    pub guarded: bool,
}

/// The variables a word references as BuildKit's lexer reads it: single quotes keep their
/// content literal, the escape character takes the next character literally, and `$` must
/// start a name (`$1`, `$@` and a lone `$` are not variables).
pub fn references(word: &Text, escape: char) -> Vec<Reference> {
    let text = word.value.as_str();
    let exact = text.len() == word.span.len();
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut in_double = false;
    while let Some((at, ch)) = chars.next() {
        match ch {
            _ if ch == escape => {
                chars.next();
            }
            '\'' if !in_double => skip_single_quoted(&mut chars),
            '"' => in_double = !in_double,
            '$' => {
                let Some(range) = name_after(text, at) else {
                    continue;
                };
                let span = if exact {
                    Span::new(word.span.start + at, word.span.start + range.1)
                } else {
                    word.span
                };
                let end = name_end(text, range.0);
                found.push(Reference {
                    name: text[range.0..end].to_owned(),
                    span,
                    guarded: text[at..].starts_with("${") && is_guarded(&text[end..]),
                });
            }
            _ => {}
        }
    }
    found
}

fn skip_single_quoted(chars: &mut std::iter::Peekable<std::str::CharIndices>) {
    for (_, ch) in chars.by_ref() {
        if ch == '\'' {
            return;
        }
    }
}

/// For the `$` at `dollar`: where the name starts, and where the reference's span ends.
fn name_after(text: &str, dollar: usize) -> Option<(usize, usize)> {
    let after = dollar + 1;
    let braced = text[after..].starts_with('{');
    let start = if braced { after + 1 } else { after };
    let first = text[start..].chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    let end = name_end(text, start);
    let closes = braced && text[end..].starts_with('}');
    Some((start, if closes { end + 1 } else { end }))
}

/// What follows the name of a `${…}` starts a default or an alternative.
fn is_guarded(after_name: &str) -> bool {
    let operator = after_name.strip_prefix(':').unwrap_or(after_name);
    operator.starts_with(['-', '+'])
}

fn name_end(text: &str, start: usize) -> usize {
    text[start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(text.len(), |offset| start + offset)
}

/// The closest of `candidates` to `name`: the same name in another case, or one or two
/// edits away on a name long enough for that not to be chance.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let distance = if candidate.eq_ignore_ascii_case(name) {
            0
        } else {
            edit_distance(name, candidate)
        };
        let allowed = if name.len() >= 8 { 2 } else { 1 };
        if distance > allowed || name.len() < 4 && distance > 0 {
            continue;
        }
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate.to_owned())
}

/// Levenshtein distance over bytes; names are ASCII.
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The ARGs declared before the first FROM, with their defaults as written, in order.
pub fn global_args(file: &Dockerfile) -> Vec<(&Text, Option<&Text>)> {
    let mut args = Vec::new();
    for instruction in &file.instructions {
        if instruction.keyword == Keyword::From {
            break;
        }
        if instruction.keyword != Keyword::Arg {
            continue;
        }
        if let Args::Pairs(pairs) = &instruction.args {
            args.extend(pairs.iter().map(|p| (&p.key, p.value.as_ref())));
        }
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, &str)> {
        let word = Text::new(text, Span::new(0, text.len()));
        references(&word, '\\')
            .into_iter()
            .map(|r| (r.name, &text[r.span.range()]))
            .collect()
    }

    #[test]
    fn defaults_and_alternatives_are_guarded() {
        let text = "${A:-x}${B+y}$C-z${D}${E%x}";
        let word = Text::new(text, Span::new(0, text.len()));
        let guarded: Vec<bool> = references(&word, '\\').iter().map(|r| r.guarded).collect();

        assert_eq!(guarded, [true, true, false, false, false]);
    }

    #[test]
    fn references_with_their_spans() {
        assert_eq!(
            names("a$B/${C}x${D:-$E}"),
            [
                ("B".into(), "$B"),
                ("C".into(), "${C}"),
                ("D".into(), "${D"),
                ("E".into(), "$E")
            ]
        );
    }

    #[test]
    fn quotes_escapes_and_special_parameters_are_not_references() {
        assert!(names(r"'$A' \$B $1 $@ $ x").is_empty());
        assert_eq!(names(r#""$A""#), [("A".into(), "$A")]);
    }

    #[test]
    fn suggestions() {
        let names = ["VERSION", "NODE_ENV", "APP"];
        assert_eq!(suggest("VERSON", names).as_deref(), Some("VERSION"));
        assert_eq!(suggest("version", names).as_deref(), Some("VERSION"));
        assert_eq!(suggest("APX", names), None);
        assert_eq!(suggest("HOME", names), None);
    }
}
