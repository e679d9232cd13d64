//! What COPY and ADD take from the build context: which instructions, which source words, and
//! those sources as paths relative to the context root. Shared by the rules that look at the
//! build context (SL1003, SL1012).

use crate::syntax::dockerfile::{Instruction, Keyword, Text};

/// COPY and ADD from the build context: not `--from` another stage or image.
pub fn copies_from_context(instruction: &Instruction) -> bool {
    matches!(instruction.keyword, Keyword::Copy | Keyword::Add)
        && instruction.flag("from").is_none()
}

/// The source words: every argument but the last, without heredoc markers and remote URLs.
pub fn sources(instruction: &Instruction) -> impl Iterator<Item = &Text> {
    let words = instruction.words();
    let count = words.len().saturating_sub(1);
    words[..count].iter().filter(|word| {
        let value = word.value.as_str();
        !value.starts_with("<<") && !value.contains("://") && !value.starts_with("git@")
    })
}

/// A source relative to the context root, `/`-separated, without `./`, quotes or a leading `/`.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.trim_matches('"').split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// Whether a source is a glob pattern rather than a path.
pub fn is_pattern(path: &str) -> bool {
    path.contains(['*', '?', '['])
}
