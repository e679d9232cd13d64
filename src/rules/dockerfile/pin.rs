//! DL3008, DL3013, DL3016, DL3018, DL3028, DL3033, DL3037, DL3041, DL3062: packages installed
//! without a pinned version, reported at the package word itself. What counts as pinned for
//! each manager is documented on [`packages::Manager`].

use super::Context;
use super::packages::{self, Manager};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

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
/// runs.
fn report(cx: &Context, out: &mut Vec<Diagnostic>, rule: &RuleMeta) {
    let commands = cx
        .model
        .scripts
        .values()
        .flatten()
        .flat_map(|script| &script.commands);
    for command in commands {
        let Some(install) = packages::install(command) else {
            continue;
        };
        if install.manager.rule_code() != rule.code {
            continue;
        }
        let allowed = &cx.config.allow_unpinned;
        for word in packages::unpinned(command) {
            if allowed.iter().any(|name| package_name(&word.text) == name) {
                continue;
            }
            let message = format!(
                "`{}` is installed without a pinned version in `{}`",
                word.text,
                manager_name(install.manager, &command.name.text)
            );
            out.push(Diagnostic::new(rule, word.span, message));
        }
    }
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
