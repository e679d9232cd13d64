//! The real binary on real files: every output format, exit codes, standard input, walking
//! folders, and inputs that cannot be linted.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};
use tempfile::TempDir;

mod common;

use common::cli::{Run, shiplint};

/// Files with what `--format concise` must print for them, one line a finding. The other
/// formats are checked against the same lines, so a new firing case is one more row.
const FINDINGS: &[(&str, &str)] = &[
    (
        "FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\nRUN echo hi\n",
        "",
    ),
    (
        "FROM alpine:latest\nUSER 10001\nHEALTHCHECK NONE\n",
        "Dockerfile:1:13: warning[DL3007] Image `alpine:latest` uses the `latest` tag\n",
    ),
    (
        "FROM alpine:3.22\nHEALTHCHECK NONE\nRUN apk add --no-cache curl\n",
        "Dockerfile:1:6: warning[SL1001] Final stage never sets `USER`, so the container runs as root\n\
         Dockerfile:3:24: warning[DL3018] `curl` is installed without a pinned version in `apk add`\n",
    ),
    (
        "FROM alpine:3.22\nUSER 10001\n",
        "Dockerfile:1:6: info[DL3057] Final stage has no `HEALTHCHECK`\n",
    ),
];

fn shiplint_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut command = common::cli::command(dir, args);
    command.write_stdin(stdin.to_vec());
    command.output().expect("shiplint runs").into()
}

/// A temporary folder holding `files`, given as path and content.
fn tree(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().expect("temporary folder");
    for (path, content) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        fs::write(path, content).expect("file written");
    }
    dir
}

/// The files a `-v` run linted, sorted.
fn linted(run: &Run) -> Vec<String> {
    let mut paths: Vec<String> = run
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix("check: "))
        .filter_map(|rest| rest.rsplit_once(" (").map(|(path, _)| path.to_owned()))
        .collect();
    paths.sort();
    paths
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).expect("stdout is JSON")
}

/// The exit code the default threshold (`warning`) gives for these concise lines.
fn expected_code(concise: &str) -> i32 {
    let fails = concise.contains(": error[") || concise.contains(": warning[");
    i32::from(fails)
}

#[test]
fn concise_prints_one_line_per_finding() {
    for (text, expected) in FINDINGS {
        let dir = tree(&[("Dockerfile", text.as_bytes())]);
        let run = shiplint(dir.path(), &["check", "--format", "concise"]);

        assert_eq!(run.stdout, *expected, "{text}");
        assert_eq!(run.code, expected_code(expected), "{text}");
    }
}

