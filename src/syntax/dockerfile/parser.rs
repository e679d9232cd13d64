//! The parser proper. It reads physical lines as BuildKit does: parser directives at the top,
//! comment lines collected, continuation lines joined (comment and empty lines inside a
//! continuation skipped), then each logical line split into keyword, flags and arguments, and
//! heredoc bodies read from the lines that follow.
//!
//! Unlike BuildKit it never stops at the first error: each problem becomes a [`SyntaxError`] at
//! its span and the next instruction is parsed as usual.

use super::ast::*;
use super::words::{self, RawWord};
use crate::source::Span;

/// Parses a whole Dockerfile. Never fails: problems are listed in [`Dockerfile::errors`].
pub fn parse(text: &str) -> Dockerfile {
    let mut parser = Parser::new(text);
    parser.run();
    parser.out
}

/// One physical line: `start..content_end` is its text without the line break (and without a
/// `\r` before it), `end` is where the next line starts.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    out: Dockerfile,
    directives_done: bool,
    /// Comment indices directly above the next instruction.
    pending_comments: Vec<usize>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Parser {
            text,
            pos,
            out: Dockerfile {
                escape: '\\',
                ..Dockerfile::default()
            },
            directives_done: false,
            pending_comments: Vec::new(),
        }
    }

    fn next_line(&mut self) -> Option<Line> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i + 1);
        let mut content_end = if self.text[..end].ends_with('\n') {
            end - 1
        } else {
            end
        };
        if self.text[start..content_end].ends_with('\r') {
            content_end -= 1;
        }
        self.pos = end;
        Some(Line {
            start,
            content_end,
            end,
        })
    }

    fn content(&self, line: Line) -> &'a str {
        &self.text[line.start..line.content_end]
    }

    fn run(&mut self) {
        while let Some(line) = self.next_line() {
            self.line(line);
        }
        if self.out.instructions.is_empty() {
            let end = self.text.len();
            self.error(Span::at(end), "file with no instructions");
        }
    }

    fn line(&mut self, line: Line) {
        let content = self.content(line);
        let indent = content.len() - content.trim_start().len();
        let trimmed = &content[indent..];

        if !self.directives_done {
            self.directive(line, trimmed);
        }
        if trimmed.starts_with('#') {
            self.comment(line.start + indent, line.content_end);
            return;
        }
        if trimmed.trim().is_empty() {
            self.pending_comments.clear();
            return;
        }
        self.instruction(line, line.start + indent);
    }

    /// Reads `# name=value` at the top of the file; the first line that is not one ends them.
    fn directive(&mut self, line: Line, trimmed: &str) {
        let Some((name, value)) = directive_parts(trimmed) else {
            self.directives_done = true;
            return;
        };
        let name_lower = name.to_ascii_lowercase();
        if !matches!(name_lower.as_str(), "syntax" | "escape" | "check") {
            self.directives_done = true;
            return;
        }
        let span = Span::new(line.start, line.content_end);
        let value_start = line.start + offset_in(self.content(line), value);
        let value = Text::new(value, Span::new(value_start, value_start + value.len()));

        if self.out.directives.iter().any(|d| d.name == name_lower) {
            let message = format!("only one `{name_lower}` parser directive can be used");
            self.error(span, message);
            return;
        }
        if name_lower == "escape" {
            match value.as_str() {
                "\\" => self.out.escape = '\\',
                "`" => self.out.escape = '`',
                other => {
                    let message =
                        format!("invalid escape character `{other}`: use `\\` or `` ` ``");
                    self.error(value.span, message);
                }
            }
        }
        self.out.directives.push(Directive {
            name: name_lower,
            value,
            span,
        });
    }

    fn comment(&mut self, start: usize, end: usize) {
        let body = &self.text[start + 1..end];
        let trimmed = body.trim();
        let text_start = start + 1 + offset_in(body, trimmed);
        let text = Text::new(trimmed, Span::new(text_start, text_start + trimmed.len()));
        self.out.comments.push(Comment {
            span: Span::new(start, end),
            text,
        });
        self.pending_comments.push(self.out.comments.len() - 1);
    }

    /// Joins an instruction's continuation lines, parses it, then reads its heredoc bodies.
    fn instruction(&mut self, first: Line, start: usize) {
        let mut logical = Logical::default();
        let mut end = first.content_end;
        let mut continues = self.push_piece(&mut logical, start, first.content_end);

        while continues {
            let Some(line) = self.next_line() else { break };
            let content = self.content(line);
            if content.trim_start().starts_with('#') {
                let indent = content.len() - content.trim_start().len();
                self.comment(line.start + indent, line.content_end);
                continue;
            }
            if content.trim().is_empty() {
                self.out
                    .empty_continuation_lines
                    .push(Span::new(line.start, line.end));
                continue;
            }
            continues = self.push_piece(&mut logical, line.start, line.content_end);
            end = line.content_end;
        }

        let comments = std::mem::take(&mut self.pending_comments);
        let errors_before = self.out.errors.len();
        let mut instruction = build(&logical, 0, &mut self.out.errors, self.out.escape);
        instruction.comments = comments;
        instruction.span = Span::new(start, end);
        if reads_heredocs(&instruction) && logical.text.contains("<<") {
            self.heredocs(&mut instruction, &logical);
        }
        if self.out.errors.len() == errors_before {
            validate(&instruction, &mut self.out.errors);
        }
        self.out.instructions.push(instruction);
    }

    /// Adds a line's text to `logical` without its continuation character; true when the line
    /// continues.
    fn push_piece(&self, logical: &mut Logical, start: usize, end: usize) -> bool {
        let content = &self.text[start..end];
        let (kept, continues) = strip_continuation(content, self.out.escape);
        logical.push(kept, start);
        continues
    }

    /// Reads the bodies of the heredocs named on the instruction's line, one after the other.
    /// An unterminated heredoc is an error at its marker; the lines after the instruction are
    /// then read again as instructions, so that nothing after it is lost.
    fn heredocs(&mut self, instruction: &mut Instruction, logical: &Logical) {
        let after_line = self.pos;
        for word in words::heredoc_words(&logical.text) {
            let Some(marker) = words::heredoc_marker(&word) else {
                continue;
            };
            let heredoc = self.heredoc_body(marker, logical.span_to_file(word.span));
            let Some(terminator) = heredoc.terminator else {
                instruction.heredocs.push(heredoc);
                self.pos = after_line;
                break;
            };
            instruction.span.end = terminator.end;
            instruction.heredocs.push(heredoc);
        }
        if let Args::Onbuild(inner) = &mut instruction.args {
            inner.heredocs.clone_from(&instruction.heredocs);
        }
    }

    fn heredoc_body(&mut self, marker: words::HeredocMarker, marker_span: Span) -> Heredoc {
        let body_start = self.pos;
        let mut terminator = None;
        while let Some(line) = self.next_line() {
            let content = self.content(line);
            let candidate = if marker.strip_tabs {
                content.trim_start_matches('\t')
            } else {
                content
            };
            if candidate == marker.name {
                terminator = Some(Span::new(line.start, line.content_end));
                break;
            }
        }
        let body_end = terminator.map_or(body_start, |t| t.start);
        if terminator.is_none() {
            let message = format!("unterminated heredoc: no line `{}` ends it", marker.name);
            self.error(marker_span, message);
        }
        Heredoc {
            name: marker.name,
            marker: marker_span,
            strip_tabs: marker.strip_tabs,
            quoted: marker.quoted,
            body: Text::new(
                &self.text[body_start..body_end],
                Span::new(body_start, body_end),
            ),
            terminator,
            fd: marker.fd,
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.out.errors.push(SyntaxError {
            span,
            message: message.into(),
        });
    }
}

