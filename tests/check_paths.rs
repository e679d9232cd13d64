//! The library's entry point, `shiplint::check_paths`: what a build script or another program
//! gets back for a set of paths, and the checks that look across the manifests of one run.

use std::fs;
use std::path::Path;

use shiplint::{CheckOptions, FileKind, Settings, SourceFile, check_paths, check_source};

const WEB: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: builder
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
";

const API: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: nginx:1.27
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
";

fn codes_of(diagnostics: &[shiplint::Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code.as_ref()).collect()
}

#[test]
fn cross_object_checks_see_every_manifest_of_the_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("web.yaml"), WEB).unwrap();
    fs::write(dir.path().join("api.yaml"), API).unwrap();

    // Alone, web.yaml's Service selects no pod of its file and its pod's account is undefined.
    let alone = SourceFile::new("web.yaml", WEB);
    let diagnostics = check_source(&alone, FileKind::Yaml, &Settings::default());
    let codes = codes_of(&diagnostics);
    assert!(codes.contains(&"SL3122"), "{codes:?}");
    assert!(codes.contains(&"SL3124"), "{codes:?}");

    // Together with api.yaml, both are defined.
    let report = check_paths(&[dir.path()], &CheckOptions::default()).unwrap();
    assert_eq!(report.files.len(), 2);
    for file in &report.files {
        let codes = codes_of(&file.diagnostics);
        assert!(
            !codes.contains(&"SL3122"),
            "{}: {codes:?}",
            file.source.path
        );
        assert!(
            !codes.contains(&"SL3124"),
            "{}: {codes:?}",
            file.source.path
        );
    }
}

#[test]
fn reports_are_sorted_and_bad_inputs_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Dockerfile"), "FROM alpine:latest\n").unwrap();
    fs::create_dir(dir.path().join("ci")).unwrap();
    fs::write(dir.path().join("ci/workflow.yml"), "on: push\njobs: {}\n").unwrap();
    let missing = dir.path().join("missing");
    let paths = [dir.path(), missing.as_path()];

    let report = check_paths(&paths, &CheckOptions::default()).unwrap();
    let linted: Vec<&str> = report
        .files
        .iter()
        .map(|f| f.source.path.as_str())
        .collect();
    assert_eq!(linted.len(), 1, "{linted:?}");
    assert!(Path::new(linted[0]).ends_with("Dockerfile"));
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.exit_code(), 2);
}
