//! Variable interpolation as Docker Compose performs it on the values of a Compose file and of
//! its `.env` file, before it reads them.
//!
//! Compose does not run a shell: it has its own small template language, and this module
//! follows compose-go's rules rather than POSIX where the two differ. `$NAME` and `${NAME}`
//! expand, an unset variable to the empty string (Compose warns); names are ASCII letters,
//! digits and `_`, not starting with a digit. Inside braces the name may be followed by one
//! operator and a word: `-` (default when unset), `:-` (default when unset or empty), `+`
//! (replacement when set), `:+` (replacement when set and not empty), `?` and `:?` (an error
//! naming the word when missing). The word is itself interpolated, so defaults nest, and a
//! brace closes the innermost `${` still open. `$$` is a literal `$`. Any other `$` (before a
//! digit, a space, `}` or the end), an empty or malformed name in braces, and a `${` that is
//! never closed make the whole value invalid, as they make Compose refuse the file.
//!
//! Compose interpolates an operator's word before it looks at the variable, so an error in an
//! unused default (`${SET:-${UNSET:?}}`) still fails; this module does the same.
//!
//! A value may be [`Value::Unknown`]: set at run time, in the shell that runs Compose. A result
//! that depends on one is marked unknown, and a required variable that is unknown is not an
//! error, since it may well be set.

use thiserror::Error;

pub use crate::model::expand::Value;

/// Operator words nested deeper than this are given up on as unknown, so that a hostile value
/// cannot exhaust the stack; real files nest two or three levels.
const MAX_DEPTH: usize = 32;

/// The result of interpolating one value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Interpolated {
    /// The interpolated text; where it depends on an unknown value, the unknown parts are left
    /// out, so only use it when `known` is true.
    pub text: String,
    /// False when the text depends on a variable whose value is [`Value::Unknown`].
    pub known: bool,
    /// Every variable name Compose would look up, in order of appearance, without repeats.
    pub references: Vec<String>,
}

/// A value Compose would refuse to interpolate. Offsets are byte offsets into the text given to
/// [`interpolate`].
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum InterpolationError {
    #[error("invalid interpolation at byte {offset}: `$` must start `$NAME`, `${{NAME}}` or `$$`")]
    Invalid { offset: usize },
    #[error("unterminated `${{` at byte {offset}")]
    Unterminated { offset: usize },
    #[error("{}", required_message(.name, .message))]
    Required { name: String, message: String },
}

fn required_message(name: &str, message: &str) -> String {
    if message.is_empty() {
        return format!("required variable `{name}` is missing a value");
    }
    format!("required variable `{name}` is missing a value: {message}")
}

/// Interpolates one value as Compose does, looking variables up with `lookup`.
///
/// ```
/// use shiplint::model::compose::interpolation::{Value, interpolate};
///
/// let lookup = |name: &str| match name {
///     "TAG" => Value::Set("1.2"),
///     "HOME" => Value::Unknown,
///     _ => Value::Unset,
/// };
/// let image = interpolate("app:${TAG:-latest}", &lookup).unwrap();
/// assert_eq!((image.text.as_str(), image.known), ("app:1.2", true));
/// assert!(!interpolate("$HOME/data", &lookup).unwrap().known);
/// assert!(interpolate("${DB:?set DB in .env}", &lookup).is_err());
/// ```
pub fn interpolate<'v>(
    text: &str,
    lookup: &dyn Fn(&str) -> Value<'v>,
) -> Result<Interpolated, InterpolationError> {
    let mut interpolator = Interpolator {
        lookup,
        references: Vec::new(),
    };
    let piece = interpolator.word(text, 0, 0)?;
    Ok(Interpolated {
        text: piece.text,
        known: piece.known,
        references: interpolator.references,
    })
}

/// Interpolated text that may depend on unknown values.
struct Piece {
    text: String,
    known: bool,
}

impl Piece {
    fn new() -> Self {
        Piece {
            text: String::new(),
            known: true,
        }
    }

    fn push(&mut self, value: Value) {
        match value {
            Value::Set(text) => self.text.push_str(text),
            Value::Unset => {}
            Value::Unknown => self.known = false,
        }
    }

    fn push_piece(&mut self, piece: Piece) {
        self.text.push_str(&piece.text);
        self.known &= piece.known;
    }
}

/// What follows the name inside braces; `colon` means empty counts as unset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operator {
    Default { colon: bool },
    Replace { colon: bool },
    Required { colon: bool },
}