/// BuildKit reads heredocs for RUN, COPY and ADD in the shell form, also under ONBUILD.
fn reads_heredocs(instruction: &Instruction) -> bool {
    let target = match &instruction.args {
        Args::Onbuild(inner) => inner,
        _ => instruction,
    };
    target.keyword.takes_heredocs() && !matches!(target.args, Args::Exec(_))
}

/// Splits `# name = value` into its name and value, as BuildKit's directive pattern reads it.
fn directive_parts(trimmed: &str) -> Option<(&str, &str)> {
    let rest = trimmed.strip_prefix('#')?.trim_start();
    let name_len = rest
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
        .map_or(rest.len(), |(i, _)| i);
    if name_len == 0 {
        return None;
    }
    let (name, after) = rest.split_at(name_len);
    let value = after.trim_start().strip_prefix('=')?.trim();
    (!value.is_empty()).then_some((name, value))
}

/// Where `part`, a subslice of `whole`, starts in it.
fn offset_in(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// Removes a trailing continuation character: the escape character followed only by spaces or
/// tabs, when it is not itself escaped.
fn strip_continuation(line: &str, escape: char) -> (&str, bool) {
    let body = line.trim_end_matches([' ', '\t']);
    let Some(before) = body.strip_suffix(escape) else {
        return (line, false);
    };
    if before.is_empty() {
        return ("", true);
    }
    if before.ends_with(escape) {
        return (line, false);
    }
    (before, true)
}

/// Parses the logical line `logical.text[from..]` into an instruction. `span` is set by the
/// caller; spans of parts are mapped to the file.
fn build(
    logical: &Logical,
    from: usize,
    errors: &mut Vec<SyntaxError>,
    escape: char,
) -> Instruction {
    let text = &logical.text;
    let start = from + leading_ws(&text[from..]);
    let keyword_end = start + text[start..].find(is_ws).unwrap_or(text.len() - start);
    let keyword_text = logical.text_at(Span::new(start, keyword_end));
    let keyword = Keyword::parse(keyword_text.as_str());
    let rest_start = keyword_end + leading_ws(&text[keyword_end..]);
    let rest_end = text.trim_end_matches(is_ws).len().max(rest_start);

    let (flags, args_start) = if matches!(keyword, Keyword::Onbuild) {
        (Vec::new(), rest_start)
    } else {
        words::builder_flags(text, rest_start, rest_end)
    };
    let flags = flags.into_iter().map(|raw| flag(logical, raw)).collect();
    let args_span = Span::new(args_start.min(rest_end), rest_end);

    if keyword == Keyword::Unknown {
        let message = match keyword_text.value.as_str() {
            "" => "instruction with no keyword: only continuation lines".to_owned(),
            word => format!("unknown instruction `{word}`"),
        };
        errors.push(SyntaxError {
            span: keyword_text.span,
            message,
        });
    }
    let args = arguments(keyword, logical, args_span, errors, escape);
    Instruction {
        keyword,
        keyword_text,
        span: logical.span_to_file(Span::new(start, rest_end)),
        flags,
        args,
        heredocs: Vec::new(),
        rest: logical.tail(rest_start.min(text.len())),
        comments: Vec::new(),
    }
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\x0b' | '\x0c' | '\r')
}

fn leading_ws(text: &str) -> usize {
    text.len() - text.trim_start_matches(is_ws).len()
}

fn flag(logical: &Logical, raw: RawWord) -> Flag {
    let span = logical.span_to_file(raw.span);
    let body = raw.value.strip_prefix("--").unwrap_or(&raw.value);
    let (name, value) = match body.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (body, None),
    };
    // The name is plain text at the start of the word; the value's span runs from after the
    // first `=` as written to the word's end.
    let name_start = raw.span.start + 2;
    let name = logical.text_at(Span::new(
        name_start,
        (name_start + name.len()).min(raw.span.end),
    ));
    let value = value.map(|value| {
        let eq = logical.text[raw.span.range()]
            .find('=')
            .map_or(raw.span.end, |i| raw.span.start + i);
        Text::new(
            value,
            logical.span_to_file(Span::new((eq + 1).min(raw.span.end), raw.span.end)),
        )
    });
    Flag {
        name: Text::new(name.value, name.span),
        value,
        span,
    }
}

