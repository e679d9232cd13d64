//! Settings from `shiplint.toml`, `.shiplint.toml`, `[package.metadata.shiplint]` of a
//! `Cargo.toml`, or (with none of those) a hadolint config, merged with the command line.
//!
//! A [`Config`] is what one config file says, plus the command line's [`Overrides`];
//! [`Config::selection`] answers, for one linted file, which rules run and at what severity.
//! [`discover::Finder`] finds the config that applies to each linted file, [`file`] reads
//! shiplint's TOML, [`hadolint`] converts `.hadolint.yaml`, and [`show`] writes a config back.
//!
//! Selection follows ruff: the default set is the rules enabled by default; `select` replaces
//! it, `extend-select` adds to it and `ignore` removes from it. Between a selector that enables
//! a rule and one that disables it, the more specific one wins (`all` < a code prefix < a full
//! code or a name), and `ignore` wins a tie. The command line is a later layer than the file,
//! so its selectors win, and `per-file-ignores` are the last layer.

pub mod discover;
pub mod file;
pub mod hadolint;
pub mod show;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use globset::GlobMatcher;
use regex::Regex;

use crate::diagnostic::Severity;
use crate::discover::lexical;
use crate::rules::user::UserRule;

/// A config that could not be used, with the position of the offending key or value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.located())]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the error is about the file as a whole.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    fn located(&self) -> String {
        let path = self.path.display();
        if self.line == 0 {
            return format!("{path}: {}", self.message);
        }
        format!("{path}:{}:{}: {}", self.line, self.column, self.message)
    }
}

/// A command-line value that could not be used, such as an unknown rule in `--select`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid `{flag}` value: {message}")]
pub struct OverrideError {
    pub flag: &'static str,
    pub message: String,
}

/// Where a config came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// No config file: the defaults.
    #[default]
    Defaults,
    /// A `shiplint.toml`, `.shiplint.toml` or `Cargo.toml`.
    Shiplint(PathBuf),
    /// A `.hadolint.yaml`, converted.
    Hadolint(PathBuf),
}

/// The least severity that makes a run fail, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureThreshold {
    At(Severity),
    Never,
}

impl FailureThreshold {
    pub const DEFAULT: FailureThreshold = FailureThreshold::At(Severity::Warning);

    pub fn parse(text: &str) -> Option<FailureThreshold> {
        match text {
            "none" => Some(FailureThreshold::Never),
            _ => Severity::parse(text).map(FailureThreshold::At),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailureThreshold::At(severity) => severity.as_str(),
            FailureThreshold::Never => "none",
        }
    }

    /// Whether a finding of this severity fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailureThreshold::At(threshold) => severity >= threshold,
            FailureThreshold::Never => false,
        }
    }
}

/// When ShellCheck checks the shell scripts of RUN instructions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShellCheckMode {
    /// When `shellcheck` is on `PATH`.
    #[default]
    Auto,
    /// Always; a missing `shellcheck` is an error of the command line.
    On,
    Off,
}

impl ShellCheckMode {
    pub fn parse(text: &str) -> Option<ShellCheckMode> {
        match text {
            "auto" => Some(ShellCheckMode::Auto),
            "on" => Some(ShellCheckMode::On),
            "off" => Some(ShellCheckMode::Off),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ShellCheckMode::Auto => "auto",
            ShellCheckMode::On => "on",
            ShellCheckMode::Off => "off",
        }
    }
}

/// What a selector names: every rule, the rules whose code starts with a prefix, one rule
/// by code or by name, or the rules that list another linter's identifier as an alias.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    All,
    Prefix(String),
    Code(String),
    Name(String),
    /// Another linter's identifier (`KSV017`, `CKV_K8S_16`) as written, and the codes of the
    /// rules whose documents list it.
    Alias {
        text: String,
        codes: Vec<String>,
    },
}

impl Selector {
    pub fn matches(&self, code: &str, name: &str) -> bool {
        match self {
            Selector::All => true,
            Selector::Prefix(prefix) => code.starts_with(prefix.as_str()),
            Selector::Code(c) => c == code,
            Selector::Name(n) => n == name,
            Selector::Alias { codes, .. } => codes.iter().any(|c| c == code),
        }
    }