impl Operator {
    /// The operator at the start of `text` and its length in bytes.
    fn parse(text: &str) -> Option<(Operator, usize)> {
        let colon = text.starts_with(':');
        let symbol = text.as_bytes().get(usize::from(colon))?;
        let operator = match symbol {
            b'-' => Operator::Default { colon },
            b'+' => Operator::Replace { colon },
            b'?' => Operator::Required { colon },
            _ => return None,
        };
        Some((operator, usize::from(colon) + 1))
    }

    fn empty_is_missing(self) -> bool {
        let (Operator::Default { colon }
        | Operator::Replace { colon }
        | Operator::Required { colon }) = self;
        colon
    }
}

struct Interpolator<'l, 'v> {
    lookup: &'l dyn Fn(&str) -> Value<'v>,
    references: Vec<String>,
}

impl<'v> Interpolator<'_, 'v> {
    /// Interpolates `text`, which starts at byte `base` of the original value.
    fn word(&mut self, text: &str, base: usize, depth: usize) -> Result<Piece, InterpolationError> {
        let mut out = Piece::new();
        let mut done = 0;
        while let Some(found) = text[done..].find('$') {
            let dollar = done + found;
            out.text.push_str(&text[done..dollar]);
            done = self.dollar(text, dollar, base, depth, &mut out)?;
        }
        out.text.push_str(&text[done..]);
        Ok(out)
    }

    /// Interpolates what the `$` at `dollar` starts; returns the offset just past it.
    fn dollar(
        &mut self,
        text: &str,
        dollar: usize,
        base: usize,
        depth: usize,
        out: &mut Piece,
    ) -> Result<usize, InterpolationError> {
        let after = &text[dollar + 1..];
        match after.as_bytes().first() {
            Some(b'$') => {
                out.text.push('$');
                Ok(dollar + 2)
            }
            Some(b'{') => self.braced(text, dollar, base, depth, out),
            _ => {
                let name = leading_name(after);
                if name.is_empty() {
                    return Err(InterpolationError::Invalid {
                        offset: base + dollar,
                    });
                }
                let value = self.lookup(name);
                out.push(value);
                Ok(dollar + 1 + name.len())
            }
        }
    }

    /// Interpolates the `${…}` whose `$` is at `dollar`; returns the offset past its `}`.
    fn braced(
        &mut self,
        text: &str,
        dollar: usize,
        base: usize,
        depth: usize,
        out: &mut Piece,
    ) -> Result<usize, InterpolationError> {
        let body_start = dollar + 2;
        let Some(close) = closing_brace(&text[body_start..]) else {
            return Err(InterpolationError::Unterminated {
                offset: base + dollar,
            });
        };
        let body = &text[body_start..body_start + close];
        let invalid = InterpolationError::Invalid {
            offset: base + dollar,
        };
        let name = leading_name(body);
        if name.is_empty() {
            return Err(invalid);
        }

        let rest = &body[name.len()..];
        if rest.is_empty() {
            let value = self.lookup(name);
            out.push(value);
            return Ok(body_start + close + 1);
        }
        let Some((operator, length)) = Operator::parse(rest) else {
            return Err(invalid);
        };
        let word = &rest[length..];
        let word_base = base + body_start + name.len() + length;
        let piece = self.operation(name, operator, word, word_base, depth)?;
        out.push_piece(piece);
        Ok(body_start + close + 1)
    }

    /// `${name<operator>word}`.
    fn operation(
        &mut self,
        name: &str,
        operator: Operator,
        word: &str,
        word_base: usize,
        depth: usize,
    ) -> Result<Piece, InterpolationError> {
        let value = self.lookup(name);
        if depth >= MAX_DEPTH {
            return Ok(Piece {
                text: String::new(),
                known: false,
            });
        }
        // Compose interpolates the word first, whether or not it is used.
        let word = self.word(word, word_base, depth + 1)?;

        let Value::Set(set) = value else {
            return apply_missing(name, operator, value, word);
        };
        if set.is_empty() && operator.empty_is_missing() {
            return apply_missing(name, operator, Value::Unset, word);
        }
        Ok(match operator {
            Operator::Replace { .. } => word,
            Operator::Default { .. } | Operator::Required { .. } => piece_of(set),
        })
    }

    /// Looks a name up, noting it among the references.
    fn lookup(&mut self, name: &str) -> Value<'v> {
        if !self.references.iter().any(|seen| seen == name) {
            self.references.push(name.to_string());
        }
        (self.lookup)(name)
    }
}