fn arguments(
    keyword: Keyword,
    logical: &Logical,
    span: Span,
    errors: &mut Vec<SyntaxError>,
    escape: char,
) -> Args {
    let rest = &logical.text[span.range()];
    if rest.is_empty() {
        return Args::Empty;
    }
    match keyword {
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell => {
            json_or(logical, span, errors, |_| {
                Args::Shell(logical.text_at(span))
            })
        }
        Keyword::Add | Keyword::Copy | Keyword::Volume => json_or(logical, span, errors, |_| {
            Args::Words(whitespace_words(logical, span))
        }),
        Keyword::Env | Keyword::Label => name_values(keyword, logical, span, errors, escape),
        Keyword::Arg => Args::Pairs(arg_pairs(logical, span, escape)),
        Keyword::Healthcheck => healthcheck(logical, span, errors),
        Keyword::Onbuild => Args::Onbuild(Box::new(build(logical, span.start, errors, escape))),
        Keyword::User | Keyword::Workdir | Keyword::Maintainer | Keyword::Stopsignal => {
            Args::Words(vec![logical.text_at(span)])
        }
        Keyword::From | Keyword::Expose | Keyword::Unknown => {
            Args::Words(whitespace_words(logical, span))
        }
    }
}

/// The JSON exec form when the arguments are a JSON array of strings; an error when they are
/// a JSON array of anything else; otherwise `fallback`.
fn json_or(
    logical: &Logical,
    span: Span,
    errors: &mut Vec<SyntaxError>,
    fallback: impl FnOnce(&Logical) -> Args,
) -> Args {
    match words::json_array(&logical.text[span.range()]) {
        words::Json::Strings(items) => Args::Exec(
            items
                .into_iter()
                .map(|(value, item)| Text::new(value, logical.span_to_file(item.shift(span.start))))
                .collect(),
        ),
        words::Json::NotStrings => {
            let message = "JSON arguments must be an array of strings";
            errors.push(SyntaxError {
                span: logical.span_to_file(span),
                message: message.into(),
            });
            Args::Empty
        }
        words::Json::Invalid => fallback(logical),
    }
}

