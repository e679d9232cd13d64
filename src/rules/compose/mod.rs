//! The Compose rules: what a service will run with.
//!
//! Rules read the resolved [`Project`]: every service merged from its files, values
//! interpolated, and what its Dockerfile says. A finding belongs to the file its value was
//! written in, which may be an override, an extended or an included file.

use crate::config::{Config, Selection};
use crate::diagnostic::Diagnostic;
use crate::model::compose::{FileId, Project};
use crate::rules::RuleMeta;

/// A Compose rule: its metadata and the function that checks a project.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Context, &mut Findings),
}

/// What a Compose rule sees.
pub struct Context<'a> {
    pub project: &'a Project<'a>,
    /// The settings that apply to the linted file, for the rules that take options.
    pub config: &'a Config,
}

/// Findings sorted by the file they belong to.
#[derive(Debug, Default)]
pub struct Findings {
    /// Indexed by [`FileId`].
    pub by_file: Vec<Vec<Diagnostic>>,
}

impl Findings {
    pub fn new(files: usize) -> Self {
        Findings {
            by_file: vec![Vec::new(); files],
        }
    }

    pub fn push(&mut self, file: FileId, diagnostic: Diagnostic) {
        if let Some(list) = self.by_file.get_mut(file) {
            list.push(diagnostic);
        }
    }
}

/// Every built-in Compose rule, by code.
pub const RULES: &[Rule] = &[];

/// Runs the selected Compose rules on a project.
pub fn check(cx: &Context, selection: &Selection, out: &mut Findings) {
    for rule in RULES {
        if selection.is_enabled(rule.meta.code, rule.meta.name, rule.meta.enabled) {
            (rule.check)(cx, out);
        }
    }
}
