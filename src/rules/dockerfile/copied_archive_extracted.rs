//! DL3010: a local tar archive is copied in and then unpacked by a later RUN, where `ADD`
//! would do both in one layer.

use super::Context;
use super::run_commands::{program, scripts};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::source::Span;
use crate::syntax::dockerfile::{Instruction, Keyword};
use crate::syntax::shell::Command;

pub const RULE: RuleMeta = catalog::DL3010;

/// Names that `ADD` unpacks: tar archives, plain or compressed.
const TAR_SUFFIXES: [&str; 11] = [
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz2",
    ".tbz",
    ".tar.xz",
    ".txz",
    ".tar.zst",
    ".tar.lzma",
    ".tlz",
];

/// One archive a COPY put into the stage.
struct Copied {
    /// The file name it has in the image.
    name: String,
    /// The source word, where the finding points.
    span: Span,
}

/// Remembers, per stage, the tar archives COPY brings in from the build context, and reports
/// each one that a later RUN of the stage extracts with `tar -x`.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let runs = scripts(cx);
    for stage in &cx.model.stages {
        let mut copied: Vec<Copied> = Vec::new();
        for index in stage.body.clone() {
            let instruction = &cx.file.instructions[index];
            if instruction.keyword == Keyword::Copy {
                copied.extend(archives(instruction));
                continue;
            }
            let commands = runs
                .iter()
                .filter(|(i, _)| *i == index)
                .flat_map(|(_, s)| &s.commands);
            for command in commands.filter(|c| is_tar_extract(c)) {
                report_extracted(&mut copied, command, out);
            }
        }
    }
}

fn report_extracted(copied: &mut Vec<Copied>, command: &Command, out: &mut Vec<Diagnostic>) {
    let names: Vec<&str> = command.args.iter().map(|w| basename(&w.text)).collect();
    copied.retain(|archive| {
        if !names.contains(&archive.name.as_str()) {
            return true;
        }
        let message = format!(
            "Archive `{}` is copied and then extracted by `tar`",
            archive.name
        );
        out.push(Diagnostic::new(&RULE, archive.span, message));
        false
    });
}

/// The tar archives a COPY from the build context brings in: the target when it names an
/// archive, else each archive source.
fn archives(instruction: &Instruction) -> Vec<Copied> {
    if instruction.flag("from").is_some() {
        return Vec::new();
    }
    let Some((target, sources)) = instruction.words().split_last() else {
        return Vec::new();
    };
    let target_name = basename(&target.value);
    if is_tar(target_name) {
        let Some(source) = sources.first() else {
            return Vec::new();
        };
        return vec![Copied {
            name: target_name.to_owned(),
            span: source.span,
        }];
    }
    sources
        .iter()
        .filter(|s| is_tar(basename(&s.value)))
        .map(|s| Copied {
            name: basename(&s.value).to_owned(),
            span: s.span,
        })
        .collect()
}

/// `tar -x…`, `tar --extract`, `tar --get`, or the old style `tar xzf`.
fn is_tar_extract(command: &Command) -> bool {
    if program(command) != "tar" {
        return false;
    }
    let old_style = command
        .args
        .first()
        .is_some_and(|w| !w.text.starts_with('-') && w.text.contains('x'));
    let flag = command.args.iter().any(|w| {
        let text = w.text.as_str();
        text == "--extract"
            || text == "--get"
            || (text.starts_with('-') && !text.starts_with("--") && text.contains('x'))
    });
    old_style || flag
}

fn is_tar(name: &str) -> bool {
    TAR_SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

fn basename(path: &str) -> &str {
    let path = path.trim_matches(|c| c == '"' || c == '\'');
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