/// The result of an operator whose variable is unset (or empty, for the `:` forms), or unknown.
fn apply_missing(
    name: &str,
    operator: Operator,
    value: Value,
    word: Piece,
) -> Result<Piece, InterpolationError> {
    if value == Value::Unknown {
        return Ok(Piece {
            text: String::new(),
            known: false,
        });
    }
    match operator {
        Operator::Default { .. } => Ok(word),
        Operator::Replace { .. } => Ok(Piece::new()),
        Operator::Required { .. } => Err(InterpolationError::Required {
            name: name.to_string(),
            message: word.text,
        }),
    }
}

fn piece_of(text: &str) -> Piece {
    Piece {
        text: text.to_string(),
        known: true,
    }
}

/// The variable name at the start of `text`, empty if there is none.
fn leading_name(text: &str) -> &str {
    let bytes = text.as_bytes();
    let starts = bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
    if !starts {
        return "";
    }
    let length = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    &text[..length]
}

/// The offset of the `}` that closes a `${` whose body starts `text`: every `${` inside opens
/// one more level, as Compose counts them.
fn closing_brace(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open = 1usize;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'}' {
            open -= 1;
            if open == 0 {
                return Some(i);
            }
        } else if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'{') {
            open += 1;
            i += 1;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variables every table below sees; any other name is unset.
    fn env(name: &str) -> Value<'static> {
        match name {
            "FOO" => Value::Set("first"),
            "EMPTY" => Value::Set(""),
            "KOREAN" => Value::Set("한국어"),
            "DOLLAR" => Value::Set("$x"),
            "U" | "U2" => Value::Unknown,
            _ => Value::Unset,
        }
    }

    /// `None` for an unknown result.
    fn check(cases: &[(&str, Option<&str>)]) {
        for (input, expected) in cases {
            let result = interpolate(input, &env);
            let actual = result.map(|done| done.known.then_some(done.text));
            assert_eq!(actual, Ok(expected.map(str::to_string)), "input: {input:?}");
        }
    }

    #[test]
    fn plain_variables() {
        check(&[
            ("", Some("")),
            ("no variables", Some("no variables")),
            ("$FOO", Some("first")),
            ("${FOO}", Some("first")),
            ("This $FOO var", Some("This first var")),
            ("$FOO-bar", Some("first-bar")),
            ("$FOO.bar", Some("first.bar")),
            ("${FOO}bar", Some("firstbar")),
            ("$FOObar", Some("")),
            ("This ${UNSET} var", Some("This  var")),
            ("This ${EMPTY} var", Some("This  var")),
            ("$U", None),
            ("a${U}b", None),
            ("é$KOREAN€", Some("é한국어€")),
            ("$DOLLAR", Some("$x")),
            ("$foo", Some("")),
            ("$_9", Some("")),
        ]);
    }

    #[test]
    fn operators_by_value() {
        // Each operator with a set, an empty, an unset and an unknown variable.
        check(&[
            ("${FOO:-d}", Some("first")),
            ("${EMPTY:-d}", Some("d")),
            ("${UNSET:-d}", Some("d")),
            ("${U:-d}", None),
            ("${FOO-d}", Some("first")),
            ("${EMPTY-d}", Some("")),
            ("${UNSET-d}", Some("d")),
            ("${U-d}", None),
            ("${FOO:+r}", Some("r")),
            ("${EMPTY:+r}", Some("")),
            ("${UNSET:+r}", Some("")),
            ("${U:+r}", None),
            ("${FOO+r}", Some("r")),
            ("${EMPTY+r}", Some("r")),
            ("${UNSET+r}", Some("")),
            ("${U+r}", None),
            ("${FOO:?m}", Some("first")),
            ("${U:?m}", None),
            ("${FOO?m}", Some("first")),
            ("${EMPTY?m}", Some("")),
            ("${U?m}", None),
        ]);
    }

    #[test]
    fn operator_words() {
        check(&[
            ("${UNSET:-}", Some("")),
            (
                "ok ${EMPTY:-/non:-alphanumeric}",
                Some("ok /non:-alphanumeric"),
            ),
            ("${UNSET-myerror?msg}", Some("myerror?msg")),
            ("${FOO?bar-baz}", Some("first")),
            ("${UNSET:-a b\nc}", Some("a b\nc")),
            ("${UNSET:-{x}}", Some("{x}")),
            ("${UNSET:-x}}", Some("x}")),
            ("${UNSET:-€}", Some("€")),
            ("${UNSET:-$U}", None),
            ("${FOO:-$U}", Some("first")),
            ("${FOO:+$U}", None),
            ("${EMPTY:+$U}", Some("")),
        ]);
    }

    #[test]
    fn nesting() {
        check(&[
            ("ok ${UNSET-$FOO}", Some("ok first")),
            ("ok ${UNSET-${FOO}}", Some("ok first")),
            ("ok ${UNSET-${FOO} ${FOO}}", Some("ok first first")),
            ("ok ${EMPTY:-${FOO}}", Some("ok first")),
            ("${A:-${B:-x}}", Some("x")),
            ("${A:-${B:-${FOO}}}/y", Some("first/y")),
            ("${A:-${U:-x}}", None),
            ("${FOO:+${A:-r}}", Some("r")),
            ("${A:-$${x}}", Some("${x}")),
        ]);
    }

    #[test]
    fn escaped_dollars() {
        check(&[
            ("$$", Some("$")),
            ("$${foo}", Some("${foo}")),
            ("$$FOO", Some("$FOO")),
            ("$$$FOO", Some("$first")),
            ("$$$$", Some("$$")),
            ("a$$b", Some("a$b")),
            ("${UNSET:-$$}", Some("$")),
            ("$$U", Some("$U")),
        ]);
    }

    #[test]
    fn invalid_templates() {
        use InterpolationError::{Invalid, Unterminated};
        let cases = [
            ("${", Unterminated { offset: 0 }),
            ("ab${FOO", Unterminated { offset: 2 }),
            ("${A:-${B:-x}", Unterminated { offset: 0 }),
            ("${A:-x", Unterminated { offset: 0 }),
            ("$}", Invalid { offset: 0 }),
            ("${}", Invalid { offset: 0 }),
            ("${ }", Invalid { offset: 0 }),
            ("${ foo}", Invalid { offset: 0 }),
            ("${foo }", Invalid { offset: 0 }),
            ("${foo!}", Invalid { offset: 0 }),
            ("${9A}", Invalid { offset: 0 }),
            ("${A:x}", Invalid { offset: 0 }),
            ("price $5", Invalid { offset: 6 }),
            ("end $", Invalid { offset: 4 }),
            ("$ x", Invalid { offset: 0 }),
            ("$é", Invalid { offset: 0 }),
            ("€${é}", Invalid { offset: 3 }),
            ("${UNSET:-a$}", Invalid { offset: 10 }),
            ("${UNSET:-${B:-$5}}", Invalid { offset: 14 }),
        ];
        for (input, expected) in cases {
            assert_eq!(interpolate(input, &env), Err(expected), "input: {input:?}");
        }
    }

    #[test]
    fn required_errors() {
        let cases = [
            ("not ok ${UNSET:?Mandatory}", "UNSET", "Mandatory"),
            ("not ok ${EMPTY:?Empty}", "EMPTY", "Empty"),
            ("${UNSET:?}", "UNSET", ""),
            ("${UNSET?m}", "UNSET", "m"),
            ("${UNSET?}", "UNSET", ""),
            ("${UNSET:?Variable ${FOO}}", "UNSET", "Variable first"),
            ("${UNSET?bar-baz}", "UNSET", "bar-baz"),
            // The word is interpolated even when unused, as Compose does.
            ("${FOO:-${UNSET:?inner}}", "UNSET", "inner"),
        ];
        for (input, name, message) in cases {
            let expected = InterpolationError::Required {
                name: name.to_string(),
                message: message.to_string(),
            };
            assert_eq!(interpolate(input, &env), Err(expected), "input: {input:?}");
        }
    }

    #[test]
    fn error_messages() {
        let cases = [
            ("${A:?}", "required variable `A` is missing a value"),
            (
                "${A:?set A}",
                "required variable `A` is missing a value: set A",
            ),
            ("a${", "unterminated `${` at byte 1"),
        ];
        for (input, expected) in cases {
            let error = interpolate(input, &env).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn references_in_order_without_repeats() {
        let cases: &[(&str, &[&str])] = &[
            ("$FOO ${BAR} $FOO", &["FOO", "BAR"]),
            ("${A:-${B:-$C}}", &["A", "B", "C"]),
            ("${FOO:-$UNUSED}", &["FOO", "UNUSED"]),
            ("$$NOT ${U}", &["U"]),
        ];
        for (input, expected) in cases {
            let result = interpolate(input, &env).unwrap();
            assert_eq!(result.references, *expected, "input: {input:?}");
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let depth = 10_000;
        let input = format!("{}x{}", "${A:-".repeat(depth), "}".repeat(depth));
        let result = interpolate(&input, &env).unwrap();
        assert!(!result.known);

        let shallow = format!("{}x{}", "${A:-".repeat(8), "}".repeat(8));
        assert_eq!(interpolate(&shallow, &env).unwrap().text, "x");
    }

    #[test]
    fn unterminated_deep_nesting_is_an_error() {
        let input = "${A:-".repeat(10_000);
        assert!(interpolate(&input, &env).is_err());
    }
}
