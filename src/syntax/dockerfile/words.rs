//! Word splitting inside one logical line, the several ways BuildKit does it: builder flags
//! (quotes removed), `parseWords` for ENV/LABEL/ARG (quotes kept), shell-like words for finding
//! heredoc markers, and JSON arrays for the exec form.

use crate::source::Span;

/// A word with its span in the logical line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawWord {
    pub value: String,
    pub span: Span,
}

/// Reads the leading `--name[=value]` words of `text[start..end]`. Returns them (quotes and
/// backslashes removed from their values) and where the arguments start; a lone `--` ends the
/// flags and is dropped.
pub fn builder_flags(text: &str, start: usize, end: usize) -> (Vec<RawWord>, usize) {
    let mut flags = Vec::new();
    let mut pos = start;
    loop {
        pos += text[pos..end].len() - text[pos..end].trim_start().len();
        if !text[pos..end].starts_with("--") {
            return (flags, pos);
        }
        let (word, word_end) = flag_word(text, pos, end);
        if word == "--" {
            let after =
                word_end + (text[word_end..end].len() - text[word_end..end].trim_start().len());
            return (flags, after);
        }
        flags.push(RawWord {
            value: word,
            span: Span::new(pos, word_end),
        });
        pos = word_end;
    }
}

/// One flag word from `pos`: its value with quotes and escapes removed, and where it ends.
fn flag_word(text: &str, pos: usize, end: usize) -> (String, usize) {
    let mut word = String::new();
    let mut quote = None;
    let mut chars = text[pos..end].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => return (word, pos + i),
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (_, '\\') => {
                if let Some((_, next)) = chars.next() {
                    word.push(next);
                }
            }
            (_, c) => word.push(c),
        }
    }
    (word, end)
}

/// BuildKit's `parseWords`: whitespace-separated words, where quotes and the escape character
/// keep spaces inside a word. Words are returned as written, quotes included.
pub fn parse_words(text: &str, span: Span, escape: char) -> Vec<RawWord> {
    let mut words = Vec::new();
    let mut word_start = None;
    let mut quote = None;
    let mut chars = text[span.range()].char_indices().peekable();
    let mut last_end = span.start;

    while let Some((i, c)) = chars.next() {
        let at = span.start + i;
        if word_start.is_none() {
            if c.is_whitespace() {
                continue;
            }
            word_start = Some(at);
        }
        match quote {
            None if c.is_whitespace() => {
                push_word(&mut words, text, word_start.take(), last_end);
                continue;
            }
            None if c == '\'' || c == '"' => quote = Some(c),
            Some(q) if c == q => quote = None,
            _ => {}
        }
        last_end = at + c.len_utf8();
        let escapes = c == escape && quote != Some('\'');
        if escapes && let Some((j, next)) = chars.next() {
            last_end = span.start + j + next.len_utf8();
        }
    }
    push_word(&mut words, text, word_start, last_end);
    words
}

/// True when `word` ends inside a quote, which BuildKit rejects when it expands the word.
pub fn has_open_quote(word: &str, escape: char) -> bool {
    let mut quote = None;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (q, c) if c == escape && q != Some('\'') => {
                chars.next();
            }
            _ => {}
        }
    }
    quote.is_some()
}

fn push_word(words: &mut Vec<RawWord>, text: &str, start: Option<usize>, end: usize) {
    let Some(start) = start else { return };
    if end > start {
        words.push(RawWord {
            value: text[start..end].to_owned(),
            span: Span::new(start, end),
        });
    }
}

/// Words as BuildKit's shell lexer splits a line to look for heredocs, returned as written:
/// quotes and backslash escapes keep spaces inside a word, and the blanks right after `<<`
/// belong to the word, so `<<  EOF` is one word. The escape character is always `\` here,
/// whatever the `escape` directive says, as in BuildKit.
pub fn heredoc_words(text: &str) -> Vec<RawWord> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quote = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quote.is_none() && c.is_whitespace() {
            push_word(&mut words, text, start.take(), i);
            continue;
        }
        start.get_or_insert(i);
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None | Some('"'), '\\') => {
                chars.next();
            }
            (None, '<') if chars.next_if(|&(_, n)| n == '<').is_some() => {
                while chars.next_if(|&(_, n)| n.is_whitespace()).is_some() {}
            }
            _ => {}
        }
    }
    push_word(&mut words, text, start, text.len());
    words
}

/// A heredoc marker word: `<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`, `<< EOF`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeredocMarker {
    pub name: String,
    pub strip_tabs: bool,
    /// Some part of the delimiter was quoted, so BuildKit does not expand the body (its
    /// `Expand` flag is false). An escaped quote or letter (`<<\EOF`) does not count.
    pub quoted: bool,
    pub fd: Option<u32>,
}

/// Reads a word as BuildKit's heredoc pattern does: digits, `<<`, an optional `-`, blanks,
/// then one shell word with no `<` in it.
pub fn heredoc_marker(word: &RawWord) -> Option<HeredocMarker> {
    let raw = word.value.as_str();
    let digits = raw.len() - raw.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = raw[digits..].strip_prefix("<<")?;
    let (strip_tabs, rest) = match after.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    let rest = rest.trim_start();
    if rest.contains('<') {
        return None;
    }
    let (name, quoted) = unquote(rest)?;
    Some(HeredocMarker {
        name,
        strip_tabs,
        quoted,
        fd: raw[..digits].parse().ok(),
    })
}

