//! Rules over Dockerfiles.

pub mod packages;