fn whitespace_words(logical: &Logical, span: Span) -> Vec<Text> {
    let text = &logical.text[span.range()];
    let mut words = Vec::new();
    let mut offset = 0;
    for word in text.split(is_ws) {
        if !word.is_empty() {
            words.push(logical.text_at(Span::new(
                span.start + offset,
                span.start + offset + word.len(),
            )));
        }
        offset += word.len() + 1;
    }
    words
}

/// ENV and LABEL: `k=v` pairs, or the legacy `k v` form where the value is the rest of the line.
fn name_values(
    keyword: Keyword,
    logical: &Logical,
    span: Span,
    errors: &mut Vec<SyntaxError>,
    escape: char,
) -> Args {
    let words = words::parse_words(&logical.text, span, escape);
    let Some(first) = words.first() else {
        return Args::Empty;
    };

    if !first.value.contains('=') {
        let key_span = Span::new(
            span.start,
            span.start + logical.text[span.range()].find(is_ws).unwrap_or(span.len()),
        );
        let value_start = key_span.end + leading_ws(&logical.text[key_span.end..span.end]);
        if value_start >= span.end {
            let message = format!("{} must have two arguments", keyword.as_str());
            errors.push(SyntaxError {
                span: logical.span_to_file(span),
                message,
            });
            return Args::Pairs(Vec::new());
        }
        let key = logical.text_at(key_span);
        let value = logical.text_at(Span::new(value_start, span.end));
        let pair_span = key.span.cover(value.span);
        return Args::Pairs(vec![Pair {
            key,
            value: Some(value),
            equals: false,
            span: pair_span,
        }]);
    }

    let mut pairs = Vec::new();
    for word in words {
        let Some(eq) = word.value.find('=') else {
            let message = format!(
                "can't find `=` in `{}`: use the form `name=value`",
                word.value
            );
            errors.push(SyntaxError {
                span: logical.span_to_file(word.span),
                message,
            });
            continue;
        };
        if words::has_open_quote(&word.value, escape) {
            let message = format!("unterminated quote in `{}`", word.value);
            errors.push(SyntaxError {
                span: logical.span_to_file(word.span),
                message,
            });
        }
        pairs.push(split_pair(logical, &word, eq));
    }
    Args::Pairs(pairs)
}

fn arg_pairs(logical: &Logical, span: Span, escape: char) -> Vec<Pair> {
    words::parse_words(&logical.text, span, escape)
        .into_iter()
        .map(|word| match word.value.find('=') {
            Some(eq) => split_pair(logical, &word, eq),
            None => {
                let key = logical.text_at(word.span);
                let pair_span = key.span;
                Pair {
                    key,
                    value: None,
                    equals: false,
                    span: pair_span,
                }
            }
        })
        .collect()
}