/// A shell word with quotes and backslash escapes removed, and whether a quote was used;
/// `None` when it is empty, more than one word, or has an unterminated quote. Inside double
/// quotes a backslash escapes only `"`, `$` and itself.
fn unquote(word: &str) -> Option<(String, bool)> {
    let mut out = String::new();
    let mut quote = None;
    let mut quoted = false;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => return None,
            (None, '\'' | '"') => {
                quote = Some(c);
                quoted = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, '\\') => out.push(chars.next()?),
            (Some('"'), '\\') => match chars.next_if(|n| matches!(n, '"' | '$' | '\\')) {
                Some(next) => out.push(next),
                None => out.push('\\'),
            },
            (_, c) => out.push(c),
        }
    }
    (quote.is_none() && !out.is_empty()).then_some((out, quoted))
}

/// What the arguments of an exec-form instruction are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// A JSON array of strings: each value with its span (quotes included) in the input.
    Strings(Vec<(String, Span)>),
    /// Valid JSON array holding something other than strings, which BuildKit rejects.
    NotStrings,
    /// Not a JSON array: the shell (or whitespace) form applies.
    Invalid,
}

pub fn json_array(text: &str) -> Json {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('[') {
        return Json::Invalid;
    }
    let Ok(values) = serde_json::from_str::<Vec<serde_json::Value>>(trimmed) else {
        return Json::Invalid;
    };
    if !values.iter().all(serde_json::Value::is_string) {
        return Json::NotStrings;
    }
    let offset = text.len() - trimmed.len();
    let spans = string_spans(trimmed);
    let strings = values
        .into_iter()
        .zip(spans)
        .map(|(value, span)| {
            (
                value.as_str().unwrap_or_default().to_owned(),
                span.shift(offset),
            )
        })
        .collect();
    Json::Strings(strings)
}

/// The spans of the string literals in a JSON array already known to hold only strings.
fn string_spans(json: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = None;
    let mut escaped = false;
    for (i, c) in json.char_indices() {
        match (start, c) {
            (None, '"') => start = Some(i),
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(s), '"') => {
                spans.push(Span::new(s, i + 1));
                start = None;
            }
            _ => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(words: &[RawWord]) -> Vec<&str> {
        words.iter().map(|w| w.value.as_str()).collect()
    }

    #[test]
    fn builder_flags_stop_at_the_first_plain_word() {
        let text = "--mount=type=cache,target=/x --link --chown=\"a b\" echo --not";
        let (flags, args) = builder_flags(text, 0, text.len());

        assert_eq!(
            values(&flags),
            ["--mount=type=cache,target=/x", "--link", "--chown=a b"]
        );
        assert_eq!(&text[args..], "echo --not");
    }

    #[test]
    fn a_double_dash_ends_the_flags() {
        let text = "--doit=true -- foo /tmp/";
        let (flags, args) = builder_flags(text, 0, text.len());

        assert_eq!(values(&flags), ["--doit=true"]);
        assert_eq!(&text[args..], "foo /tmp/");
    }

    #[test]
    fn parse_words_keeps_quotes_and_escaped_spaces() {
        let text = r#"a="b c" d=e\ f 'g h'"#;
        let words = parse_words(text, Span::new(0, text.len()), '\\');

        assert_eq!(values(&words), [r#"a="b c""#, r"d=e\ f", "'g h'"]);
    }

    #[test]
    fn heredoc_markers() {
        let cases = [
            ("<<EOF", Some(("EOF", false, false))),
            ("<<-EOF", Some(("EOF", true, false))),
            ("<<\"EOF\"", Some(("EOF", false, true))),
            ("<<-'E O'", Some(("E O", true, true))),
            ("3<<EOF", Some(("EOF", false, false))),
            ("<<  EOF", Some(("EOF", false, false))),
            ("<< -EOF", Some(("-EOF", false, false))),
            ("<<\\EOF", Some(("EOF", false, false))),
            ("<<eo\\'f", Some(("eo'f", false, false))),
            ("<<\"a\\$b\\c\"", Some(("a$b\\c", false, true))),
            ("<<", None),
            ("<<-", None),
            ("<<<EOF", None),
            ("cat<<EOF", None),
        ];
        for (raw, expected) in cases {
            let word = RawWord {
                value: raw.into(),
                span: Span::default(),
            };
            let got = heredoc_marker(&word).map(|m| (m.name, m.strip_tabs, m.quoted));
            let expected = expected.map(|(n, s, q)| (n.to_owned(), s, q));
            assert_eq!(got, expected, "{raw}");
        }
    }

    #[test]
    fn heredoc_words_keep_blanks_after_the_angle_brackets() {
        let text = "RUN <<  EOF  > foo 'a b' \\ c \"<< x\"";
        let words = heredoc_words(text);

        assert_eq!(
            values(&words),
            ["RUN", "<<  EOF", ">", "foo", "'a b'", "\\ c", "\"<< x\""]
        );
        assert_eq!(&text[words[1].span.range()], "<<  EOF");
    }

    #[test]
    fn json_forms() {
        assert_eq!(
            json_array(r#" ["a", "\u00e9"]"#),
            Json::Strings(vec![
                ("a".into(), Span::new(2, 5)),
                ("é".into(), Span::new(7, 15))
            ])
        );
        assert_eq!(
            json_array(r#"[ "echo", [ "nested json" ] ]"#),
            Json::NotStrings
        );
        assert_eq!(json_array("['single']"), Json::Invalid);
        assert_eq!(json_array(r#"["a"] extra"#), Json::Invalid);
        assert_eq!(json_array("echo [a]"), Json::Invalid);
    }
}
