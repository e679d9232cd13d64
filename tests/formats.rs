//! The formats that code hosts and CI systems read, from the real binary: SARIF against the
//! SARIF 2.1.0 schema and GitHub's requirements, GitHub annotations, GitLab Code Quality,
//! Checkstyle and JUnit XML, JSON lines; paths from the project root whatever folder shiplint
//! runs from; `--output-file`.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

mod common;

use common::cli::{Run, shiplint};

/// A GitHub token in a Dockerfile: no format may show it.
const TOKEN: &str = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

/// A repository: a Dockerfile with findings (one on a line with non-ASCII text), a Compose
/// file, a manifest, a file that cannot be linted, and a folder name that XML must escape.
fn project() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let dockerfile = format!(
        "FROM alpine:latest\n\
         LABEL description=\"für 😀 alle\"\n\
         RUN echo \"😀\" && apk add curl\n\
         ENV GITHUB_TOKEN={TOKEN}\n"
    );
    let files: [(&str, &[u8]); 5] = [
        ("svc/Dockerfile", dockerfile.as_bytes()),
        ("svc/compose.yaml", b"services:\n  web:\n    image: nginx:latest\n"),
        (
            "k8s/pod.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n",
        ),
        ("bad/Dockerfile", b"FROM a\0\n"),
        ("a&b <c>/Dockerfile", b"FROM alpine:latest\n"),
    ];
    for (path, bytes) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }
    fs::create_dir(dir.path().join(".git")).expect("a .git folder marks the top");
    dir
}

/// `check --format FORMAT --select all` on the project, from its top.
fn from_top(dir: &Path, format: &str) -> Run {
    let paths = ["svc", "k8s", "bad", "a&b <c>"];
    let mut args = vec!["check", "--format", format, "--select", "all"];
    args.extend(paths);
    shiplint(dir, &args)
}

/// The same run from `svc/`, naming the other folders with `../`.
fn from_subfolder(dir: &Path, format: &str) -> Run {
    let paths = [".", "../k8s", "../bad", "../a&b <c>"];
    let mut args = vec!["check", "--format", format, "--select", "all"];
    args.extend(paths);
    shiplint(&dir.join("svc"), &args)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn sarif_follows_the_schema_and_githubs_rules() {
    let dir = project();
    let run = from_top(dir.path(), "sarif");
    assert_eq!(
        run.code, 2,
        "the binary file cannot be linted: {}",
        run.stderr
    );
    assert!(!run.stdout.contains(TOKEN));
    let log = json(&run.stdout);

    let schema = json(&fs::read_to_string("testdata/sarif/sarif-2.1.0.json").expect("schema"));
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let problems: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&broken), "the schema is really checked");

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    check_rules(rules);
    let results = run["results"].as_array().expect("results");
    assert!(results.len() >= 6, "{results:#?}");
    for result in results {
        check_result(result, rules);
    }
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "bad/Dockerfile"
    );
}

/// What GitHub requires of each rule, and the limits it sets.
fn check_rules(rules: &[Value]) {
    let mut ids = HashSet::new();
    for rule in rules {
        let id = rule["id"].as_str().expect("id");
        assert!(ids.insert(id), "{id} twice");
        for key in ["shortDescription", "fullDescription", "help"] {
            let text = rule[key]["text"].as_str().unwrap_or_default();
            assert!(
                !text.is_empty() && text.len() <= 1024 || key == "help",
                "{id} {key}"
            );
        }
        assert!(rule["properties"]["tags"].as_array().expect("tags").len() <= 20);
        let security = rule["properties"]["tags"]
            .as_array()
            .is_some_and(|tags| tags.iter().any(|t| t == "security"));
        let score = rule["properties"]["security-severity"].as_str();
        assert_eq!(
            security,
            score.is_some(),
            "{id}: security rules have a score"
        );
        if let Some(score) = score {
            let score: f64 = score.parse().expect("a number");
            assert!(score > 0.0 && score <= 10.0);
        }
    }
}

