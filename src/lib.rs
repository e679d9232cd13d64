//! shiplint: a linter for Dockerfiles, Compose files and Kubernetes manifests.
//!
//! The flow, one module a step: source text with a line index ([`source`]), syntax trees
//! ([`syntax`]), the model of what will run ([`model`]), rules ([`rules`]) producing
//! [`diagnostic::Diagnostic`]s. The library never prints and never exits.

pub mod build_script;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod input;
pub mod lint;
pub mod model;
pub mod report;
pub mod rules;
pub mod shellcheck;
pub mod source;
pub mod suppress;
pub mod syntax;

pub use check::{CheckOptions, Report, check_paths};
pub use diagnostic::{Diagnostic, Severity};
pub use lint::{FileKind, Linted, Settings, check_source, lint_source};
pub use source::{SourceFile, Span};
