//! Variable expansion as BuildKit performs it on the words of FROM, ARG, ENV, LABEL, USER,
//! WORKDIR, COPY and the other non-RUN instructions.
//!
//! BuildKit does not run a shell here: it has its own small lexer, and this module follows it
//! rather than POSIX where the two differ. Its rules, briefly: `$NAME` and `${NAME}` expand,
//! an unset variable to the empty string; the operators are `-`, `+`, `?` (each also with a
//! leading `:` that treats empty as unset), `#`, `##`, `%`, `%%`, `/` and `//`, with `*` and `?`
//! glob patterns; single quotes keep everything literally; double quotes expand `$` and let the
//! escape character escape `"`, `$` and itself; outside quotes the escape character (`\`, or
//! `` ` `` under `# escape=`) takes the next character literally, and a `$` that starts no name
//! stays a `$`. Quotes are processed again inside operator words, so `"${A:-'x'}"` gives `x`.
//!
//! A value may be [`Value::Unknown`] (a build argument without a default, say). Whenever the
//! result depends on one, expansion gives `None` and the calling rule must stay silent. Input
//! BuildKit would reject (`${`, `${A`, an unterminated quote, `${A:?}` with `A` unset, a bad
//! pattern escape) also gives `None`: this module judges values, not syntax.

/// What a variable holds at a point of the Dockerfile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    Set(&'a str),
    Unset,
    /// The variable may be set, but its value cannot be known statically.
    Unknown,
}

/// Nesting deeper than this (`${A:-${B:-${C:-…}}}`) is given up on as unknown; real
/// Dockerfiles nest two or three levels.
const MAX_DEPTH: usize = 32;
/// Pattern matching steps allowed for one word before it is given up on as unknown, so that a
/// huge value with a pathological pattern cannot stall the linter.
const MAX_MATCH_STEPS: usize = 4_000_000;

/// Expands one word as BuildKit's shell lexer does, removing quotes and escapes.
/// `None` when the result depends on an unknown value (a rule must then stay silent), or when
/// BuildKit would reject the word.
///
/// ```
/// use std::collections::HashMap;
/// use shiplint::model::expand::{Value, expand};
///
/// let args = HashMap::from([("VERSION".to_string(), "3.12".to_string())]);
/// let lookup = |name: &str| match args.get(name) {
///     Some(value) => Value::Set(value),
///     None if name == "TARGETARCH" => Value::Unknown,
///     None => Value::Unset,
/// };
/// let image = expand("python:${VERSION}-slim", '\\', &lookup);
/// assert_eq!(image.as_deref(), Some("python:3.12-slim"));
/// assert_eq!(expand("app-$TARGETARCH", '\\', &lookup), None);
/// assert_eq!(expand("${TAG:-latest}", '\\', &lookup).as_deref(), Some("latest"));
/// ```
pub fn expand<'v>(word: &str, escape: char, lookup: &dyn Fn(&str) -> Value<'v>) -> Option<String> {
    let mut lexer = Lexer::new(word, escape, lookup);
    let acc = lexer.process(None, false).ok()?;
    acc.known.then_some(acc.text)
}

/// Splits and expands a whitespace-separated list of words (ENV/LABEL values, as BuildKit's
/// ProcessWords), quote aware. Splitting happens after expansion, so an unquoted value with
/// spaces becomes several words; empty words (`""`) are dropped, as BuildKit drops them.
pub fn expand_words<'v>(
    text: &str,
    escape: char,
    lookup: &dyn Fn(&str) -> Value<'v>,
) -> Option<Vec<String>> {
    let mut lexer = Lexer::new(text, escape, lookup);
    let acc = lexer.process(None, false).ok()?;
    acc.known.then(|| acc.words.finish())
}

/// The names a word references, for tracing which ARGs an instruction uses: every name
/// BuildKit would look up, in order of appearance, without repeats. Special parameters such
/// as `$1` or `$@` are included as written. On malformed input, the names before the fault.
pub fn references(word: &str, escape: char) -> Vec<String> {
    let unknown = |_: &str| Value::Unknown;
    let mut lexer = Lexer::new(word, escape, &unknown);
    let _ = lexer.process(None, false);
    lexer.names
}

/// BuildKit would fail the build on this word, or it is beyond what this module follows.
#[derive(Debug)]
struct Invalid;