    /// How specific the selector is: a longer prefix is more specific than a shorter one,
    /// and a code or name is the most specific.
    fn specificity(&self) -> usize {
        match self {
            Selector::All => 0,
            Selector::Prefix(prefix) => prefix.len(),
            Selector::Code(_) | Selector::Name(_) | Selector::Alias { .. } => usize::MAX,
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::All => f.write_str("all"),
            Selector::Prefix(text)
            | Selector::Code(text)
            | Selector::Name(text)
            | Selector::Alias { text, .. } => f.write_str(text),
        }
    }
}

/// A rule that selectors may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownRule {
    pub code: &'static str,
    pub name: &'static str,
    /// Whether it runs by default.
    pub enabled: bool,
}

/// Every built-in rule: the Dockerfile rules and SL0001/SL0002. ShellCheck's SC codes are
/// known too, by their form (see [`is_shellcheck_code`]).
///
/// This is the one place that knows which rules exist; it moves to the rule catalog when that
/// lands.
pub fn builtin_rules() -> Vec<KnownRule> {
    crate::rules::builtin()
        .map(|meta| KnownRule {
            code: meta.code,
            name: meta.name,
            enabled: meta.enabled,
        })
        .collect()
}

/// ShellCheck's codes: `SC` and four digits.
pub fn is_shellcheck_code(text: &str) -> bool {
    text.strip_prefix("SC")
        .is_some_and(|digits| digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads a selector: `all`, a rule's code or name (built-in, ShellCheck's or one of `user`,
/// given as `(code, name)`), a prefix of known codes, or another linter's identifier that rule
/// documents list as an alias. The error names what is wrong.
pub fn resolve_selector(text: &str, user: &[(String, String)]) -> Result<Selector, String> {
    if text.eq_ignore_ascii_case("all") {
        return Ok(Selector::All);
    }
    let builtin = builtin_rules();
    let codes = builtin
        .iter()
        .map(|rule| rule.code)
        .chain(user.iter().map(|(code, _)| code.as_str()));
    let mut is_prefix = false;
    for code in codes {
        if code == text {
            return Ok(Selector::Code(text.to_owned()));
        }
        is_prefix |= code.starts_with(text);
    }
    if is_shellcheck_code(text) {
        return Ok(Selector::Code(text.to_owned()));
    }

    let mut names = builtin
        .iter()
        .map(|rule| rule.name)
        .chain(user.iter().map(|(_, name)| name.as_str()));
    if names.any(|name| name == text) {
        return Ok(Selector::Name(text.to_owned()));
    }
    let aliased: Vec<String> = crate::rules::catalog::aliased(text)
        .map(|doc| doc.meta.code.to_owned())
        .collect();
    if !aliased.is_empty() {
        return Ok(Selector::Alias {
            text: text.to_owned(),
            codes: aliased,
        });
    }
    if !text.is_empty() && (is_prefix || is_shellcheck_prefix(text)) {
        return Ok(Selector::Prefix(text.to_owned()));
    }
    Err(unknown_rule(text, &builtin, user))
}

/// `S`, `SC`, `SC2`, … `SC208`: prefixes of ShellCheck's codes.
fn is_shellcheck_prefix(text: &str) -> bool {
    let Some(digits) = text.strip_prefix("SC").or((text == "S").then_some("")) else {
        return false;
    };
    digits.len() < 4 && digits.bytes().all(|b| b.is_ascii_digit())
}

fn unknown_rule(text: &str, builtin: &[KnownRule], user: &[(String, String)]) -> String {
    let names = builtin
        .iter()
        .flat_map(|rule| [rule.code, rule.name])
        .chain(
            user.iter()
                .flat_map(|(code, name)| [code.as_str(), name.as_str()]),
        );
    match did_you_mean(text, names) {
        Some(near) => format!("unknown rule `{text}`; did you mean `{near}`?"),
        None => format!("unknown rule `{text}`"),
    }
}

/// The candidate closest to `text`, if one is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    text: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (text.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(text, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// One layer of selectors: a config file's or the command line's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSet {
    /// Replaces the rules enabled so far when given.
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

impl RuleSet {
    fn is_empty(&self) -> bool {
        self.select.is_none() && self.extend_select.is_empty() && self.ignore.is_empty()
    }

    /// Whether the rule is enabled after this layer, given whether it was before.
    fn decide(&self, code: &str, name: &str, before: bool) -> bool {
        let specificity = |selectors: &[Selector]| {
            selectors
                .iter()
                .filter(|s| s.matches(code, name))
                .map(Selector::specificity)
                .max()
        };
        let selected = self.select.as_deref().and_then(specificity);
        let selected = selected.max(specificity(&self.extend_select));
        let ignored = specificity(&self.ignore);

        match (selected, ignored) {
            (Some(s), Some(i)) => s > i,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => before && self.select.is_none(),
        }
    }
}

/// A glob with the text it was written as.
#[derive(Clone, Debug)]
pub struct Glob {
    pub text: String,
    pub matcher: GlobMatcher,
}

impl Glob {
    /// Compiles a glob; `*` does not cross `/`, `**` does.
    pub fn new(text: &str) -> Result<Glob, String> {
        let glob = globset::GlobBuilder::new(text)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("invalid glob `{text}`: {}", e.kind()))?;
        Ok(Glob {
            text: text.to_owned(),
            matcher: glob.compile_matcher(),
        })
    }

    /// Whether the glob matches the path; a glob without `/` also matches any one component,
    /// so `vendor` matches `a/vendor/Dockerfile`.
    fn matches_path(&self, path: &Path) -> bool {
        if self.matcher.is_match(path) {
            return true;
        }
        !self.text.contains('/') && path.iter().any(|part| self.matcher.is_match(part))
    }

    /// Whether the glob matches the path or one of its parent folders.
    fn matches_path_or_parent(&self, path: &Path) -> bool {
        path.ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.matches_path(p))
    }
}

