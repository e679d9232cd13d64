//! DL3014, DL3030, DL3034, DL3038: package-manager commands that ask for confirmation, run
//! without the option that answers it. A build has no one to answer, so the command fails or
//! stops. Each finding points at the subcommand that asks (`install` of `apt-get install`).

use super::Context;
use super::packages::{self, Call, Manager};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::shell::Command;

pub const APT_GET: RuleMeta = catalog::DL3014;
pub const YUM: RuleMeta = catalog::DL3030;
pub const ZYPPER: RuleMeta = catalog::DL3034;
pub const DNF: RuleMeta = catalog::DL3038;

pub fn apt_get(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &APT_GET, "-y");
}

pub fn yum(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &YUM, "-y");
}

pub fn zypper(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &ZYPPER, "--non-interactive");
}

pub fn dnf(cx: &Context, out: &mut Vec<Diagnostic>) {
    report(cx, out, &DNF, "-y");
}

/// Reports every command of `rule`'s manager that would wait for an answer.
fn report(cx: &Context, out: &mut Vec<Diagnostic>, rule: &RuleMeta, option: &str) {
    for script in cx.model.scripts.values().flatten() {
        for command in &script.commands {
            let Some(call) = packages::call(command) else {
                continue;
            };
            let Some(subcommand) = call.subcommand else {
                continue;
            };
            if rule_of(&call) != Some(rule.code) || answered(&call, &script.commands, command) {
                continue;
            }
            let program = packages::program(command);
            let message = format!("`{program} {}` runs without `{option}`", call.action());
            out.push(Diagnostic::new(rule, subcommand.span, message));
        }
    }
}

/// The code of the rule that judges this call, when it is one that asks for confirmation.
fn rule_of(call: &Call) -> Option<&'static str> {
    let subcommand = call.subcommand_text();
    match call.manager {
        Manager::AptGet if APT_ASKS.contains(&subcommand) => Some(APT_GET.code),
        Manager::Yum | Manager::YumModule if rpm_asks(call) => Some(YUM.code),
        // microdnf asks too since its 3.9 (UBI 9, Oracle Linux 9); UBI 8's never did, but `-y`
        // is harmless there.
        Manager::Dnf | Manager::DnfModule if rpm_asks(call) => Some(DNF.code),
        Manager::Zypper if ZYPPER_ASKS.contains(&subcommand) => Some(ZYPPER.code),
        _ => None,
    }
}

const APT_ASKS: &[&str] = &[
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "remove",
    "purge",
    "autoremove",
    "build-dep",
    "reinstall",
];

const RPM_ASKS: &[&str] = &[
    "install",
    "groupinstall",
    "localinstall",
    "reinstall",
    "upgrade",
    "update",
    "remove",
    "erase",
    "downgrade",
];

const ZYPPER_ASKS: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "source-install",
    "si",
    "patch",
    "update",
    "up",
    "dist-upgrade",
    "dup",
];

/// Whether a yum or dnf call asks: an install-like subcommand, or `group install` and
/// `module install`.
fn rpm_asks(call: &Call) -> bool {
    let subcommand = call.subcommand_text();
    if matches!(subcommand, "group" | "groups" | "module") {
        let action = call.operands.first().map(|word| word.text.as_str());
        return matches!(action, Some("install" | "remove" | "upgrade" | "update"));
    }
    RPM_ASKS.contains(&subcommand)
}

/// Whether the call answers its confirmation by an option, or `yes` pipes the answer in.
fn answered(call: &Call, commands: &[Command], command: &Command) -> bool {
    answers(call) || fed_by_yes(commands, command)
}

/// Whether `yes |` feeds the command, directly or through wrappers such as `sudo`.
fn fed_by_yes(commands: &[Command], command: &Command) -> bool {
    let targets = commands
        .iter()
        .filter(|other| packages::program(other) == "yes")
        .filter_map(|other| other.pipe_to);
    for mut index in targets {
        while let Some(target) = commands.get(index) {
            if target.span == command.span {
                return true;
            }
            let Some(inner) = target.wraps else { break };
            index = inner;
        }
    }
    false
}

fn answers(call: &Call) -> bool {
    match call.manager {
        Manager::AptGet => apt_answers(call),
        Manager::Zypper => {
            call.has_short('y')
                || call.has_short('n')
                || call.has_option(&["--no-confirm", "--non-interactive"])
        }
        _ => call.has_short('y') || call.has_option(&["--assumeyes"]),
    }
}

/// apt-get answers with `-y`, `--yes`, `--assume-yes`, quiet level 2 (`-qq`, `-q=2`), or the
/// `APT::Get::Assume-Yes` setting given with `-o`.
fn apt_answers(call: &Call) -> bool {
    if call.has_short('y') || call.short_count('q') >= 2 {
        return true;
    }
    if call.has_option(&["--yes", "--assume-yes", "-q=2", "--quiet=2"]) {
        return true;
    }
    call.options.iter().any(|word| {
        let text = word.text.to_ascii_lowercase();
        text.contains("apt::get::assume-yes=") && !text.ends_with("=false") && !text.ends_with("=0")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::shell;

    fn judge(line: &str) -> Option<&'static str> {
        let script = shell::analyze(line);
        let command = script.commands.last().expect("a command");
        let call = packages::call(command)?;
        let rule = rule_of(&call)?;
        (!answered(&call, &script.commands, command)).then_some(rule)
    }

    #[test]
    fn commands_that_ask() {
        let cases: &[(&str, Option<&str>)] = &[
            ("apt-get install curl", Some("DL3014")),
            ("apt-get -q install curl", Some("DL3014")),
            ("apt install curl", Some("DL3014")),
            ("apt-get upgrade", Some("DL3014")),
            ("apt-get update", None),
            ("apt-get install -y curl", None),
            ("apt-get install --yes curl", None),
            ("apt-get install --assume-yes curl", None),
            ("apt-get -qq install curl", None),
            ("apt-get -q -q install curl", None),
            ("apt-get -qy install curl", None),
            ("apt-get -q=2 install curl", None),
            ("apt-get -o APT::Get::Assume-Yes=true install curl", None),
            ("apt-get -o Debug=yes install curl", Some("DL3014")),
            ("yes | apt-get install curl", None),
            ("yum install httpd", Some("DL3030")),
            ("yum groupinstall Tools", Some("DL3030")),
            ("yum group install Tools", Some("DL3030")),
            ("yum install -y httpd", None),
            ("yum --assumeyes install httpd", None),
            ("yum clean all", None),
            ("dnf install httpd", Some("DL3038")),
            ("dnf module install nodejs:18", Some("DL3038")),
            ("dnf -y install httpd", None),
            ("microdnf install httpd", Some("DL3038")),
            ("microdnf install -y httpd", None),
            ("zypper install vim", Some("DL3034")),
            ("zypper in -y vim", None),
            ("zypper -n in vim", None),
            ("zypper --non-interactive install vim", None),
            ("zypper install --no-confirm vim", None),
            ("zypper refresh", None),
        ];
        for (line, expected) in cases {
            assert_eq!(judge(line), *expected, "{line}");
        }
    }
}
