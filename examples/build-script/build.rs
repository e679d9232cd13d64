//! Lints the crate's Dockerfile on every build that touches it: findings show as cargo
//! warnings, and an error-level finding fails the build.

fn main() -> Result<(), shiplint::build_script::Failed> {
    shiplint::build_script::Lint::new()
        .fail_on(shiplint::Severity::Error)
        .run()
}
