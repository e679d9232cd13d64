//! Suppression comments in Dockerfiles: shiplint's own (`# shiplint ignore=…`), hadolint's
//! (`# hadolint ignore=…`), and BuildKit's `# check=` directive, and SL0002 for those that
//! suppress nothing.
//!
//! The forms, keywords matched without regard to case:
//!
//! - `# shiplint ignore=DL3008,missing-user -- reason` on the comment lines directly above an
//!   instruction silences findings that start anywhere in that instruction (continuation
//!   lines and heredoc bodies included);
//! - `# shiplint global ignore=…` anywhere silences them in the whole file;
//! - `# shiplint stage ignore=…` silences them from the comment to the end of the stage it
//!   opens or sits in (hadolint only honours it directly above a `FROM`, where both agree);
//! - `hadolint` in place of `shiplint`, and a trailing `# reason` in place of `-- reason`;
//! - `# check=skip=A,B;error=true` as a parser directive at the top of the file, or as a
//!   comment directly above one instruction, where BuildKit reads it too. Its names are
//!   BuildKit's check names, each standing for the rules of [`BUILDKIT_CHECKS`];
//!   `skip=all` means every BuildKit check, never every shiplint rule.
//!
//! Rules are named by code or kebab-case name; `all` names every rule. A finding silenced by
//! several suppressions counts as a use of each. SL0002 then reports every rule word that
//! silenced nothing, when the rule it names runs on the file (a rule turned off by the
//! config, a ShellCheck code while ShellCheck does not run, or a rule reserved for a later
//! rule pack cannot be shown to be unneeded), and every word that names no rule at all.
//! The names of a `# check=` comment are only checked for being known: the comment is
//! BuildKit's, and our rules only approximate its checks, so it may be needed by BuildKit
//! when it silences nothing here.
//! SL0002 findings can be silenced like any other, by a `global` or `stage` suppression that
//! covers the comment; a word naming SL0002 is never itself reported as unused, so that the
//! silencing cannot chase its own tail.
//!
//! `error=true` turns the findings of the rules that stand for BuildKit checks into errors,
//! as BuildKit then fails the build on any check violation. It makes the lint stricter, not
//! quieter, so it still applies under `--no-inline-suppressions`, which ignores everything
//! else here.

use std::path::Path;

use crate::config::{Config, Selection};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;
use crate::source::{SourceFile, Span};
use crate::syntax::dockerfile::{Dockerfile, Keyword, Text};

pub use crate::rules::UNUSED_SUPPRESSION;

/// BuildKit's build checks and the rules that report the same problem. A check without a
/// rule is known, so naming it is no error, but it silences nothing: InvalidBaseImagePlatform
/// needs the base image's manifest from its registry, which shiplint does not fetch.
pub const BUILDKIT_CHECKS: &[(&str, &[&str])] = &[
    ("StageNameCasing", &["SL1101"]),
    ("FromAsCasing", &["SL1102"]),
    ("NoEmptyContinuation", &["SL1103"]),
    ("ConsistentInstructionCasing", &["SL1104"]),
    ("DuplicateStageName", &["DL3024"]),
    ("ReservedStageName", &["DL3063"]),
    ("JSONArgsRecommended", &["DL3025"]),
    ("MaintainerDeprecated", &["DL4000"]),
    ("UndefinedArgInFrom", &["SL1105"]),
    ("WorkdirRelativePath", &["DL3000"]),
    ("UndefinedVar", &["SL1106"]),
    (
        "MultipleInstructionsDisallowed",
        &["DL4003", "DL4004", "DL3012"],
    ),
    ("LegacyKeyValueFormat", &["SL1107"]),
    ("InvalidBaseImagePlatform", &[]),
    ("RedundantTargetPlatform", &["DL3065"]),
    ("SecretsUsedInArgOrEnv", &["DL3064"]),
    ("InvalidDefaultArgInFrom", &["SL1108"]),
    ("FromPlatformFlagConstDisallowed", &["DL3029"]),
    ("CopyIgnoredFile", &["SL1012"]),
    ("InvalidDefinitionDescription", &["SL1111"]),
    ("ExposeProtoCasing", &["SL1109"]),
    ("ExposeInvalidFormat", &["SL1110"]),
];

