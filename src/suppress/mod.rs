//! Suppressions: the comments, annotations and config entries that silence findings, and
//! SL0002 for those that silence nothing.
//!
//! Each kind of file reads its own forms, in [`dockerfile`] and [`yaml`]; what they share is
//! here: the `ignore=A,B -- reason` pragma, what a rule word stands for ([`lookup`]), and the
//! bookkeeping of which words silenced a finding.
//!
//! Rules are named by code, kebab-case name, or another linter's identifier for the same
//! check (an alias in the rule's document: Trivy's `KSV017`, Checkov's `CKV_K8S_16`,
//! kube-linter's and dclint's check names); `all` names every rule. A finding silenced by
//! several suppressions counts as a use of each. SL0002 then reports every rule word that
//! silenced nothing, when the rule it names runs on the file (a rule turned off by the
//! config, a ShellCheck code while ShellCheck does not run, or a rule reserved for a later
//! rule pack cannot be shown to be unneeded), and every word that names no rule at all.
//! Words written for another tool (BuildKit's `# check=`, dclint's comments) are only checked
//! for being known: our rules approximate that tool's checks, so such a comment may be needed
//! by the tool when it silences nothing here.
//! SL0002 findings can be silenced like any other, by a suppression whose scope covers the
//! comment; a word naming SL0002 is never itself reported as unused, so that the silencing
//! cannot chase its own tail.

pub mod dockerfile;
pub mod yaml;

use crate::config::{Config, Selection};
use crate::diagnostic::Diagnostic;
use crate::rules::RuleMeta;
use crate::rules::catalog;
use crate::source::Span;
use crate::syntax::dockerfile::Text;

pub use crate::rules::UNUSED_SUPPRESSION;
pub use dockerfile::BUILDKIT_CHECKS;

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
    /// The rules with these codes; a BuildKit check name or another linter's identifier
    /// stands for several, or none yet.
    Codes(Vec<String>),
}

/// Resolves a rule code or name, as a suppression writes it; `None` when it names no rule.
///
/// Built-in rules, SL0002, hadolint's codes, ShellCheck's `SC` codes, BuildKit's check names,
/// other linters' identifiers listed as aliases in the rule documents, and the user's rules
/// are known.
pub fn lookup(word: &str, config: &Config) -> Option<Target> {
    if word.eq_ignore_ascii_case("all") {
        return Some(Target::All);
    }
    let code = builtin_rules()
        .find(|rule| rule.code.eq_ignore_ascii_case(word) || rule.name.eq_ignore_ascii_case(word))
        .map(|rule| rule.code.to_owned())
        .or_else(|| reserved_code(word))
        .or_else(|| user_rule_code(word, config));
    if let Some(code) = code {
        return Some(Target::Codes(vec![code]));
    }
    let aliased: Vec<String> = catalog::aliased(word)
        .map(|doc| doc.meta.code.to_owned())
        .collect();
    if !aliased.is_empty() {
        return Some(Target::Codes(aliased));
    }
    dockerfile::buildkit_check(word).map(codes)
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

/// Who a suppression's words were written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// shiplint's own forms, hadolint's, and the `shiplint.io/ignore` annotation.
    Shiplint,
    /// A BuildKit check name in a `# check=` comment.
    BuildKit,
    /// A dclint rule name in a `# dclint …` comment.
    Dclint,
}

/// One suppression: the rules it names and where it applies.
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
    origin: Origin,
    used: bool,
}

impl Word {
    fn new(text: &Text, target: Option<Target>, origin: Origin) -> Word {
        Word {
            text: text.value.clone(),
            span: text.span,
            target,
            origin,
            used: false,
        }
    }

