//! Configuration end to end: which config applies to a file, what its keys do to the findings
//! and the exit code, the command line's flags over it, its errors, hadolint's config, and the
//! `config show` and `migrate hadolint` commands.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use shiplint::config::discover::{Finder, Lookup};
use shiplint::config::{Overrides, Source};
use tempfile::TempDir;

mod common;

use common::cli::Run;

/// Fires DL3007 (warning), DL3018 (warning), DL3057 (info) and SL1001 (warning).
const DOCKERFILE: &str = "FROM alpine:latest\nRUN apk add --no-cache curl\n";

/// Fires DL3057 (info) only.
const QUIET_DOCKERFILE: &str = "FROM alpine:3.22\nUSER 10001\n";

impl Run {
    /// The codes reported, in order, from `--format concise` output.
    fn codes(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter_map(|line| {
                let start = line.find('[')? + 1;
                let end = line.find(']')?;
                line.get(start..end).map(str::to_owned)
            })
            .collect()
    }
}

/// A temporary folder with these files in it.
fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    dir
}

/// `shiplint ARGS` in `dir`, without the machine-dependent ShellCheck note.
fn shiplint(dir: &Path, args: &[&str]) -> Run {
    let mut run = common::cli::shiplint(dir, args);
    run.stderr = without_missing_shellcheck(&run.stderr);
    run
}

/// Standard error without the note that ShellCheck is not installed: whether it is depends on
/// the machine, and `tests/shellcheck.rs` tests that note.
fn without_missing_shellcheck(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|line| !line.starts_with("note: ShellCheck is not installed"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// `shiplint check --format concise ARGS` in `dir`.
fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--format", "concise"];
    all.extend(args);
    shiplint(dir, &all)
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn the_nearest_config_applies() {
    // (files, folder to run in, arguments, codes reported)
    type Case<'a> = (
        &'a [(&'a str, &'a str)],
        &'a str,
        &'a [&'a str],
        &'a [&'a str],
    );
    let cases: &[Case] = &[
        (
            &[
                ("shiplint.toml", "ignore = [\"DL3007\"]\n"),
                ("a/b/Dockerfile", DOCKERFILE),
            ],
            "",
            &["a/b/Dockerfile"],
            &["DL3057", "SL1001", "DL3018"],
        ),
        (
            &[
                ("shiplint.toml", "ignore = [\"DL3007\"]\n"),
                ("a/b/Dockerfile", DOCKERFILE),
            ],
            "a/b",
            &[],
            &["DL3057", "SL1001", "DL3018"],
        ),
        (
            &[
                (".shiplint.toml", "ignore = [\"DL3018\"]\n"),
                ("Dockerfile", DOCKERFILE),
            ],
            "",
            &[],
            &["DL3057", "SL1001", "DL3007"],
        ),
        (
            &[
                ("shiplint.toml", "ignore = [\"DL3007\"]\n"),
                (".shiplint.toml", "ignore = [\"DL3018\"]\n"),
                ("Dockerfile", DOCKERFILE),
            ],
            "",
            &[],
            &["DL3057", "SL1001", "DL3018"],
        ),
        (
            &[
                ("shiplint.toml", "ignore = [\"DL3007\"]\n"),
                ("a/shiplint.toml", "ignore = [\"DL3018\"]\n"),
                ("a/Dockerfile", DOCKERFILE),
                ("Dockerfile", DOCKERFILE),
            ],
            "",
            &[],
            &["DL3057", "SL1001", "DL3018", "DL3057", "SL1001", "DL3007"],
        ),
        (
            &[
                (
                    "Cargo.toml",
                    "[package]\nname = \"x\"\n[package.metadata.shiplint]\nignore = [\"DL3007\"]\n",
                ),
                ("Dockerfile", DOCKERFILE),
            ],
            "",
            &[],
            &["DL3057", "SL1001", "DL3018"],
        ),
        (
            &[
                (
                    "Cargo.toml",
                    "[workspace]\nmembers = [\"a\"]\n\
                     [workspace.metadata.shiplint]\nignore = [\"DL3007\"]\n",
                ),
                ("a/Cargo.toml", "[package]\nname = \"a\"\n"),
                ("a/Dockerfile", DOCKERFILE),
            ],
            "",
            &[],
            &["DL3057", "SL1001", "DL3018"],
        ),
    ];
    for (files, cwd, args, expected) in cases {
        let dir = tree(files);
        let run = check(&dir.path().join(cwd), args);
        assert_eq!(run.codes(), codes(expected), "{files:?}\n{}", run.stderr);
    }
}

