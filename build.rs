//! Compiles the rule documents of `rules/*.md` into the binary.
//!
//! Each document opens with a small TOML front matter between `+++` lines; this script reads it
//! by hand (a handful of `key = value` lines needs no TOML crate), checks every field, and writes
//! `catalog.rs` to `OUT_DIR`: one `RuleMeta` constant per rule and the `DOCS` table, which
//! `src/rules/catalog.rs` includes. A bad document fails the build with its path and line.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, process};

const SEVERITIES: &[(&str, &str)] = &[
    ("error", "Error"),
    ("warning", "Warning"),
    ("info", "Info"),
    ("style", "Style"),
];
const CATEGORIES: &[(&str, &str)] = &[
    ("security", "Security"),
    ("correctness", "Correctness"),
    ("reproducibility", "Reproducibility"),
    ("best-practice", "BestPractice"),
    ("style", "Style"),
];
const FIXES: &[(&str, &str)] = &[
    ("none", "None"),
    ("sometimes", "Sometimes"),
    ("always", "Always"),
];
const TARGETS: &[&str] = &["dockerfile", "compose", "kubernetes"];
const REQUIRED: &[&str] = &[
    "code", "name", "targets", "severity", "enabled", "category", "since", "fix",
];
const OPTIONAL: &[&str] = &["help", "aliases"];

/// A front-matter value: the three kinds the documents use.
#[derive(Debug)]
enum Value {
    Str(String),
    Bool(bool),
    List(Vec<String>),
}

/// One checked rule document.
struct Doc {
    code: String,
    name: String,
    targets: Vec<String>,
    severity: &'static str,
    enabled: bool,
    category: &'static str,
    since: String,
    fix: &'static str,
    help: Option<String>,
    /// Other linters' identifiers for the same check (`KSV017`, `CKV_K8S_16`, a kube-linter
    /// check name), accepted wherever a rule is named.
    aliases: Vec<String>,
    body: String,
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let docs = read_docs(Path::new("rules")).unwrap_or_else(|e| fail(&e));
    let out_dir = env::var_os("OUT_DIR").unwrap_or_else(|| fail("OUT_DIR is not set"));
    let path = PathBuf::from(out_dir).join("catalog.rs");
    fs::write(&path, generate(&docs)).unwrap_or_else(|e| fail(&e.to_string()));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    process::exit(1)
}

/// Reads every `*.md` of `dir`, sorted by file name, and checks that codes and names are unique.
fn read_docs(dir: &Path) -> Result<Vec<Doc>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();

    let mut docs = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in paths {
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc = read_doc(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        for key in [&doc.code, &doc.name] {
            if let Some(first) = seen.insert(key.clone(), path.clone()) {
                return Err(format!(
                    "{}: `{key}` is already used by {}",
                    path.display(),
                    first.display()
                ));
            }
        }
        docs.push(doc);
    }
    Ok(docs)
}

fn read_doc(path: &Path, text: &str) -> Result<Doc, String> {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return Err("line 1: the front matter must open with a `+++` line".into());
    };
    let Some(end) = rest.find("\n+++\n") else {
        return Err("the front matter has no closing `+++` line".into());
    };
    let fields = parse_front_matter(&rest[..end + 1])?;
    let body = rest[end + 5..].trim_start_matches('\n').to_owned();
    let doc = check_fields(fields, body)?;

    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() != Some(doc.code.as_str()) {
        return Err(format!("the file must be named `{}.md`", doc.code));
    }
    Ok(doc)
}

/// `key = value` lines; blank lines and `#` comments are skipped. Line numbers count from the
/// document's first line, the opening `+++`.
fn parse_front_matter(text: &str) -> Result<BTreeMap<String, Value>, String> {
    let mut fields = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 2;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {line_no}: expected `key = value`"));
        };
        let key = key.trim();
        let known = REQUIRED.contains(&key) || OPTIONAL.contains(&key);
        if !known {
            return Err(format!("line {line_no}: unknown key `{key}`"));
        }
        let value = parse_value(value.trim()).map_err(|e| format!("line {line_no}: {e}"))?;
        if fields.insert(key.to_owned(), value).is_some() {
            return Err(format!("line {line_no}: `{key}` is given twice"));
        }
    }
    Ok(fields)
}

/// A value followed by nothing but an optional comment.
fn parse_value(text: &str) -> Result<Value, String> {
    let (value, rest) = if let Some(inner) = text.strip_prefix('[') {
        let (items, rest) = parse_list(inner)?;
        (Value::List(items), rest)
    } else if let Some(inner) = text.strip_prefix('"') {
        let (string, rest) = parse_string(inner)?;
        (Value::Str(string), rest)
    } else {
        let word_end = text.find([' ', '\t', '#']).unwrap_or(text.len());
        let value = match &text[..word_end] {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => {
                return Err(format!(
                    "expected a string, a list or a boolean, got `{other}`"
                ));
            }
        };
        (value, &text[word_end..])
    };
    let rest = rest.trim_start();
    if !rest.is_empty() && !rest.starts_with('#') {
        return Err(format!("unexpected `{rest}` after the value"));
    }
    Ok(value)
}

/// The strings of a one-line list, given the text after `[`; returns the text after `]`.
fn parse_list(mut text: &str) -> Result<(Vec<String>, &str), String> {
    let mut items = Vec::new();
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix(']') {
            return Ok((items, rest));
        }
        let Some(inner) = text.strip_prefix('"') else {
            return Err("a list holds quoted strings and ends with `]` on the same line".into());
        };
        let (item, rest) = parse_string(inner)?;
        items.push(item);
        text = rest.trim_start();
        text = text.strip_prefix(',').unwrap_or(text);
    }
}

