//! DL4006: a RUN pipes one command into another in a shell that does not stop on the first
//! command's failure.

use super::Context;
use super::run_commands::{options, program, scripts};
use crate::diagnostic::Diagnostic;
use crate::model::dockerfile::Base;
use crate::model::script::Script;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::dockerfile::{Args, Keyword};
use crate::syntax::shell::Command;

pub const RULE: RuleMeta = catalog::DL4006;

/// Reports the first pipe of each RUN, at the command whose failure the pipe hides (or, after
/// a compound command such as `{ …; } | tee f`, at the command it pipes into), unless the
/// SHELL in force sets `pipefail` (or is not a POSIX shell) or the script sets it itself
/// before the pipe.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut last = None;
    for (index, script) in scripts(cx) {
        if last == Some(index) || shell_is_safe(cx, index) {
            continue;
        }
        let Some(pipe) = first_pipe(script) else {
            continue;
        };
        if is_guarded(script, pipe.at) {
            continue;
        }
        last = Some(index);
        out.push(Diagnostic::new(&RULE, pipe.word, pipe.message));
    }
}

/// Whether the command sits in an argument of another command that holds an expansion, such as
/// `echo "$(a | b)"`; the literal script of `sh -c '…'` is no such argument.
fn in_substituted_argument(script: &Script, command: &Command) -> bool {
    let inside = |word: &crate::syntax::shell::Word| {
        !word.literal && word.span.start < command.span.start && command.span.end <= word.span.end
    };
    script
        .commands
        .iter()
        .any(|other| other.args.iter().any(inside))
}

/// A pipe in a script: where it is, where to report it, and what to say.
struct Pipe {
    at: usize,
    word: Span,
    message: String,
}

/// The first pipe of the script: between simple commands, or after a compound command. A pipe
/// inside a `$(…)` that is a command's argument is passed over: the command runs whatever the
/// substitution's status, so `pipefail` could not surface the failure.
fn first_pipe(script: &Script) -> Option<Pipe> {
    let simple = script
        .commands
        .iter()
        .find(|c| c.pipe_to.is_some() && !in_substituted_argument(script, c));
    let simple = simple.map(|left| {
        // `sudo curl … | sh`: the failure hidden is curl's.
        let mut left = left;
        while let Some(inner) = left.wraps.and_then(|i| script.commands.get(i)) {
            left = inner;
        }
        let right = left.pipe_to.and_then(|i| script.commands.get(i));
        let into = right.map_or("", |c| c.name.text.as_str());
        Pipe {
            at: left.span.start,
            word: left.name.span,
            message: format!(
                "`{}` pipes into `{into}` without `pipefail`, so its failure is hidden",
                left.name.text
            ),
        }
    });
    let compound = compound_pipe(&script.text).and_then(|offset| {
        let at = script.map.to_file(offset);
        let right = script.commands.iter().find(|c| c.span.start > at)?;
        Some(Pipe {
            at,
            word: right.name.span,
            message: format!(
                "A compound command pipes into `{}` without `pipefail`, so its failure is hidden",
                right.name.text
            ),
        })
    });
    match (simple, compound) {
        (Some(a), Some(b)) => Some(if a.at <= b.at { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// True when the script runs `set -o pipefail` before offset `at`.
fn is_guarded(script: &Script, at: usize) -> bool {
    script
        .commands
        .iter()
        .take_while(|c| c.span.start < at)
        .any(|c| program(c) == "set" && sets_pipefail(c))
}

/// The offset of the first `|` that follows the end of a compound command (`}`, `)`, `done`,
/// `fi`, `esac`), outside quotes and comments. Pipes between simple commands are known from
/// the command list; these are not.
fn compound_pipe(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match (quote, byte) {
            (Some(b'\''), b'\'') | (Some(b'"'), b'"') => quote = None,
            (Some(b'"') | None, b'\\') => i += 1,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(byte),
            (None, b'#') if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            (None, b'|') if is_pipe(bytes, i) && after_compound(&text[..i]) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// A `|` that is not part of `||`.
fn is_pipe(bytes: &[u8], i: usize) -> bool {
    let before = i > 0 && bytes[i - 1] == b'|';
    let after = bytes.get(i + 1) == Some(&b'|');
    !before && !after
}

fn after_compound(before: &str) -> bool {
    let mut trimmed = before.trim_end_matches([' ', '\t']);
    // Redirections of the compound command itself: `{ …; } 2>&1 | grep x`.
    while let Some((head, word)) = trimmed.rsplit_once([' ', '\t']) {
        if !word.contains(['>', '<']) {
            break;
        }
        trimmed = head.trim_end_matches([' ', '\t']);
    }
    let last_word = trimmed
        .rsplit(|c: char| c.is_whitespace() || c == ';')
        .next();
    trimmed.ends_with('}')
        || (trimmed.ends_with(')') && !trimmed.ends_with("$(") && !is_substitution_end(trimmed))
        || matches!(last_word, Some("done" | "fi" | "esac"))
}

/// True when the `)` that ends `text` closes a `$(…)`, which is a word, not a command.
fn is_substitution_end(text: &str) -> bool {
    let mut depth = 0usize;
    for (at, ch) in text.char_indices().rev() {
        match ch {
            ')' => depth += 1,
            '(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return text[..at].ends_with('$');
                }
            }
            _ => {}
        }
    }
    false
}

/// True when `command` (a shell or `set`) is given `-o pipefail`, alone or in a cluster
/// such as `-euxo pipefail`.
fn sets_pipefail(command: &Command) -> bool {
    options(&command.args, "o", &[])
        .iter()
        .any(|o| o.name == "o" && o.value.as_deref() == Some("pipefail"))
}

/// True when the SHELL in force at instruction `index` sets `pipefail` or is not a POSIX
/// shell. The SHELL of a parent stage carries over to its children.
fn shell_is_safe(cx: &Context, index: usize) -> bool {
    let Some(mut stage) = cx.model.stage_of.get(index).copied().flatten() else {
        return false;
    };
    let mut before = index;
    loop {
        if let Some(words) = last_shell(cx, stage, before) {
            return is_safe_shell(&words);
        }
        let current = &cx.model.stages[stage];
        let Base::Stage(parent) = current.base else {
            return current.windows;
        };
        if parent >= stage {
            return false;
        }
        stage = parent;
        before = cx.model.stages[parent].body.end;
    }
}

/// The words of the last SHELL of `stage` before instruction `before`.
fn last_shell(cx: &Context, stage: usize, before: usize) -> Option<Vec<String>> {
    let body = cx.model.stages.get(stage)?.body.clone();
    let end = before.min(body.end);
    cx.file.instructions[body.start..end]
        .iter()
        .rev()
        .filter(|i| i.keyword == Keyword::Shell)
        .find_map(|i| match &i.args {
            Args::Exec(words) => Some(words.iter().map(|w| w.value.clone()).collect()),
            _ => None,
        })
}

/// A shell other than sh and bash has its own pipe semantics (PowerShell, cmd); a POSIX
/// shell is safe when started with `-o pipefail`.
fn is_safe_shell(words: &[String]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    let name = first.rsplit(['/', '\\']).next().unwrap_or(first);
    let posix = ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"];
    if !posix.contains(&name) {
        return true;
    }
    words.windows(2).any(|pair| {
        pair[0].starts_with('-')
            && !pair[0].starts_with("--")
            && pair[0].ends_with('o')
            && pair[1] == "pipefail"
    })
}
