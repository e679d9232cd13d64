//! Hostile YAML through the whole linter, on a thread with a 2 MiB stack (the size of a
//! worker thread): alias bombs, nesting 10,000 levels deep in block and flow style, 10,000
//! documents, megabyte lines. Each must end, well within a bound generous enough for a loaded
//! machine, in a clear SL0001 or in a normal result.

use std::sync::Arc;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use shiplint::config::Config;
use shiplint::rules::user::UserRule;
use shiplint::{FileKind, Linted, Settings, SourceFile, lint_source};

/// Far above what any case takes, even in a debug build on a busy machine.
const BOUND: Duration = Duration::from_secs(60);

const STACK: usize = 2 * 1024 * 1024;

/// A user rule that walks every level of every document, so deep trees reach a rule too.
const DEEP_RULE: &str = r#"
code = "ORG100"
name = "any-image"
severity = "info"
message = "`{path}` is `{match}`"
target = "kubernetes"
match = { path = "**.image" }
"#;

fn lint(name: &str, text: String, kind: FileKind) -> Linted {
    let rule = UserRule::from_toml(&DEEP_RULE.parse().unwrap()).unwrap();
    let settings = Settings {
        config: Arc::new(Config {
            user_rules: vec![rule],
            ..Config::default()
        }),
        ..Settings::default()
    };
    let (send, receive) = mpsc::channel();
    let owned = name.to_owned();
    thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let source = SourceFile::new(owned, text);
            let _ = send.send(lint_source(&source, kind, &settings));
        })
        .unwrap();
    match receive.recv_timeout(BOUND) {
        Ok(linted) => linted,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no result within {BOUND:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: the lint panicked"),
    }
}

fn codes(linted: &Linted) -> Vec<&str> {
    linted.diagnostics.iter().map(|d| d.code.as_ref()).collect()
}

/// The message of the file's SL0001, which must be there.
fn syntax_error(name: &str, linted: &Linted) -> String {
    let found = linted.diagnostics.iter().find(|d| d.code == "SL0001");
    found
        .unwrap_or_else(|| panic!("{name}: no SL0001 in {:?}", codes(linted)))
        .message
        .clone()
}

fn alias_bomb() -> String {
    let mut text =
        String::from("kind: Pod\napiVersion: v1\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12u8 {
        let alias = format!("*{}", (b'a' + level - 1) as char);
        let items = [alias.as_str(); 10].join(", ");
        text += &format!("{0}: &{0} [{1}]\n", (b'a' + level) as char, items);
    }
    text
}

#[test]
fn alias_bombs_stop_with_a_syntax_error() {
    let linted = lint("bomb.yaml", alias_bomb(), FileKind::Kubernetes);
    let message = syntax_error("bomb", &linted);
    assert!(message.contains("aliases expand"), "{message}");
}

#[test]
fn deep_nesting_stops_with_a_syntax_error() {
    let cases = [
        (
            "block",
            format!("kind: Pod\napiVersion: v1\nx:\n{}y\n", "- ".repeat(10_000)),
        ),
        (
            "flow sequence",
            format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "flow mapping",
            format!("{}1{}", "{a: ".repeat(10_000), "}".repeat(10_000)),
        ),
    ];
    for (name, text) in cases {
        let linted = lint(name, text, FileKind::Kubernetes);
        let message = syntax_error(name, &linted);
        // Ours stops block nesting at 512 levels; saphyr stops flow nesting at 255.
        let clear = message.contains("nesting deeper") || message.contains("recursion limit");
        assert!(clear, "{name}: {message}");
    }
}

/// Just under the depth limits (ours for block style, saphyr's 255 for flow style) the file
/// is read, and the rule walks all of it.
#[test]
fn nesting_under_the_limit_is_linted() {
    let block = format!(
        "kind: Pod\napiVersion: v1\nspec:\n{}image: x\n",
        "- ".repeat(500)
    );
    let flow = format!(
        "kind: Pod\napiVersion: v1\nspec: {}{{image: x}}{}\n",
        "[".repeat(250),
        "]".repeat(250)
    );
    for (name, text) in [("block", block), ("flow", flow)] {
        let linted = lint(name, text, FileKind::Kubernetes);
        assert_eq!(
            codes(&linted),
            ["ORG100"],
            "{name}: {:?}",
            linted.diagnostics
        );
    }
}

#[test]
fn ten_thousand_documents() {
    let text = "apiVersion: v1\nkind: Pod\nspec: {containers: [{image: x}]}\n---\n".repeat(10_000);
    let linted = lint("many", text, FileKind::Yaml);
    assert_eq!(linted.skipped, None);
    // Each Pod's untagged image is reported once, and nothing stops the run early.
    let untagged = linted.diagnostics.iter().filter(|d| d.code == "SL3002");
    assert_eq!(untagged.count(), 10_000);
}

#[test]
fn megabyte_lines() {
    let long = "x".repeat(1 << 20);
    let cases = [
        format!("apiVersion: v1\nkind: Pod\nimage: {long}\n"),
        format!("apiVersion: v1\nkind: Pod\n{long}: 1\n"),
        format!("apiVersion: v1\nkind: Pod\nimage: \"{long}\n"),
        format!("# {long}\napiVersion: v1\nkind: Pod\n"),
    ];
    for (i, text) in cases.into_iter().enumerate() {
        let linted = lint("long", text, FileKind::Yaml);
        assert_eq!(linted.skipped, None, "case {i}");
        assert!(
            linted.diagnostics.len() <= 1,
            "case {i}: {:?}",
            codes(&linted)
        );
    }
}
