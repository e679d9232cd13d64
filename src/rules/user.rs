//! User-defined rules: declarative matchers written in TOML, in the config or in the
//! `*.toml` files of `rule-dirs`.
//!
//! One `[[rules]]` table is one rule:
//!
//! ```toml
//! [[rules]]
//! code = "ORG001"                  # required: uppercase letters then digits
//! name = "curl-insecure"           # required: kebab-case
//! severity = "error"               # required: error | warning | info | style
//! message = "Do not turn off TLS verification: `{match}`"   # required
//! help = "Remove `{match}`"        # optional
//! target = "dockerfile"            # required: dockerfile | compose | kubernetes
//! [rules.match]                    # required: exactly one matcher
//! command = "curl"
//! args = "--insecure|(^| )-k( |$)"
//! ```
//!
//! The Dockerfile matchers:
//! - `instruction = "ADD"`, optionally with `args = "regex"`: every instruction with that
//!   keyword (case-insensitive, the one inside `ONBUILD` included) whose text after the keyword
//!   (flags included, continuations joined, trailing blanks dropped) matches. The finding points
//!   at the match without the blanks at its ends, or at the keyword without `args`.
//! - `command = "curl"`, optionally with `args = "regex"`: every command of that name, with
//!   any path (`/usr/bin/curl`), in a RUN (shell form, heredoc, `sh -c`, behind `sudo`, exec
//!   form), whose arguments joined by single spaces (quotes removed) match. The finding points at the argument words the match falls
//!   in, or at the command name without `args`.
//! - `image = { registry-not-in = ["docker.io", "ghcr.io/myorg"], regex = "^myorg/" }` (one
//!   key or both): every FROM image whose canonical name (Docker Hub is `docker.io`) is not
//!   under one of the entries, a registry or a registry with a path prefix, or whose reference
//!   after ARG expansion matches `regex`; either condition is enough. The finding points at the
//!   image word. Stages built on other stages, `scratch` and images hidden behind unknown
//!   values never fire.
//!
//! `message` and `help` may use placeholders, checked when the rule is read:
//! - `{match}`: the text the pattern matched, blanks at its ends dropped; without a pattern,
//!   the text the finding points at;
//! - the matcher's subject: `{instruction}` (the keyword in uppercase), `{command}` (the command
//!   name as written) or `{image}` (the reference after ARG expansion).
//!
//! `{{` and `}}` stand for literal braces.
//!
//! Compose and Kubernetes rules (`target = "compose"` or `"kubernetes"`) match a path of keys
//! into each YAML document, with an optional regex on the value: see [`yaml`]. Their
//! templates have `{match}` and `{path}`, the path as found (`services.web.image`).

use std::borrow::Cow;

use regex::Regex;
use toml::{Table, Value};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::dockerfile::Base;
use crate::model::image::ImageRef;
use crate::rules::dockerfile::Context;
use crate::source::Span;
use crate::syntax::dockerfile::{Args, Instruction, Keyword, Text};
use crate::syntax::shell::Word;
use crate::syntax::yaml::Stream;

mod yaml;

pub use yaml::{Condition, YamlPath};

/// The keys of a `[[rules]]` table.
const RULE_KEYS: [&str; 7] = [
    "code", "name", "severity", "message", "help", "target", "match",
];
/// The keys of a Dockerfile `[rules.match]` table.
const MATCH_KEYS: [&str; 4] = ["instruction", "command", "image", "args"];
/// The keys of `match.image`.
const IMAGE_KEYS: [&str; 2] = ["registry-not-in", "regex"];

/// One user-defined rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRule {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: Template,
    pub help: Option<Template>,
    pub target: Target,
    pub matcher: Matcher,
}

/// The kind of file a user rule reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Dockerfile,
    Compose,
    Kubernetes,
}

/// What a user rule looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// Instructions with this keyword, whose text after the keyword matches `args`.
    Instruction {
        keyword: Keyword,
        args: Option<Pattern>,
    },
    /// Commands of RUN scripts with this program name, whose joined arguments match `args`.
    Command { name: String, args: Option<Pattern> },
    /// FROM images from outside a list of registries, or matching a regex.
    Image(ImageCondition),
    /// Compose and Kubernetes: the values at a path of keys that meet a condition.
    Path {
        path: YamlPath,
        condition: Condition,
    },
}