/// Rules silenced in some Kubernetes objects: `[[per-resource-ignores]]`. An object matches
/// when each condition given holds; at least one is.
#[derive(Clone, Debug)]
pub struct ResourceIgnore {
    /// The object's `kind`, in any case.
    pub kind: Option<String>,
    /// A glob over `metadata.namespace`; an object without one is in `default`.
    pub namespace: Option<Glob>,
    /// A glob over `metadata.name`.
    pub name: Option<Glob>,
    pub ignore: Vec<Selector>,
}

/// Extra credential patterns and values never to report (SL1002).
#[derive(Clone, Debug, Default)]
pub struct Secrets {
    pub patterns: Vec<Regex>,
    pub allow: Vec<Regex>,
}

/// The label schema of DL3049–DL3058.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Labels {
    /// Label name to its type: text, url, semver, hash, rfc3339, spdx or email.
    pub schema: BTreeMap<String, String>,
    /// Labels outside the schema are reported.
    pub strict: bool,
}

/// Kubernetes settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kubernetes {
    /// More places where pod specs live, by `<apiVersion>/<Kind>` or `<group>/<Kind>`: each
    /// path is dot-separated keys, `[]` after a key walking a sequence's items.
    pub pod_spec_paths: Vec<(String, Vec<String>)>,
}

/// The settings that apply to one linted file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub source: Source,
    /// The folder that relative globs and `rule-dirs` start from.
    pub root: PathBuf,
    /// The file's `select`, `extend-select` and `ignore`.
    pub rules: RuleSet,
    /// The command line's `--select`, `--extend-select` and `--ignore`, which win.
    pub cli_rules: RuleSet,
    /// Severity overrides, in order; a later one wins over an earlier one as specific.
    pub severity: Vec<(Selector, Severity)>,
    pub failure_threshold: Option<FailureThreshold>,
    pub per_file_ignores: Vec<(Glob, Vec<Selector>)>,
    pub per_resource_ignores: Vec<ResourceIgnore>,
    /// `None` keeps the defaults, which exclude nothing beyond what `.gitignore` does.
    pub exclude: Option<Vec<Glob>>,
    pub extend_exclude: Vec<Glob>,
    pub rule_dirs: Vec<PathBuf>,
    pub trusted_registries: Vec<String>,
    /// Packages the pin rules never report.
    pub allow_unpinned: Vec<String>,
    pub secrets: Secrets,
    pub labels: Labels,
    pub kubernetes: Kubernetes,
    /// Declarative rules from the config and its `rule-dirs`.
    pub user_rules: Vec<UserRule>,
    /// The `(code, name)` of each user rule, which selectors may name.
    pub user_rule_ids: Vec<(String, String)>,
    /// `--no-inline-suppressions`: suppression comments are ignored.
    pub no_inline_suppressions: bool,
    pub shellcheck: ShellCheckMode,
    /// What was read but not used, such as hadolint's `format`, one sentence each.
    pub notes: Vec<String>,
}

