//! BuildKit's own parser test cases: every `testfiles` case parses to what its `result` says,
//! and every `testfiles-negative` case gives a syntax error. The cases are copied into
//! `testdata/buildkit-parser/` (Apache-2.0, see `testdata/SOURCES.tsv`).

use std::fs;
use std::path::Path;

use shiplint::syntax::dockerfile::{self, Args, Instruction, Keyword, Pair};

#[test]
fn every_positive_case_parses_as_buildkit_says() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/buildkit-parser/testfiles");
    let mut failures = Vec::new();
    let mut count = 0;
    for case in sorted_dirs(&dir) {
        let text = fs::read_to_string(case.join("Dockerfile")).unwrap();
        let expected = fs::read_to_string(case.join("result")).unwrap();
        let parsed = dockerfile::parse(&text);
        let got: String = parsed.instructions.iter().map(|i| dump(i) + "\n").collect();
        if got.trim_end() != expected.trim_end() {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- got\n{got}",
                case.display()
            ));
        }
        count += 1;
    }
    assert_eq!(count, 33);
    assert!(
        failures.is_empty(),
        "{} of {count} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_negative_case_is_a_syntax_error() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/buildkit-parser/testfiles-negative");
    for case in sorted_dirs(&dir) {
        let text = fs::read_to_string(case.join("Dockerfile")).unwrap();
        let parsed = dockerfile::parse(&text);
        assert!(
            !parsed.errors.is_empty(),
            "{} parsed without error",
            case.display()
        );
    }
}

fn sorted_dirs(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs
}

/// An instruction in the notation of BuildKit's `result` files: `(keyword ["--flags"] "args"…)`.
fn dump(instruction: &Instruction) -> String {
    let mut out = format!("({}", instruction.keyword_text.value.to_lowercase());
    if !instruction.flags.is_empty() {
        let flags: Vec<String> = instruction
            .flags
            .iter()
            .map(|f| {
                let value = f
                    .value
                    .as_ref()
                    .map(|v| format!("={}", v.value))
                    .unwrap_or_default();
                go_quote(&format!("--{}{value}", f.name.value))
            })
            .collect();
        out += &format!(" [{}]", flags.join(" "));
    }
    for arg in args(instruction) {
        out.push(' ');
        out += &arg;
    }
    out + ")"
}

fn args(instruction: &Instruction) -> Vec<String> {
    match &instruction.args {
        Args::Empty => Vec::new(),
        Args::Exec(words) | Args::Words(words) => {
            words.iter().map(|w| go_quote(&w.value)).collect()
        }
        Args::Shell(text) => vec![go_quote(&text.value)],
        Args::Pairs(pairs) if instruction.keyword == Keyword::Arg => {
            pairs.iter().map(|p| go_quote(&arg_word(p))).collect()
        }
        Args::Pairs(pairs) => pairs.iter().flat_map(pair).collect(),
        Args::Healthcheck { kind, command } => {
            let mut out = vec![go_quote(&kind.value)];
            match command.as_ref() {
                Args::Exec(words) => out.extend(words.iter().map(|w| go_quote(&w.value))),
                Args::Shell(text) => out.push(go_quote(&text.value)),
                _ => {}
            }
            out
        }
        Args::Onbuild(inner) => vec![dump(inner)],
    }
}

fn arg_word(pair: &Pair) -> String {
    match &pair.value {
        Some(value) => format!("{}={}", pair.key.value, value.value),
        None => pair.key.value.clone(),
    }
}

fn pair(pair: &Pair) -> Vec<String> {
    let value = pair
        .value
        .as_ref()
        .map(|v| v.value.as_str())
        .unwrap_or_default();
    let sep = if pair.equals { "=" } else { "" };
    vec![go_quote(&pair.key.value), go_quote(value), go_quote(sep)]
}

/// Go's `strconv.Quote` for the characters these files hold.
fn go_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            '\t' => out += "\\t",
            '\n' => out += "\\n",
            '\r' => out += "\\r",
            '\x08' => out += "\\b",
            '\x0c' => out += "\\f",
            c if c.is_control() => out += &format!("\\x{:02x}", c as u32),
            c => out.push(c),
        }
    }
    out + "\""
}