/// A basic string, given the text after its opening quote; returns the text after the closing one.
fn parse_string(text: &str) -> Result<(String, &str), String> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &text[at + 1..])),
            '\\' => match chars.next().map(|(_, e)| e) {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                other => return Err(format!("unsupported escape `\\{}`", other.unwrap_or(' '))),
            },
            c => out.push(c),
        }
    }
    Err("unterminated string".into())
}

fn check_fields(mut fields: BTreeMap<String, Value>, body: String) -> Result<Doc, String> {
    if let Some(missing) = REQUIRED.iter().find(|key| !fields.contains_key(**key)) {
        return Err(format!("the front matter has no `{missing}`"));
    }
    let code = string(&mut fields, "code")?;
    if !is_code(&code) {
        return Err(format!(
            "code `{code}` is not 2-3 capital letters and 4 digits"
        ));
    }
    let name = string(&mut fields, "name")?;
    if !is_kebab(&name) {
        return Err(format!("name `{name}` is not kebab-case"));
    }
    let targets = list(&mut fields, "targets")?;
    if targets.is_empty() || targets.iter().any(|t| !TARGETS.contains(&t.as_str())) {
        return Err(format!("targets must be some of {TARGETS:?}"));
    }
    let since = string(&mut fields, "since")?;
    if since.split('.').count() != 3 || !since.split('.').all(is_number) {
        return Err(format!("since `{since}` is not a version such as `0.1.0`"));
    }
    let help = match fields.contains_key("help") {
        true => Some(string(&mut fields, "help")?).filter(|h| !h.trim().is_empty()),
        false => None,
    };
    let aliases = match fields.contains_key("aliases") {
        true => list(&mut fields, "aliases")?,
        false => Vec::new(),
    };
    Ok(Doc {
        aliases,
        severity: choice(&mut fields, "severity", SEVERITIES)?,
        enabled: boolean(&mut fields, "enabled")?,
        category: choice(&mut fields, "category", CATEGORIES)?,
        fix: choice(&mut fields, "fix", FIXES)?,
        code,
        name,
        targets,
        since,
        help,
        body,
    })
}

fn string(fields: &mut BTreeMap<String, Value>, key: &str) -> Result<String, String> {
    match fields.remove(key) {
        Some(Value::Str(s)) => Ok(s),
        other => Err(format!("`{key}` must be a string, got {other:?}")),
    }
}

fn list(fields: &mut BTreeMap<String, Value>, key: &str) -> Result<Vec<String>, String> {
    match fields.remove(key) {
        Some(Value::List(items)) => Ok(items),
        other => Err(format!("`{key}` must be a list of strings, got {other:?}")),
    }
}

fn boolean(fields: &mut BTreeMap<String, Value>, key: &str) -> Result<bool, String> {
    match fields.remove(key) {
        Some(Value::Bool(b)) => Ok(b),
        other => Err(format!("`{key}` must be `true` or `false`, got {other:?}")),
    }
}

/// A string that must be one of `choices`; returns the Rust variant it names.
fn choice(
    fields: &mut BTreeMap<String, Value>,
    key: &str,
    choices: &[(&str, &'static str)],
) -> Result<&'static str, String> {
    let value = string(fields, key)?;
    let found = choices.iter().find(|(text, _)| *text == value);
    found.map(|(_, variant)| *variant).ok_or_else(|| {
        let names: Vec<&str> = choices.iter().map(|(text, _)| *text).collect();
        format!("`{key}` must be one of {names:?}, got `{value}`")
    })
}

fn is_code(code: &str) -> bool {
    let letters = code.chars().take_while(char::is_ascii_uppercase).count();
    let digits = &code[letters..];
    (2..=3).contains(&letters) && digits.len() == 4 && is_number(digits)
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

fn is_kebab(name: &str) -> bool {
    let parts_ok = name.split('-').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    parts_ok && name.starts_with(|c: char| c.is_ascii_lowercase())
}

/// The Rust source of the catalog. String literals are written with `{:?}`, whose escapes are
/// valid Rust.
fn generate(docs: &[Doc]) -> String {
    let mut out = String::from("// Generated by build.rs from rules/*.md; do not edit.\n\n");
    for doc in docs {
        let help = match &doc.help {
            Some(help) => format!("Some({help:?})"),
            None => "None".to_owned(),
        };
        let _ = writeln!(
            out,
            "/// {code} ({name}): see `rules/{code}.md`.\n\
             pub const {code}: RuleMeta = RuleMeta {{\n    \
             code: {code:?},\n    name: {name:?},\n    severity: Severity::{severity},\n    \
             enabled: {enabled},\n    category: Category::{category},\n    help: {help},\n}};\n",
            code = doc.code,
            name = doc.name,
            severity = doc.severity,
            enabled = doc.enabled,
            category = doc.category,
        );
    }

    out.push_str("/// Every rule document, by code.\npub static DOCS: &[RuleDoc] = &[\n");
    for doc in docs {
        let _ = writeln!(
            out,
            "    RuleDoc {{\n        meta: {code},\n        targets: &{targets:?},\n        \
             since: {since:?},\n        fix: Fix::{fix},\n        aliases: &{aliases:?},\n        \
             body: {body:?},\n    }},",
            code = doc.code,
            targets = doc.targets,
            aliases = doc.aliases,
            since = doc.since,
            fix = doc.fix,
            body = doc.body,
        );
    }
    out.push_str("];\n");
    out
}
