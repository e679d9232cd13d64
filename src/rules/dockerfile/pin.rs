//! DL3008, DL3013, DL3016, DL3018, DL3028, DL3033, DL3037, DL3041, DL3062: packages installed
//! without a pinned version, reported at the package word itself. What counts as pinned for
//! each manager is documented on [`packages::Manager`].

use std::collections::HashSet;

use super::Context;
use super::packages::{self, Install, Manager};
use super::run_commands::scripts;
use crate::diagnostic::Diagnostic;
use crate::model::script::Script;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::shell::{self, Command, Word};

pub const APT_GET: RuleMeta = catalog::DL3008;
pub const PIP: RuleMeta = catalog::DL3013;
pub const NPM: RuleMeta = catalog::DL3016;
pub const APK: RuleMeta = catalog::DL3018;
pub const GEM: RuleMeta = catalog::DL3028;
pub const YUM: RuleMeta = catalog::DL3033;
pub const ZYPPER: RuleMeta = catalog::DL3037;
pub const DNF: RuleMeta = catalog::DL3041;
pub const GO: RuleMeta = catalog::DL3062;

pub fn apt_get(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &APT_GET);
}

pub fn pip(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &PIP);
}

pub fn npm(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &NPM);
}

pub fn apk(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &APK);
}

pub fn gem(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &GEM);
}

pub fn yum(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &YUM);
}

pub fn zypper(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &ZYPPER);
}

pub fn dnf(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &DNF);
}

pub fn go(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &GO);
}

/// Reports every unpinned package of the managers `rule` covers, in every RUN script a shell
/// runs. A package word that is a variable (`$DEPS`) is judged by the value the script, an ARG
/// or an ENV gave it, word by word.
fn report(cx: &Context, out: &mut Vec<Diagnostic>, rule: &RuleMeta) {
    // Two installs of one `$DEPS` would report each package of its assignment twice.
    let mut seen = HashSet::new();
    for (index, script) in scripts(cx) {
        for command in &script.commands {
            let Some(install) = packages::install(command) else {
                continue;
            };
            if install.manager.rule_code() != rule.code {
                continue;
            }
            let manager = manager_name(install.manager, &command.name.text);
            for (word, through) in unpinned(cx, index, script, command, &install) {
                if seen.insert((word.span, word.text.clone())) {
                    out.push(finding(rule, &manager, &word, through));
                }
            }
        }
    }
}

/// The unpinned packages of one command, each with the variable it came through, if any.
fn unpinned<'a>(
    cx: &Context,
    index: usize,
    script: &Script,
    command: &Command,
    install: &Install<'a>,
) -> Vec<(Word, Option<&'a str>)> {
    let mut found = Vec::new();
    for &package in &install.packages {
        match variable_fields(cx, index, script, command, package) {
            Some(fields) => {
                found.extend(fields.into_iter().map(|f| (f, Some(package.text.as_str()))))
            }
            None => found.push((package.clone(), None)),
        }
    }
    let allowed = &cx.config.allow_unpinned;
    found.retain(|(word, _)| {
        !packages::is_pinned(install.manager, word, &install.options)
            && !allowed.iter().any(|name| package_name(&word.text) == name)
    });
    found
}

/// What an unquoted `$NAME` or `${NAME}` package word stands for: the fields of the last value
/// the script gave it before the command, else of its ARG or ENV value, each at its own word
/// in the assignment or at the variable. `None` when the word is no such variable, its value is
/// unknown, or the value holds options.
fn variable_fields(
    cx: &Context,
    index: usize,
    script: &Script,
    command: &Command,
    word: &Word,
) -> Option<Vec<Word>> {
    let name = bare_variable(&word.text)?;
    if cx.source.text.get(word.span.range()) != Some(word.text.as_str()) {
        return None;
    }
    let assigned = script
        .assignments
        .iter()
        .rev()
        .find(|a| a.name == name && a.span.end <= command.span.start);
    let fields = match assigned {
        Some(assignment) => assignment.fields.clone()?,
        None => cx
            .model
            .expand(index, &word.text)?
            .split_ascii_whitespace()
            .map(|text| Word {
                text: text.to_owned(),
                span: word.span,
                literal: true,
            })
            .collect(),
    };
    let options = fields.iter().any(|f| f.text.starts_with('-'));
    (!options).then_some(fields)
}

/// `NAME` of a word that is exactly `$NAME` or `${NAME}`.
fn bare_variable(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('$')?;
    let name = match rest.strip_prefix('{') {
        Some(braced) => braced.strip_suffix('}')?,
        None => rest,
    };
    shell::is_variable_name(name).then_some(name)
}

fn finding(rule: &RuleMeta, manager: &str, word: &Word, through: Option<&str>) -> Diagnostic {
    let message = match through {
        Some(variable) => format!(
            "`{}` is installed without a pinned version in `{manager}`, through `{variable}`",
            word.text
        ),
        None => format!(
            "`{}` is installed without a pinned version in `{manager}`",
            word.text
        ),
    };
    Diagnostic::new(rule, word.span, message)
}

fn manager_name(manager: Manager, program: &str) -> String {
    let program = program.rsplit('/').next().unwrap_or(program);
    match manager {
        Manager::Pip if program.starts_with("python") => format!("{program} -m pip install"),
        Manager::Apk => "apk add".into(),
        _ => format!("{program} install"),
    }
}

/// The package name of an unpinned word: what comes before a version, an extra or a tag.
fn package_name(word: &str) -> &str {
    let end = word
        .char_indices()
        .skip(1)
        .find(|&(_, c)| matches!(c, '=' | '[' | '@' | ':' | '<' | '>' | '~'));
    end.map_or(word, |(i, _)| &word[..i])
}