/// The conditions of an `image` matcher; the image fires when either holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageCondition {
    /// Registries (`docker.io`) or registry path prefixes (`ghcr.io/myorg`), lowercase; empty
    /// when the matcher has no `registry-not-in`.
    pub registry_not_in: Vec<String>,
    pub regex: Option<Pattern>,
}

/// A regex compiled once, compared by its source text.
#[derive(Clone, Debug)]
pub struct Pattern(Regex);

/// A message or help text with placeholders, parsed once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// The text as written in the rule.
    source: String,
    pieces: Vec<Piece>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Hole(Placeholder),
}

/// The values a template may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placeholder {
    Match,
    Instruction,
    Command,
    Image,
    Path,
}

/// One place a matcher fired, with the values of its placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Found {
    span: Span,
    /// The value of `{match}`.
    matched: String,
    /// The value of `{instruction}`, `{command}`, `{image}` or `{path}`, whichever the matcher
    /// has.
    subject: String,
}

impl UserRule {
    /// Reads one rule from its TOML table; the error says what is wrong, in lowercase.
    pub fn from_toml(table: &Table) -> Result<UserRule, String> {
        check_keys(table, "", &RULE_KEYS)?;
        let code = code(required_str(table, "", "code")?)?;
        let name = name(required_str(table, "", "name")?)?;
        let severity = severity(required_str(table, "", "severity")?)?;
        let message = non_empty(required_str(table, "", "message")?, "message")?;
        let target_text = required_str(table, "", "target")?;
        let target = target(target_text)?;
        let match_table = required_table(table, "", "match")?;
        let matcher = match target {
            Target::Dockerfile => dockerfile_matcher(match_table)?,
            Target::Compose | Target::Kubernetes => yaml::matcher(match_table, target_text)?,
        };
        let allowed = matcher.placeholders();
        let message = Template::parse(message, "message", &allowed)?;
        let help = optional_str(table, "", "help")?
            .map(|help| Template::parse(help, "help", &allowed))
            .transpose()?;
        Ok(UserRule {
            code,
            name,
            severity,
            message,
            help,
            target,
            matcher,
        })
    }

    fn diagnostic(&self, found: &Found) -> Diagnostic {
        Diagnostic {
            code: Cow::Owned(self.code.clone()),
            name: Cow::Owned(self.name.clone()),
            severity: self.severity,
            message: self.message.render(found),
            help: self.help.as_ref().map(|help| help.render(found)),
            span: found.span,
            labels: vec![],
        }
    }
}

/// Runs the Dockerfile user rules on one file.
pub fn check_dockerfile(rules: &[UserRule], cx: &Context, out: &mut Vec<Diagnostic>) {
    for rule in rules.iter().filter(|r| r.target == Target::Dockerfile) {
        let found = match &rule.matcher {
            Matcher::Instruction { keyword, args } => instructions(cx, *keyword, args.as_ref()),
            Matcher::Command { name, args } => commands(cx, name, args.as_ref()),
            Matcher::Image(condition) => images(cx, condition),
            Matcher::Path { .. } => continue,
        };
        out.extend(found.iter().map(|found| rule.diagnostic(found)));
    }
}

/// Runs the user rules of `target` on a Compose file or a file of Kubernetes manifests.
pub fn check_yaml(rules: &[UserRule], target: Target, stream: &Stream, out: &mut Vec<Diagnostic>) {
    for rule in rules.iter().filter(|r| r.target == target) {
        let Matcher::Path { path, condition } = &rule.matcher else {
            continue;
        };
        let found = yaml::found(stream, path, condition);
        out.extend(found.iter().map(|found| rule.diagnostic(found)));
    }
}

impl Matcher {
    /// The placeholders a template of this matcher may use.
    pub fn placeholders(&self) -> Vec<Placeholder> {
        let subject = match self {
            Matcher::Instruction { .. } => Placeholder::Instruction,
            Matcher::Command { .. } => Placeholder::Command,
            Matcher::Image(_) => Placeholder::Image,
            Matcher::Path { .. } => Placeholder::Path,
        };
        vec![Placeholder::Match, subject]
    }
}

// Reading the TOML table.

fn check_keys(table: &Table, prefix: &str, known: &[&str]) -> Result<(), String> {
    match table.keys().find(|key| !known.contains(&key.as_str())) {
        Some(key) => Err(format!("unknown key `{prefix}{key}`")),
        None => Ok(()),
    }
}