type Step<T> = Result<T, Invalid>;

/// A piece of expanded text; `None` when it depends on an unknown value.
type Piece = Option<String>;

/// The expanded text and its split words, built side by side as BuildKit builds them.
struct Acc {
    text: String,
    words: Words,
    known: bool,
}

impl Acc {
    fn new() -> Self {
        Acc {
            text: String::new(),
            words: Words::default(),
            known: true,
        }
    }

    /// A plain character: whitespace separates words.
    fn literal(&mut self, ch: char) {
        self.text.push(ch);
        self.words.add_char(ch);
    }

    /// An escaped character: always part of a word.
    fn escaped(&mut self, ch: char) {
        self.text.push(ch);
        self.words.add_raw(ch);
    }

    /// The result of a `$` expansion: its whitespace separates words.
    fn expansion(&mut self, piece: Piece) {
        let Some(piece) = piece else {
            self.known = false;
            return;
        };
        self.text.push_str(&piece);
        piece.chars().for_each(|ch| self.words.add_char(ch));
    }

    /// The content of quotes: one unbroken part of a word.
    fn quoted(&mut self, piece: Piece) {
        let Some(piece) = piece else {
            self.known = false;
            return;
        };
        self.text.push_str(&piece);
        self.words.add_raw_str(&piece);
    }

    fn into_piece(self) -> Piece {
        self.known.then_some(self.text)
    }
}

/// Word splitting after expansion. A word that was started but is still empty (`""`) is
/// never emitted, as in BuildKit.
#[derive(Default)]
struct Words {
    done: Vec<String>,
    current: String,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, ch: char) {
        if !ch.is_whitespace() {
            self.add_raw(ch);
            return;
        }
        if self.in_word && !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
            self.in_word = false;
        }
    }

    fn add_raw(&mut self, ch: char) {
        self.current.push(ch);
        self.in_word = true;
    }

    fn add_raw_str(&mut self, text: &str) {
        self.current.push_str(text);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.done.push(self.current);
        }
        self.done
    }
}

/// A cursor over the word, with the lookup and what has been learnt on the way.
struct Lexer<'t, 'l, 'v> {
    text: &'t str,
    pos: usize,
    escape: char,
    lookup: &'l dyn Fn(&str) -> Value<'v>,
    depth: usize,
    budget: Budget,
    names: Vec<String>,
}