    /// A shiplint rule word, looked up in the rules.
    fn shiplint(text: &Text, config: &Config) -> Word {
        Word::new(text, lookup(&text.value, config), Origin::Shiplint)
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
        // A comment for another tool speaks to that tool, whose checks our rules only
        // approximate: rabbitmq's images skip SecretsUsedInArgOrEnv for
        // `OPENSSL_PGP_KEY_IDS`, which BuildKit flags and DL3064 does not.
        if self.origin != Origin::Shiplint {
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

/// Removes the findings that `suppressions` silence, then adds SL0002 for the words that
/// silenced nothing or name no rule, unless a suppression silences that report in turn.
fn filter(
    diagnostics: Vec<Diagnostic>,
    mut suppressions: Vec<Suppression>,
    config: &Config,
    selection: &Selection,
) -> Vec<Diagnostic> {
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| !silence(&mut suppressions, d))
        .collect();

    let reports = unused(&suppressions, config, selection);
    kept.extend(
        reports
            .into_iter()
            .filter(|d| !silence(&mut suppressions, d)),
    );
    kept
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
    let message = match (&word.target, word.origin) {
        (None, Origin::BuildKit) => format!("Unknown BuildKit check `{text}` in suppression"),
        (None, Origin::Dclint) => format!("Unknown dclint rule `{text}` in suppression"),
        (None, Origin::Shiplint) => format!("Unknown rule `{text}` in suppression"),
        (Some(_), _) if word.used || !word.can_be_unused(config, selection) => return None,
        (Some(_), _) => format!("Suppression of `{text}` matches no finding"),
    };
    Some((word.span, message))
}

const WHOLE_FILE: Span = Span::new(0, usize::MAX);

/// Where a pragma applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PragmaKind {
    /// The instruction or YAML entry below, or the entry of the line it ends.
    Next,
    Global,
    /// The rest of a Dockerfile stage.
    Stage,
}

/// The tool a pragma is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tool {
    Shiplint,
    Hadolint,
}

#[derive(Debug, PartialEq, Eq)]
struct Pragma {
    tool: Tool,
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
    let tool = if cursor.keyword("shiplint") {
        Tool::Shiplint
    } else if cursor.keyword("hadolint") {
        Tool::Hadolint
    } else {
        return None;
    };
    if !cursor.spaces() {
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
    let words = cursor.ignore_list()?;
    Some(Pragma { tool, kind, words })
}

/// Reads a text's characters left to right, keeping file spans.
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

    /// `A, B` then nothing, a `-- reason` or a `# reason`: the rule list of a pragma or of
    /// the `shiplint.io/ignore` annotation.
    fn ignore_list(&mut self) -> Option<Vec<Text>> {
        let words = self.list(',')?;
        self.spaces();
        let rest = self.rest();
        let ends_well = rest.is_empty() || rest.starts_with("--") || rest.starts_with('#');
        ends_well.then_some(words)
    }

    /// Words separated by blanks, up to the end of the text; none is fine.
    fn blank_separated(&mut self) -> Vec<Text> {
        let mut words = Vec::new();
        loop {
            self.spaces();
            let rest = self.rest();
            let len = rest.find([' ', '\t']).unwrap_or(rest.len());
            if len == 0 {
                return words;
            }
            words.push(self.text_at(self.position, len));
            self.position += len;
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

    pub(super) fn text(value: &str) -> Text {
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
            ("shiplint ignore=CKV_K8S_16", Some("Next: CKV_K8S_16")),
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

    fn curl_insecure_rule() -> crate::rules::user::UserRule {
        let text = include_str!("../../testdata/user-rules/curl-insecure.toml");
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
            ("CKV_DOCKER_8", one("DL3002")),
            ("avd-ds-0026", one("DL3057")),
            (
                "DS002",
                Some(Target::Codes(vec!["DL3002".into(), "SL1001".into()])),
            ),
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
    fn lookup_resolves_aliases_to_every_rule_that_lists_them() {
        let config = Config::default();
        for doc in catalog::DOCS {
            for alias in doc.aliases {
                let Some(Target::Codes(codes)) = lookup(alias, &config) else {
                    panic!("{alias} of {} resolves to no rule", doc.meta.code);
                };
                let named_here = codes.iter().any(|c| c == doc.meta.code);
                // A rule's own code or name wins over another rule's alias of the same text.
                let own =
                    builtin_rules().any(|r| r.code.eq_ignore_ascii_case(alias) || r.name == *alias);
                assert!(named_here || own, "{alias} misses {}", doc.meta.code);
            }
        }
    }

    #[test]
    fn blank_separated_words() {
        let words = text("  a  b-c\tCKV_K8S_1 ");
        let mut cursor = Cursor::new(&words);
        let words: Vec<String> = cursor
            .blank_separated()
            .into_iter()
            .map(|w| w.value)
            .collect();
        assert_eq!(words, ["a", "b-c", "CKV_K8S_1"]);
    }
}