fn optional_str<'a>(table: &'a Table, prefix: &str, key: &str) -> Result<Option<&'a str>, String> {
    match table.get(key) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(format!("`{prefix}{key}` must be a string")),
    }
}

fn required_str<'a>(table: &'a Table, prefix: &str, key: &str) -> Result<&'a str, String> {
    optional_str(table, prefix, key)?.ok_or_else(|| format!("missing key `{prefix}{key}`"))
}

fn required_table<'a>(table: &'a Table, prefix: &str, key: &str) -> Result<&'a Table, String> {
    match table.get(key) {
        None => Err(format!("missing key `{prefix}{key}`")),
        Some(Value::Table(inner)) => Ok(inner),
        Some(_) => Err(format!("`{prefix}{key}` must be a table")),
    }
}

fn non_empty<'a>(text: &'a str, key: &str) -> Result<&'a str, String> {
    if text.trim().is_empty() {
        return Err(format!("`{key}` must not be empty"));
    }
    Ok(text)
}

fn code(text: &str) -> Result<String, String> {
    let digits = text.trim_start_matches(|c: char| c.is_ascii_uppercase());
    let valid = digits.len() < text.len()
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit());
    if !valid {
        return Err(format!(
            "code `{text}` must be uppercase letters followed by digits, such as `ORG001`"
        ));
    }
    Ok(text.to_owned())
}

fn name(text: &str) -> Result<String, String> {
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    let starts_with_letter = text.starts_with(|c: char| c.is_ascii_lowercase());
    if !starts_with_letter || !text.split('-').all(word) {
        return Err(format!(
            "name `{text}` must be kebab-case, such as `curl-insecure`"
        ));
    }
    Ok(text.to_owned())
}

fn severity(text: &str) -> Result<Severity, String> {
    Severity::ALL
        .into_iter()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| format!("unknown severity `{text}`; expected error, warning, info or style"))
}

fn target(text: &str) -> Result<Target, String> {
    match text {
        "dockerfile" => Ok(Target::Dockerfile),
        "compose" => Ok(Target::Compose),
        "kubernetes" => Ok(Target::Kubernetes),
        _ => Err(format!(
            "unknown target `{text}`; expected dockerfile, compose or kubernetes"
        )),
    }
}

fn dockerfile_matcher(table: &Table) -> Result<Matcher, String> {
    check_keys(table, "match.", &MATCH_KEYS)?;
    let kinds: Vec<&str> = MATCH_KEYS[..3]
        .iter()
        .copied()
        .filter(|kind| table.contains_key(*kind))
        .collect();
    let kind = match kinds[..] {
        [] => return Err("`match` needs one of `instruction`, `command` or `image`".into()),
        [kind] => kind,
        [first, second, ..] => {
            return Err(format!(
                "`match` has both `{first}` and `{second}`; a rule has one matcher"
            ));
        }
    };

    let args = optional_str(table, "match.", "args")?
        .map(|args| Pattern::new(args, "match.args"))
        .transpose()?;
    match kind {
        "instruction" => instruction_matcher(table, args),
        "command" => command_matcher(table, args),
        _ if args.is_some() => Err("`match.args` goes with `instruction` or `command`".into()),
        _ => image_matcher(required_table(table, "match.", "image")?),
    }
}

fn instruction_matcher(table: &Table, args: Option<Pattern>) -> Result<Matcher, String> {
    let text = required_str(table, "match.", "instruction")?;
    let keyword = Keyword::parse(text);
    if keyword == Keyword::Unknown {
        return Err(format!(
            "unknown instruction `{text}` in `match.instruction`"
        ));
    }
    Ok(Matcher::Instruction { keyword, args })
}

fn command_matcher(table: &Table, args: Option<Pattern>) -> Result<Matcher, String> {
    let name = required_str(table, "match.", "command")?;
    let plain = !name.is_empty() && !name.contains(|c: char| c == '/' || c.is_whitespace());
    if !plain {
        return Err(format!(
            "`match.command` must be a program name such as `curl`, not `{name}`"
        ));
    }
    Ok(Matcher::Command {
        name: name.to_owned(),
        args,
    })
}

