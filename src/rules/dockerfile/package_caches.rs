//! DL3009, DL3019, DL3032, DL3036, DL3040, DL3042, DL3060: package managers that leave their
//! downloads and indexes in the image layer. A layer keeps every file its RUN wrote, so a cache
//! removed by a later RUN still ships; the cleanup has to happen in the same RUN.
//!
//! A RUN that mounts the cache directory (`--mount=type=cache` or `type=tmpfs` on it or on a
//! directory above it) writes the cache outside the layer, and is never reported.

use super::Context;
use super::packages::{self, Call, Manager};
use crate::diagnostic::Diagnostic;
use crate::model::script::mounts;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Instruction;
use crate::syntax::shell::{Command, Word};

pub const APT_LISTS: RuleMeta = catalog::DL3009;
pub const APK: RuleMeta = catalog::DL3019;
pub const YUM: RuleMeta = catalog::DL3032;
pub const ZYPPER: RuleMeta = catalog::DL3036;
pub const DNF: RuleMeta = catalog::DL3040;
pub const PIP: RuleMeta = catalog::DL3042;
pub const YARN: RuleMeta = catalog::DL3060;

const APT_LIST_DIRS: &[&str] = &["/var/lib/apt/lists"];
const APK_DIRS: &[&str] = &["/var/cache/apk", "/etc/apk/cache"];
const YUM_DIRS: &[&str] = &["/var/cache/yum", "/var/cache/dnf"];
const ZYPPER_DIRS: &[&str] = &["/var/cache/zypp"];
const PIP_DIRS: &[&str] = &["/root/.cache/pip"];
const YARN_DIRS: &[&str] = &["/usr/local/share/.cache/yarn", "/root/.cache/yarn"];

/// Reports a RUN of a shipped stage that runs `apt-get update` and does not remove the lists.
/// Lists left in a stage that is only copied from never reach the image.
pub fn apt_lists(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction, commands) in runs(cx) {
        if !shipped(cx, index) {
            continue;
        }
        if mounted(instruction, APT_LIST_DIRS) || commands.iter().any(|c| removes_apt_lists(c)) {
            continue;
        }
        let Some((command, update)) = commands.iter().find_map(|c| apt_update(c)) else {
            continue;
        };
        let program = packages::program(command);
        let message =
            format!("Lists fetched by `{program} update` are not removed in the same `RUN`");
        out.push(Diagnostic::new(&APT_LISTS, update.span, message));
    }
}

/// Reports each `apk add` without `--no-cache`.
pub fn apk(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, instruction, commands) in runs(cx) {
        if mounted(instruction, APK_DIRS) {
            continue;
        }
        for command in commands {
            let Some(call) = packages::call(command) else {
                continue;
            };
            let Some(add) = call.subcommand.filter(|word| word.text == "add") else {
                continue;
            };
            // `--no-network` installs from files already present and fetches no index.
            if call.manager != Manager::Apk || call.has_option(&["--no-cache", "--no-network"]) {
                continue;
            }
            let message = "`apk add` runs without `--no-cache`".to_owned();
            out.push(Diagnostic::new(&APK, add.span, message));
        }
    }
}

/// Reports each `pip install` without `--no-cache-dir`, unless `PIP_NO_CACHE_DIR` turns the
/// cache off for the RUN.
pub fn pip(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, scripts) in &cx.model.scripts {
        let Some(instruction) = cx.file.instructions.get(*index) else {
            continue;
        };
        if mounted(instruction, PIP_DIRS) || pip_cache_off_by_env(cx, *index) {
            continue;
        }
        for script in scripts {
            if sets_truthy(&script.text, "PIP_NO_CACHE_DIR=") {
                continue;
            }
            for command in &script.commands {
                report_pip(command, out);
            }
        }
    }
}

fn report_pip(command: &Command, out: &mut Vec<Diagnostic>) {
    let Some(call) = packages::call(command) else {
        return;
    };
    let Some(install) = call.subcommand.filter(|word| word.text == "install") else {
        return;
    };
    let program = packages::program(command);
    if call.manager != Manager::Pip || program == "uv" || call.has_option(&["--no-cache-dir"]) {
        return;
    }
    let pip = if program.starts_with("python") {
        format!("{program} -m pip")
    } else {
        program.to_owned()
    };
    let message = format!("`{pip} install` runs without `--no-cache-dir`");
    out.push(Diagnostic::new(&PIP, install.span, message));
}

