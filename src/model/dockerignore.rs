//! TODO: dockerignore