impl<'t, 'l, 'v> Lexer<'t, 'l, 'v> {
    fn new(text: &'t str, escape: char, lookup: &'l dyn Fn(&str) -> Value<'v>) -> Self {
        Lexer {
            text,
            pos: 0,
            escape,
            lookup,
            depth: 0,
            budget: Budget(MAX_MATCH_STEPS),
            names: Vec::new(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.pos += ch.len_utf8();
        Some(ch)
    }

    /// Looks a name up, noting it for [`references`].
    fn get(&mut self, name: &str) -> Value<'v> {
        if !self.names.iter().any(|seen| seen == name) {
            self.names.push(name.to_string());
        }
        (self.lookup)(name)
    }

    /// Processes text up to `stop` (consumed) or, without one, to the end. `raw` keeps escape
    /// characters in the output, as BuildKit does for patterns, which treat `\` themselves.
    fn process(&mut self, stop: Option<char>, raw: bool) -> Step<Acc> {
        let mut acc = Acc::new();
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.bump();
                return Ok(acc);
            }
            match ch {
                '$' => acc.expansion(self.dollar()?),
                '\'' => acc.quoted(Some(self.single_quoted()?)),
                '"' => acc.quoted(self.double_quoted(raw)?),
                _ => {
                    if !self.plain(&mut acc, raw) {
                        break;
                    }
                }
            }
        }
        // Running out of text while looking for the stop character is BuildKit's
        // "unexpected end of statement".
        match stop {
            Some(_) => Err(Invalid),
            None => Ok(acc),
        }
    }

    /// One character outside quotes. False when an escape character ends the text, which
    /// BuildKit drops silently.
    fn plain(&mut self, acc: &mut Acc, raw: bool) -> bool {
        let Some(ch) = self.bump() else {
            return false;
        };
        if ch != self.escape {
            acc.literal(ch);
            return true;
        }
        if raw {
            acc.escaped(ch);
        }
        match self.bump() {
            Some(next) => {
                acc.escaped(next);
                true
            }
            None => false,
        }
    }

    /// `'…'`: everything literal, no escapes.
    fn single_quoted(&mut self) -> Step<String> {
        self.bump();
        let rest = &self.text[self.pos..];
        let end = rest.find('\'').ok_or(Invalid)?;
        self.pos += end + 1;
        Ok(rest[..end].to_string())
    }

    /// `"…"`: `$` expands; the escape character escapes `"`, `$` and itself and is otherwise
    /// kept. In raw mode BuildKit keeps the escape character too, doubling a lone one.
    fn double_quoted(&mut self, raw: bool) -> Step<Piece> {
        self.bump();
        let mut out = String::new();
        let mut known = true;
        loop {
            match self.peek().ok_or(Invalid)? {
                '"' => {
                    self.bump();
                    return Ok(known.then_some(out));
                }
                '$' => match self.dollar()? {
                    Some(piece) => out.push_str(&piece),
                    None => known = false,
                },
                _ => self.quoted_char(&mut out, raw)?,
            }
        }
    }

    fn quoted_char(&mut self, out: &mut String, raw: bool) -> Step<()> {
        let mut ch = self.bump().ok_or(Invalid)?;
        if ch == self.escape {
            if raw {
                out.push(ch);
            }
            let next = self.peek().ok_or(Invalid)?;
            if next == '"' || next == '$' || next == self.escape {
                self.bump();
                ch = next;
            }
        }
        out.push(ch);
        Ok(())
    }

    /// `$NAME`, `${NAME}` or `${NAME<op>word}`; a `$` starting no name is literal.
    fn dollar(&mut self) -> Step<Piece> {
        self.bump();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok(Some("$".to_string()));
            }
            return Ok(value_or_empty(self.get(&name)));
        }
        self.bump();
        if matches!(self.peek(), None | Some('{' | '}' | ':')) {
            return Err(Invalid);
        }
        let name = self.name();
        let value = self.get(&name);
        match self.bump() {
            Some('}') => Ok(value_or_empty(value)),
            Some(':') => {
                let op = self.bump();
                self.operator(value, op, true)
            }
            Some(op @ ('-' | '+' | '?' | '#' | '%')) => self.operator(value, Some(op), false),
            Some('/') => self.replace(value),
            _ => Err(Invalid),
        }
    }

    /// A name: a run of digits, one special parameter character, or letters, digits and `_`.
    fn name(&mut self) -> String {
        let rest = &self.text[self.pos..];
        let Some(first) = rest.chars().next() else {
            return String::new();
        };
        let len = if first.is_numeric() {
            prefix_len(rest, char::is_numeric)
        } else if matches!(first, '@' | '*' | '#' | '?' | '-' | '$' | '!') {
            first.len_utf8()
        } else {
            prefix_len(rest, |ch| ch.is_alphanumeric() || ch == '_')
        };
        self.pos += len;
        rest[..len].to_string()
    }

    /// `${NAME-word}` and its kin. `empty_is_unset` is the leading `:`.
    fn operator(
        &mut self,
        value: Value<'v>,
        op: Option<char>,
        empty_is_unset: bool,
    ) -> Step<Piece> {
        let Some(op) = op.filter(|op| "-+?#%".contains(*op)) else {
            return Err(Invalid);
        };
        let is_pattern = op == '#' || op == '%';
        if empty_is_unset && is_pattern {
            return Err(Invalid);
        }
        let word = self.nested(Some('}'), is_pattern)?;

        let text = match value {
            Value::Unknown => return Ok(None),
            Value::Set(text) if !(empty_is_unset && text.is_empty()) => Some(text),
            _ => None,
        };
        match (op, text) {
            ('-', None) => Ok(word),
            ('-' | '?', Some(text)) => Ok(Some(text.to_string())),
            ('+', None) => Ok(Some(String::new())),
            ('+', Some(_)) => Ok(word),
            // BuildKit fails the build, with the word as its message.
            ('?', None) => Err(Invalid),
            (_, text) => match word {
                Some(word) => self.trim(text.unwrap_or(""), op, &word),
                None => Ok(None),
            },
        }
    }

    /// `${NAME#pat}`, `##`, `%`, `%%`: a doubled operator (seen as the word's first
    /// character, after expansion, as BuildKit checks it) asks for the longest match.
    fn trim(&mut self, value: &str, op: char, word: &str) -> Step<Piece> {
        let (longest, pattern) = match word.strip_prefix(op) {
            Some(rest) => (true, rest),
            None => (false, word),
        };
        if op == '#' {
            let glob = Glob::compile(pattern).ok_or(Invalid)?;
            return Ok(glob.trim_prefix(value, longest, &mut self.budget));
        }
        let glob = Glob::compile(&reverse_pattern(pattern)).ok_or(Invalid)?;
        Ok(glob.trim_suffix(value, longest, &mut self.budget))
    }

    /// `${NAME/pat/repl}` and `${NAME//pat/repl}`.
    fn replace(&mut self, value: Value<'v>) -> Step<Piece> {
        let all = self.peek() == Some('/');
        if all {
            self.bump();
        }
        let pattern = self.nested(Some('/'), true)?;
        let replacement = self.nested(Some('}'), true)?;
        let glob = match pattern.as_deref() {
            Some(pattern) => Some(Glob::compile(pattern).ok_or(Invalid)?),
            None => None,
        };
        let (Some(glob), Some(replacement)) = (glob, replacement) else {
            return Ok(None);
        };
        let text = match value {
            Value::Unknown => return Ok(None),
            Value::Unset => "",
            Value::Set(text) => text,
        };
        Ok(glob.replace(text, &replacement, all, &mut self.budget))
    }

    /// An operator's word, one level deeper.
    fn nested(&mut self, stop: Option<char>, raw: bool) -> Step<Piece> {
        if self.depth >= MAX_DEPTH {
            return Err(Invalid);
        }
        self.depth += 1;
        let acc = self.process(stop, raw);
        self.depth -= 1;
        Ok(acc?.into_piece())
    }
}