/// Whether `PIP_NO_CACHE_DIR` is set to a true value by ENV or ARG before the RUN.
fn pip_cache_off_by_env(cx: &Context, index: usize) -> bool {
    cx.model
        .expand(index, "${PIP_NO_CACHE_DIR}")
        .is_some_and(|value| is_truthy(&value))
}

/// Whether `text` assigns a true value right after `assignment` (`PIP_NO_CACHE_DIR=1`).
fn sets_truthy(text: &str, assignment: &str) -> bool {
    text.match_indices(assignment).any(|(at, _)| {
        let value = &text[at + assignment.len()..];
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(value.len());
        is_truthy(&value[..end])
    })
}

fn is_truthy(value: &str) -> bool {
    let value = value.to_ascii_lowercase();
    matches!(value.as_str(), "1" | "true" | "yes" | "on")
}

pub fn yum(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cleanup = Cleanup {
        rule: &YUM,
        installs: |call| matches!(call.manager, Manager::Yum | Manager::YumModule),
        cleans: cleans_rpm,
        dirs: YUM_DIRS,
        fix: "{program} clean all",
    };
    report_cleanup(cx, out, &cleanup);
}

pub fn zypper(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cleanup = Cleanup {
        rule: &ZYPPER,
        installs: |call| call.manager == Manager::Zypper,
        cleans: cleans_zypper,
        dirs: ZYPPER_DIRS,
        fix: "zypper clean",
    };
    report_cleanup(cx, out, &cleanup);
}

pub fn dnf(cx: &Context, out: &mut Vec<Diagnostic>) {
    let cleanup = Cleanup {
        rule: &DNF,
        installs: |call| matches!(call.manager, Manager::Dnf | Manager::DnfModule),
        cleans: cleans_rpm,
        dirs: YUM_DIRS,
        fix: "{program} clean all",
    };
    report_cleanup(cx, out, &cleanup);
}

/// Reports a RUN of a shipped stage whose last `yarn install` is not followed by
/// `yarn cache clean`.
pub fn yarn(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction, commands) in runs(cx) {
        if !shipped(cx, index) || mounted(instruction, YARN_DIRS) || mounts_yarn_cache(instruction)
        {
            continue;
        }
        let last = commands
            .iter()
            .enumerate()
            .rev()
            .find_map(|(at, command)| Some((at, yarn_install(command)?)));
        let Some((at, word)) = last else { continue };
        if commands[at..].iter().any(|c| cleans_yarn(c)) {
            continue;
        }
        let run = if word.span == commands[at].name.span {
            "yarn".to_owned()
        } else {
            format!("yarn {}", word.text)
        };
        let message = format!("`{run}` is not followed by `yarn cache clean` in the same `RUN`");
        out.push(Diagnostic::new(&YARN, word.span, message));
    }
}

/// A cleanup rule of an rpm-style manager: which calls fill the cache, which empty it.
struct Cleanup {
    rule: &'static RuleMeta,
    installs: fn(&Call) -> bool,
    cleans: fn(&Command) -> bool,
    dirs: &'static [&'static str],
    /// The cleanup to suggest; `{program}` stands for the program that filled the cache.
    fix: &'static str,
}

/// Reports the last command of a RUN that fills the cache with no cleanup after it.
fn report_cleanup(cx: &Context, out: &mut Vec<Diagnostic>, cleanup: &Cleanup) {
    for (_, instruction, commands) in runs(cx) {
        if mounted(instruction, cleanup.dirs) {
            continue;
        }
        let last = commands
            .iter()
            .enumerate()
            .rev()
            .find_map(|(at, command)| Some((at, command, fills_cache(command, cleanup)?)));
        let Some((at, command, (word, action))) = last else {
            continue;
        };
        if commands[at..].iter().any(|c| (cleanup.cleans)(c)) {
            continue;
        }
        let program = packages::program(command);
        let fix = cleanup.fix.replace("{program}", program);
        let message = format!("`{program} {action}` is not followed by `{fix}` in the same `RUN`");
        out.push(Diagnostic::new(cleanup.rule, word.span, message));
    }
}

/// The subcommand word of a call that downloads packages into the cache, and its action.
fn fills_cache<'a>(command: &'a Command, cleanup: &Cleanup) -> Option<(&'a Word, String)> {
    let call = packages::call(command)?;
    let subcommand = call.subcommand?;
    if !(cleanup.installs)(&call) {
        return None;
    }
    let action = match subcommand.text.as_str() {
        "group" | "groups" | "module" => call.operands.first()?.text.as_str(),
        text => text,
    };
    FILLS_CACHE
        .contains(&action)
        .then(|| (subcommand, call.action()))
}

