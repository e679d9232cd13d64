//! The README's two worked user rules, loaded from a real config file through the command
//! line: they fire at the right position in every format and take part in selection, severity
//! overrides and suppression comments like built-in rules.

use std::fs;
use std::path::Path;

const CONFIG_HEAD: &str = "# Both rules of the README, as a project would write them.\n";
const DOCKERFILE: &str = "\
FROM quay.io/acme/base:1.2
USER 10001
HEALTHCHECK NONE
RUN curl -fsSk https://example.com/x -o /x && curl --insecure https://example.com/y
";

fn project(dockerfile: &str, extra_config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/user-rules");
    let mut config = String::from(CONFIG_HEAD);
    config += extra_config;
    for name in ["curl-insecure.toml", "untrusted-registry.toml"] {
        config += &fs::read_to_string(examples.join(name)).unwrap();
    }
    fs::write(dir.path().join("shiplint.toml"), config).unwrap();
    fs::write(dir.path().join("Dockerfile"), dockerfile).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let output = assert_cmd::cargo::cargo_bin_cmd!("shiplint")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (stdout, output.status.code().unwrap_or(-1))
}

#[test]
fn user_rules_fire_in_the_concise_format() {
    let dir = project(DOCKERFILE, "");
    let (stdout, code) = run(dir.path(), &["check", "--format", "concise"]);

    assert_eq!(
        stdout,
        "Dockerfile:1:6: warning[ORG002] Image `quay.io/acme/base:1.2` does not come from a trusted registry\n\
         Dockerfile:4:10: error[ORG001] Do not turn off TLS verification with `curl -fsSk`\n\
         Dockerfile:4:52: error[ORG001] Do not turn off TLS verification with `curl --insecure`\n"
    );
    assert_eq!(code, 1);
}

#[test]
fn user_rules_fire_in_the_json_format() {
    let dir = project(DOCKERFILE, "");
    let (stdout, _) = run(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &report["diagnostics"][1];

    assert_eq!(first["code"], "ORG001");
    assert_eq!(first["name"], "curl-insecure");
    assert_eq!(first["severity"], "error");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(4), Some(10))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(4), Some(15))
    );
    assert_eq!(
        first["help"],
        "Remove `-fsSk` and install the CA certificate the server needs"
    );
}

#[test]
fn user_rules_fire_in_the_pretty_format() {
    let dir = project(DOCKERFILE, "");
    let (stdout, _) = run(dir.path(), &["check", "--color", "never"]);

    assert!(stdout.contains("error[ORG001]: Do not turn off TLS verification with `curl -fsSk`\n --> Dockerfile:4:10"), "{stdout}");
    assert!(stdout.contains("         ^^^^^"), "{stdout}");
}

/// Each format for code hosts and CI places `curl -fsSk` at line 4, column 10 (to 15).
#[test]
fn user_rules_fire_in_the_host_and_ci_formats() {
    let dir = project(DOCKERFILE, "");
    let format = |name: &str| run(dir.path(), &["check", "--format", name]).0;

    let sarif: serde_json::Value = serde_json::from_str(&format("sarif")).unwrap();
    let run = &sarif["runs"][0];
    let result = &run["results"][1];
    assert_eq!(result["ruleId"], "ORG001");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&4.into(), &10.into())
    );
    assert_eq!(region["endColumn"], 15);
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    let rule = &run["tool"]["driver"]["rules"][index];
    assert_eq!(
        (&rule["id"], &rule["name"]),
        (&"ORG001".into(), &"curl-insecure".into())
    );

    let github = format("github");
    assert!(github.contains("::error file=Dockerfile,line=4,col=10,endLine=4,endColumn=15,title=ORG001 (curl-insecure)::"), "{github}");
    let gitlab: serde_json::Value = serde_json::from_str(&format("gitlab")).unwrap();
    assert_eq!(gitlab[1]["check_name"], "ORG001");
    assert_eq!(gitlab[1]["location"]["lines"]["begin"], 4);
    let checkstyle = format("checkstyle");
    assert!(checkstyle.contains(r#"<error line="4" column="10" severity="error" message="Do not turn off TLS verification with `curl -fsSk`" source="ORG001"/>"#), "{checkstyle}");
    let junit = format("junit");
    assert!(junit.contains(r#"<testcase name="ORG001 curl-insecure" classname="Dockerfile" file="Dockerfile" line="4">"#), "{junit}");
    let lines = format("json-lines");
    let second: serde_json::Value = serde_json::from_str(lines.lines().nth(1).unwrap()).unwrap();
    assert_eq!(
        (&second["code"], &second["column"], &second["end_column"]),
        (&"ORG001".into(), &10.into(), &15.into())
    );
}

#[test]
fn user_rules_follow_selection_severity_and_suppressions() {
    let dockerfile = DOCKERFILE.replace(
        "RUN curl",
        "# shiplint ignore=curl-insecure -- internal mirror\nRUN curl",
    );
    let dir = project(
        &dockerfile,
        "ignore = [\"ORG002\"]\n\n[severity]\nORG001 = \"info\"\n\n",
    );
    let (stdout, code) = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!((stdout.as_str(), code), ("", 0));

    let dir = project(DOCKERFILE, "[severity]\nuntrusted-registry = \"info\"\n\n");
    let (stdout, _) = run(
        dir.path(),
        &["check", "--format", "concise", "--select", "ORG002"],
    );
    assert_eq!(
        stdout,
        "Dockerfile:1:6: info[ORG002] Image `quay.io/acme/base:1.2` does not come from a trusted registry\n"
    );
}

#[test]
fn user_rules_are_listed_with_the_built_in_ones() {
    let dir = project(DOCKERFILE, "");
    let (stdout, _) = run(dir.path(), &["config", "show"]);

    assert!(stdout.contains("ORG001"), "{stdout}");
}

#[test]
fn the_readme_quotes_the_worked_examples_as_they_are() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    for name in ["curl-insecure.toml", "untrusted-registry.toml"] {
        let example = fs::read_to_string(root.join("testdata/user-rules").join(name)).unwrap();
        assert!(
            readme.contains(&format!("```toml\n{example}```")),
            "README lacks {name} as it is"
        );
    }
}

#[test]
fn the_readme_config_example_is_a_valid_config() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let section = &readme[readme.find("## Configuration").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("ci/shiplint-rules")).unwrap();
    let parsed = shiplint::config::file::parse(example, &dir.path().join("shiplint.toml"));

    assert!(matches!(parsed, Ok(Some(_))), "{parsed:?}");
}
