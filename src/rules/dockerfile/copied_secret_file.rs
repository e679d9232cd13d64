//! SL1003: a secret-looking file (`.env`, `id_rsa`, `*.pem`, `.npmrc`, …) copied into the
//! image, either named as a COPY/ADD source or swept in by a directory copy (`COPY . .`)
//! because it exists in the build context and `.dockerignore` does not exclude it.

use super::Context;
use super::context_sources::{copies_from_context, is_pattern, normalize, sources};
use crate::diagnostic::Diagnostic;
use crate::rules::secrets;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::{Instruction, Text};

pub const RULE: RuleMeta = catalog::SL1003;

/// How many context files one finding names before it says "and N more".
const NAMES_SHOWN: usize = 3;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if !copies_from_context(instruction) {
            continue;
        }
        for source in sources(instruction) {
            let Some(path) = cx.model.expand(index, &source.value) else {
                continue;
            };
            check_source(cx, instruction, source, &path, out);
        }
    }
}

fn check_source(
    cx: &Context,
    instruction: &Instruction,
    source: &Text,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let relative = normalize(path);
    let excluded = cx.build_context.is_some_and(|c| c.is_excluded(&relative));
    if secrets::is_secret_file(&relative) && !excluded && !is_pattern(&relative) {
        let message = format!("Secret-looking file `{path}` is copied into the image");
        out.push(Diagnostic::new(&RULE, source.span, message));
        return;
    }

    let Some(context) = cx.build_context else {
        return;
    };
    let swept = context.secret_files_copied_by(&relative);
    if swept.is_empty() {
        return;
    }
    let mut names: Vec<String> = swept
        .iter()
        .take(NAMES_SHOWN)
        .map(|f| format!("`{f}`"))
        .collect();
    if swept.len() > NAMES_SHOWN {
        names.push(format!("{} more", swept.len() - NAMES_SHOWN));
    }
    let message = format!(
        "`{} {path}` copies the secret-looking file{} {} from the build context",
        instruction.keyword.as_str(),
        if swept.len() == 1 { "" } else { "s" },
        names.join(", ")
    );
    out.push(Diagnostic::new(&RULE, source.span, message));
}
