//! The Dockerfile parser, after BuildKit's: directives, continuations, flags, JSON and shell
//! forms, heredocs, with byte spans and error recovery.

pub mod ast;
mod parser;

pub use ast::*;
pub use parser::parse;
