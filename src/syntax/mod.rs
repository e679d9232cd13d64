//! Syntax trees of the files shiplint reads.

pub mod dockerfile;
pub mod shell;
pub mod yaml;
