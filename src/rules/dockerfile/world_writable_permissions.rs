//! SL1007: files or directories made writable by every user: `chmod 777`, `chmod -R a+w`,
//! `mkdir -m 777`, `install -m 666`, `COPY --chmod=777`. A directory with the sticky bit
//! (`1777`, `+t`), as `/tmp` has, is left alone: there only the owner can remove a file.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Keyword};
use crate::syntax::shell::{Command, Word};

pub const RULE: RuleMeta = catalog::SL1007;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    check_copy_flags(cx, out);
    for script in cx.model.scripts.values().flatten() {
        let commands = &script.commands;
        for (index, command) in commands.iter().enumerate() {
            let Some(mode) = mode_word(command) else {
                continue;
            };
            if !is_world_writable(&mode.text) || removed_later(command, mode, &commands[index..]) {
                continue;
            }
            let program = program(&command.name.text);
            let value = joined_mode(&mode.text).unwrap_or(&mode.text);
            let message = format!("`{program}` mode `{value}` makes files writable by every user");
            out.push(Diagnostic::new(&RULE, mode.span, message));
        }
    }
}

/// A scratch directory (`chmod 777 "$tempDir"`) that a later `rm` of the same script deletes
/// never reaches the image.
fn removed_later(command: &Command, mode: &Word, later: &[Command]) -> bool {
    let paths: Vec<&str> = command
        .args
        .iter()
        .filter(|a| a.span.start > mode.span.start && !a.text.starts_with('-'))
        .map(|a| a.text.as_str())
        .collect();
    let removed: Vec<&str> = later
        .iter()
        .filter(|c| program(&c.name.text) == "rm")
        .flat_map(|c| c.args.iter().map(|a| a.text.as_str()))
        .collect();
    !paths.is_empty() && paths.iter().all(|p| removed.contains(p))
}

/// `COPY --chmod=777` and `ADD --chmod=777`, ONBUILD ones included.
fn check_copy_flags(cx: &Context, out: &mut Vec<Diagnostic>) {
    for instruction in &cx.file.instructions {
        let instruction = match &instruction.args {
            Args::Onbuild(inner) => inner.as_ref(),
            _ => instruction,
        };
        if !matches!(instruction.keyword, Keyword::Copy | Keyword::Add) {
            continue;
        }
        let Some(flag) = instruction.flag("chmod") else {
            continue;
        };
        let Some(value) = flag.value.as_ref().filter(|v| is_world_writable(&v.value)) else {
            continue;
        };
        let message = format!(
            "`{} --chmod={}` makes files writable by every user",
            instruction.keyword.as_str(),
            value.value
        );
        out.push(Diagnostic::new(&RULE, flag.span, message));
    }
}

/// The mode operand of `chmod MODE …`, `mkdir -m MODE`, `install -m MODE`.
fn mode_word(command: &Command) -> Option<&Word> {
    match program(&command.name.text) {
        "chmod" => chmod_mode(&command.args),
        "mkdir" | "install" => mode_option(&command.args),
        _ => None,
    }
}

/// The first operand that is not an option; `-R`, `-v`, `-f`, `-c` and long options come first.
fn chmod_mode(args: &[Word]) -> Option<&Word> {
    let mut args = args.iter();
    loop {
        let arg = args.next()?;
        if arg.text == "--reference" || arg.text.starts_with("--reference=") {
            return None;
        }
        if is_chmod_option(&arg.text) {
            continue;
        }
        return Some(arg);
    }
}

/// `-R`, `-vf`, `--recursive`; but not `-w` or `-rwx`, which are modes taking rights away.
fn is_chmod_option(arg: &str) -> bool {
    if arg.starts_with("--") {
        return true;
    }
    arg.strip_prefix('-')
        .is_some_and(|flags| !flags.is_empty() && flags.chars().all(|c| "RvfcHLP".contains(c)))
}

/// `-m MODE`, `-mMODE`, `--mode=MODE`, `--mode MODE`. The returned word holds the mode alone
/// only in the separate forms; the joined forms are returned whole and read by [`joined_mode`].
fn mode_option(args: &[Word]) -> Option<&Word> {
    let at = args
        .iter()
        .position(|a| a.text == "-m" || a.text == "--mode" || joined_mode(&a.text).is_some())?;
    let word = &args[at];
    if joined_mode(&word.text).is_some() {
        return Some(word);
    }
    args.get(at + 1)
}

fn joined_mode(arg: &str) -> Option<&str> {
    arg.strip_prefix("--mode=")
        .or_else(|| arg.strip_prefix("-m").filter(|m| !m.is_empty()))
}

/// Whether a mode (octal, or symbolic clauses such as `a+rwx,o-t`) grants write to others and
/// sets no sticky bit. Unknown values (`$MODE`) are not judged.
pub fn is_world_writable(mode: &str) -> bool {
    let mode = joined_mode(mode).unwrap_or(mode);
    if mode.contains('$') || mode.is_empty() {
        return false;
    }
    if mode.chars().all(|c| c.is_ascii_digit()) {
        return octal_world_writable(mode);
    }
    symbolic_world_writable(mode)
}

fn octal_world_writable(mode: &str) -> bool {
    let Ok(bits) = u32::from_str_radix(mode, 8) else {
        return false;
    };
    let others_write = bits & 0o002 != 0;
    let sticky = bits & 0o1000 != 0;
    others_write && !sticky
}

/// Clauses are `[ugoa]*([-+=][rwxXst]*)+`, comma-separated. Only clauses that name `o` or `a`
/// count: a bare `+w` is filtered by the umask, which keeps others out by default.
fn symbolic_world_writable(mode: &str) -> bool {
    let mut writable = false;
    let mut sticky = false;
    for clause in mode.split(',') {
        let who_end = clause.find(['+', '-', '=']).unwrap_or(clause.len());
        let who = &clause[..who_end];
        if !who.chars().all(|c| "ugoa".contains(c)) {
            return false;
        }
        let others = who.contains(['o', 'a']);
        for (op, perms) in operations(&clause[who_end..]) {
            let adds = op != '-';
            if others && adds && perms.contains('w') {
                writable = true;
            }
            if perms.contains('t') {
                sticky = adds;
            }
        }
    }
    writable && !sticky
}

/// `+rw-x=t` → `[('+', "rw"), ('-', "x"), ('=', "t")]`.
fn operations(ops: &str) -> Vec<(char, &str)> {
    let mut out = Vec::new();
    let mut rest = ops;
    while let Some(op) = rest.chars().next() {
        let tail = &rest[op.len_utf8()..];
        let end = tail.find(['+', '-', '=']).unwrap_or(tail.len());
        out.push((op, &tail[..end]));
        rest = &tail[end..];
    }
    out
}

fn program(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        let cases = [
            ("777", true),
            ("0777", true),
            ("666", true),
            ("2777", true),
            ("1777", false),
            ("775", false),
            ("755", false),
            ("a+w", true),
            ("o+w", true),
            ("a+rwx", true),
            ("ugo+rwX", true),
            ("o=rwx", true),
            ("+w", false),
            ("g+w", false),
            ("u+x,o+w", true),
            ("a+rwxt", false),
            ("o+w,+t", false),
            ("a-w", false),
            ("o-w", false),
            ("$MODE", false),
            ("--mode=777", true),
            ("-m0777", true),
            ("-w", false),
        ];
        for (mode, expected) in cases {
            assert_eq!(is_world_writable(mode), expected, "{mode}");
        }
    }
}