#[test]
fn config_flag_and_isolated() {
    let dir = tree(&[
        ("shiplint.toml", "ignore = [\"DL3007\"]\n"),
        ("other.toml", "ignore = [\"DL3018\"]\n"),
        ("Dockerfile", DOCKERFILE),
    ]);
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &["DL3057", "SL1001", "DL3018"]),
        (&["--config", "other.toml"], &["DL3057", "SL1001", "DL3007"]),
        (&["--isolated"], &["DL3057", "SL1001", "DL3007", "DL3018"]),
    ];
    for (args, expected) in cases {
        let run = check(dir.path(), args);
        assert_eq!(run.codes(), codes(expected), "{args:?}\n{}", run.stderr);
    }
}

#[test]
fn select_extend_select_and_ignore() {
    // (config, flags, codes reported)
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("select = [\"DL3007\"]\n", &[], &["DL3007"]),
        ("select = [\"DL\"]\n", &[], &["DL3057", "DL3007", "DL3018"]),
        // Selecting a prefix turns on its off-by-default rules too (SL1004).
        ("select = [\"SL\"]\n", &[], &["SL1001", "SL1004"]),
        ("select = [\"missing-user\"]\n", &[], &["SL1001"]),
        (
            "select = [\"all\"]\nignore = [\"DL3\"]\n",
            &[],
            &["SL1001", "SL1004"],
        ),
        (
            "select = [\"all\"]\nignore = [\"DL3\"]\nextend-select = [\"DL3007\"]\n",
            &[],
            &["SL1001", "SL1004", "DL3007"],
        ),
        ("ignore = [\"DL\"]\n", &[], &["SL1001"]),
        (
            "ignore = [\"latest-tag\", \"DL3018\"]\n",
            &[],
            &["DL3057", "SL1001"],
        ),
        ("", &["--select", "DL3007,DL3018"], &["DL3007", "DL3018"]),
        (
            "",
            &["--select", "DL3007", "--select", "SL1001"],
            &["SL1001", "DL3007"],
        ),
        (
            "",
            &["--ignore", "DL", "--extend-select", "DL3018"],
            &["SL1001", "DL3018"],
        ),
        (
            "ignore = [\"DL3007\"]\n",
            &["--extend-select", "DL3007"],
            &["DL3057", "SL1001", "DL3007", "DL3018"],
        ),
        ("select = [\"SL\"]\n", &["--select", "DL3007"], &["DL3007"]),
    ];
    for (config, args, expected) in cases {
        let dir = tree(&[("shiplint.toml", config), ("Dockerfile", DOCKERFILE)]);
        let run = check(dir.path(), args);
        assert_eq!(
            run.codes(),
            codes(expected),
            "{config} {args:?}\n{}",
            run.stderr
        );
    }
}

#[test]
fn per_file_ignores() {
    let dir = tree(&[
        (
            "shiplint.toml",
            "[per-file-ignores]\n\
             \"legacy/**/Dockerfile\" = [\"DL3018\", \"latest-tag\"]\n\
             \"*.prod\" = [\"SL\"]\n",
        ),
        ("legacy/old/Dockerfile", DOCKERFILE),
        ("Dockerfile", DOCKERFILE),
        ("Dockerfile.prod", DOCKERFILE),
    ]);
    let run = check(dir.path(), &[]);
    let expected = "\
Dockerfile:1:6: info[DL3057]
Dockerfile:1:6: warning[SL1001]
Dockerfile:1:13: warning[DL3007]
Dockerfile:2:24: warning[DL3018]
Dockerfile.prod:1:6: info[DL3057]
Dockerfile.prod:1:13: warning[DL3007]
Dockerfile.prod:2:24: warning[DL3018]
legacy/old/Dockerfile:1:6: info[DL3057]
legacy/old/Dockerfile:1:6: warning[SL1001]
";
    assert_eq!(heads(&run.stdout), expected, "{}", run.stderr);
}