/// hadolint's rule codes. Those not built in yet are reserved for the Dockerfile rule pack:
/// hadolint-era files name them, and they are not unknown.
const HADOLINT_CODES: &[&str] = &[
    "DL1001", "DL3000", "DL3001", "DL3002", "DL3003", "DL3004", "DL3006", "DL3007", "DL3008",
    "DL3009", "DL3010", "DL3011", "DL3012", "DL3013", "DL3014", "DL3015", "DL3016", "DL3018",
    "DL3019", "DL3020", "DL3021", "DL3022", "DL3023", "DL3024", "DL3025", "DL3026", "DL3027",
    "DL3028", "DL3029", "DL3030", "DL3032", "DL3033", "DL3034", "DL3035", "DL3036", "DL3037",
    "DL3038", "DL3040", "DL3041", "DL3042", "DL3043", "DL3044", "DL3045", "DL3046", "DL3047",
    "DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056",
    "DL3057", "DL3058", "DL3059", "DL3060", "DL3061", "DL3062", "DL3063", "DL3064", "DL3065",
    "DL3066", "DL3067", "DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006",
];

/// What a rule word in a suppression stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `all`: every rule.
    All,
    /// The rules with these codes; a BuildKit check name stands for several, or none yet.
    Codes(Vec<String>),
}

/// Resolves a rule code or name, as a suppression writes it; `None` when it names no rule.
///
/// Built-in rules, SL0002, hadolint's codes, ShellCheck's `SC` codes, BuildKit's check names
/// and the user's rules are known.
// TODO: Resolve through the rule catalog once it lists every rule, external ones included.
pub fn lookup(word: &str, config: &Config) -> Option<Target> {
    if word.eq_ignore_ascii_case("all") {
        return Some(Target::All);
    }
    let code = builtin_rules()
        .find(|rule| rule.code.eq_ignore_ascii_case(word) || rule.name.eq_ignore_ascii_case(word))
        .map(|rule| rule.code.to_owned())
        .or_else(|| reserved_code(word))
        .or_else(|| user_rule_code(word, config));
    match code {
        Some(code) => Some(Target::Codes(vec![code])),
        None => buildkit_check(word).map(codes),
    }
}

/// The rules a BuildKit check name stands for.
fn buildkit_check(name: &str) -> Option<&'static [&'static str]> {
    BUILDKIT_CHECKS
        .iter()
        .find(|(check, _)| check.eq_ignore_ascii_case(name))
        .map(|(_, rules)| *rules)
}

fn codes(list: &[&str]) -> Target {
    Target::Codes(list.iter().map(|code| (*code).to_owned()).collect())
}

fn builtin_rules() -> impl Iterator<Item = &'static RuleMeta> {
    crate::rules::builtin()
}

/// A hadolint code or a ShellCheck code (`SC` and four digits), uppercased.
fn reserved_code(word: &str) -> Option<String> {
    let upper = word.to_ascii_uppercase();
    let shellcheck = upper.len() == 6
        && upper.starts_with("SC")
        && upper[2..].bytes().all(|b| b.is_ascii_digit());
    (shellcheck || HADOLINT_CODES.contains(&upper.as_str())).then_some(upper)
}

fn user_rule_code(word: &str, config: &Config) -> Option<String> {
    config
        .user_rules
        .iter()
        .find(|rule| rule.code.eq_ignore_ascii_case(word) || rule.name == word)
        .map(|rule| rule.code.clone())
}