fn image_matcher(table: &Table) -> Result<Matcher, String> {
    check_keys(table, "match.image.", &IMAGE_KEYS)?;
    let registry_not_in = match table.get("registry-not-in") {
        Some(value) => registries(value)?,
        None => Vec::new(),
    };
    let regex = optional_str(table, "match.image.", "regex")?
        .map(|regex| Pattern::new(regex, "match.image.regex"))
        .transpose()?;
    if registry_not_in.is_empty() && regex.is_none() {
        return Err("`match.image` needs `registry-not-in` or `regex`".into());
    }
    Ok(Matcher::Image(ImageCondition {
        registry_not_in,
        regex,
    }))
}

fn registries(value: &Value) -> Result<Vec<String>, String> {
    let invalid = || "`match.image.registry-not-in` must be a list of registries".to_owned();
    let Value::Array(items) = value else {
        return Err(invalid());
    };
    if items.is_empty() {
        return Err("`match.image.registry-not-in` must not be empty".into());
    }
    let mut out = Vec::new();
    for item in items {
        let Value::String(text) = item else {
            return Err(invalid());
        };
        out.push(registry(text)?);
    }
    Ok(out)
}

/// A registry entry, lowercased, without a trailing `/`, Docker Hub under its canonical name.
fn registry(text: &str) -> Result<String, String> {
    let entry = text.trim_end_matches('/').to_ascii_lowercase();
    if entry.is_empty() || entry.contains(char::is_whitespace) {
        return Err(format!(
            "registry `{text}` in `match.image.registry-not-in` is not a registry or path prefix"
        ));
    }
    Ok(match entry.strip_prefix("index.docker.io") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("docker.io{rest}"),
        _ => entry,
    })
}

impl Pattern {
    /// Compiles `source`; the error names the key it came from.
    pub fn new(source: &str, key: &str) -> Result<Pattern, String> {
        Regex::new(source)
            .map(Pattern)
            .map_err(|error| format!("invalid regex in `{key}`: {}", regex_problem(&error)))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The first match in `text`, as a byte range.
    fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.0.find(text).map(|m| (m.start(), m.end()))
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Pattern {}

/// The regex crate's error in one line: its last line, where it says what is wrong.
fn regex_problem(error: &regex::Error) -> String {
    let text = error.to_string();
    let last = text.lines().last().unwrap_or_default().trim();
    last.strip_prefix("error: ").unwrap_or(last).to_owned()
}

impl Template {
    /// Parses `{placeholder}`s, `{{` and `}}`; `key` names the field in errors.
    pub fn parse(text: &str, key: &str, allowed: &[Placeholder]) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(brace) = rest.find(['{', '}']) {
            literal.push_str(&rest[..brace]);
            let (piece, after) = brace_piece(&rest[brace..], key, allowed)?;
            match piece {
                Piece::Text(text) => literal.push_str(&text),
                hole => pieces.extend([Piece::Text(std::mem::take(&mut literal)), hole]),
            }
            rest = after;
        }
        literal.push_str(rest);
        pieces.push(Piece::Text(literal));
        pieces.retain(|piece| *piece != Piece::Text(String::new()));
        Ok(Template {
            source: text.to_owned(),
            pieces,
        })
    }

    /// The text as written, placeholders unfilled.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn render(&self, found: &Found) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            out += match piece {
                Piece::Text(text) => text,
                Piece::Hole(Placeholder::Match) => &found.matched,
                Piece::Hole(_) => &found.subject,
            };
        }
        out
    }
}

/// What `text`, which starts with a brace, starts with: an escaped brace, a lone `}` or a
/// placeholder; and the text after it.
fn brace_piece<'a>(
    text: &'a str,
    key: &str,
    allowed: &[Placeholder],
) -> Result<(Piece, &'a str), String> {
    if let Some(after) = text.strip_prefix("{{").or_else(|| text.strip_prefix("}}")) {
        return Ok((Piece::Text(text[..1].to_owned()), after));
    }
    if let Some(after) = text.strip_prefix('}') {
        return Ok((Piece::Text("}".into()), after));
    }
    let Some(close) = text.find('}') else {
        return Err(format!(
            "unclosed `{{` in `{key}`; write `{{{{` for a literal brace"
        ));
    };
    let hole = placeholder(&text[1..close], key, allowed)?;
    Ok((Piece::Hole(hole), &text[close + 1..]))
}

