//! DL3008, DL3013, DL3016, DL3018, DL3028, DL3033, DL3037, DL3041, DL3062: packages installed
//! without a pinned version, reported at the package word itself. What counts as pinned for
//! each manager is documented on [`packages::Manager`].

use super::Context;
use super::packages::{self, Manager};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;

const fn meta(code: &'static str, name: &'static str, help: &'static str) -> RuleMeta {
    RuleMeta {
        code,
        name,
        severity: Severity::Warning,
        enabled: true,
        help: Some(help),
    }
}

pub const APT_GET: RuleMeta = meta(
    "DL3008",
    "unpinned-apt-get-package",
    "Pin the version: `apt-get install <package>=<version>`",
);
pub const PIP: RuleMeta = meta(
    "DL3013",
    "unpinned-pip-package",
    "Pin the version: `pip install <package>==<version>`",
);
pub const NPM: RuleMeta = meta(
    "DL3016",
    "unpinned-npm-package",
    "Pin the version: `npm install <package>@<version>`",
);
pub const APK: RuleMeta = meta(
    "DL3018",
    "unpinned-apk-package",
    "Pin the version: `apk add <package>=<version>`",
);
pub const GEM: RuleMeta = meta(
    "DL3028",
    "unpinned-gem",
    "Pin the version: `gem install <gem>:<version>`",
);
pub const YUM: RuleMeta = meta(
    "DL3033",
    "unpinned-yum-package",
    "Pin the version: `yum install <package>-<version>`",
);
pub const ZYPPER: RuleMeta = meta(
    "DL3037",
    "unpinned-zypper-package",
    "Pin the version: `zypper install <package>=<version>`",
);
pub const DNF: RuleMeta = meta(
    "DL3041",
    "unpinned-dnf-package",
    "Pin the version: `dnf install <package>-<version>`",
);
pub const GO: RuleMeta = meta(
    "DL3062",
    "unpinned-go-install",
    "Pin the version: `go install <package>@<version>`",
);

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
        for word in packages::unpinned(command) {
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