/// Whether the rule with `code` runs on this file, so that a suppression of it that silenced
/// nothing is truly unneeded.
fn runs(code: &str, config: &Config, selection: &Selection) -> bool {
    if let Some(rule) = builtin_rules().find(|rule| rule.code == code) {
        return selection.is_enabled(rule.code, rule.name, rule.enabled);
    }
    config
        .user_rules
        .iter()
        .any(|rule| rule.code == code && selection.is_enabled(&rule.code, &rule.name, true))
}

fn is_buildkit_rule(code: &str) -> bool {
    BUILDKIT_CHECKS
        .iter()
        .any(|(_, rules)| rules.iter().any(|rule| rule.eq_ignore_ascii_case(code)))
}

/// Removes the findings that suppression comments silence, and adds SL0002 findings for
/// suppressions that silence nothing or name an unknown rule. With
/// `config.no_inline_suppressions` it only applies `# check=error=true`.
pub fn apply(
    file: &Dockerfile,
    source: &SourceFile,
    diagnostics: Vec<Diagnostic>,
    config: &Config,
) -> Vec<Diagnostic> {
    let checks = check_comments(file);
    let error_scopes: Vec<Span> = checks.iter().filter(|c| c.error).map(|c| c.scope).collect();
    if config.no_inline_suppressions {
        return raised(diagnostics, &error_scopes);
    }

    let selection = config.selection(Path::new(&source.path));
    let mut suppressions = pragmas(file, config);
    suppressions.extend(checks.into_iter().map(CheckComment::into_suppression));
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| !silence(&mut suppressions, d))
        .collect();

    let reports = unused(&suppressions, config, &selection);
    kept.extend(
        reports
            .into_iter()
            .filter(|d| !silence(&mut suppressions, d)),
    );
    raised(kept, &error_scopes)
}

/// One suppression comment: the rules it names and where it applies.
#[derive(Debug)]
struct Suppression {
    /// Findings whose span starts in this half-open range are silenced.
    scope: Span,
    words: Vec<Word>,
}

/// One rule word of a suppression.
#[derive(Debug)]
struct Word {
    text: String,
    span: Span,
    /// `None` for a word that names no rule.
    target: Option<Target>,
    /// A BuildKit check name in a `# check=` comment, rather than a shiplint rule.
    buildkit: bool,
    used: bool,
}

impl Word {
    fn new(text: &Text, target: Option<Target>, buildkit: bool) -> Word {
        Word {
            text: text.value.clone(),
            span: text.span,
            target,
            buildkit,
            used: false,
        }
    }

    fn matches(&self, code: &str) -> bool {
        match &self.target {
            Some(Target::All) => true,
            Some(Target::Codes(codes)) => codes.iter().any(|c| c.eq_ignore_ascii_case(code)),
            None => false,
        }
    }

    /// Whether silencing nothing makes this word worth reporting.
    fn can_be_unused(&self, config: &Config, selection: &Selection) -> bool {
        // A `# check=` comment speaks to BuildKit, whose checks our rules only approximate:
        // rabbitmq's images skip SecretsUsedInArgOrEnv for `OPENSSL_PGP_KEY_IDS`, which
        // BuildKit flags and DL3064 does not.
        if self.buildkit {
            return false;
        }
        match &self.target {
            Some(Target::All) => true,
            Some(Target::Codes(codes)) => {
                !codes.iter().any(|c| c == UNUSED_SUPPRESSION.code)
                    && codes.iter().any(|c| runs(c, config, selection))
            }
            None => false,
        }
    }
}

/// Drops `diagnostic` when a suppression covers it, marking every word that does as used.
fn silence(suppressions: &mut [Suppression], diagnostic: &Diagnostic) -> bool {
    let position = diagnostic.span.start;
    let mut silenced = false;
    for suppression in suppressions {
        if !contains(suppression.scope, position) {
            continue;
        }
        for word in &mut suppression.words {
            if word.matches(&diagnostic.code) {
                word.used = true;
                silenced = true;
            }
        }
    }
    silenced
}

fn contains(scope: Span, position: usize) -> bool {
    scope.start <= position && position < scope.end
}