#[test]
fn json_holds_the_same_findings_as_concise() {
    for (text, expected) in FINDINGS {
        let dir = tree(&[("Dockerfile", text.as_bytes())]);
        let run = shiplint(dir.path(), &["check", "--format", "json"]);
        let output = json(&run);

        let as_concise: String = output["diagnostics"]
            .as_array()
            .expect("a diagnostics list")
            .iter()
            .map(|d| {
                format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    d["path"].as_str().unwrap_or(""),
                    d["line"],
                    d["column"],
                    d["severity"].as_str().unwrap_or(""),
                    d["code"].as_str().unwrap_or(""),
                    d["message"].as_str().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(as_concise, *expected, "{text}");
        assert_eq!(output["errors"], json!([]));
        assert_eq!(run.code, expected_code(expected), "{text}");
    }
}

#[test]
fn json_shape_when_nothing_is_found() {
    let dir = tree(&[(
        "Dockerfile",
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    )]);
    let run = shiplint(dir.path(), &["check", "--format", "json"]);

    assert_eq!(run.stdout, "{\"diagnostics\":[],\"errors\":[]}\n");
    assert_eq!(run.code, 0);
}

#[test]
fn pretty_frames_every_finding_and_sums_up() {
    for (text, expected) in FINDINGS {
        let dir = tree(&[("Dockerfile", text.as_bytes())]);
        let run = shiplint(dir.path(), &["check", "--color", "never"]);
        let colored = shiplint(dir.path(), &["check", "--color", "always"]);
        assert_eq!(
            colored.stdout.contains('\x1b'),
            !expected.is_empty(),
            "{text}"
        );

        for line in expected.lines() {
            let (place, rest) = line.split_once(": ").expect("path:line:col: rest");
            let (title, _) = rest.split_once(']').expect("severity[code]");
            assert!(
                run.stdout.contains(&format!(" --> {place}")),
                "{}",
                run.stdout
            );
            assert!(run.stdout.contains(&format!("{title}]")), "{}", run.stdout);
        }
        if expected.is_empty() {
            assert_eq!(run.stdout, "no problems found in 1 file\n");
        }
        assert_eq!(run.code, expected_code(expected), "{text}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = tree(&[]);
    for args in [
        &["check", "--format", "xml"][..],
        &["check", "--failure-threshold", "fatal"],
        &["lint"],
    ] {
        let run = shiplint(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("error:"), "{}", run.stderr);
    }
}

#[test]
fn thresholds_and_settings_are_accepted() {
    let dir = tree(&[(
        "Dockerfile",
        b"FROM a:1 AS build\nUSER 10001\nHEALTHCHECK NONE\nFROM b:1\n",
    )]);
    for threshold in ["error", "warning", "info", "style", "none"] {
        let args = [
            "check",
            "--failure-threshold",
            threshold,
            "--target",
            "build",
            "--context",
            ".",
            "--kind",
            "dockerfile",
            "Dockerfile",
        ];
        assert_eq!(shiplint(dir.path(), &args).code, 0, "{threshold}");
    }
}

#[test]
fn stdin_is_shown_by_its_given_name() {
    let dir = tree(&[]);
    let args = ["check", "-", "--stdin-filename", "app/Dockerfile", "-v"];
    let run = shiplint_with_stdin(
        dir.path(),
        &args,
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    );
    assert_eq!(linted(&run), ["app/Dockerfile"]);
    assert_eq!(run.code, 0);

    let run = shiplint_with_stdin(dir.path(), &args, b"FROM \0");
    assert!(
        run.stderr
            .contains("error: app/Dockerfile: file is binary (NUL byte at offset 5)"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 2);
}

#[test]
fn stdin_defaults_to_dash_and_does_not_walk() {
    let dir = tree(&[(
        "Dockerfile",
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    )]);
    let run = shiplint_with_stdin(
        dir.path(),
        &["check", "-", "-v"],
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    );
    assert_eq!(linted(&run), ["-"]);
}

fn walking_tree() -> TempDir {
    let from: &[u8] = b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n";
    tree(&[
        ("Dockerfile", from),
        ("Containerfile", from),
        ("api.dockerfile", from),
        ("Dockerfile.prod", from),
        (".devcontainer/Dockerfile", from),
        ("services/web/Dockerfile-dev", from),
        (".git/Dockerfile", from),
        ("x.dockerignore", from),
        ("Dockerfile.j2", from),
        ("notes.txt", from),
        ("vendor/Dockerfile", from),
        ("build/tmp.Dockerfile", from),
        (".gitignore", b"vendor/\n*.Dockerfile\n"),
    ])
}

#[test]
fn walking_finds_dockerfiles_by_name() {
    let dir = walking_tree();
    let run = shiplint(dir.path(), &["check", "-v"]);

    let expected = [
        ".devcontainer/Dockerfile",
        "Containerfile",
        "Dockerfile",
        "Dockerfile.prod",
        "api.dockerfile",
        "services/web/Dockerfile-dev",
    ];
    assert_eq!(linted(&run), expected, "{}", run.stderr);
    assert_eq!(run.stdout, "no problems found in 6 files\n");
    assert_eq!(run.code, 0);
}

#[test]
fn walked_paths_keep_the_path_given() {
    let dir = walking_tree();
    let run = shiplint(dir.path(), &["check", "-v", "./services", "services/web"]);
    assert_eq!(
        linted(&run),
        [
            "./services/web/Dockerfile-dev",
            "services/web/Dockerfile-dev"
        ]
    );
}

#[test]
fn named_files_are_linted_whatever_their_name() {
    let dir = walking_tree();
    let args = [
        "check",
        "-v",
        "notes.txt",
        "Dockerfile.j2",
        "vendor/Dockerfile",
    ];
    let run = shiplint(dir.path(), &args);
    assert_eq!(
        linted(&run),
        ["Dockerfile.j2", "notes.txt", "vendor/Dockerfile"]
    );
}

#[test]
fn a_missing_path_is_an_error_for_that_path_only() {
    let dir = tree(&[(
        "Dockerfile",
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    )]);
    let run = shiplint(dir.path(), &["check", "-v", "missing", "Dockerfile"]);

    assert_eq!(linted(&run), ["Dockerfile"]);
    assert!(
        run.stderr
            .contains("error: missing: no such file or directory"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 2);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let dir = tree(&[(
        "sub/Dockerfile",
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    )]);
    std::os::unix::fs::symlink("..", dir.path().join("sub/loop")).expect("symlink");
    let run = shiplint(dir.path(), &["check", "-v"]);

    assert_eq!(linted(&run), ["sub/Dockerfile"]);
    assert_eq!(run.code, 0);
}

#[test]
fn debug_ast_prints_json() {
    let dir = tree(&[(
        "Dockerfile",
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    )]);
    let run = shiplint(dir.path(), &["debug", "ast", "Dockerfile"]);

    assert!(json(&run).is_object(), "{}", run.stdout);
    assert_eq!(run.code, 0);
}

/// One bad file beside a good one: the message names the bad file, the good one is still
/// reported, and the exit code is 2 when the bad one cannot be linted.
fn check_beside_a_good_file(name: &str, content: &[u8], message: Option<&str>) {
    let dir = tree(&[
        (
            "Dockerfile",
            b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
        ),
        (name, content),
    ]);
    // ShellCheck is not what these inputs test, and a huge script makes it note a skip.
    let run = shiplint(dir.path(), &["check", "--shellcheck", "off"]);

    match message {
        Some(message) => {
            let expected = format!("error: {name}: {message}\n");
            assert_eq!(run.stderr, expected, "{name}");
            assert_eq!(run.stdout, "no problems found in 1 file\n", "{name}");
            assert_eq!(run.code, 2, "{name}");
        }
        None => {
            assert_eq!(run.stderr, "", "{name}");
            assert_eq!(run.stdout, "no problems found in 2 files\n", "{name}");
            assert_eq!(run.code, 0, "{name}");
        }
    }
}

#[test]
fn binary_file() {
    let gzip = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03";
    let message = "file is binary (NUL byte at offset 3)";
    check_beside_a_good_file("Dockerfile.gz", gzip, Some(message));
}

#[test]
fn invalid_utf8() {
    let latin1 = b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\nLABEL author=caf\xe9\n";
    let message = "file is not valid UTF-8 (byte offset 61)";
    check_beside_a_good_file("Dockerfile.latin1", latin1, Some(message));
}

#[test]
fn utf16() {
    let utf16: Vec<u8> = "\u{feff}FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let message = "file is UTF-16 encoded; shiplint reads UTF-8";
    check_beside_a_good_file("Dockerfile.utf16", &utf16, Some(message));
}

#[test]
fn utf16_without_a_byte_order_mark() {
    let utf16: Vec<u8> = "FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let message = "file is UTF-16 encoded; shiplint reads UTF-8";
    check_beside_a_good_file("Dockerfile.utf16", &utf16, Some(message));
}

#[test]
fn empty_file() {
    // BuildKit rejects a Dockerfile without instructions; that is a finding, not an input error.
    let dir = tree(&[("Dockerfile.empty", b"")]);
    let run = shiplint(
        dir.path(),
        &["check", "--format", "concise", "Dockerfile.empty"],
    );

    let expected = "Dockerfile.empty:1:1: error[SL0001] File with no instructions\n";
    assert_eq!((run.stdout.as_str(), run.code), (expected, 1));
}

#[test]
fn utf8_byte_order_mark() {
    check_beside_a_good_file(
        "Dockerfile.bom",
        b"\xEF\xBB\xBFFROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
        None,
    );
}

#[test]
fn fifty_megabyte_file() {
    let dir = tree(&[(
        "Dockerfile",
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    )]);
    let huge = fs::File::create(dir.path().join("Dockerfile.huge")).expect("file");
    huge.set_len(50_000_000).expect("a sparse 50 MB file");
    let run = shiplint(dir.path(), &["check"]);

    let message =
        "error: Dockerfile.huge: file is too large to lint (47.7 MiB, the limit is 16 MiB)\n";
    assert_eq!(run.stderr, message);
    assert_eq!(run.stdout, "no problems found in 1 file\n");
    assert_eq!(run.code, 2);
}

#[test]
fn hundred_thousand_continuation_lines() {
    let text = format!(
        "FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n{}RUN b\n",
        "RUN a \\\n".repeat(100_000)
    );
    check_beside_a_good_file("Dockerfile.long", text.as_bytes(), None);
}

#[test]
fn one_megabyte_line() {
    let text = format!(
        "FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\nRUN echo {}\n",
        "x".repeat(1 << 20)
    );
    check_beside_a_good_file("Dockerfile.wide", text.as_bytes(), None);
}

#[test]
fn nul_bytes() {
    let text = b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\nRUN echo \0\0\n";
    let message = "file is binary (NUL byte at offset 54)";
    check_beside_a_good_file("Dockerfile.nul", text, Some(message));
}

#[test]
fn a_folder_named_dockerfile_is_walked() {
    let dir = tree(&[(
        "Dockerfile/Dockerfile.prod",
        b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    )]);
    for args in [&["check", "-v"][..], &["check", "-v", "Dockerfile"]] {
        let run = shiplint(dir.path(), args);
        assert_eq!(linted(&run).len(), 1, "{}", run.stderr);
        assert!(linted(&run)[0].ends_with("Dockerfile/Dockerfile.prod"));
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
}

#[test]
fn a_bad_gitignore_line_is_not_an_input_error() {
    let dir = tree(&[
        (
            "Dockerfile",
            b"FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
        ),
        (".gitignore", b"a[\n"),
    ]);
    let run = shiplint(dir.path(), &["check"]);
    assert_eq!(run.stdout, "no problems found in 1 file\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A Deployment with a key written twice (SL0004), for YAML runs that must find something.
const MANIFEST: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  name: web
";

/// Walking a project: Compose files and manifests are linted; CI workflows, Helm values,
/// pre-commit configs and kustomizations are skipped without a word; a chart's templates and
/// the patches a kustomization lists are skipped with a `-v` note.
#[test]
fn walking_skips_the_yaml_that_is_not_compose_or_manifests() {
    let dir = tree(&[
        ("compose.yaml", b"services:\n  web:\n    image: nginx:1\n"),
        ("k8s/deploy.yaml", MANIFEST.as_bytes()),
        (
            ".github/workflows/ci.yml",
            b"on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: postgres\n",
        ),
        (".pre-commit-config.yaml", b"repos:\n  - repo: local\n"),
        ("chart/Chart.yaml", b"apiVersion: v2\nname: chart\nversion: 1.0.0\n"),
        ("chart/values.yaml", b"image:\n  tag: latest\n"),
        (
            "chart/templates/deploy.yaml",
            b"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include \"chart.labels\" . | nindent 4 }}\n",
        ),
        (
            "overlay/kustomization.yaml",
            b"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../k8s\npatches:\n  - path: replicas.yaml\n",
        ),
        (
            "overlay/replicas.yaml",
            b"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n",
        ),
    ]);

    let quiet = shiplint(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(quiet.stderr, "");
    assert_eq!(
        quiet.stdout,
        "compose.yaml:2:3: info[SL2004] Service `web` has no `healthcheck`\n\
         k8s/deploy.yaml:5:3: error[SL0004] Duplicate key `name`\n"
    );
    assert_eq!(quiet.code, 1);

    let verbose = shiplint(dir.path(), &["check", "--format", "concise", "-v"]);
    assert_eq!(linted(&verbose), ["compose.yaml", "k8s/deploy.yaml"]);
    let skips: Vec<&str> = verbose
        .stderr
        .lines()
        .filter(|line| line.starts_with("skip: "))
        .collect();
    assert_eq!(skips.len(), 7, "{}", verbose.stderr);
    for (path, reason) in [
        (
            "chart/templates/deploy.yaml",
            "a template of the Helm chart in `chart`",
        ),
        (
            "overlay/replicas.yaml",
            "a patch listed in `overlay/kustomization.yaml`",
        ),
        (
            "chart/values.yaml",
            "neither a Compose file nor Kubernetes manifests",
        ),
        (
            "overlay/kustomization.yaml",
            "neither a Compose file nor Kubernetes manifests",
        ),
    ] {
        let found = skips
            .iter()
            .any(|line| line.starts_with(&format!("skip: {path} (")) && line.contains(reason));
        assert!(found, "{path}: {reason}\n{}", verbose.stderr);
    }
}

#[test]
fn a_named_yaml_file_that_is_neither_is_skipped_without_failing() {
    let dir = tree(&[("values.yaml", b"replicaCount: 1\n")]);
    let run = shiplint(dir.path(), &["check", "values.yaml"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "no problems found in 0 files\n", "")
    );

    let verbose = shiplint(dir.path(), &["check", "-v", "values.yaml"]);
    assert_eq!(verbose.code, 0);
    assert!(
        verbose
            .stderr
            .contains("skip: values.yaml (neither a Compose file nor Kubernetes manifests)"),
        "{}",
        verbose.stderr
    );
}

/// `helm template … | shiplint check - --stdin-filename app.yaml`: the rendered manifests are
/// linted, and each finding names the template it was rendered from.
#[test]
fn rendered_helm_output_on_standard_input() {
    let rendered = format!("---\n# Source: chart/templates/deploy.yaml\n{MANIFEST}");
    let dir = tree(&[]);
    let args = [
        "check",
        "-",
        "--stdin-filename",
        "app.yaml",
        "--color",
        "never",
    ];
    let run = shiplint_with_stdin(dir.path(), &args, rendered.as_bytes());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("error[SL0004]: Duplicate key `name`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("app.yaml:7:3"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("rendered from `chart/templates/deploy.yaml`"),
        "{}",
        run.stdout
    );

    let args = [
        "check",
        "-",
        "--stdin-filename",
        "app.yaml",
        "--format",
        "concise",
    ];
    let run = shiplint_with_stdin(dir.path(), &args, rendered.as_bytes());
    assert_eq!(
        run.stdout,
        "app.yaml:7:3: error[SL0004] Duplicate key `name`\n"
    );
}

#[test]
fn a_template_on_standard_input_is_skipped_with_a_note() {
    let template = b"apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    {{- include \"x\" . }}\n";
    let dir = tree(&[]);
    let args = ["check", "-v", "-", "--stdin-filename", "pod.yaml"];
    let run = shiplint_with_stdin(dir.path(), &args, template);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("skip: pod.yaml (a template: its `{{ }}` actions are not YAML)"),
        "{}",
        run.stderr
    );
}

/// Suppressions in a manifest: a comment above an entry and the `shiplint.io/ignore`
/// annotation silence their findings, and one that silences nothing is reported.
#[test]
fn yaml_suppressions_through_the_binary() {
    let text = "\
apiVersion: v1
kind: Pod
metadata:
  name: a
  # shiplint ignore=SL0004 -- generated twice by our tool
  name: a
---
apiVersion: v1
kind: Pod
metadata:
  annotations:
    shiplint.io/ignore: duplicate-key, SL0001 -- reviewed
  name: b
  name: b
";
    let dir = tree(&[("pods.yaml", text.as_bytes())]);
    let run = shiplint(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        run.stdout,
        "pods.yaml:12:40: warning[SL0002] Suppression of `SL0001` matches no finding\n"
    );
}