const FILLS_CACHE: &[&str] = &[
    "install",
    "in",
    "groupinstall",
    "localinstall",
    "reinstall",
    "update",
    "up",
    "upgrade",
    "dist-upgrade",
    "dup",
    "patch",
    "source-install",
    "si",
];

/// `yum clean`, `dnf clean` or `microdnf clean`, or removing their cache directories. On
/// current releases yum is dnf, so either cleans the other's cache.
fn cleans_rpm(command: &Command) -> bool {
    let clean = packages::call(command).is_some_and(|call| {
        let rpm = matches!(call.manager, Manager::Yum | Manager::Dnf);
        rpm && call.subcommand_text() == "clean"
    });
    clean || removes(command, YUM_DIRS)
}

fn cleans_zypper(command: &Command) -> bool {
    let clean = packages::call(command).is_some_and(|call| {
        call.manager == Manager::Zypper && matches!(call.subcommand_text(), "clean" | "cc")
    });
    clean || removes(command, ZYPPER_DIRS)
}

fn apt_update(command: &Command) -> Option<(&Command, &Word)> {
    let call = packages::call(command)?;
    let update = call.subcommand.filter(|word| word.text == "update")?;
    (call.manager == Manager::AptGet).then_some((command, update))
}

/// `rm` of the lists, or `apt-get distclean`, which removes them since apt 2.7.
fn removes_apt_lists(command: &Command) -> bool {
    let distclean = packages::call(command).is_some_and(|call| {
        call.manager == Manager::AptGet
            && matches!(call.subcommand_text(), "distclean" | "dist-clean")
    });
    distclean || removes(command, APT_LIST_DIRS)
}

/// The word of a yarn command that installs packages: `yarn`, `yarn install`, `yarn add` or
/// `yarn global add`.
fn yarn_install(command: &Command) -> Option<&Word> {
    if packages::program(command) != "yarn" {
        return None;
    }
    let mut operands = command
        .args
        .iter()
        .filter(|word| !word.text.starts_with('-'));
    let Some(first) = operands.next() else {
        let asks_only =
            |word: &Word| matches!(word.text.as_str(), "-v" | "--version" | "-h" | "--help");
        return (!command.args.iter().any(asks_only)).then_some(&command.name);
    };
    match first.text.as_str() {
        "install" | "add" => Some(first),
        "global" => operands.next().filter(|word| word.text == "add"),
        _ => None,
    }
}

/// `yarn cache clean`, or removing a directory that holds yarn's cache.
fn cleans_yarn(command: &Command) -> bool {
    let texts: Vec<&str> = command.args.iter().map(|word| word.text.as_str()).collect();
    if packages::program(command) == "yarn" && texts.starts_with(&["cache", "clean"]) {
        return true;
    }
    packages::program(command) == "rm"
        && texts.iter().any(|text| {
            let text = text.to_ascii_lowercase();
            text.contains("yarn") && text.contains("cache")
        })
}

/// Whether a cache mount holds yarn's cache wherever it was moved (`YARN_CACHE_FOLDER`,
/// `--cache-folder`): its target names yarn.
fn mounts_yarn_cache(instruction: &Instruction) -> bool {
    mounts(instruction)
        .iter()
        .filter(|mount| is_cache_kind(&mount.kind))
        .filter_map(|mount| mount.target.as_deref())
        .any(|target| target.to_ascii_lowercase().contains("yarn"))
}

/// Whether `rm` removes one of `dirs` or a directory above it (`/var/cache/*` covers
/// `/var/cache/yum`).
fn removes(command: &Command, dirs: &[&str]) -> bool {
    if packages::program(command) != "rm" {
        return false;
    }
    command
        .args
        .iter()
        .filter(|word| !word.text.starts_with('-'))
        .flat_map(|word| braces(&word.text))
        .any(|path| dirs.iter().any(|dir| covers(&path, dir)))
}

/// The words a path with one brace group stands for: `/var/lib/{apt,dpkg}` is `/var/lib/apt`
/// and `/var/lib/dpkg`. Other words stand for themselves.
fn braces(text: &str) -> Vec<String> {
    let group = text.find('{').and_then(|open| {
        let close = open + text[open..].find('}')?;
        Some((open, close))
    });
    let Some((open, close)) = group else {
        return vec![text.to_owned()];
    };
    let (head, tail) = (&text[..open], &text[close + 1..]);
    text[open + 1..close]
        .split(',')
        .map(|choice| format!("{head}{choice}{tail}"))
        .collect()
}