/// SL0002 for each word that names no rule, or that silenced nothing though its rule ran.
fn unused(suppressions: &[Suppression], config: &Config, selection: &Selection) -> Vec<Diagnostic> {
    let rule = &UNUSED_SUPPRESSION;
    if !selection.is_enabled(rule.code, rule.name, rule.enabled) {
        return Vec::new();
    }
    let severity = selection.severity(rule.code, rule.name, rule.severity);
    let words = suppressions.iter().flat_map(|s| &s.words);
    words
        .filter_map(|word| unused_message(word, config, selection))
        .map(|(span, message)| Diagnostic {
            severity,
            ..Diagnostic::new(rule, span, message)
        })
        .collect()
}

fn unused_message(word: &Word, config: &Config, selection: &Selection) -> Option<(Span, String)> {
    let text = &word.text;
    let message = match &word.target {
        None if word.buildkit => format!("Unknown BuildKit check `{text}` in suppression"),
        None => format!("Unknown rule `{text}` in suppression"),
        Some(_) if word.used || !word.can_be_unused(config, selection) => return None,
        Some(_) => format!("Suppression of `{text}` matches no finding"),
    };
    Some((word.span, message))
}

/// Raises to error the findings of BuildKit-check rules that start in one of `scopes`.
fn raised(mut diagnostics: Vec<Diagnostic>, scopes: &[Span]) -> Vec<Diagnostic> {
    for diagnostic in &mut diagnostics {
        let position = diagnostic.span.start;
        if is_buildkit_rule(&diagnostic.code) && scopes.iter().any(|s| contains(*s, position)) {
            diagnostic.severity = Severity::Error;
        }
    }
    diagnostics
}

/// Where an instruction's suppressions apply: the instruction, its last byte included.
fn instruction_scope(span: Span) -> Span {
    Span::new(span.start, span.end + 1)
}

const WHOLE_FILE: Span = Span::new(0, usize::MAX);

/// The `# shiplint …` and `# hadolint …` suppressions of the file.
fn pragmas(file: &Dockerfile, config: &Config) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (index, comment) in file.comments.iter().enumerate() {
        let Some(pragma) = parse_pragma(&comment.text) else {
            continue;
        };
        let scope = match pragma.kind {
            PragmaKind::Global => WHOLE_FILE,
            PragmaKind::Stage => stage_scope(file, comment.span.start),
            PragmaKind::Next => next_instruction_scope(file, index),
        };
        let words = pragma
            .words
            .iter()
            .map(|word| Word::new(word, lookup(&word.value, config), false))
            .collect();
        out.push(Suppression { scope, words });
    }
    out
}

/// The instruction that comment `index` sits directly above; empty when there is none.
fn next_instruction_scope(file: &Dockerfile, index: usize) -> Span {
    file.instructions
        .iter()
        .find(|instruction| instruction.comments.contains(&index))
        .map_or(Span::default(), |instruction| {
            instruction_scope(instruction.span)
        })
}

