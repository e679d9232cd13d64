//! What a well-formed label key and label value of each schema type look like: the checks
//! behind DL3048 and DL3052–DL3058, as pure functions of the text.
//!
//! Each check follows the standard the type names (RFC 3986 for URLs, RFC 3339 for times,
//! the SPDX license expression grammar, Semantic Versioning 2.0.0, RFC 5322's `addr-spec`),
//! written small: the rules only need a yes or no, never a parsed value.

/// The SPDX identifiers: licenses first, then exceptions after the `[exceptions]` line.
const SPDX: &str = include_str!("spdx.txt");

/// Namespaces Docker reserves for its own labels.
const RESERVED_NAMESPACES: [&str; 3] = ["com.docker.", "io.docker.", "org.dockerproject."];

/// Why a label key breaks Docker's recommended key format, or `None` when it follows it:
/// lowercase letters, digits, `.` and `-`, starting with a letter, ending with a letter or
/// digit, without doubled separators, outside Docker's reserved namespaces.
pub fn key_problem(key: &str) -> Option<String> {
    let Some(first) = key.chars().next() else {
        return Some("is empty".to_owned());
    };
    if let Some(bad) = key.chars().find(|&c| !is_key_char(c)) {
        return Some(format!(
            "has the character `{bad}`; use lowercase letters, digits, `.`, `-`"
        ));
    }
    if !first.is_ascii_lowercase() {
        return Some("does not start with a lowercase letter".to_owned());
    }
    if key.ends_with(['.', '-']) {
        return Some("does not end with a lowercase letter or a digit".to_owned());
    }
    if key.contains("..") || key.contains("--") {
        return Some("has two separators in a row".to_owned());
    }
    let reserved = RESERVED_NAMESPACES.iter().find(|ns| key.starts_with(*ns))?;
    Some(format!("is in Docker's reserved namespace `{reserved}`"))
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'
}

/// An absolute URI of RFC 3986: a scheme, `:`, then URI characters with valid `%` escapes.
pub fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    if !scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    if !scheme_chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
        return false;
    }
    rest.matches('#').count() <= 1 && has_valid_escapes(rest) && rest.chars().all(is_uri_char)
}

fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

fn has_valid_escapes(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    })
}

/// An RFC 3339 date-time: `2024-05-01T12:30:00Z`, with optional fractional seconds and a
/// `Z` or `±hh:mm` offset.
pub fn is_rfc3339(text: &str) -> bool {
    let Some((date, time)) = text.split_once(['T', 't']) else {
        return false;
    };
    is_full_date(date) && is_full_time(time)
}