/// Pattern matching work left for one word.
struct Budget(usize);

impl Budget {
    /// Counts matching work; false once the budget is spent.
    fn spend(&mut self, steps: usize) -> bool {
        self.0 = self.0.saturating_sub(steps);
        self.0 > 0
    }
}

fn value_or_empty(value: Value<'_>) -> Piece {
    match value {
        Value::Set(text) => Some(text.to_string()),
        Value::Unset => Some(String::new()),
        Value::Unknown => None,
    }
}

/// The byte length of the longest prefix whose characters all satisfy `keep`.
fn prefix_len(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.find(|ch: char| !keep(ch)).unwrap_or(text.len())
}

/// Reverses a pattern while keeping each `\x` escape pair in order, so that a suffix can be
/// matched as a prefix of the reversed value.
fn reverse_pattern(pattern: &str) -> String {
    let mut units: Vec<String> = Vec::new();
    let mut chars = pattern.chars();
    while let Some(ch) = chars.next() {
        let mut unit = ch.to_string();
        if ch == '\\' {
            unit.extend(chars.next());
        }
        units.push(unit);
    }
    units.reverse();
    units.concat()
}

/// Where a pattern matched, as a character range, if it did.
type Match = Option<(usize, usize)>;

/// One element of a glob pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Literal(char),
    /// `?`: one character.
    Any,
    /// `*`: any run of characters.
    Star,
}

/// A compiled `*`/`?` pattern. Like the Go regular expressions BuildKit compiles patterns
/// to, `?` and `*` never match a newline.
struct Glob {
    tokens: Vec<Token>,
}

impl Glob {
    /// Compiles a pattern: `\` escapes `*`, `?` and `\`; before `}` or `/` it is dropped;
    /// before anything else, or at the end, the pattern is invalid.
    fn compile(pattern: &str) -> Option<Glob> {
        let mut tokens = Vec::new();
        let mut chars = pattern.chars().peekable();
        while let Some(ch) = chars.next() {
            let token = match ch {
                '*' => Token::Star,
                '?' => Token::Any,
                '\\' if matches!(chars.peek(), Some('}' | '/')) => continue,
                '\\' => match chars.next()? {
                    escaped @ ('*' | '?' | '\\') => Token::Literal(escaped),
                    _ => return None,
                },
                _ => Token::Literal(ch),
            };
            tokens.push(token);
        }
        Some(Glob { tokens })
    }

    /// Removes the shortest (or longest) prefix matching the pattern.
    fn trim_prefix(&self, value: &str, longest: bool, budget: &mut Budget) -> Piece {
        let chars: Vec<char> = value.chars().collect();
        let end = self.prefix_end(&chars, longest, budget)?;
        Some(chars[end.unwrap_or(0)..].iter().collect())
    }