/// Concise lines up to the code, without the message.
fn heads(stdout: &str) -> String {
    stdout
        .lines()
        .filter_map(|line| line.split_once(']'))
        .map(|(head, _)| format!("{head}]\n"))
        .collect()
}

#[test]
fn severity_and_failure_threshold_decide_the_exit_code() {
    // (config, flags, Dockerfile, exit code)
    let cases: &[(&str, &[&str], &str, i32)] = &[
        ("", &[], QUIET_DOCKERFILE, 0),
        ("[severity]\nDL3057 = \"error\"\n", &[], QUIET_DOCKERFILE, 1),
        (
            "[severity]\nmissing-healthcheck = \"warning\"\n",
            &[],
            QUIET_DOCKERFILE,
            1,
        ),
        ("", &["--severity", "DL3057=warning"], QUIET_DOCKERFILE, 1),
        (
            "[severity]\nDL3057 = \"error\"\n",
            &["--severity", "DL3057=style"],
            QUIET_DOCKERFILE,
            0,
        ),
        ("failure-threshold = \"info\"\n", &[], QUIET_DOCKERFILE, 1),
        ("failure-threshold = \"error\"\n", &[], DOCKERFILE, 0),
        (
            "failure-threshold = \"error\"\n",
            &["--failure-threshold", "warning"],
            DOCKERFILE,
            1,
        ),
        (
            "failure-threshold = \"none\"\n[severity]\nDL3007 = \"error\"\n",
            &[],
            DOCKERFILE,
            0,
        ),
    ];
    for (config, args, dockerfile, code) in cases {
        let dir = tree(&[("shiplint.toml", config), ("Dockerfile", dockerfile)]);
        let run = check(dir.path(), args);
        assert_eq!(
            run.code, *code,
            "{config} {args:?}\n{}{}",
            run.stdout, run.stderr
        );
    }
    let dir = tree(&[
        ("shiplint.toml", "[severity]\nDL3057 = \"error\"\n"),
        ("Dockerfile", QUIET_DOCKERFILE),
    ]);
    assert_eq!(
        check(dir.path(), &[]).stdout,
        "Dockerfile:1:6: error[DL3057] Final stage has no `HEALTHCHECK`\n"
    );
}

#[test]
fn exclude_and_force_exclude() {
    let files: &[(&str, &str)] = &[
        (
            "shiplint.toml",
            "exclude = [\"vendor/**\"]\nextend-exclude = [\"old\"]\n",
        ),
        ("vendor/x/Dockerfile", QUIET_DOCKERFILE),
        ("src/old/Dockerfile", QUIET_DOCKERFILE),
        ("Dockerfile", QUIET_DOCKERFILE),
    ];
    let dir = tree(files);
    // (flags, files linted)
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &["Dockerfile"]),
        (&["."], &["./Dockerfile"]),
        (&["vendor/x/Dockerfile"], &["vendor/x/Dockerfile"]),
        (
            &["--force-exclude", "vendor/x/Dockerfile", "Dockerfile"],
            &["Dockerfile"],
        ),
        (
            &["--exclude", "src"],
            &["Dockerfile", "vendor/x/Dockerfile"],
        ),
        (&["--extend-exclude", "Dockerfile"], &[]),
    ];
    for (args, expected) in cases {
        let run = check(dir.path(), args);
        let linted: Vec<&str> = run
            .stdout
            .lines()
            .filter_map(|l| l.split(':').next())
            .collect();
        assert_eq!(linted, *expected, "{args:?}\n{}", run.stderr);
    }
}

#[test]
fn config_errors_point_at_the_key() {
    let cases = [
        (
            "selec = [\"DL3007\"]\n",
            "error: shiplint.toml:1:1: unknown key `selec`; did you mean `select`?\n",
        ),
        (
            "\n\nfailure-threshold = 3\n",
            "error: shiplint.toml:3:21: expected a string\n",
        ),
        (
            "ignore = [\"DL3007\", \"latest-tags\"]\n",
            "error: shiplint.toml:1:21: unknown rule `latest-tags`; did you mean `latest-tag`?\n",
        ),
        (
            "[severity]\nDL3057 = \"fatal\"\n",
            "error: shiplint.toml:2:10: unknown severity `fatal`; \
             expected error, warning, info or style\n",
        ),
        (
            "exclude = \"vendor\"\n",
            "error: shiplint.toml:1:11: expected an array of strings\n",
        ),
        ("rule-dirs = [\"missing\"]\n", ""),
    ];
    for (config, expected) in cases {
        let dir = tree(&[("shiplint.toml", config), ("Dockerfile", DOCKERFILE)]);
        let run = check(dir.path(), &[]);
        assert_eq!(run.code, 2, "{config}");
        assert_eq!(run.stdout, "", "{config}");
        if !expected.is_empty() {
            assert_eq!(run.stderr, expected, "{config}");
        } else {
            assert!(
                run.stderr.starts_with("error: shiplint.toml:1:14: "),
                "{}",
                run.stderr
            );
        }
    }
}

