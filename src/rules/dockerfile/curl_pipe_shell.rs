//! SL1005: a script downloaded and run in one step: `curl … | sh`, `wget -O- … | sudo bash`,
//! `sh -c "$(curl …)"`, `bash <(curl …)`. Whatever the server sends that day is run, unchecked.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::shell::Command;

pub const RULE: RuleMeta = catalog::SL1005;

/// Programs that run a script read from their standard input or from a file argument.
const INTERPRETERS: &[&str] = &[
    "sh", "bash", "dash", "ash", "zsh", "ksh", "python", "python2", "python3", "perl", "ruby",
    "node", "php",
];

/// Programs that run the text of their arguments (`eval "$(curl …)"`, `. <(curl …)`).
const EVALUATORS: &[&str] = &["eval", "source", "."];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let scripts = cx.model.scripts.values().flatten();
    for commands in scripts.map(|script| &script.commands) {
        let mut reported: Vec<Span> = Vec::new();
        for download in commands.iter().filter(|c| downloads_to_stdout(c)) {
            let Some(runner) = runner(commands, download) else {
                continue;
            };
            // `sh -c "$(curl …)"` lists the inner `curl` twice, once per analysis level.
            if reported.contains(&download.span) {
                continue;
            }
            reported.push(download.span);
            out.push(finding(download, runner));
        }
    }
}

fn finding(download: &Command, runner: &Command) -> Diagnostic {
    let tool = program(&download.name.text);
    let from = match url(download) {
        Some(url) => format!(" from `{}`", without_credentials(url)),
        None => String::new(),
    };
    let message = format!(
        "`{}` runs a script downloaded by `{tool}`{from} without checking it",
        program(&runner.name.text)
    );
    Diagnostic::new(&RULE, runner.name.span, message)
        .with_label(download.name.span, "downloaded here")
}

/// The command that runs what `download` prints: the target of its pipe (past `sudo` and other
/// wrappers), or a shell whose argument holds the download (`sh -c "$(curl …)"`).
fn runner<'a>(commands: &'a [Command], download: &Command) -> Option<&'a Command> {
    if let Some(target) = download.pipe_to.and_then(|i| innermost(commands, i)) {
        return is_interpreter(target).then_some(target);
    }
    commands
        .iter()
        .filter(|c| is_interpreter(c) || EVALUATORS.contains(&program(&c.name.text)))
        .find(|c| c.args.iter().any(|arg| within(arg.span, download.span)))
}

fn within(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn innermost(commands: &[Command], mut index: usize) -> Option<&Command> {
    let mut command = commands.get(index)?;
    for _ in 0..commands.len() {
        let Some(inner) = command.wraps else {
            break;
        };
        index = inner;
        command = commands.get(index)?;
    }
    Some(command)
}

/// An interpreter reading a script from its input or from one argument, not running a file.
fn is_interpreter(command: &Command) -> bool {
    INTERPRETERS.contains(&program(&command.name.text))
}

/// `curl` without `-o`/`-O`, or `wget` writing to standard output (`-O-`, `-O /dev/stdout`).
fn downloads_to_stdout(command: &Command) -> bool {
    let args: Vec<&str> = command.args.iter().map(|a| a.text.as_str()).collect();
    match program(&command.name.text) {
        "curl" => !args.iter().any(|arg| curl_writes_file(arg)),
        "wget" => wget_writes_stdout(&args),
        _ => false,
    }
}

fn curl_writes_file(arg: &str) -> bool {
    if arg.starts_with("--") {
        return matches!(arg, "--output" | "--remote-name" | "--remote-name-all")
            || arg.starts_with("--output=");
    }
    // Short options combine: `-fsSLo file`, `-LO`.
    arg.starts_with('-') && arg[1..].chars().any(|c| c == 'o' || c == 'O')
}

fn wget_writes_stdout(args: &[&str]) -> bool {
    let stdout = |value: &str| matches!(value, "-" | "/dev/stdout");
    args.iter().enumerate().any(|(i, arg)| {
        if let Some(value) = arg.strip_prefix("--output-document") {
            return match value.strip_prefix('=') {
                Some(value) => stdout(value),
                None => args.get(i + 1).is_some_and(|v| stdout(v)),
            };
        }
        let Some(short) = arg.strip_prefix('-').filter(|s| !s.starts_with('-')) else {
            return false;
        };
        let Some(at) = short.find('O') else {
            return false;
        };
        match &short[at + 1..] {
            "" => args.get(i + 1).is_some_and(|v| stdout(v)),
            value => stdout(value),
        }
    })
}

fn url(command: &Command) -> Option<&str> {
    command
        .args
        .iter()
        .map(|a| a.text.as_str())
        .find(|a| a.contains("://"))
}

/// Drops `user:password@` from a URL, so a message never shows a credential.
fn without_credentials(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let host_end = rest.find('/').unwrap_or(rest.len());
    match rest[..host_end].rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

fn program(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wget_output() {
        let cases: &[(&[&str], bool)] = &[
            (&["-O-", "u"], true),
            (&["-qO-", "u"], true),
            (&["-qO", "-", "u"], true),
            (&["-O", "/dev/stdout", "u"], true),
            (&["--output-document=-", "u"], true),
            (&["--output-document", "-", "u"], true),
            (&["-O", "f", "u"], false),
            (&["-q", "u"], false),
        ];
        for (args, expected) in cases {
            assert_eq!(wget_writes_stdout(args), *expected, "{args:?}");
        }
    }

    #[test]
    fn curl_output() {
        assert!(curl_writes_file("-fsSLo"));
        assert!(curl_writes_file("-LO"));
        assert!(curl_writes_file("--output=x"));
        assert!(!curl_writes_file("-fsSL"));
        assert!(!curl_writes_file("--proto"));
    }

    #[test]
    fn credentials_are_dropped() {
        assert_eq!(without_credentials("https://u:p@h/x"), "https://h/x");
        assert_eq!(without_credentials("https://h/x@y"), "https://h/x@y");
    }
}
