//! What will run: Dockerfile stages with their resolved ARGs, Compose services, image
//! references, and the build context.

pub mod compose;
pub mod context;
pub mod dockerfile;
pub mod dockerignore;
pub mod expand;
pub mod image;
pub mod kubernetes;
pub mod script;