#[test]
fn command_line_errors() {
    let dir = tree(&[("Dockerfile", DOCKERFILE)]);
    let run = check(dir.path(), &["--select", "DL9999"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: invalid `--select` value: unknown rule `DL9999`\n"
        )
    );
    let run = check(dir.path(), &["--severity", "DL3007"]);
    assert_eq!(run.code, 2);
    let run = check(dir.path(), &["--config", "missing.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: missing.toml: cannot read the config: "),
        "{}",
        run.stderr
    );
}

#[test]
fn user_rules_are_read_at_their_table() {
    // The rule lacks a matcher, so it is invalid whatever user rules come to support.
    let config = "ignore = [\"DL3007\"]\n\n[[rules]]\ncode = \"ORG001\"\n";
    let dir = tree(&[("shiplint.toml", config), ("Dockerfile", DOCKERFILE)]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: shiplint.toml:3:1: invalid user rule: "),
        "{}",
        run.stderr
    );
}

#[test]
fn hadolint_config_without_a_shiplint_one() {
    let yaml = fs::read_to_string("testdata/config/hadolint/.hadolint.yaml").expect("fixture");
    let dir = tree(&[(".hadolint.yaml", &yaml), ("a/Dockerfile", DOCKERFILE)]);
    let run = check(&dir.path().join("a"), &[]);
    let expected_stdout = "\
Dockerfile:1:6: info[DL3049] Label `maintainer` is missing
Dockerfile:1:6: info[DL3049] Label `org.opencontainers.image.version` is missing
Dockerfile:1:6: style[DL3057] Final stage has no `HEALTHCHECK`
Dockerfile:1:6: warning[SL1001] Final stage never sets `USER`, so the container runs as root
Dockerfile:2:24: error[DL3018] `curl` is installed without a pinned version in `apk add`
";
    let expected_stderr = "\
note: using hadolint config ../.hadolint.yaml (shiplint migrate hadolint writes shiplint.toml)
note: `DL9999` in `ignored` is skipped: shiplint has no such rule
note: `format` is skipped: shiplint's output is chosen on its command line
";
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        (expected_stdout, expected_stderr)
    );
    assert_eq!(run.code, 1, "DL3018 is an error, the threshold is error");

    let show = shiplint(dir.path(), &["config", "show", "a/Dockerfile"]);
    assert!(
        show.stdout
            .starts_with("# settings from .hadolint.yaml (hadolint)\n"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("trusted-registries = [\"docker.io\", \"ghcr.io/myorg\"]\n")
    );
    assert!(show.stdout.contains("ignore = [\"DL3007\", \"SC2086\"]\n"));
}

#[test]
fn a_shiplint_config_anywhere_above_wins_over_hadolint() {
    let dir = tree(&[
        ("shiplint.toml", "ignore = [\"DL3018\"]\n"),
        ("a/.hadolint.yml", "ignored: [DL3007]\n"),
        ("a/Dockerfile", DOCKERFILE),
    ]);
    let run = check(dir.path(), &[]);
    assert_eq!(run.codes(), codes(&["DL3057", "SL1001", "DL3007"]));
    assert_eq!(run.stderr, "");

    let run = check(dir.path(), &["--config", "a/.hadolint.yml"]);
    assert_eq!(run.codes(), codes(&["DL3057", "SL1001", "DL3018"]));
}

