//! SL1006: `ADD` of a remote file without `--checksum`, or of a git repository not pinned to
//! a commit. What the URL serves can change between builds; a checksum or commit makes the
//! build fail instead of silently taking the new content.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Args, Instruction, Keyword, Text};

pub const RULE: RuleMeta = catalog::SL1006;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        let instruction = match &instruction.args {
            Args::Onbuild(inner) => inner.as_ref(),
            _ => instruction,
        };
        if instruction.keyword != Keyword::Add || instruction.flag("checksum").is_some() {
            continue;
        }
        for source in sources(instruction) {
            // A source whose value is unknown is judged as written, `https://$HOST/x` included.
            let value = cx.model.expand(index, &source.value);
            let value = value.as_deref().unwrap_or(&source.value);
            if let Some(message) = problem(value) {
                out.push(Diagnostic::new(&RULE, source.span, message));
            }
        }
    }
}

fn sources(instruction: &Instruction) -> &[Text] {
    let words = instruction.words();
    &words[..words.len().saturating_sub(1)]
}

fn problem(source: &str) -> Option<String> {
    let source = source.trim_matches('"');
    if is_git(source) {
        return (!pins_commit(source))
            .then(|| format!("Git source `{source}` is not pinned to a commit"));
    }
    let lower = source.to_ascii_lowercase();
    let remote = lower.starts_with("http://") || lower.starts_with("https://");
    remote.then(|| format!("Remote source `{source}` is added without `--checksum`"))
}

/// Git sources as BuildKit recognises them: `git@host:…`, `git://`, `ssh://`, and HTTP(S)
/// URLs whose path ends in `.git` (before a `#ref` fragment).
fn is_git(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    if ["git@", "git://", "ssh://"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return true;
    }
    let path = lower.split(['#', '?']).next().unwrap_or(&lower);
    (lower.starts_with("http://") || lower.starts_with("https://")) && path.ends_with(".git")
}

/// A `#ref` fragment that is a full commit hash (SHA-1 or SHA-256), or a `checksum=` or
/// `commit=` query parameter.
fn pins_commit(source: &str) -> bool {
    if let Some((_, fragment)) = source.split_once('#') {
        let reference = fragment.split(':').next().unwrap_or(fragment);
        if is_commit(reference) {
            return true;
        }
    }
    let Some((_, query)) = source.split_once('?') else {
        return false;
    };
    query
        .split(['&', '#'])
        .filter_map(|pair| pair.split_once('='))
        .any(|(key, value)| matches!(key, "checksum" | "commit") && is_commit(value))
}

fn is_commit(reference: &str) -> bool {
    matches!(reference.len(), 40 | 64) && reference.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources() {
        let commit = "0123456789abcdef0123456789abcdef01234567";
        let cases = [
            ("https://example.com/a.tar.gz", true),
            ("http://example.com/a", true),
            ("./local.tar.gz", false),
            ("https://github.com/o/r.git", true),
            ("https://github.com/o/r.git#v1.0", true),
            (&*format!("https://github.com/o/r.git#{commit}"), false),
            (&*format!("https://github.com/o/r.git#{commit}:sub"), false),
            (&*format!("git@github.com:o/r.git#{commit}"), false),
            ("git@github.com:o/r.git#main", true),
            (
                &*format!("https://github.com/o/r.git?ref=v1&checksum={commit}"),
                false,
            ),
        ];
        for (source, fires) in cases {
            assert_eq!(problem(source).is_some(), fires, "{source}");
        }
    }
}