/// Whether a path names `dir` or a directory above it. A trailing `/*` or `/` names the
/// directory's content, which is what matters here. A relative path (`rm -rf lists` after
/// `cd /var/lib/apt`) is taken to name the directory whose trailing components it matches,
/// since the working directory is not followed.
fn covers(path: &str, dir: &str) -> bool {
    let path = path.trim_end_matches('*').trim_end_matches('/');
    if path.is_empty() || path == "." || path.starts_with(['$', '~', '.']) {
        return false;
    }
    if !path.starts_with('/') {
        return ancestors(dir).any(|above| above.ends_with(&format!("/{path}")));
    }
    ancestors(dir).any(|above| above == path)
}

/// `dir` and every directory above it, root excluded: `/a/b`, `/a`.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let cuts = dir
        .match_indices('/')
        .map(|(at, _)| at)
        .filter(|&at| at > 0);
    cuts.map(|at| &dir[..at]).chain(std::iter::once(dir))
}

/// Whether the RUN mounts a cache or tmpfs on one of `dirs` or above it.
fn mounted(instruction: &Instruction, dirs: &[&str]) -> bool {
    mounts(instruction)
        .iter()
        .filter(|mount| is_cache_kind(&mount.kind))
        .filter_map(|mount| mount.target.as_deref())
        .any(|target| dirs.iter().any(|dir| covers(target, dir)))
}

fn is_cache_kind(kind: &str) -> bool {
    kind.eq_ignore_ascii_case("cache") || kind.eq_ignore_ascii_case("tmpfs")
}

/// Whether the instruction belongs to the final stage or a stage it is built on.
fn shipped(cx: &Context, index: usize) -> bool {
    let stage = cx.model.stage_of.get(index).copied().flatten();
    stage.is_some_and(|stage| cx.model.shipped_stages().contains(&stage))
}

/// Each RUN with its instruction and its shell commands, in source order.
fn runs<'a>(cx: &'a Context) -> Vec<(usize, &'a Instruction, Vec<&'a Command>)> {
    let mut runs: Vec<_> = cx
        .model
        .scripts
        .iter()
        .filter_map(|(index, scripts)| {
            let instruction = cx.file.instructions.get(*index)?;
            let mut commands: Vec<&Command> =
                scripts.iter().flat_map(|script| &script.commands).collect();
            commands.sort_by_key(|command| command.span.start);
            Some((*index, instruction, commands))
        })
        .collect();
    runs.sort_by_key(|run| run.0);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cover_their_subdirectories() {
        let cases = [
            ("/var/lib/apt/lists/*", "/var/lib/apt/lists", true),
            ("/var/lib/apt/lists/", "/var/lib/apt/lists", true),
            ("/var/lib/apt", "/var/lib/apt/lists", true),
            ("/var/cache/*", "/var/cache/yum", true),
            ("/var/lib/apt/lists/partial", "/var/lib/apt/lists", false),
            ("/var/lib/aptitude", "/var/lib/apt/lists", false),
            ("/", "/var/cache/apk", false),
            ("*", "/var/cache/apk", false),
            ("apt", "/var/lib/apt/lists", true),
            ("lists/*", "/var/lib/apt/lists", true),
            ("cache", "/var/lib/apt/lists", false),
            ("$HOME/.cache", "/root/.cache/pip", false),
        ];
        for (path, dir, expected) in cases {
            assert_eq!(covers(path, dir), expected, "{path} {dir}");
        }
    }

    #[test]
    fn brace_groups_expand() {
        assert_eq!(
            braces("/var/lib/{apt,dpkg}/"),
            ["/var/lib/apt/", "/var/lib/dpkg/"]
        );
        assert_eq!(braces("/tmp/x"), ["/tmp/x"]);
        assert_eq!(braces("a{b"), ["a{b"]);
    }

    #[test]
    fn truthy_assignments() {
        assert!(sets_truthy(
            "PIP_NO_CACHE_DIR=1 pip install x",
            "PIP_NO_CACHE_DIR="
        ));
        assert!(sets_truthy(
            "export PIP_NO_CACHE_DIR=\"on\"",
            "PIP_NO_CACHE_DIR="
        ));
        assert!(!sets_truthy(
            "PIP_NO_CACHE_DIR=0 pip install x",
            "PIP_NO_CACHE_DIR="
        ));
        assert!(!sets_truthy("pip install x", "PIP_NO_CACHE_DIR="));
    }
}
