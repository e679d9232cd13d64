//! The labels a Dockerfile sets, read as BuildKit reads them: each LABEL pair's key and value
//! with variables expanded and quotes removed. Shared by the label rules DL3048–DL3058.
//!
//! A key or value that depends on an unknown value (a build argument without a default, say)
//! is `None`, and the rules stay silent about it.

use super::Context;
use crate::syntax::dockerfile::{Args, Keyword, Pair};

/// One `key=value` (or legacy `key value`) pair of a LABEL instruction.
pub struct Label<'a> {
    /// The LABEL instruction's index.
    pub instruction: usize,
    pub pair: &'a Pair,
    /// The key as BuildKit reads it; `None` when it depends on an unknown value.
    pub key: Option<String>,
    /// The value as BuildKit reads it; `None` when it depends on an unknown value.
    pub value: Option<String>,
}

/// Every label pair of the file's LABEL instructions, in order.
pub fn labels<'a>(cx: &'a Context) -> impl Iterator<Item = Label<'a>> + 'a {
    cx.file
        .instructions
        .iter()
        .enumerate()
        .filter(|(_, instruction)| instruction.keyword == Keyword::Label)
        .flat_map(|(index, instruction)| match &instruction.args {
            Args::Pairs(pairs) => pairs.iter().map(move |pair| (index, pair)).collect(),
            _ => Vec::new(),
        })
        .map(|(index, pair)| read(cx, index, pair))
}

fn read<'a>(cx: &Context, index: usize, pair: &'a Pair) -> Label<'a> {
    // A legacy `LABEL key` without a value is rejected by BuildKit; it reads here as empty.
    let raw_value = pair.value.as_ref().map_or("", |value| value.as_str());
    Label {
        instruction: index,
        pair,
        key: cx.model.expand(index, &pair.key.value),
        value: cx.model.expand(index, raw_value),
    }
}