/// A `key=value` word split at byte `eq` of its text; parse_words keeps words as written, so
/// offsets into the word are offsets into the logical text.
fn split_pair(logical: &Logical, word: &RawWord, eq: usize) -> Pair {
    let key = logical.text_at(Span::new(word.span.start, word.span.start + eq));
    let value = Text::new(
        &word.value[eq + 1..],
        logical.span_to_file(Span::new(word.span.start + eq + 1, word.span.end)),
    );
    Pair {
        key,
        value: Some(value),
        equals: true,
        span: logical.span_to_file(word.span),
    }
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [flags] CMD …`.
fn healthcheck(logical: &Logical, span: Span, errors: &mut Vec<SyntaxError>) -> Args {
    let rest = &logical.text[span.range()];
    let kind_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let kind = logical.text_at(Span::new(span.start, span.start + kind_len));
    let command_start =
        span.start + kind_len + (rest[kind_len..].len() - rest[kind_len..].trim_start().len());
    let command_span = Span::new(command_start, span.end);
    let command = if command_span.is_empty() {
        Args::Empty
    } else {
        json_or(logical, command_span, errors, |_| {
            Args::Shell(logical.text_at(command_span))
        })
    };
    Args::Healthcheck {
        kind,
        command: Box::new(command),
    }
}

/// What BuildKit's instruction parser rejects after parsing: missing or extra arguments.
fn validate(instruction: &Instruction, errors: &mut Vec<SyntaxError>) {
    let Some(message) = arity_problem(instruction) else {
        return;
    };
    errors.push(SyntaxError {
        span: instruction.span,
        message,
    });
}

fn arity_problem(instruction: &Instruction) -> Option<String> {
    let name = instruction.keyword.as_str();
    let count = match &instruction.args {
        Args::Empty => 0,
        Args::Words(words) | Args::Exec(words) => words.len(),
        Args::Pairs(pairs) => pairs.len(),
        Args::Shell(_) | Args::Onbuild(_) => 1,
        Args::Healthcheck { kind, command } => return healthcheck_problem(kind, command),
    };
    let json = matches!(instruction.args, Args::Exec(_));
    match instruction.keyword {
        Keyword::From if count != 1 && count != 3 => {
            Some("FROM requires either one or three arguments".into())
        }
        Keyword::From if count == 3 && !instruction.words()[1].value.eq_ignore_ascii_case("as") => {
            Some("FROM's second argument must be `AS`".into())
        }
        Keyword::Copy | Keyword::Add if count + instruction.heredocs.len() < 2 && !json => {
            Some(format!("{name} requires at least two arguments"))
        }
        Keyword::Arg | Keyword::Expose | Keyword::Volume | Keyword::Env | Keyword::Label
            if count == 0 =>
        {
            Some(format!("{name} requires at least one argument"))
        }
        Keyword::User | Keyword::Workdir | Keyword::Stopsignal | Keyword::Maintainer
            if count != 1 =>
        {
            Some(format!("{name} requires exactly one argument"))
        }
        Keyword::Shell if !json => Some("SHELL requires the JSON form".into()),
        Keyword::Healthcheck if count == 0 => Some("HEALTHCHECK requires `NONE` or `CMD`".into()),
        Keyword::Onbuild => onbuild_problem(&instruction.args),
        _ => None,
    }
}

fn healthcheck_problem(kind: &Text, command: &Args) -> Option<String> {
    match kind.value.to_ascii_uppercase().as_str() {
        "" => Some("HEALTHCHECK requires `NONE` or `CMD`".into()),
        "NONE" if !matches!(command, Args::Empty) => {
            Some("HEALTHCHECK NONE takes no other arguments".into())
        }
        "NONE" => None,
        "CMD" if matches!(command, Args::Empty) => {
            Some("HEALTHCHECK CMD requires a command".into())
        }
        "CMD" => None,
        other => Some(format!("unknown HEALTHCHECK type `{other}`")),
    }
}

fn onbuild_problem(args: &Args) -> Option<String> {
    // The triggers BuildKit refuses (ONBUILD, FROM, MAINTAINER) are DL3043's to report.
    match args {
        Args::Onbuild(_) => None,
        _ => Some("ONBUILD requires an instruction".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Generous enough for a loaded debug build, far below what quadratic work would take on
    /// these sizes.
    const LIMIT: Duration = Duration::from_secs(5);

    fn timed(text: &str) -> Dockerfile {
        let start = Instant::now();
        let parsed = parse(text);
        assert!(start.elapsed() < LIMIT, "took {:?}", start.elapsed());
        parsed
    }

    fn continued(first: &str, lines: usize) -> String {
        let mut text = format!("FROM a\n{first} \\\n");
        for _ in 0..lines {
            text.push_str("  x=1 \\\n");
        }
        text + "  end=1\n"
    }

    #[test]
    fn continuation_lines_stay_linear() {
        for first in [
            "RUN echo",
            "ONBUILD RUN echo",
            "ENV a=1",
            "ONBUILD ENV a=1",
            "LABEL a=1",
        ] {
            let parsed = timed(&continued(first, 100_000));

            assert_eq!(parsed.errors, [], "{first}");
            assert_eq!(parsed.instructions.len(), 2, "{first}");
            assert_eq!(parsed.instructions[1].rest.pieces.len(), 100_002, "{first}");
        }
    }

    #[test]
    fn a_one_megabyte_line() {
        for word in ["x ", "--f ", "<<A ", "a=b ", "\"\\x "] {
            let text = format!(
                "FROM a\nRUN {}\nRUN ls\n",
                word.repeat((1 << 20) / word.len())
            );
            let parsed = timed(&text);

            assert_eq!(parsed.instructions.len(), 3, "{word}");
        }
    }

    #[test]
    fn ten_thousand_heredocs() {
        let names: Vec<String> = (0..10_000).map(|i| format!("E{i}")).collect();
        let markers: String = names.iter().map(|n| format!("<<{n} ")).collect();
        let bodies: String = names.iter().map(|n| format!("body\n{n}\n")).collect();
        let one_line = timed(&format!("FROM a\nRUN {markers}cat\n{bodies}RUN ls\n"));
        let many: String = names
            .iter()
            .map(|n| format!("RUN <<{n}\nx\n{n}\n"))
            .collect();
        let many = timed(&format!("FROM a\n{many}"));

        assert_eq!(one_line.instructions[1].heredocs.len(), 10_000);
        assert_eq!(one_line.instructions.len(), 3);
        assert_eq!(many.instructions.len(), 10_001);
        assert_eq!((one_line.errors.len(), many.errors.len()), (0, 0));
    }

    #[test]
    fn unterminated_heredocs_are_not_reread_for_each_marker() {
        let text = format!(
            "FROM a\nRUN {}\n{}",
            "<<A ".repeat(50_000),
            "x\n".repeat(50_000)
        );
        let parsed = timed(&text);

        assert_eq!(parsed.errors.len(), 50_001);
        assert_eq!(parsed.instructions[1].heredocs.len(), 1);
    }

    #[test]
    fn odd_bytes_do_not_panic() {
        let cases = [
            "FROM a\0b\nRUN \0\n",
            "FROM a\rRUN x\r\rRUN y\n",
            "\r",
            "\u{feff}",
            "\u{feff}\n",
            "\\\n\\\n\\\n",
            "\\",
            "FROM a\nRUN <<\u{e9}\n\u{e9}\n",
            "FROM a\nRUN <<'\u{e9}\n",
            "FROM a\nLABEL \u{e9}=\"\u{fc}\n",
            "FROM a\nHEALTHCHECK \u{e9}\n",
            "# escape=`\nFROM a `\n`\n",
        ];
        for text in cases {
            let parsed = timed(text);
            for instruction in &parsed.instructions {
                assert!(text.get(instruction.span.range()).is_some(), "{text:?}");
            }
        }
    }

    #[test]
    fn only_a_byte_order_mark_is_a_file_with_no_instructions() {
        let parsed = parse("\u{feff}");

        assert_eq!(parsed.instructions, []);
        assert_eq!(parsed.errors[0].message, "file with no instructions");
    }

    #[test]
    fn only_continuation_lines_make_one_empty_instruction() {
        let parsed = parse("\\\n\\\n\\\n");

        assert_eq!(parsed.instructions.len(), 1);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(
            parsed.errors[0].message,
            "instruction with no keyword: only continuation lines"
        );
    }
}
