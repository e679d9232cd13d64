//! A project's `.env` file, read as Docker Compose reads it: the values its Compose files
//! interpolate.
//!
//! One variable a line, `KEY=VALUE`, optionally after `export `. Blank lines and lines starting
//! with `#` are skipped. An unquoted value is trimmed and ends at a ` #` comment; a single-quoted
//! value is taken literally; a double-quoted value may span lines and understands `\n`, `\t`,
//! `\\`, `\"` and `\$`. Unquoted and double-quoted values are interpolated with the variables
//! defined above them (see [`super::interpolation`]). A line with a key and no `=` takes the
//! variable from the shell that runs Compose, so its value is unknown here.

use std::collections::HashMap;

use super::interpolation::{self, Value};

/// The variables of a `.env` file; `None` for a variable whose value is only known at run time.
pub type DotEnv = HashMap<String, Option<String>>;

/// Reads the text of a `.env` file. Lines that are not variables are skipped, as are values
/// whose interpolation fails (they are left unknown).
pub fn parse(text: &str) -> DotEnv {
    let mut env = DotEnv::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, after) = next_line(rest);
        rest = after;
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        let Some((key, value)) = line.split_once('=') else {
            if valid_key(line.trim()) {
                env.insert(line.trim().to_string(), None);
            }
            continue;
        };
        let key = key.trim();
        if !valid_key(key) {
            continue;
        }
        let (raw, after) = read_value(value, rest);
        rest = after;
        let value = resolve(raw, &env);
        env.insert(key.to_string(), value);
    }
    env
}

/// A raw value: how it was quoted, and its text with quotes removed.
enum Raw {
    Literal(String),
    Template(String),
}

/// The value that starts `value` (the rest of its line) and may continue on the lines of
/// `rest`; returns it with the text after it.
fn read_value<'t>(value: &'t str, rest: &'t str) -> (Raw, &'t str) {
    let value = value.trim_start();
    match value.chars().next() {
        Some(quote @ ('"' | '\'')) => quoted(quote, value, rest),
        _ => (Raw::Template(unquoted(value)), rest),
    }
}

/// An unquoted value: trimmed, up to a `#` that follows a blank.
fn unquoted(value: &str) -> String {
    let end = value
        .char_indices()
        .find(|&(i, c)| c == '#' && value[..i].ends_with([' ', '\t']))
        .map_or(value.len(), |(i, _)| i);
    value[..end].trim().to_string()
}

/// A quoted value, which may run over the following lines until its closing quote. Without
/// one, the rest of the line is taken as it is written.
fn quoted<'t>(quote: char, value: &'t str, rest: &'t str) -> (Raw, &'t str) {
    let body = &value[1..];
    if let Some(end) = closing_quote(quote, body) {
        return (finish(quote, &body[..end]), rest);
    }

    // The value goes on: join the following lines until one closes the quote.
    let mut text = body.to_string();
    let mut remaining = rest;
    while !remaining.is_empty() {
        let (line, after) = next_line(remaining);
        remaining = after;
        text.push('\n');
        if let Some(end) = closing_quote(quote, line) {
            text.push_str(&line[..end]);
            return (finish(quote, &text), remaining);
        }
        text.push_str(line);
    }
    (Raw::Template(value.trim().to_string()), rest)
}

fn finish(quote: char, body: &str) -> Raw {
    match quote {
        '\'' => Raw::Literal(body.to_string()),
        _ => Raw::Template(unescape(body)),
    }
}

/// Where the quote closes in `text`; a double quote after a backslash does not close.
fn closing_quote(quote: char, text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if c == quote && !escaped {
            return Some(i);
        }
        escaped = quote == '"' && c == '\\' && !escaped;
    }
    None
}

/// The escapes of a double-quoted value. `\$` becomes `$$`, which interpolation turns into a
/// literal `$`.
fn unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('$') => out.push_str("$$"),
            Some(other @ ('"' | '\\')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn resolve(raw: Raw, env: &DotEnv) -> Option<String> {
    let template = match raw {
        Raw::Literal(text) => return Some(text),
        Raw::Template(text) => text,
    };
    let lookup = |name: &str| match env.get(name) {
        Some(Some(value)) => Value::Set(value),
        Some(None) => Value::Unknown,
        None => Value::Unset,
    };
    let done = interpolation::interpolate(&template, &lookup).ok()?;
    done.known.then_some(done.text)
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The first line of `text` without its line break, and the text after it.
fn next_line(text: &str) -> (&str, &str) {
    match text.find('\n') {
        Some(end) => (text[..end].trim_end_matches('\r'), &text[end + 1..]),
        None => (text.trim_end_matches('\r'), ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(env: &DotEnv, key: &str) -> Option<Option<String>> {
        env.get(key).cloned()
    }

    fn set(text: &str) -> Option<Option<String>> {
        Some(Some(text.to_string()))
    }

    #[test]
    fn plain_values() {
        let env = parse("A=1\nB = two words \n  C=x=y\nEMPTY=\n");
        assert_eq!(value(&env, "A"), set("1"));
        assert_eq!(value(&env, "B"), set("two words"));
        assert_eq!(value(&env, "C"), set("x=y"));
        assert_eq!(value(&env, "EMPTY"), set(""));
    }

    #[test]
    fn comments_export_and_blank_lines() {
        let env = parse("# a comment\n\nexport TAG=1.2 # the release\nURL=http://h/#frag\r\n");
        assert_eq!(value(&env, "TAG"), set("1.2"));
        assert_eq!(value(&env, "URL"), set("http://h/#frag"));
        assert_eq!(env.len(), 2);
    }

    #[test]
    fn quotes() {
        let text = "S='a $B # c'\nD=\"x\\ny \\\"q\\\" \\$z\"\nM=\"one\ntwo\"\nAFTER=1\n";
        let env = parse(text);
        assert_eq!(value(&env, "S"), set("a $B # c"));
        assert_eq!(value(&env, "D"), set("x\ny \"q\" $z"));
        assert_eq!(value(&env, "M"), set("one\ntwo"));
        assert_eq!(value(&env, "AFTER"), set("1"));
    }

    #[test]
    fn unclosed_quote_keeps_the_line() {
        let env = parse("A=\"open\nB=1\n");
        assert_eq!(value(&env, "A"), set("\"open"));
        assert_eq!(value(&env, "B"), set("1"));
    }

    #[test]
    fn interpolation_of_earlier_values() {
        let text = "HOST=db\nURL=postgres://${HOST}:${PORT:-5432}\nLIT='${HOST}'\nQ=\"$HOST\"\n";
        let env = parse(text);
        assert_eq!(value(&env, "URL"), set("postgres://db:5432"));
        assert_eq!(value(&env, "LIT"), set("${HOST}"));
        assert_eq!(value(&env, "Q"), set("db"));
    }

    #[test]
    fn shell_variables_are_unknown() {
        let env = parse("FROM_SHELL\nUSES=${FROM_SHELL}/x\nBAD=${A:?needed}\n");
        assert_eq!(value(&env, "FROM_SHELL"), Some(None));
        assert_eq!(value(&env, "USES"), Some(None));
        assert_eq!(value(&env, "BAD"), Some(None));
    }

    #[test]
    fn invalid_keys_are_skipped() {
        let env = parse("not a key=1\n=2\nOK=3\n");
        assert_eq!(env.len(), 1);
        assert_eq!(value(&env, "OK"), set("3"));
    }
}
