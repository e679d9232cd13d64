//! The rule registry: every built-in rule's metadata and check function.
//!
//! A rule's identity (code, name, default severity, whether it runs by default, category and
//! help line) is written once, in the front matter of its document `rules/<CODE>.md`; the build
//! turns each document into a [`RuleMeta`] constant of [`catalog`].

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::lint::Settings;
use crate::source::SourceFile;
use crate::syntax::yaml::Stream;

pub mod catalog;
pub mod compose;
pub mod dockerfile;
pub mod kubernetes;
pub mod secrets;
pub mod user;

/// What identifies a rule and how it reports by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// The stable code, such as `DL3008` or `SL1002`.
    pub code: &'static str,
    /// The kebab-case name of the pattern flagged, such as `unpinned-apt-get-package`.
    pub name: &'static str,
    pub severity: Severity,
    /// Off-by-default rules run only when selected.
    pub enabled: bool,
    /// What kind of problem the rule finds.
    pub category: Category,
    /// The default help line, starting with a verb.
    pub help: Option<&'static str>,
}

/// What kind of problem a rule finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Something an attacker could use: root containers, leaked secrets.
    Security,
    /// Something that fails the build or does not do what it says.
    Correctness,
    /// Something that makes two builds of the same file differ.
    Reproducibility,
    /// A habit that makes images smaller, faster or easier to run.
    BestPractice,
    /// How the file reads.
    Style,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Security,
        Category::Correctness,
        Category::Reproducibility,
        Category::BestPractice,
        Category::Style,
    ];

    /// The kebab-case name used in rule documents and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Security => "security",
            Category::Correctness => "correctness",
            Category::Reproducibility => "reproducibility",
            Category::BestPractice => "best-practice",
            Category::Style => "style",
        }
    }
}

/// SL0001: what BuildKit would reject: a syntax error, an unknown instruction, a missing
/// argument.
pub const SYNTAX_ERROR: RuleMeta = catalog::SL0001;

/// SL0002: a suppression comment that suppresses nothing or names an unknown rule.
pub const UNUSED_SUPPRESSION: RuleMeta = catalog::SL0002;

/// SL0004: a key written twice in one YAML mapping.
pub const DUPLICATE_KEY: RuleMeta = catalog::SL0004;

/// Every built-in rule: those the driver reports itself, then the Dockerfile, Compose and
/// Kubernetes rules.
pub fn builtin() -> impl Iterator<Item = &'static RuleMeta> {
    let driver = [&SYNTAX_ERROR, &UNUSED_SUPPRESSION, &DUPLICATE_KEY];
    driver
        .into_iter()
        .chain(dockerfile::RULES.iter().map(|rule| rule.meta))
        .chain(compose::RULES.iter().map(|rule| rule.meta))
        .chain(kubernetes::RULES.iter().map(|rule| rule.meta))
}

/// What the Compose and Kubernetes rules see of a YAML file.
pub struct YamlContext<'a> {
    pub source: &'a SourceFile,
    pub stream: &'a Stream,
    /// The settings that apply to the file, for the rules that take options.
    pub config: &'a Config,
    /// The run's settings: a Compose service's Dockerfile is linted with them.
    pub settings: &'a Settings,
}