    /// Removes the shortest (or longest) suffix; `self` was compiled from the reversed
    /// pattern, so this is a prefix match on the reversed value.
    fn trim_suffix(&self, value: &str, longest: bool, budget: &mut Budget) -> Piece {
        let reversed: Vec<char> = value.chars().rev().collect();
        let end = self.prefix_end(&reversed, longest, budget)?;
        Some(reversed[end.unwrap_or(0)..].iter().rev().collect())
    }

    /// Replaces the first (or every) match, leftmost and then longest, with Go's rule that an
    /// empty match right after a match is not replaced.
    fn replace(&self, value: &str, replacement: &str, all: bool, budget: &mut Budget) -> Piece {
        // Go expands `$` references in a replace-all replacement; rather than follow that
        // corner, give up.
        if all && replacement.contains('$') {
            return None;
        }
        let chars: Vec<char> = value.chars().collect();
        let mut out = String::new();
        let (mut last_end, mut search) = (0, 0);
        while search <= chars.len() {
            let Some((start, end)) = self.find(&chars, search, budget)? else {
                break;
            };
            out.extend(&chars[last_end..start]);
            if end > last_end || start == 0 {
                out.push_str(replacement);
            }
            last_end = end;
            search = if end > search { end } else { search + 1 };
            if !all {
                break;
            }
        }
        out.extend(&chars[last_end..]);
        Some(out)
    }

    /// The leftmost match at or after `from`, longest at that start. `None` when the match
    /// budget is spent; `Some(None)` when nothing matches.
    fn find(&self, chars: &[char], from: usize, budget: &mut Budget) -> Option<Match> {
        for start in from..=chars.len() {
            if let Some(end) = self.prefix_end(&chars[start..], true, budget)? {
                return Some(Some((start, start + end)));
            }
        }
        Some(None)
    }

    /// The shortest or longest `n` such that `chars[..n]` matches the whole pattern, by a
    /// set-of-states walk (linear in the text for each start, never exponential).
    fn prefix_end(
        &self,
        chars: &[char],
        longest: bool,
        budget: &mut Budget,
    ) -> Option<Option<usize>> {
        let mut states = vec![false; self.tokens.len() + 1];
        states[0] = true;
        self.close(&mut states);
        let accept = self.tokens.len();
        let mut best = states[accept].then_some(0);
        if best.is_some() && !longest {
            return Some(best);
        }
        for (index, &ch) in chars.iter().enumerate() {
            if !budget.spend(states.len()) {
                return None;
            }
            states = self.step(&states, ch);
            if !states.contains(&true) {
                break;
            }
            if states[accept] {
                best = Some(index + 1);
                if !longest {
                    break;
                }
            }
        }
        Some(best)
    }

    fn step(&self, states: &[bool], ch: char) -> Vec<bool> {
        let mut next = vec![false; states.len()];
        for (state, token) in self.tokens.iter().enumerate() {
            if !states[state] {
                continue;
            }
            match token {
                Token::Literal(literal) if *literal == ch => next[state + 1] = true,
                Token::Any if ch != '\n' => next[state + 1] = true,
                Token::Star if ch != '\n' => next[state] = true,
                _ => {}
            }
        }
        self.close(&mut next);
        next
    }

