//! SL1008: every installed package upgraded in place: `apt-get upgrade`, `apt-get
//! dist-upgrade`, `apk upgrade`, `yum update`, `dnf upgrade` without package names. `zypper
//! dist-upgrade` is hadolint's DL3035 and is left to it; `zypper update` is reported here.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::shell::{Command, Word};

pub const RULE: RuleMeta = catalog::SL1008;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let commands = cx
        .model
        .scripts
        .values()
        .flatten()
        .flat_map(|script| &script.commands);
    for command in commands {
        let Some(subcommand) = whole_upgrade(command) else {
            continue;
        };
        let message = format!(
            "`{} {}` upgrades every package of the base image",
            program(&command.name.text),
            subcommand.text
        );
        out.push(Diagnostic::new(&RULE, subcommand.span, message));
    }
}

/// The upgrade subcommand word when `command` upgrades every installed package.
fn whole_upgrade(command: &Command) -> Option<&Word> {
    let name = program(&command.name.text);
    let (subcommands, valued): (&[&str], &[&str]) = match name {
        "apt-get" | "apt" | "aptitude" => (
            &["upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"],
            &["-o", "-t", "-c", "-a", "--option", "--target-release"],
        ),
        "apk" => (
            &["upgrade"],
            &[
                "-X",
                "--repository",
                "-p",
                "--root",
                "--arch",
                "--cache-dir",
                "--keys-dir",
            ],
        ),
        "yum" | "dnf" | "microdnf" | "tdnf" => (
            &[
                "upgrade",
                "update",
                "upgrade-minimal",
                "update-minimal",
                "distro-sync",
            ],
            &[
                "-x",
                "--exclude",
                "--enablerepo",
                "--disablerepo",
                "--setopt",
                "-c",
                "--config",
                "--releasever",
                "--installroot",
                "-d",
                "-e",
                "--repo",
                "--repoid",
            ],
        ),
        "zypper" => (
            &["update", "up"],
            &["-r", "--repo", "-t", "--type", "--root", "-R"],
        ),
        _ => return None,
    };
    let operands = operands(&command.args, valued);
    let (subcommand, packages) = operands.split_first()?;
    let upgrade = subcommands.contains(&subcommand.text.as_str());
    (upgrade && packages.is_empty()).then_some(*subcommand)
}

/// The words that are not options nor the values of `valued` options.
fn operands<'a>(args: &'a [Word], valued: &[&str]) -> Vec<&'a Word> {
    let mut out = Vec::new();
    let mut skip_next = false;
    for arg in args {
        if skip_next {
            skip_next = false;
            continue;
        }
        if arg.text.starts_with('-') {
            skip_next = valued.contains(&arg.text.as_str());
            continue;
        }
        out.push(arg);
    }
    out
}

fn program(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}
