//! What a rule reports: a code, a severity, a message and the exact span it is about.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::source::Span;

/// How much a finding matters; ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Style,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Style,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Cow<'static, str>,
    pub name: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The primary span: the exact token the finding is about.
    pub span: Span,
    /// Secondary spans with a short label each, such as the stage a finding belongs to.
    pub labels: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn new(rule: &crate::rules::RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: Cow::Borrowed(rule.code),
            name: Cow::Borrowed(rule.name),
            severity: rule.severity,
            message: message.into(),
            help: rule.help.map(str::to_owned),
            span,
            labels: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, label: impl Into<String>) -> Self {
        self.labels.push((span, label.into()));
        self
    }
}