/// From `start` to the end of the stage that the next instruction belongs to.
fn stage_scope(file: &Dockerfile, start: usize) -> Span {
    let instructions = &file.instructions;
    let Some(next) = instructions.iter().position(|i| i.span.start > start) else {
        return Span::default();
    };
    let end = instructions[next + 1..]
        .iter()
        .find(|i| i.keyword == Keyword::From)
        .map_or(usize::MAX, |i| i.span.start);
    Span::new(start, end)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PragmaKind {
    /// The instruction below.
    Next,
    Global,
    Stage,
}

#[derive(Debug, PartialEq, Eq)]
struct Pragma {
    kind: PragmaKind,
    words: Vec<Text>,
}

/// Whether a comment's text is a `shiplint` or `hadolint` ignore pragma, for the rule that
/// reports them.
pub fn is_ignore_pragma(text: &Text) -> bool {
    parse_pragma(text).is_some()
}

/// Reads `shiplint|hadolint [global|stage] ignore = A, B [-- reason|# reason]`, the text of
/// a comment after its `#`. Anything else is an ordinary comment.
fn parse_pragma(text: &Text) -> Option<Pragma> {
    let mut cursor = Cursor::new(text);
    if !(cursor.keyword("shiplint") || cursor.keyword("hadolint")) || !cursor.spaces() {
        return None;
    }
    let kind = if cursor.keyword("global") {
        PragmaKind::Global
    } else if cursor.keyword("stage") {
        PragmaKind::Stage
    } else {
        PragmaKind::Next
    };
    if kind != PragmaKind::Next && !cursor.spaces() {
        return None;
    }
    if !cursor.keyword("ignore") {
        return None;
    }
    cursor.spaces();
    if !cursor.eat("=") {
        return None;
    }
    let words = cursor.list(',')?;
    cursor.spaces();
    let rest = cursor.rest();
    let ends_well = rest.is_empty() || rest.starts_with("--") || rest.starts_with('#');
    ends_well.then_some(Pragma { kind, words })
}

/// A `# check=` comment: the top-of-file directive, or a comment above one instruction.
#[derive(Debug)]
struct CheckComment {
    scope: Span,
    skip: Vec<Text>,
    error: bool,
}

impl CheckComment {
    fn into_suppression(self) -> Suppression {
        let words = self.skip.iter().map(|word| {
            let target = if word.value.eq_ignore_ascii_case("all") {
                let every = BUILDKIT_CHECKS.iter().flat_map(|(_, rules)| rules.iter());
                Some(Target::Codes(every.map(|c| (*c).to_owned()).collect()))
            } else {
                buildkit_check(&word.value).map(codes)
            };
            Word::new(word, target, true)
        });
        Suppression {
            scope: self.scope,
            words: words.collect(),
        }
    }
}

/// The `check` directive, then the first `# check=` comment above each instruction, as
/// BuildKit merges it for that instruction alone.
fn check_comments(file: &Dockerfile) -> Vec<CheckComment> {
    let directive = file.directives.iter().find(|d| d.name == "check");
    let mut out: Vec<CheckComment> = directive
        .map(|d| check_options(&d.value, WHOLE_FILE))
        .into_iter()
        .collect();
    let is_directive = |end: usize| file.directives.iter().any(|d| d.span.end == end);
    for instruction in &file.instructions {
        let scope = instruction_scope(instruction.span);
        let found = instruction
            .comments
            .iter()
            .filter_map(|&index| file.comments.get(index))
            .filter(|comment| !is_directive(comment.span.end))
            .find_map(|comment| check_value(&comment.text));
        out.extend(found.map(|value| check_options(&value, scope)));
    }
    out
}

/// The value of a `check = value` comment, up to its first space as BuildKit reads it.
fn check_value(text: &Text) -> Option<Text> {
    let mut cursor = Cursor::new(text);
    if !cursor.keyword("check") {
        return None;
    }
    cursor.spaces();
    if !cursor.eat("=") {
        return None;
    }
    cursor.spaces();
    let rest = cursor.rest();
    let value = rest.split([' ', '\t']).next().unwrap_or_default();
    Some(cursor.text_at(cursor.position, value.len()))
}

/// Reads `skip=A,B;error=true;experimental=…`. Unknown keys are left to BuildKit, which
/// rejects them.
fn check_options(value: &Text, scope: Span) -> CheckComment {
    let mut out = CheckComment {
        scope,
        skip: Vec::new(),
        error: false,
    };
    let mut cursor = Cursor::new(value);
    loop {
        cursor.spaces();
        if cursor.keyword("skip") {
            cursor.spaces();
            if cursor.eat("=") {
                out.skip.extend(cursor.list(',').unwrap_or_default());
            }
        } else if cursor.keyword("error") {
            cursor.spaces();
            if cursor.eat("=") {
                out.error = cursor.word().is_some_and(|w| is_true(&w.value));
            }
        }
        if !cursor.skip_past(';') {
            return out;
        }
    }
}

/// Go's `strconv.ParseBool` truths, which BuildKit uses.
fn is_true(value: &str) -> bool {
    matches!(value, "1" | "t" | "T" | "true" | "TRUE" | "True")
}

/// Reads a comment's text left to right, keeping file spans.
struct Cursor<'a> {
    text: &'a Text,
    position: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a Text) -> Self {
        Cursor { text, position: 0 }
    }

    fn rest(&self) -> &'a str {
        self.text.value.get(self.position..).unwrap_or_default()
    }

    /// Skips spaces and tabs; true when there were some.
    fn spaces(&mut self) -> bool {
        let rest = self.rest();
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        self.position += skipped;
        skipped > 0
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.rest().starts_with(token);
        if found {
            self.position += token.len();
        }
        found
    }

    /// Consumes `word`, in any case, when a whole word of the text starts with it.
    fn keyword(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let Some(head) = rest.get(..word.len()) else {
            return false;
        };
        let boundary = !rest[word.len()..].starts_with(is_word_char);
        let found = head.eq_ignore_ascii_case(word) && boundary;
        if found {
            self.position += word.len();
        }
        found
    }

    /// A rule code or name: letters, digits, `-` and `_`.
    fn word(&mut self) -> Option<Text> {
        let rest = self.rest();
        let len = rest.len() - rest.trim_start_matches(is_word_char).len();
        if len == 0 {
            return None;
        }
        let word = self.text_at(self.position, len);
        self.position += len;
        Some(word)
    }

    /// Words separated by `separator` and optional spaces; at least one.
    fn list(&mut self, separator: char) -> Option<Vec<Text>> {
        self.spaces();
        let mut words = vec![self.word()?];
        loop {
            let before = self.position;
            self.spaces();
            let more = self.rest().starts_with(separator);
            if !more {
                self.position = before;
                return Some(words);
            }
            self.position += separator.len_utf8();
            self.spaces();
            words.push(self.word()?);
        }
    }

    /// Moves past the next `separator`; false when there is none.
    fn skip_past(&mut self, separator: char) -> bool {
        let Some(offset) = self.rest().find(separator) else {
            return false;
        };
        self.position += offset + separator.len_utf8();
        true
    }

    /// The text of `len` bytes at `position`, with its file span.
    fn text_at(&self, position: usize, len: usize) -> Text {
        let value = self
            .text
            .value
            .get(position..position + len)
            .unwrap_or_default();
        let start = self.text.span.start + position;
        Text::new(value, Span::new(start, start + len))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Text {
        Text::new(value, Span::new(10, 10 + value.len()))
    }

    /// A pragma as `Kind: word, word`, or `None` when the text is no pragma.
    fn pragma(value: &str) -> Option<String> {
        let pragma = parse_pragma(&text(value))?;
        let words: Vec<&str> = pragma.words.iter().map(Text::as_str).collect();
        Some(format!("{:?}: {}", pragma.kind, words.join(", ")))
    }

    #[test]
    fn pragma_forms() {
        let cases = [
            ("shiplint ignore=DL3008", Some("Next: DL3008")),
            (
                "hadolint ignore=DL3008,SC2086",
                Some("Next: DL3008, SC2086"),
            ),
            (
                "Shiplint IGNORE = DL3008 , missing-user",
                Some("Next: DL3008, missing-user"),
            ),
            (
                "shiplint ignore=DL3008 -- pinned upstream",
                Some("Next: DL3008"),
            ),
            (
                "hadolint ignore=DL3008 # pinned upstream",
                Some("Next: DL3008"),
            ),
            ("hadolint global ignore=DL3006", Some("Global: DL3006")),
            ("shiplint\tstage   ignore=all", Some("Stage: all")),
            ("shiplint ignore=", None),
            ("shiplint ignore=DL3008 DL3009", None),
            ("shiplint ignore DL3008", None),
            ("shiplintignore=DL3008", None),
            ("hadolint shell=powershell", None),
            ("shiplint globally ignore=DL3008", None),
            ("ignore=DL3008", None),
            ("shiplint ignore=é", None),
        ];
        for (input, expected) in cases {
            assert_eq!(pragma(input).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn pragma_words_keep_their_file_spans() {
        let pragma = parse_pragma(&text("shiplint ignore=DL3008, SL1001")).unwrap();
        let spans: Vec<Span> = pragma.words.iter().map(|w| w.span).collect();
        assert_eq!(spans, [Span::new(26, 32), Span::new(34, 40)]);
    }

    #[test]
    fn check_directive_options() {
        let value = text("skip=JSONArgsRecommended, StageNameCasing;error=true;experimental=all");
        let options = check_options(&value, WHOLE_FILE);
        let skip: Vec<&str> = options.skip.iter().map(Text::as_str).collect();
        assert_eq!(skip, ["JSONArgsRecommended", "StageNameCasing"]);
        assert!(options.error);

        let options = check_options(&text("error=false;skip=all"), WHOLE_FILE);
        assert!(!options.error);
        assert_eq!(options.skip.len(), 1);
    }

    #[test]
    fn check_comment_value_ends_at_a_space() {
        let value = check_value(&text("check=skip=all // only here")).unwrap();
        assert_eq!(value.as_str(), "skip=all");
        assert_eq!(value.span, Span::new(16, 24));
        assert_eq!(check_value(&text("checkout=skip=all")), None);
    }

    fn curl_insecure_rule() -> crate::rules::user::UserRule {
        let text = include_str!("../testdata/user-rules/curl-insecure.toml");
        let file: toml::Table = toml::from_str(text).unwrap();
        let rule = file["rules"].as_array().unwrap()[0].as_table().unwrap();
        crate::rules::user::UserRule::from_toml(rule).unwrap()
    }

    #[test]
    fn lookup_knows_every_kind_of_rule() {
        let config = Config {
            user_rules: vec![curl_insecure_rule()],
            ..Config::default()
        };
        let one = |code: &str| Some(Target::Codes(vec![code.to_owned()]));
        let cases = [
            ("DL3008", one("DL3008")),
            ("dl3008", one("DL3008")),
            ("missing-user", one("SL1001")),
            ("SL0002", one("SL0002")),
            ("syntax-error", one("SL0001")),
            ("DL4006", one("DL4006")),
            ("SC2086", one("SC2086")),
            ("org001", one("ORG001")),
            ("curl-insecure", one("ORG001")),
            ("SecretsUsedInArgOrEnv", one("DL3064")),
            ("StageNameCasing", one("SL1101")),
            ("InvalidBaseImagePlatform", Some(Target::Codes(Vec::new()))),
            ("all", Some(Target::All)),
            ("DL9999", None),
            ("SC208", None),
            ("no-such-rule", None),
        ];
        for (word, expected) in cases {
            assert_eq!(lookup(word, &config), expected, "{word}");
        }
    }

    #[test]
    fn every_buildkit_check_maps_to_known_codes() {
        // SL1012 (CopyIgnoredFile) is written on another branch of the rule pack.
        let known = |code: &str| {
            reserved_code(code).is_some()
                || builtin_rules().any(|rule| rule.code == code)
                || code == "SL1012"
        };
        assert_eq!(BUILDKIT_CHECKS.len(), 22);
        for (check, rules) in BUILDKIT_CHECKS {
            for rule in *rules {
                assert!(known(rule), "{check} maps to unknown {rule}");
            }
        }
        let unmapped: Vec<&str> = BUILDKIT_CHECKS
            .iter()
            .filter(|(_, rules)| rules.is_empty())
            .map(|(check, _)| *check)
            .collect();
        assert_eq!(unmapped, ["InvalidBaseImagePlatform"]);
    }
}