fn placeholder(name: &str, key: &str, allowed: &[Placeholder]) -> Result<Placeholder, String> {
    let known = allowed.iter().copied().find(|p| p.as_str() == name);
    known.ok_or_else(|| {
        let names: Vec<String> = allowed
            .iter()
            .map(|p| format!("`{{{}}}`", p.as_str()))
            .collect();
        format!(
            "unknown placeholder `{{{name}}}` in `{key}`; this rule has {}",
            names.join(" and ")
        )
    })
}

impl Placeholder {
    pub fn as_str(self) -> &'static str {
        match self {
            Placeholder::Match => "match",
            Placeholder::Instruction => "instruction",
            Placeholder::Command => "command",
            Placeholder::Image => "image",
            Placeholder::Path => "path",
        }
    }
}

// Matching a Dockerfile.

fn instructions(cx: &Context, keyword: Keyword, args: Option<&Pattern>) -> Vec<Found> {
    cx.file
        .instructions
        .iter()
        .flat_map(with_trigger)
        .filter(|instruction| instruction.keyword == keyword)
        .filter_map(|instruction| instruction_found(instruction, args))
        .collect()
}

/// An instruction and, for ONBUILD, the instruction it triggers in child builds.
fn with_trigger(instruction: &Instruction) -> impl Iterator<Item = &Instruction> {
    let trigger = match &instruction.args {
        Args::Onbuild(inner) => Some(inner.as_ref()),
        _ => None,
    };
    std::iter::once(instruction).chain(trigger)
}

fn instruction_found(instruction: &Instruction, args: Option<&Pattern>) -> Option<Found> {
    let keyword = &instruction.keyword_text;
    let subject = instruction.keyword.as_str().to_owned();
    let Some(pattern) = args else {
        return Some(found_at(keyword, subject));
    };

    let rest = &instruction.rest;
    let text = rest.text.trim_end();
    let (start, end) = pattern.find(text).map(|(s, e)| trimmed(text, s, e))?;
    if start == end {
        return Some(found_at(keyword, subject));
    }
    Some(Found {
        span: rest.span_to_file(Span::new(start, end)),
        matched: rest.text[start..end].to_owned(),
        subject,
    })
}

/// The range `start..end` of `text` without the blanks at its ends, which a pattern such as
/// `(^| )-k( |$)` matches to find whole words but which are no part of the finding.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let found = &text[start..end];
    let start = start + (found.len() - found.trim_start().len());
    (start, start + found.trim().len())
}

fn found_at(text: &Text, subject: String) -> Found {
    Found {
        span: text.span,
        matched: text.value.clone(),
        subject,
    }
}

fn commands(cx: &Context, name: &str, args: Option<&Pattern>) -> Vec<Found> {
    let mut out = Vec::new();
    for words in cx.file.instructions.iter().filter_map(exec_form_run) {
        if let [program, rest @ ..] = &words[..] {
            out.extend(command_found(program, rest, name, args));
        }
    }

    // In file order, which the map of scripts does not keep.
    let mut runs: Vec<_> = cx.model.scripts.iter().collect();
    runs.sort_by_key(|(index, _)| **index);
    let scripts = runs.into_iter().flat_map(|(_, scripts)| scripts);
    for command in scripts.flat_map(|script| &script.commands) {
        out.extend(command_found(&command.name, &command.args, name, args));
    }
    out
}

/// The words of a RUN in exec form, `RUN ["curl", "-k", "…"]`, as shell words.
fn exec_form_run(instruction: &Instruction) -> Option<Vec<Word>> {
    let Args::Exec(words) = &instruction.args else {
        return None;
    };
    (instruction.keyword == Keyword::Run).then(|| words.iter().map(exec_word).collect())
}

fn exec_word(text: &Text) -> Word {
    Word {
        text: text.value.clone(),
        span: text.span,
        literal: true,
    }
}

fn command_found(
    program: &Word,
    words: &[Word],
    name: &str,
    args: Option<&Pattern>,
) -> Option<Found> {
    let base = program.text.rsplit('/').next().unwrap_or_default();
    if base != name {
        return None;
    }
    let at_name = || Found {
        span: program.span,
        matched: program.text.clone(),
        subject: program.text.clone(),
    };
    let Some(pattern) = args else {
        return Some(at_name());
    };

    let joined: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let joined = joined.join(" ");
    let (start, end) = pattern.find(&joined).map(|(s, e)| trimmed(&joined, s, e))?;
    // An empty match, or one of spaces only, has no word to point at.
    let Some(span) = words_span(words, start, end) else {
        return Some(at_name());
    };
    Some(Found {
        span,
        matched: joined[start..end].to_owned(),
        subject: program.text.clone(),
    })
}

