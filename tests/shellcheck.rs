//! ShellCheck through the real binary: findings at their exact place, selection and
//! suppression of SC codes, `--shellcheck off|on`, and the note when SC codes are named but
//! ShellCheck does not run. Tests that need ShellCheck pass with a "skipped" line without it.

use std::fs;
use std::path::Path;

use tempfile::TempDir;

mod common;

use common::cli::Run;

const DOCKERFILE: &str = "FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n\
    RUN echo a && \\\n    echo $foo\n\
    RUN <<EOF\n\techo \"ü\" $bar\nEOF\n";

fn shiplint(dir: &Path, args: &[&str], path: Option<&str>) -> Run {
    let mut command = common::cli::command(dir, args);
    if let Some(path) = path {
        command.env("PATH", path);
    }
    command.output().expect("shiplint runs").into()
}

fn folder(dockerfile: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Dockerfile"), dockerfile).unwrap();
    dir
}

fn has_shellcheck() -> bool {
    if shiplint::shellcheck::binary().is_some() {
        return true;
    }
    common::skipped("shellcheck not found");
    false
}

/// A folder on no one's PATH, so that no `shellcheck` is found.
const NO_PATH: &str = "/nonexistent";

#[test]
fn findings_point_at_the_exact_token() {
    if !has_shellcheck() {
        return;
    }
    let dir = folder(DOCKERFILE);
    let run = shiplint(dir.path(), &["check", "--format", "concise"], None);

    let expected = "\
Dockerfile:5:10: info[SC2086] Double quote to prevent globbing and word splitting
Dockerfile:5:10: warning[SC2154] foo is referenced but not assigned
Dockerfile:7:11: info[SC2086] Double quote to prevent globbing and word splitting
Dockerfile:7:11: warning[SC2154] bar is referenced but not assigned
";
    assert_eq!(run.stdout, expected);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
}

#[test]
fn sc_codes_are_selected_and_suppressed_like_rules() {
    if !has_shellcheck() {
        return;
    }
    let suppressed = DOCKERFILE.replace("RUN echo a", "# shiplint ignore=SC2086\nRUN echo a");
    let dir = folder(&suppressed);
    let args = ["check", "--format", "concise", "--ignore", "SC2154"];
    let run = shiplint(dir.path(), &args, None);

    let expected =
        "Dockerfile:8:11: info[SC2086] Double quote to prevent globbing and word splitting\n";
    assert_eq!(run.stdout, expected);
}

#[test]
fn variables_of_the_stage_are_declared() {
    if !has_shellcheck() {
        return;
    }
    let text = "FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\nARG version\nENV dir=/x\n\
                RUN echo \"$version\" \"$dir\" \"$http_proxy\"\n";
    let dir = folder(text);
    let run = shiplint(dir.path(), &["check", "--format", "concise"], None);

    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn off_runs_no_shellcheck_and_notes_named_codes() {
    let suppressed = DOCKERFILE.replace("RUN echo a", "# shiplint ignore=SC2086\nRUN echo a");
    let dir = folder(&suppressed);
    let args = ["check", "--format", "concise", "--shellcheck", "off"];
    let run = shiplint(dir.path(), &args, None);

    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(
        run.stderr,
        "note: ShellCheck is off, so SC2086 checks nothing\n"
    );
}

#[test]
fn a_missing_shellcheck_is_noted_once_in_auto_and_an_error_when_on() {
    let dir = folder(DOCKERFILE);
    let auto = ["check", "--format", "concise", "--ignore", "SC2046,SC2086"];
    let run = shiplint(dir.path(), &auto, Some(NO_PATH));
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "note: ShellCheck is not installed (no `shellcheck` on PATH), so SC2046, SC2086 \
         check nothing\n"
    );

    let on = ["check", "--shellcheck", "on"];
    let run = shiplint(dir.path(), &on, Some(NO_PATH));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no `shellcheck` program is on PATH"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_note_when_no_sc_code_is_named() {
    let dir = folder(DOCKERFILE);
    let run = shiplint(dir.path(), &["check", "--format", "concise"], Some(NO_PATH));

    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}