fn is_full_date(date: &str) -> bool {
    let Some([year, month, day]) = numbers(date, '-', [4, 2, 2]) else {
        return false;
    };
    (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_full_time(time: &str) -> bool {
    let split = time
        .char_indices()
        .skip(8)
        .find(|&(_, c)| matches!(c, 'Z' | 'z' | '+' | '-'));
    let Some((at, _)) = split else {
        return false;
    };
    let (clock, offset) = time.split_at(at);
    let (clock, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let Some([hour, minute, second]) = numbers(clock, ':', [2, 2, 2]) else {
        return false;
    };
    let fraction_ok = !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit());
    hour < 24 && minute < 60 && second <= 60 && fraction_ok && is_offset(offset)
}

fn is_offset(offset: &str) -> bool {
    if offset.eq_ignore_ascii_case("z") {
        return true;
    }
    let Some(rest) = offset.strip_prefix(['+', '-']) else {
        return false;
    };
    numbers(rest, ':', [2, 2]).is_some_and(|[hour, minute]| hour < 24 && minute < 60)
}

/// Splits `text` at `separator` into numbers of exactly the given digit counts.
fn numbers<const N: usize>(text: &str, separator: char, widths: [usize; N]) -> Option<[u32; N]> {
    let mut out = [0; N];
    let mut parts = text.split(separator);
    for (slot, width) in out.iter_mut().zip(widths) {
        let part = parts.next()?;
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// A git commit hash: 7 (abbreviated) or 40 lowercase hexadecimal digits.
pub fn is_git_hash(text: &str) -> bool {
    let hex = text
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    hex && (text.len() == 7 || text.len() == 40)
}

/// A Semantic Versioning 2.0.0 version: `1.2.3`, `1.0.0-rc.1`, `1.0.0+build.5`; no `v`.
pub fn is_semver(text: &str) -> bool {
    let (rest, build) = match text.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let core_ok = core.split('.').count() == 3 && core.split('.').all(is_numeric_identifier);
    let pre_ok = pre.is_none_or(|pre| pre.split('.').all(is_pre_release_identifier));
    let build_ok = build.is_none_or(|build| build.split('.').all(is_identifier));
    core_ok && pre_ok && build_ok
}

/// Digits without a leading zero.
fn is_numeric_identifier(text: &str) -> bool {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    digits && (text == "0" || !text.starts_with('0'))
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn is_pre_release_identifier(text: &str) -> bool {
    let all_digits = text.bytes().all(|b| b.is_ascii_digit());
    is_identifier(text) && (!all_digits || is_numeric_identifier(text))
}

/// An RFC 5322 `addr-spec`: a dot-atom or quoted local part, `@`, and a dot-atom domain or a
/// `[…]` domain literal. Display names (`Jane <jane@example.com>`) are not addresses.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = is_dot_atom(local) || is_quoted_string(local);
    local_ok && (is_dot_atom(domain) || is_domain_literal(domain))
}

fn is_dot_atom(text: &str) -> bool {
    text.split('.')
        .all(|atom| !atom.is_empty() && atom.chars().all(is_atom_char))
}

fn is_atom_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

fn is_quoted_string(text: &str) -> bool {
    let Some(inner) = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return false;
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        let ok = match c {
            '\\' => chars
                .next()
                .is_some_and(|e| e.is_ascii() && !e.is_ascii_control()),
            '"' => false,
            _ => c == ' ' || (c.is_ascii() && !c.is_ascii_control()),
        };
        if !ok {
            return false;
        }
    }
    true
}

fn is_domain_literal(text: &str) -> bool {
    let Some(inner) = text
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    else {
        return false;
    };
    inner
        .chars()
        .all(|c| c.is_ascii_graphic() && !"[]\\".contains(c))
}

/// An SPDX license expression: license identifiers (with an optional `+`), `LicenseRef-…`
/// and `DocumentRef-…:LicenseRef-…` references, joined by `AND` and `OR`, an exception after
/// `WITH`, and parentheses. Identifiers match without regard to case; operators are uppercase.
pub fn is_spdx_expression(text: &str) -> bool {
    let tokens = spdx_tokens(text);
    let mut parser = SpdxParser { tokens, at: 0 };
    parser.expression(0) && parser.at == parser.tokens.len()
}

/// Parentheses as their own tokens, other words split at whitespace.
fn spdx_tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    for word in text.split_whitespace() {
        let mut start = 0;
        for (i, c) in word.char_indices().filter(|&(_, c)| c == '(' || c == ')') {
            tokens.extend((start < i).then(|| &word[start..i]));
            tokens.push(&word[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
        tokens.extend((start < word.len()).then(|| &word[start..]));
    }
    tokens
}

/// Nesting deeper than this is not a license anyone writes; it is refused rather than recursed.
const MAX_SPDX_DEPTH: usize = 32;

struct SpdxParser<'a> {
    tokens: Vec<&'a str>,
    at: usize,
}

impl<'a> SpdxParser<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.tokens.get(self.at).copied()
    }

    fn take(&mut self, token: &str) -> bool {
        let found = self.peek() == Some(token);
        self.at += usize::from(found);
        found
    }

    /// Terms joined by `AND` or `OR`; the two bind differently, which matters for meaning but
    /// not for whether the expression is well formed.
    fn expression(&mut self, depth: usize) -> bool {
        if !self.term(depth) {
            return false;
        }
        while self.take("AND") || self.take("OR") {
            if !self.term(depth) {
                return false;
            }
        }
        true
    }

    fn term(&mut self, depth: usize) -> bool {
        if self.take("(") {
            return depth < MAX_SPDX_DEPTH && self.expression(depth + 1) && self.take(")");
        }
        let Some(license) = self.peek() else {
            return false;
        };
        self.at += 1;
        if !is_license(license) {
            return false;
        }
        if !self.take("WITH") {
            return true;
        }
        let exception = self.peek().is_some_and(is_exception);
        self.at += 1;
        exception
    }
}

fn is_license(word: &str) -> bool {
    if let Some((document, license)) = word.split_once(':') {
        return is_reference(document, "DocumentRef-") && is_reference(license, "LicenseRef-");
    }
    if is_reference(word, "LicenseRef-") {
        return true;
    }
    let id = word.strip_suffix('+').unwrap_or(word);
    spdx_ids().0.any(|known| known.eq_ignore_ascii_case(id))
}

fn is_exception(word: &str) -> bool {
    spdx_ids().1.any(|known| known.eq_ignore_ascii_case(word))
}

/// `LicenseRef-` (or another prefix) and an idstring of letters, digits, `.` and `-`.
fn is_reference(word: &str, prefix: &str) -> bool {
    word.strip_prefix(prefix).is_some_and(|id| {
        !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    })
}

/// The license identifiers and the exception identifiers of `spdx.txt`.
fn spdx_ids() -> (
    impl Iterator<Item = &'static str>,
    impl Iterator<Item = &'static str>,
) {
    let (licenses, exceptions) = SPDX.split_once("\n[exceptions]\n").unwrap_or((SPDX, ""));
    let ids = |text: &'static str| text.lines().filter(|line| !line.starts_with('#'));
    (ids(licenses), ids(exceptions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_keys() {
        let cases = [
            ("org.opencontainers.image.version", None),
            ("maintainer", None),
            ("a1", None),
            ("", Some("is empty")),
            (
                "Maintainer",
                Some("has the character `M`; use lowercase letters, digits, `.`, `-`"),
            ),
            (
                "build_date",
                Some("has the character `_`; use lowercase letters, digits, `.`, `-`"),
            ),
            ("1abc", Some("does not start with a lowercase letter")),
            (
                "abc.",
                Some("does not end with a lowercase letter or a digit"),
            ),
            ("a..b", Some("has two separators in a row")),
            ("a--b", Some("has two separators in a row")),
            (
                "com.docker.x",
                Some("is in Docker's reserved namespace `com.docker.`"),
            ),
            ("com.dockerx", None),
        ];
        for (key, expected) in cases {
            assert_eq!(key_problem(key).as_deref(), expected, "{key}");
        }
    }

    #[test]
    fn urls() {
        let good = [
            "https://example.com/x?y=1#z",
            "mailto:a@b.c",
            "git+ssh://git@github.com/a/b.git",
            "https://a/%20b",
            "urn:isbn:0451450523",
        ];
        let bad = [
            "example.com",
            "",
            "https://a b",
            "1http://x",
            "https://a/%zz",
            "h://#a#b",
        ];
        for text in good {
            assert!(is_url(text), "{text}");
        }
        for text in bad {
            assert!(!is_url(text), "{text}");
        }
    }

    #[test]
    fn times() {
        let good = [
            "2024-05-01T12:30:00Z",
            "2024-02-29T23:59:60.123+01:00",
            "1999-12-31t00:00:00z",
            "2024-05-01T12:30:00-05:30",
        ];
        let bad = [
            "2024-05-01",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:30:00",
            "2024-05-01T12:30:00.Z",
            "2024-05-01 12:30:00Z",
            "2024-5-1T12:30:00Z",
            "2024-05-01T12:30:00+0100",
        ];
        for text in good {
            assert!(is_rfc3339(text), "{text}");
        }
        for text in bad {
            assert!(!is_rfc3339(text), "{text}");
        }
    }

    #[test]
    fn git_hashes() {
        let good = ["abc1234", "0123456789abcdef0123456789abcdef01234567"];
        let bad = ["ABC1234", "abc123", "abc12345", "ghijklm", ""];
        for text in good {
            assert!(is_git_hash(text), "{text}");
        }
        for text in bad {
            assert!(!is_git_hash(text), "{text}");
        }
    }

    #[test]
    fn semantic_versions() {
        let good = [
            "1.2.3",
            "0.0.0",
            "1.0.0-rc.1",
            "1.0.0-alpha-1+build.5",
            "1.0.0+0017",
        ];
        let bad = [
            "v1.2.3", "1.2", "1.2.3.4", "01.2.3", "1.2.3-01", "1.2.3-", "1.2.3+", "",
        ];
        for text in good {
            assert!(is_semver(text), "{text}");
        }
        for text in bad {
            assert!(!is_semver(text), "{text}");
        }
    }

    #[test]
    fn emails() {
        let good = [
            "jane@example.com",
            "jane.doe+tag@mail.example.org",
            "\"jane doe\"@example.com",
            "root@[192.168.0.1]",
            "a@localhost",
        ];
        let bad = [
            "Jane <jane@example.com>",
            "jane",
            "jane@",
            "@example.com",
            "jane..doe@example.com",
            "jane@exa mple.com",
            "jané@example.com",
        ];
        for text in good {
            assert!(is_email(text), "{text}");
        }
        for text in bad {
            assert!(!is_email(text), "{text}");
        }
    }

    #[test]
    fn spdx_expressions() {
        let good = [
            "MIT",
            "mit",
            "Apache-2.0 OR MIT",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "GPL-2.0+",
            "LicenseRef-my-license",
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
            "((MIT))",
        ];
        let bad = [
            "",
            "MIT License",
            "Apache 2.0",
            "MIT or Apache-2.0",
            "MIT OR",
            "(MIT",
            "MIT)",
            "MIT WITH",
            "MIT WITH Apache-2.0",
            "LicenseRef-",
            "GPL",
        ];
        for text in good {
            assert!(is_spdx_expression(text), "{text}");
        }
        for text in bad {
            assert!(!is_spdx_expression(text), "{text}");
        }
    }

    #[test]
    fn spdx_list_is_read() {
        let (licenses, exceptions) = spdx_ids();
        assert!(licenses.count() > 600);
        assert!(exceptions.count() > 50);
    }
}