/// The span of the words that the range `start..end` of their space-joined text touches;
/// `None` for an empty range or one that holds only separators.
fn words_span(words: &[Word], start: usize, end: usize) -> Option<Span> {
    if start >= end {
        return None;
    }
    let mut offset = 0;
    let mut span: Option<Span> = None;
    for word in words {
        let word_end = offset + word.text.len();
        if offset < end && start < word_end {
            span = Some(span.map_or(word.span, |s| s.cover(word.span)));
        }
        offset = word_end + 1;
    }
    span
}

fn images(cx: &Context, condition: &ImageCondition) -> Vec<Found> {
    cx.model
        .stages
        .iter()
        .filter_map(|stage| match &stage.base {
            Base::Image(image, reference) => {
                image_found(condition, image, reference, &stage.base_text)
            }
            _ => None,
        })
        .collect()
}

fn image_found(
    condition: &ImageCondition,
    image: &ImageRef,
    reference: &str,
    written: &Text,
) -> Option<Found> {
    let matched = condition
        .regex
        .as_ref()
        .and_then(|regex| regex.find(reference));
    if let Some((start, end)) = matched {
        return Some(Found {
            span: written.span,
            matched: reference[start..end].to_owned(),
            subject: reference.to_owned(),
        });
    }

    let untrusted = !condition.registry_not_in.is_empty()
        && !is_under_any(&image.name(), &condition.registry_not_in);
    untrusted.then(|| found_at(written, reference.to_owned()))
}

/// True when the canonical `name` is one of the entries or below one of them.
fn is_under_any(name: &str, entries: &[String]) -> bool {
    let name = name.to_ascii_lowercase();
    entries.iter().any(|entry| {
        name.strip_prefix(entry.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, start: usize) -> Word {
        Word {
            text: text.into(),
            span: Span::new(start, start + text.len()),
            literal: true,
        }
    }

    #[test]
    fn a_match_points_at_the_words_it_touches() {
        // `-s -k https://x` joined is the same text, at offset 10 in the file.
        let words = [word("-s", 10), word("-k", 13), word("https://x", 16)];
        let cases = [
            ((0, 2), Some(Span::new(10, 12))),
            ((2, 6), Some(Span::new(13, 15))),
            ((3, 9), Some(Span::new(13, 25))),
            ((1, 4), Some(Span::new(10, 15))),
            ((2, 3), None),
            ((4, 4), None),
        ];
        for ((start, end), expected) in cases {
            assert_eq!(words_span(&words, start, end), expected, "{start}..{end}");
        }
    }

    #[test]
    fn registry_entries_cover_their_paths() {
        let entries = ["docker.io".to_owned(), "ghcr.io/myorg".to_owned()];
        let cases = [
            ("docker.io/library/ubuntu", true),
            ("ghcr.io/myorg/app", true),
            ("ghcr.io/myorg", true),
            ("ghcr.io/myorgevil/app", false),
            ("ghcr.io/other/app", false),
            ("quay.io/x/y", false),
        ];
        for (name, expected) in cases {
            assert_eq!(is_under_any(name, &entries), expected, "{name}");
        }
    }

    #[test]
    fn templates_fill_their_placeholders() {
        let allowed = [Placeholder::Match, Placeholder::Command];
        let found = Found {
            span: Span::default(),
            matched: "-k".into(),
            subject: "curl".into(),
        };
        let cases = [
            ("`{command} {match}` is insecure", "`curl -k` is insecure"),
            ("{{literal}} and }", "{literal} and }"),
            ("no placeholder", "no placeholder"),
            ("{match}{match}", "-k-k"),
            ("{{match}} {{{match}}}", "{match} {-k}"),
            ("é {match} ü", "é -k ü"),
        ];
        for (text, expected) in cases {
            let template = Template::parse(text, "message", &allowed).unwrap();
            assert_eq!(template.render(&found), expected, "{text}");
        }
    }

    #[test]
    fn regex_errors_fit_on_one_line() {
        let error = Pattern::new("(a", "match.args").unwrap_err();
        assert_eq!(error, "invalid regex in `match.args`: unclosed group");
    }
}