/// What GitHub requires of each result: a rule that exists, one location relative to the
/// root, a one-line region in UTF-16 columns, a fingerprint.
fn check_result(result: &Value, rules: &[Value]) {
    let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[index]["id"], result["ruleId"]);
    assert!(
        !result["message"]["text"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );
    let locations = result["locations"].as_array().expect("locations");
    assert_eq!(locations.len(), 1);
    let physical = &locations[0]["physicalLocation"];
    let uri = physical["artifactLocation"]["uri"].as_str().expect("uri");
    assert!(!uri.starts_with('/') && !uri.contains(".."), "{uri}");
    assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let region = &physical["region"];
    assert!(region["startLine"].as_u64().expect("startLine") >= 1);
    assert_eq!(region["startLine"], region["endLine"]);
    assert!(region["endColumn"].as_u64() > region["startColumn"].as_u64());
    let hash = result["partialFingerprints"]["primaryLocationLineHash"].as_str();
    assert!(hash.is_some_and(|h| h.contains(':')));
}

#[test]
fn sarif_regions_count_utf16_and_uris_are_encoded() {
    let dir = project();
    let log = json(&from_top(dir.path(), "sarif").stdout);
    let results = log["runs"][0]["results"].as_array().expect("results");
    let at = |code: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == code)
            .unwrap_or_else(|| panic!("{code} in {results:#?}"))["locations"][0]["physicalLocation"]
            .clone()
    };

    // `curl` follows `RUN echo "😀" && apk add `: 24 characters, 25 UTF-16 code units.
    let curl = at("DL3018");
    assert_eq!(curl["artifactLocation"]["uri"], "svc/Dockerfile");
    assert_eq!(curl["region"]["startLine"], 3);
    assert_eq!(curl["region"]["startColumn"], 26);
    assert_eq!(curl["region"]["endColumn"], 30);

    let escaped = results.iter().any(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "a%26b%20%3Cc%3E/Dockerfile"
    });
    assert!(escaped, "{results:#?}");
}

#[test]
fn host_formats_are_the_same_from_a_subfolder() {
    let dir = project();
    for format in ["sarif", "github", "gitlab"] {
        let top = from_top(dir.path(), format);
        let sub = from_subfolder(dir.path(), format);
        assert_eq!(top.stdout, sub.stdout, "{format}");
        assert_eq!(top.code, sub.code, "{format}");
    }
}

#[test]
fn project_root_sets_where_paths_start() {
    let dir = project();
    let args = [
        "check",
        "--format",
        "gitlab",
        "--project-root",
        "svc",
        "svc",
    ];
    let issues = json(&shiplint(dir.path(), &args).stdout);
    let paths: HashSet<&str> = issues
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|issue| issue["location"]["path"].as_str())
        .collect();
    assert_eq!(paths, HashSet::from(["Dockerfile", "compose.yaml"]));

    let missing = shiplint(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--project-root",
            "nowhere",
            "svc",
        ],
    );
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nowhere"), "{}", missing.stderr);
}

#[test]
fn sarif_category_names_the_upload() {
    let dir = project();
    let args = [
        "check",
        "--format",
        "sarif",
        "--sarif-category",
        "dockerfiles",
        "svc",
    ];
    let log = json(&shiplint(dir.path(), &args).stdout);
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "dockerfiles/");
}

#[test]
fn output_file_saves_the_report_and_prints_the_pretty_one() {
    let dir = project();
    let args = [
        "check",
        "--format",
        "sarif",
        "--output-file",
        "out.sarif",
        "svc",
    ];
    let run = shiplint(dir.path(), &args);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("warning[DL3007]"), "{}", run.stdout);
    let saved = json(&fs::read_to_string(dir.path().join("out.sarif")).expect("written"));
    assert_eq!(saved["version"], "2.1.0");

    let args = ["check", "--output-file", "no/such/folder/out.txt", "svc"];
    let run = shiplint(dir.path(), &args);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no/such/folder/out.txt"),
        "{}",
        run.stderr
    );
}

