//! Suppression comments in Dockerfiles: shiplint's own (`# shiplint ignore=…`), hadolint's
//! (`# hadolint ignore=…`), and BuildKit's `# check=` directive.
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
//! `error=true` turns the findings of the rules that stand for BuildKit checks into errors,
//! as BuildKit then fails the build on any check violation. It makes the lint stricter, not
//! quieter, so it still applies under `--no-inline-suppressions`, which ignores everything
//! else here.

use std::path::Path;

use super::{
    Cursor, Origin, PragmaKind, Suppression, Target, WHOLE_FILE, Word, codes, contains, filter,
    parse_pragma,
};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Span};
use crate::syntax::dockerfile::{Dockerfile, Keyword, Text};

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

/// The rules a BuildKit check name stands for.
pub(super) fn buildkit_check(name: &str) -> Option<&'static [&'static str]> {
    BUILDKIT_CHECKS
        .iter()
        .find(|(check, _)| check.eq_ignore_ascii_case(name))
        .map(|(_, rules)| *rules)
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
    let kept = filter(diagnostics, suppressions, config, &selection);
    raised(kept, &error_scopes)
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
            .map(|word| Word::shiplint(word, config))
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
            Word::new(word, target, Origin::BuildKit)
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

#[cfg(test)]
mod tests {
    use super::super::tests::text;
    use super::*;

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

    #[test]
    fn every_buildkit_check_maps_to_known_codes() {
        // SL1012 (CopyIgnoredFile) is written on another branch of the rule pack.
        let known = |code: &str| {
            super::super::reserved_code(code).is_some()
                || super::super::builtin_rules().any(|rule| rule.code == code)
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