/// Which rules run on one file, and at what severity.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    layers: Vec<RuleSet>,
    severity: Vec<(Selector, Severity)>,
}

impl Selection {
    /// Whether the rule runs on this file.
    pub fn is_enabled(&self, code: &str, name: &str, enabled_by_default: bool) -> bool {
        self.layers
            .iter()
            .fold(enabled_by_default, |before, layer| {
                layer.decide(code, name, before)
            })
    }

    /// The rule's severity on this file: the most specific override, the last of equals.
    pub fn severity(&self, code: &str, name: &str, default: Severity) -> Severity {
        let mut best: Option<(usize, Severity)> = None;
        for (selector, severity) in &self.severity {
            if !selector.matches(code, name) {
                continue;
            }
            let specificity = selector.specificity();
            if best.is_none_or(|(b, _)| specificity >= b) {
                best = Some((specificity, *severity));
            }
        }
        best.map_or(default, |(_, severity)| severity)
    }
}

impl Config {
    /// The rules that apply to the file at `path` (as displayed), after `per-file-ignores`.
    pub fn selection(&self, path: &Path) -> Selection {
        let relative = self.relative(path);
        let ignore: Vec<Selector> = self
            .per_file_ignores
            .iter()
            .filter(|(glob, _)| {
                glob.matches_path(path) || relative.as_deref().is_some_and(|r| glob.matches_path(r))
            })
            .flat_map(|(_, selectors)| selectors.iter().cloned())
            .collect();

        let per_file = RuleSet {
            ignore,
            ..RuleSet::default()
        };
        let layers = [&self.rules, &self.cli_rules, &per_file];
        Selection {
            layers: layers
                .into_iter()
                .filter(|l| !l.is_empty())
                .cloned()
                .collect(),
            severity: self.severity.clone(),
        }
    }

    /// Whether a file is excluded: `path` as displayed, matched relative to the config's
    /// folder and as displayed, and so are its parent folders.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        let globs = self.exclude.iter().flatten().chain(&self.extend_exclude);
        globs.into_iter().any(|glob| {
            glob.matches_path_or_parent(path)
                || relative
                    .as_deref()
                    .is_some_and(|r| glob.matches_path_or_parent(r))
        })
    }

    /// The failure threshold: the config's, else the default (`warning`).
    pub fn failure_threshold(&self) -> FailureThreshold {
        self.failure_threshold.unwrap_or(FailureThreshold::DEFAULT)
    }

    /// The path relative to the config's folder, if it lies inside it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let absolute = lexical(&std::path::absolute(path).ok()?);
        let root = lexical(&std::path::absolute(&self.root).ok()?);
        absolute.strip_prefix(root).ok().map(Path::to_path_buf)
    }

    /// Applies the command line's settings, which win over the file's.
    pub fn apply(&mut self, overrides: &Overrides) -> Result<(), OverrideError> {
        let selectors = |flag, texts: &[String]| self.resolve_all(flag, texts);
        let select = match &overrides.select {
            Some(texts) => Some(selectors("--select", texts)?),
            None => None,
        };
        let extend_select = selectors("--extend-select", &overrides.extend_select)?;
        let ignore = selectors("--ignore", &overrides.ignore)?;
        let severity = self.resolve_severities(&overrides.severity)?;

        self.cli_rules = RuleSet {
            select,
            extend_select,
            ignore,
        };
        self.severity.extend(severity);
        self.failure_threshold = overrides.failure_threshold.or(self.failure_threshold);
        self.apply_excludes(overrides)?;
        self.no_inline_suppressions |= overrides.no_inline_suppressions;
        self.shellcheck = overrides.shellcheck.unwrap_or(self.shellcheck);
        Ok(())
    }

    fn resolve_all(
        &self,
        flag: &'static str,
        texts: &[String],
    ) -> Result<Vec<Selector>, OverrideError> {
        texts
            .iter()
            .map(|text| resolve_selector(text, &self.user_rule_ids))
            .collect::<Result<_, _>>()
            .map_err(|message| OverrideError { flag, message })
    }

    fn resolve_severities(
        &self,
        pairs: &[(String, String)],
    ) -> Result<Vec<(Selector, Severity)>, OverrideError> {
        let error = |message| OverrideError {
            flag: "--severity",
            message,
        };
        let mut out = Vec::new();
        for (rule, level) in pairs {
            let selector = resolve_selector(rule, &self.user_rule_ids).map_err(error)?;
            let severity = Severity::parse(level)
                .ok_or_else(|| error(format!("unknown severity `{level}`")))?;
            out.push((selector, severity));
        }
        Ok(out)
    }

    fn apply_excludes(&mut self, overrides: &Overrides) -> Result<(), OverrideError> {
        let globs = |flag, texts: &[String]| {
            texts
                .iter()
                .map(|text| Glob::new(text))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|message| OverrideError { flag, message })
        };
        if let Some(exclude) = &overrides.exclude {
            self.exclude = Some(globs("--exclude", exclude)?);
        }
        let extend = globs("--extend-exclude", &overrides.extend_exclude)?;
        self.extend_exclude.extend(extend);
        Ok(())
    }
}

