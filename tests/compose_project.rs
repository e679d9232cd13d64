//! A Compose project read whole: `testdata/compose-project/compose.yaml` includes a file, has
//! an override, a service that extends one of another file, a `.env` value and a service built
//! from a Dockerfile. Each finding must come back in the report of the file it was written in,
//! and linting the override alone must give the same findings.

use std::collections::BTreeSet;
use std::path::Path;

use shiplint::{FileKind, Settings, lint_source};

/// `path:line code` for every finding of a lint and of the files it reached.
fn findings(name: &str) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/compose-project");
    let path = root.join(name);
    let source = shiplint::input::read_source(&path, &path.to_string_lossy()).unwrap();
    let linted = lint_source(&source, FileKind::Compose, &Settings::default());
    let mut reports = vec![(source, linted.diagnostics)];
    reports.extend(
        linted
            .related
            .into_iter()
            .map(|r| (r.source, r.diagnostics)),
    );

    let mut out = BTreeSet::new();
    for (source, diagnostics) in reports {
        let file = Path::new(&source.path)
            .strip_prefix(&root)
            .unwrap()
            .to_owned();
        for d in diagnostics {
            let line = source.position(d.span.start).line;
            out.insert(format!("{}:{line} {}", file.display(), d.code));
        }
    }
    out
}

#[test]
fn findings_belong_to_the_file_they_were_written_in() {
    let got = findings("compose.yaml");
    let expected = [
        // The override's `privileged: true`.
        "compose.override.yaml:3 SL2101",
        // The extended service's capability, reported in the file that grants it.
        "common.yaml:5 SL2103",
        // `.env` sets WEB_TAG=latest.
        "compose.yaml:15 SL2002",
        // The included file's untagged image.
        "shared/compose.yaml:3 SL2002",
        // The Dockerfile, linted with the service's build argument: no DL3007 for `latest`.
        "app/Dockerfile:2 SL1001",
        // No `user` and a Dockerfile that runs as root.
        "compose.yaml:4 SL2001",
    ];
    for finding in expected {
        assert!(got.contains(finding), "{finding} missing from {got:#?}");
    }
    assert!(
        !got.iter().any(|f| f.contains("DL3007")
            || f.contains("SL2004")
            // The override's `pid: host` has a suppression comment above it, which applies
            // when the override is reached through the project too.
            || f.contains("SL2105")
            || f.contains("SL0002")),
        "{got:#?}"
    );
}

#[test]
fn the_override_alone_gives_the_same_project() {
    assert_eq!(findings("compose.override.yaml"), findings("compose.yaml"));
}