#[test]
fn migrate_hadolint() {
    let yaml = fs::read_to_string("testdata/config/hadolint/.hadolint.yaml").expect("fixture");
    let expected = fs::read_to_string("testdata/config/hadolint/expected.toml").expect("fixture");
    let notes = fs::read_to_string("testdata/config/hadolint/notes.txt").expect("fixture");
    let dir = tree(&[(".hadolint.yaml", &yaml), ("Dockerfile", DOCKERFILE)]);

    let run = shiplint(dir.path(), &["migrate", "hadolint"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, notes.as_str()));
    let written = fs::read_to_string(dir.path().join("shiplint.toml")).expect("written");
    assert_eq!(written, expected);

    // The written config gives what the hadolint config gave, without the note.
    let run = check(dir.path(), &[]);
    let wanted = ["DL3049", "DL3049", "DL3057", "SL1001", "DL3018"];
    assert_eq!(run.codes(), codes(&wanted));
    assert_eq!(run.stderr, "");

    let run = shiplint(dir.path(), &["migrate", "hadolint"]);
    assert_eq!(
        (run.code, run.stderr.lines().last()),
        (
            2,
            Some("error: shiplint.toml exists; pass --force to overwrite it")
        )
    );
    let run = shiplint(
        dir.path(),
        &[
            "migrate",
            "hadolint",
            "--force",
            "--input",
            ".hadolint.yaml",
            "--output",
            "-",
        ],
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, expected.as_str()));
}

#[test]
fn config_show() {
    let dir = tree(&[
        (
            "sub/shiplint.toml",
            "select = [\"DL\"]\n[severity]\nDL3007 = \"error\"\n",
        ),
        ("sub/Dockerfile", DOCKERFILE),
    ]);
    let run = shiplint(dir.path(), &["config", "show", "sub"]);
    let expected = "\
# settings from sub/shiplint.toml
select = [\"DL\"]
extend-select = []
ignore = []
failure-threshold = \"warning\"
";
    assert!(run.stdout.starts_with(expected), "{}", run.stdout);
    assert!(run.stdout.contains("\n[severity]\nDL3007 = \"error\"\n"));
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("# rules that run on sub/Dockerfile: DL"),
        "{last}"
    );
    assert!(last.contains("DL3007") && !last.contains("SL"), "{last}");

    let run = shiplint(dir.path(), &["config", "show"]);
    assert!(
        run.stdout
            .starts_with("# settings: defaults (no config file found)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn configs_are_read_once_per_folder() {
    let dir = tree(&[
        ("shiplint.toml", "ignore = [\"DL3007\"]\n"),
        ("a/Dockerfile", DOCKERFILE),
        ("a/b/Dockerfile", DOCKERFILE),
        ("c/.hadolint.yaml", "ignored: [DL3018]\n"),
    ]);
    let root = dir.path();
    let mut finder = Finder::new(Lookup::Nearest, Overrides::default()).expect("no flags");
    let a = finder.for_file(&root.join("a/Dockerfile")).expect("valid");
    let b = finder
        .for_file(&root.join("a/b/Dockerfile"))
        .expect("valid");
    let top = finder.for_dir(root).expect("valid");
    assert!(Arc::ptr_eq(&a, &b) && Arc::ptr_eq(&a, &top));
    assert!(matches!(&a.source, Source::Shiplint(p) if p.ends_with("shiplint.toml")));

    // A shiplint config above the hadolint one wins.
    let c = finder.for_dir(&root.join("c")).expect("valid");
    assert!(Arc::ptr_eq(&a, &c));

    let isolated = Finder::new(Lookup::Isolated, Overrides::default()).expect("no flags");
    let mut isolated = isolated;
    let config = isolated
        .for_file(&root.join("a/Dockerfile"))
        .expect("defaults");
    assert_eq!(config.source, Source::Defaults);
}

#[test]
fn library_selection_per_file() {
    let dir = tree(&[(
        "shiplint.toml",
        "ignore = [\"DL3007\"]\n[per-file-ignores]\n\"legacy/**\" = [\"DL3018\"]\n",
    )]);
    let mut finder = Finder::new(Lookup::Nearest, Overrides::default()).expect("no flags");
    let config = finder.for_dir(dir.path()).expect("valid");
    let legacy = config.selection(&dir.path().join("legacy/x/Dockerfile"));
    let other = config.selection(&dir.path().join("Dockerfile"));
    assert!(!legacy.is_enabled("DL3018", "unpinned-apk-package", true));
    assert!(other.is_enabled("DL3018", "unpinned-apk-package", true));
    assert!(!other.is_enabled("DL3007", "latest-tag", true));
}