/// What the command line says, as text; [`Config::apply`] checks it against each config,
/// since a config's user rules may be named.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// `(rule, level)` pairs from `--severity RULE=LEVEL`.
    pub severity: Vec<(String, String)>,
    pub failure_threshold: Option<FailureThreshold>,
    pub exclude: Option<Vec<String>>,
    pub extend_exclude: Vec<String>,
    pub no_inline_suppressions: bool,
    /// `--shellcheck auto|on|off`.
    pub shellcheck: Option<ShellCheckMode>,
    /// `--rule-dir` folders, relative to the current folder.
    pub rule_dirs: Vec<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selectors(texts: &[&str]) -> Vec<Selector> {
        texts
            .iter()
            .map(|t| resolve_selector(t, &[]).expect("known"))
            .collect()
    }

    fn config(select: Option<&[&str]>, extend: &[&str], ignore: &[&str]) -> Config {
        Config {
            rules: RuleSet {
                select: select.map(selectors),
                extend_select: selectors(extend),
                ignore: selectors(ignore),
            },
            ..Config::default()
        }
    }

    #[test]
    fn resolves_selectors() {
        let cases = [
            ("all", Ok(Selector::All)),
            ("ALL", Ok(Selector::All)),
            ("DL3008", Ok(Selector::Code("DL3008".into()))),
            ("DL3", Ok(Selector::Prefix("DL3".into()))),
            ("SL", Ok(Selector::Prefix("SL".into()))),
            ("SL0002", Ok(Selector::Code("SL0002".into()))),
            ("SC2086", Ok(Selector::Code("SC2086".into()))),
            ("SC", Ok(Selector::Prefix("SC".into()))),
            ("latest-tag", Ok(Selector::Name("latest-tag".into()))),
            (
                "latest-tags",
                Err("unknown rule `latest-tags`; did you mean `latest-tag`?"),
            ),
            (
                "CKV_DOCKER_8",
                Ok(Selector::Alias {
                    text: "CKV_DOCKER_8".into(),
                    codes: vec!["DL3002".into()],
                }),
            ),
            ("DL9999", Err("unknown rule `DL9999`")),
            ("", Err("unknown rule ``")),
        ];
        for (text, expected) in cases {
            let expected = expected.map_err(str::to_owned);
            assert_eq!(resolve_selector(text, &[]), expected, "{text}");
        }
    }

    #[test]
    fn an_alias_selects_every_rule_that_lists_it() {
        let config = config(None, &[], &["DS-0001"]);
        let selection = config.selection(Path::new("Dockerfile"));
        assert!(!selection.is_enabled("DL3006", "untagged-image", true));
        assert!(!selection.is_enabled("DL3007", "latest-tag", true));
        assert!(selection.is_enabled("DL3008", "unpinned-apt-get-package", true));
    }

    #[test]
    fn user_rules_can_be_selected() {
        let user = [("ORG001".to_owned(), "curl-insecure".to_owned())];
        assert_eq!(
            resolve_selector("curl-insecure", &user),
            Ok(Selector::Name("curl-insecure".into()))
        );
        assert_eq!(
            resolve_selector("ORG", &user),
            Ok(Selector::Prefix("ORG".into()))
        );
    }

    #[test]
    fn selection_semantics() {
        // (select, extend-select, ignore, rule code, default, enabled)
        type Case<'a> = (
            Option<&'a [&'a str]>,
            &'a [&'a str],
            &'a [&'a str],
            &'a str,
            bool,
            bool,
        );
        let cases: &[Case] = &[
            (None, &[], &[], "DL3008", true, true),
            (None, &[], &[], "DL3008", false, false),
            (Some(&["DL3007"]), &[], &[], "DL3008", true, false),
            (Some(&["DL3"]), &[], &[], "DL3008", false, true),
            (Some(&["all"]), &[], &["DL3008"], "DL3008", true, false),
            (Some(&["all"]), &[], &["DL3008"], "DL3007", true, true),
            (None, &["DL3008"], &[], "DL3008", false, true),
            (None, &[], &["DL"], "DL3008", true, false),
            (Some(&["DL3008"]), &[], &["DL"], "DL3008", true, true),
            (Some(&["DL"]), &[], &["DL"], "DL3008", true, false),
            (
                None,
                &[],
                &["unpinned-apt-get-package"],
                "DL3008",
                true,
                false,
            ),
        ];
        for (select, extend, ignore, code, default, expected) in cases {
            let name = if *code == "DL3008" {
                "unpinned-apt-get-package"
            } else {
                "x"
            };
            let selection = config(*select, extend, ignore).selection(Path::new("Dockerfile"));
            assert_eq!(
                selection.is_enabled(code, name, *default),
                *expected,
                "{select:?} {extend:?} {ignore:?} {code}"
            );
        }
    }

    #[test]
    fn command_line_wins() {
        let mut config = config(None, &[], &["DL3008"]);
        let overrides = Overrides {
            extend_select: vec!["DL3008".into()],
            severity: vec![("DL3008".into(), "error".into())],
            ..Overrides::default()
        };
        config.apply(&overrides).expect("valid");
        let selection = config.selection(Path::new("Dockerfile"));
        assert!(selection.is_enabled("DL3008", "x", true));
        assert_eq!(
            selection.severity("DL3008", "x", Severity::Info),
            Severity::Error
        );
    }

    #[test]
    fn unknown_rule_on_the_command_line() {
        let overrides = Overrides {
            ignore: vec!["DL9999".into()],
            ..Overrides::default()
        };
        let error = Config::default().apply(&overrides).expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "invalid `--ignore` value: unknown rule `DL9999`"
        );
    }

    #[test]
    fn most_specific_severity_wins() {
        let config = Config {
            severity: vec![
                (Selector::Code("DL3008".into()), Severity::Error),
                (Selector::Prefix("DL".into()), Severity::Style),
            ],
            ..Config::default()
        };
        let selection = config.selection(Path::new("Dockerfile"));
        assert_eq!(
            selection.severity("DL3008", "x", Severity::Info),
            Severity::Error
        );
        assert_eq!(
            selection.severity("DL3007", "x", Severity::Info),
            Severity::Style
        );
        assert_eq!(
            selection.severity("SL1001", "x", Severity::Info),
            Severity::Info
        );
    }

    #[test]
    fn globs_match_paths_and_folders() {
        let cases = [
            ("vendor/**", "vendor/a/Dockerfile", true),
            ("vendor", "x/vendor/Dockerfile", true),
            ("legacy/**/Dockerfile", "legacy/a/b/Dockerfile", true),
            ("legacy/*", "legacy/a/Dockerfile", true),
            ("*.prod", "a/Dockerfile.prod", true),
            ("vendor/**", "src/Dockerfile", false),
        ];
        for (glob, path, expected) in cases {
            let glob = Glob::new(glob).expect("valid glob");
            assert_eq!(
                glob.matches_path_or_parent(Path::new(path)),
                expected,
                "{glob:?} {path}"
            );
        }
    }

    #[test]
    fn failure_thresholds() {
        assert_eq!(
            FailureThreshold::parse("none"),
            Some(FailureThreshold::Never)
        );
        assert_eq!(
            FailureThreshold::parse("info"),
            Some(FailureThreshold::At(Severity::Info))
        );
        assert_eq!(FailureThreshold::parse("fatal"), None);
        assert!(FailureThreshold::DEFAULT.fails(Severity::Error));
        assert!(!FailureThreshold::DEFAULT.fails(Severity::Info));
    }
}