#[test]
fn github_annotations_then_a_summary() {
    let dir = project();
    let run = from_top(dir.path(), "github");
    assert!(!run.stdout.contains(TOKEN));
    let lines: Vec<&str> = run.stdout.lines().collect();
    let (summary, annotations) = lines.split_last().expect("lines");

    assert!(summary.starts_with("shiplint: found "), "{summary}");
    assert!(summary.contains("1 file could not be linted"), "{summary}");
    assert!(annotations.contains(&"::error file=bad/Dockerfile,title=shiplint::bad/Dockerfile: file is binary (NUL byte at offset 6)"), "{annotations:#?}");
    let curl = annotations
        .iter()
        .find(|line| line.contains("DL3018"))
        .expect("DL3018");
    assert!(
        curl.starts_with("::warning file=svc/Dockerfile,line=3,col=25,endLine=3,endColumn=29,title=DL3018 (unpinned-apk-package)::"),
        "{curl}"
    );
    let escaped = annotations
        .iter()
        .any(|line| line.contains("file=a&b <c>/Dockerfile,"));
    assert!(escaped, "{annotations:#?}");
}

#[test]
fn gitlab_issues_have_unique_fingerprints() {
    let dir = project();
    let run = from_top(dir.path(), "gitlab");
    let issues = json(&run.stdout);
    let issues = issues.as_array().expect("an array");
    let mut fingerprints = HashSet::new();
    for issue in issues {
        assert!(fingerprints.insert(issue["fingerprint"].as_str().expect("fingerprint")));
        let check = issue["check_name"].as_str().expect("check_name");
        let description = issue["description"].as_str().expect("description");
        assert!(description.starts_with(&format!("{check}: ")));
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap_or_default())
        );
        assert!(issue["location"]["lines"]["begin"].as_u64() >= Some(1));
    }
    assert!(
        issues
            .iter()
            .any(|i| i["location"]["path"] == "k8s/pod.yaml")
    );
    assert!(!run.stdout.contains(TOKEN));
}

/// The number of findings the JSON format reports for the project.
fn finding_count(dir: &Path) -> usize {
    let report = json(&from_top(dir, "json").stdout);
    report["diagnostics"].as_array().expect("diagnostics").len()
}

#[test]
fn checkstyle_is_well_formed_with_every_finding() {
    let dir = project();
    let run = from_top(dir.path(), "checkstyle");
    let document = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let errors: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .collect();
    assert_eq!(errors.len(), finding_count(dir.path()));
    let files: Vec<&str> = root
        .children()
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert!(files.contains(&"a&b <c>/Dockerfile"), "{files:?}");
    assert!(
        run.stderr.contains("bad/Dockerfile"),
        "input errors go to stderr"
    );
}

#[test]
fn junit_is_well_formed_and_counts_add_up() {
    let dir = project();
    let run = from_top(dir.path(), "junit");
    let document = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = document.root_element();
    let failures = root
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    let errors = root
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .count();
    assert_eq!(failures, finding_count(dir.path()));
    assert_eq!(
        root.attribute("failures"),
        Some(failures.to_string().as_str())
    );
    assert_eq!((errors, root.attribute("errors")), (1, Some("1")));
    let cases = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(root.attribute("tests"), Some(cases.to_string().as_str()));
}

#[test]
fn json_lines_are_one_object_a_line() {
    let dir = project();
    let run = from_top(dir.path(), "json-lines");
    let lines: Vec<Value> = run.stdout.lines().map(json).collect();
    let findings = lines.iter().filter(|l| l.get("code").is_some()).count();
    assert_eq!(findings, finding_count(dir.path()));
    let errors: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "bad/Dockerfile");
}

#[test]
fn clean_runs_are_valid_empty_documents() {
    let dir = TempDir::new().expect("temp dir");
    fs::write(
        dir.path().join("Dockerfile"),
        "FROM alpine:3.22\nUSER 10001\nHEALTHCHECK NONE\n",
    )
    .expect("write");
    let cases = [
        ("gitlab", "[]\n"),
        ("json-lines", ""),
        ("github", "shiplint: no problems found in 1 file\n"),
    ];
    for (format, expected) in cases {
        let run = shiplint(dir.path(), &["check", "--format", format]);
        assert_eq!((run.code, run.stdout.as_str()), (0, expected), "{format}");
    }
    let sarif = json(&shiplint(dir.path(), &["check", "--format", "sarif"]).stdout);
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    for format in ["checkstyle", "junit"] {
        let run = shiplint(dir.path(), &["check", "--format", format]);
        roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    }
}