    /// A star may match nothing: whoever reaches it also reaches what follows.
    fn close(&self, states: &mut [bool]) {
        for (state, token) in self.tokens.iter().enumerate() {
            if states[state] && *token == Token::Star {
                states[state + 1] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variables every table below sees; any other name is unset.
    fn env(name: &str) -> Value<'static> {
        match name {
            "PWD" => Value::Set("/home"),
            "SHELL" => Value::Set("bash"),
            "KOREAN" => Value::Set("한국어"),
            "EMPTY" => Value::Set(""),
            "FOO" => Value::Set("xxyy"),
            "X" => Value::Set("x"),
            "SP" => Value::Set("a b"),
            "QS" => Value::Set("???y"),
            "STARS" => Value::Set("a***yy*"),
            "SPECIAL" => Value::Set("()[]{}^$.*?|\\x"),
            "FILE" => Value::Set("/tmp/tmp/bar.txt"),
            "GLOBS" => Value::Set("/foo*/*/*.txt"),
            "NEEDLE" => Value::Set("\\*/"),
            "LINES" => Value::Set("a\nb"),
            "U" | "U2" => Value::Unknown,
            _ => Value::Unset,
        }
    }

    fn check(cases: &[(&str, Option<&str>)], escape: char) {
        for (input, expected) in cases {
            let actual = expand(input, escape, &env);
            assert_eq!(actual.as_deref(), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn plain_names() {
        check(
            &[
                ("", Some("")),
                ("hello", Some("hello")),
                ("$PWD", Some("/home")),
                ("${PWD}", Some("/home")),
                ("he$PWD", Some("he/home")),
                ("$PWD/x", Some("/home/x")),
                ("${PWD}x", Some("/homex")),
                ("$PWDx", Some("")),
                ("a$NOPE-b", Some("a-b")),
                ("$KOREAN", Some("한국어")),
                ("${KOREAN}!", Some("한국어!")),
                ("$한국어", Some("")),
                // Names run on over any Unicode letter, as in BuildKit.
                ("日本$SHELL語", Some("日本")),
                ("日本${SHELL}語", Some("日本bash語")),
                ("$1abc", Some("abc")),
                ("${1}", Some("")),
                ("$@x", Some("x")),
                ("${#}", Some("")),
                ("$$", Some("")),
            ],
            '\\',
        );
    }

    #[test]
    fn lone_dollar_is_literal() {
        check(
            &[
                ("$", Some("$")),
                ("a$", Some("a$")),
                ("$ x", Some("$ x")),
                ("$.", Some("$.")),
                ("$/x", Some("$/x")),
                ("\"$\"", Some("$")),
            ],
            '\\',
        );
    }

    #[test]
    fn quotes() {
        check(
            &[
                ("'$PWD'", Some("$PWD")),
                ("\"$PWD\"", Some("/home")),
                ("\"'$PWD'\"", Some("'/home'")),
                ("'\"$PWD\"'", Some("\"$PWD\"")),
                ("a'b c'd", Some("ab cd")),
                ("''", Some("")),
                ("\"a\\\"b\"", Some("a\"b")),
                ("\"a\\$PWD\"", Some("a$PWD")),
                ("\"a\\\\b\"", Some("a\\b")),
                ("\"a\\xb\"", Some("a\\xb")),
                ("'a\\b'", Some("a\\b")),
                ("\"${NOPE:-'x'}\"", Some("x")),
                ("\"${NOPE:-\"a b\"}\"", Some("a b")),
            ],
            '\\',
        );
    }

    #[test]
    fn backslash_escapes() {
        check(
            &[
                ("\\$PWD", Some("$PWD")),
                ("\\a", Some("a")),
                ("a\\", Some("a")),
                ("\\\\", Some("\\")),
                ("a\\ b", Some("a b")),
                ("\\'a", Some("'a")),
                ("\\\"a", Some("\"a")),
                ("`$PWD`", Some("`/home`")),
            ],
            '\\',
        );
    }

    #[test]
    fn backtick_escapes() {
        check(
            &[
                ("`$PWD", Some("$PWD")),
                ("\\$PWD", Some("\\/home")),
                ("C:\\dir", Some("C:\\dir")),
                ("``", Some("`")),
                ("a`", Some("a")),
                ("\"a`\"b\"", Some("a\"b")),
                ("\"a\\\"", Some("a\\")),
                ("\"`$PWD\"", Some("$PWD")),
                ("${NOPE:-a`}b}", Some("a}b")),
            ],
            '`',
        );
    }

    #[test]
    fn default_and_alternative() {
        check(
            &[
                ("${PWD:-x}", Some("/home")),
                ("${NOPE:-x}", Some("x")),
                ("${EMPTY:-x}", Some("x")),
                ("${EMPTY-x}", Some("")),
                ("${NOPE-x}", Some("x")),
                ("${NOPE:-}", Some("")),
                ("${PWD:+x}", Some("x")),
                ("${EMPTY:+x}", Some("")),
                ("${EMPTY+x}", Some("x")),
                ("${NOPE+x}", Some("")),
                ("${NOPE:-$PWD}", Some("/home")),
                ("${NOPE:-${SHELL:+yes}}", Some("yes")),
                ("${NOPE:-'a b'}", Some("a b")),
                ("${NOPE:-a\\}b}", Some("a}b")),
                ("${NOPE:-a b}", Some("a b")),
            ],
            '\\',
        );
    }

    #[test]
    fn required_values() {
        check(
            &[
                ("${PWD:?msg}", Some("/home")),
                ("${PWD?msg}", Some("/home")),
                ("${EMPTY?msg}", Some("")),
                ("${NOPE:?msg}", None),
                ("${EMPTY:?msg}", None),
                ("${NOPE?}", None),
                ("${NOPE:?}", None),
            ],
            '\\',
        );
    }

    #[test]
    fn prefix_and_suffix_removal() {
        check(
            &[
                ("${FOO#*x*y}", Some("y")),
                ("${FOO#*}", Some("xxyy")),
                ("${FOO##*}", Some("")),
                ("${FOO#x}", Some("xyy")),
                ("${FOO##*x}", Some("yy")),
                ("${FOO#}", Some("xxyy")),
                ("${FOO##}", Some("xxyy")),
                ("${FOO#$X}", Some("xyy")),
                ("${FOO#$EMPTY}", Some("xxyy")),
                ("${FOO#q}", Some("xxyy")),
                ("${FOO%y*}", Some("xxy")),
                ("${FOO%%y*}", Some("xx")),
                ("${FOO%?}", Some("xxy")),
                ("${FOO%}", Some("xxyy")),
                ("${FOO%%$EMPTY}", Some("xxyy")),
                ("${QS#?\\?}", Some("?y")),
                ("${STARS%%\\**\\*}", Some("a")),
                ("${SPECIAL#()[]{\\}^$.\\*\\?|\\\\}", Some("x")),
                ("${KOREAN#한}", Some("국어")),
                ("${KOREAN%?}", Some("한국")),
                ("${NOPE#x}", Some("")),
                ("${LINES#*}", Some("a\nb")),
                ("${LINES##*}", Some("\nb")),
                ("${LINES#??}", Some("a\nb")),
                ("${NOPE:-.}${FOO%x}${NOPE:-.}", Some(".xxyy.")),
            ],
            '\\',
        );
    }

    #[test]
    fn pattern_faults() {
        check(
            &[
                ("${FOO:#x}", None),
                ("${FOO:%x}", None),
                ("${FOO#\\x}", None),
                ("${FOO#a\\}", None),
                ("${FOO/\\x/y}", None),
            ],
            '\\',
        );
    }

    #[test]
    fn replacement() {
        check(
            &[
                (
                    "${GLOBS/$NEEDLE/.} - ${GLOBS//$NEEDLE/.}",
                    Some("/foo.*/*.txt - /foo..*.txt"),
                ),
                (
                    "${FILE/\\/tmp/} - ${FILE//\\/tmp/}",
                    Some("/tmp/bar.txt - /bar.txt"),
                ),
                ("${FILE//\\//\\/}", Some("\\/tmp\\/tmp\\/bar.txt")),
                ("${FOO/$EMPTY/ww}", Some("wwxxyy")),
                ("${FOO///}", Some("xxyy")),
                ("${FOO///-}", Some("-x-x-y-y-")),
                ("${NOPE///}", Some("")),
                ("${FOO//?/-}", Some("----")),
                ("${FOO//y*/-}", Some("xx-")),
                ("${FOO//*/-}", Some("-")),
                ("${FOO/x/-}", Some("-xyy")),
                ("${FOO//q/-}", Some("xxyy")),
                ("${FOO/x/$}", Some("$xyy")),
                ("${FOO//x/$}", None),
                ("${KOREAN/국/-}", Some("한-어")),
                ("${FOO//ww}", None),
                ("${FOO//}", None),
                ("${FOO/x}", None),
            ],
            '\\',
        );
    }

    #[test]
    fn unknown_values() {
        check(
            &[
                ("$U", None),
                ("${U}", None),
                ("a${U}b", None),
                ("\"$U\"", None),
                ("${U:-x}", None),
                ("${U-x}", None),
                ("${U:+x}", None),
                ("${U:?x}", None),
                ("${U#x}", None),
                ("${U/x/y}", None),
                ("${FOO#$U}", None),
                ("${FOO/$U/y}", None),
                ("${FOO/x/$U}", None),
                ("${PWD:-$U}", Some("/home")),
                ("${NOPE:-$U}", None),
                ("${PWD:+$U}", None),
                ("${NOPE:+$U}", Some("")),
                ("${NOPE:-${PWD:-$U}}", Some("/home")),
                ("'$U'", Some("$U")),
                ("\\$U", Some("$U")),
            ],
            '\\',
        );
    }

    #[test]
    fn malformed_input_gives_none() {
        check(
            &[
                ("${", None),
                ("${PWD", None),
                ("${PWD:", None),
                ("${PWD:-x", None),
                ("${}", None),
                ("${:}", None),
                ("${:-x}", None),
                ("${{x}}", None),
                ("${-x}", None),
                ("${PWD:=x}", None),
                ("${PWD=x}", None),
                ("${PWD x}", None),
                ("${PWD!}", None),
                ("'abc", None),
                ("\"abc", None),
                ("\"abc\\", None),
                ("\"${PWD\"", None),
            ],
            '\\',
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let nest = |depth: usize| format!("{}x{}", "${NOPE:-".repeat(depth), "}".repeat(depth));
        assert_eq!(expand(&nest(10), '\\', &env).as_deref(), Some("x"));
        assert_eq!(expand(&nest(MAX_DEPTH + 1), '\\', &env), None);
        let unclosed = "${A:-\"".repeat(50_000);
        assert_eq!(expand(&unclosed, '\\', &env), None);
        assert_eq!(references(&unclosed, '\\').len(), 1);
    }

    #[test]
    fn large_inputs() {
        let plain = "a".repeat(100_000);
        assert_eq!(expand(&plain, '\\', &env).as_deref(), Some(plain.as_str()));

        let many = "$PWD ".repeat(20_000);
        let expanded = expand(&many, '\\', &env).unwrap();
        assert_eq!(expanded.len(), "/home ".len() * 20_000);
        assert_eq!(
            expand_words(&many, '\\', &env).map(|w| w.len()),
            Some(20_000)
        );

        let opens = "${".repeat(50_000);
        assert_eq!(expand(&opens, '\\', &env), None);
        let quotes = "'".repeat(100_001);
        assert_eq!(expand(&quotes, '\\', &env), None);
    }

    #[test]
    fn pathological_pattern_gives_up() {
        let value = "a".repeat(100_000);
        let big = |name: &str| {
            if name == "BIG" {
                Value::Set(&value)
            } else {
                Value::Unset
            }
        };
        assert_eq!(expand("${BIG//*a*a*b/-}", '\\', &big), None);
        assert_eq!(expand("${BIG##*a}", '\\', &big).as_deref(), Some(""));
    }

    #[test]
    fn words() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("a b  c", Some(&["a", "b", "c"])),
            ("  a\tb\n", Some(&["a", "b"])),
            ("\"a b\" c", Some(&["a b", "c"])),
            ("a\\ b", Some(&["a b"])),
            ("$SP", Some(&["a", "b"])),
            ("\"$SP\"", Some(&["a b"])),
            ("x${SP}y", Some(&["xa", "by"])),
            ("a${NOPE:-b}c", Some(&["abc"])),
            ("'' a", Some(&["a"])),
            ("\"\"", Some(&[])),
            ("", Some(&[])),
            ("a=\"1 2\" b=3", Some(&["a=1 2", "b=3"])),
            ("'$U' x", Some(&["$U", "x"])),
            ("$U", None),
            ("a \"b", None),
        ];
        for (input, expected) in cases {
            let actual = expand_words(input, '\\', &env);
            let expected = expected.map(|words| words.iter().map(|w| w.to_string()).collect());
            assert_eq!(actual, expected, "input: {input:?}");
        }
    }

    #[test]
    fn referenced_names() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("plain", &[]),
            (
                "$A ${B} ${C:-$D} ${E#${F}}",
                &["A", "B", "C", "D", "E", "F"],
            ),
            ("${A/$B/$C}", &["A", "B", "C"]),
            ("'$A' \\$B $C $C", &["C"]),
            ("\"$A\"", &["A"]),
            ("${A", &["A"]),
            ("$1 $@", &["1", "@"]),
            ("$한국어", &["한국어"]),
        ];
        for (input, expected) in cases {
            assert_eq!(references(input, '\\'), *expected, "input: {input:?}");
        }
        assert_eq!(references("`$A $B", '`'), ["B"]);
    }
}
