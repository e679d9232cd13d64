//! The build-script helper in a real build: `examples/build-script`, a crate that lints its
//! Dockerfile from its `build.rs`, is copied to a scratch folder and built by cargo with a good
//! Dockerfile, one with a warning, and one with an error. Its `build.rs` fails the build at
//! error level, so only the last build fails.
//!
//! The copy depends on this checkout by absolute path and builds offline, with this checkout's
//! `Cargo.lock`, into `target/example-build` so that later runs reuse the compiled library.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The example crate copied into `dir`, depending on this checkout.
fn copy_example(dir: &Path) {
    let example = root().join("examples/build-script");
    let manifest = fs::read_to_string(example.join("Cargo.toml")).unwrap();
    let manifest = manifest.replace(
        r#"path = "../..""#,
        &format!("path = {:?}", root().display().to_string()),
    );
    fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    fs::copy(example.join("build.rs"), dir.join("build.rs")).unwrap();
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::copy(example.join("src/main.rs"), dir.join("src/main.rs")).unwrap();
    fs::copy(example.join("Dockerfile"), dir.join("Dockerfile")).unwrap();
}

fn build(dir: &Path) -> Output {
    let target: PathBuf = root().join("target/example-build");
    Command::new(env!("CARGO"))
        .args(["build", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

#[test]
fn the_example_crate_warns_or_fails_as_its_build_script_says() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path());

    let good = build(dir.path());
    let stderr = String::from_utf8_lossy(&good.stderr);
    assert!(good.status.success(), "good Dockerfile: {stderr}");
    assert!(
        !stderr.contains("warning["),
        "good Dockerfile warned: {stderr}"
    );

    let dockerfile = dir.path().join("Dockerfile");
    let text = fs::read_to_string(&dockerfile).unwrap();
    fs::write(&dockerfile, text.replace("rust:1.90-slim", "rust:latest")).unwrap();
    let warned = build(dir.path());
    let stderr = String::from_utf8_lossy(&warned.stderr);
    assert!(
        warned.status.success(),
        "a warning failed the build: {stderr}"
    );
    assert!(
        stderr.contains("Dockerfile:1:11: warning[DL3007]"),
        "no warning shown: {stderr}"
    );

    fs::write(&dockerfile, text.replace("FROM rust", "FORM rust")).unwrap();
    let failed = build(dir.path());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        !failed.status.success(),
        "an error passed the build: {stderr}"
    );
    assert!(stderr.contains("error[SL0001]"), "no error shown: {stderr}");
    assert!(
        stderr.contains("finding(s) at error or above"),
        "no reason given: {stderr}"
    );
}
