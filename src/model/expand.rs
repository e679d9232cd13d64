//! TODO: expand
