//! Our parser against the `parse-dockerfile` crate on the shared real-world corpus: the same
//! instructions, with the same keywords and line ranges, on every file except those listed in
//! `testdata/differential/known-differences.tsv` with the reason. A listed file that no longer
//! differs fails too, so the list stays true. A second test checks that our parser reports
//! syntax errors on exactly the files listed in `testdata/differential/syntax-errors.tsv`.
//!
//! The corpus lives outside the crate, in `../shared/corpus/dockerfiles`; without it both tests
//! say so on stderr and pass.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use shiplint::source::SourceFile;
use shiplint::syntax::dockerfile;

mod common;

/// One instruction as both parsers can describe it: keyword and 1-based first and last line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Summary {
    keyword: String,
    lines: (usize, usize),
}

#[test]
fn instructions_agree_with_parse_dockerfile() {
    let Some(corpus) = corpus() else { return };
    let listed = listed("known-differences.tsv");
    let mut unexpected = Vec::new();
    let mut agree = 0;
    let files = corpus_files(&corpus);
    for path in &files {
        let name = relative(&corpus, path);
        let text = read(path);
        let difference = difference(&ours(&text), &theirs(&text));
        match (difference, listed.contains_key(&name)) {
            (None, false) => agree += 1,
            (None, true) => unexpected.push(format!("{name}: listed, but both parsers agree")),
            (Some(why), false) => unexpected.push(format!("{name}: {why}")),
            (Some(_), true) => {}
        }
    }
    eprintln!(
        "differential: {agree} of {} files agree, {} listed",
        files.len(),
        listed.len()
    );
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

#[test]
fn only_the_broken_files_have_syntax_errors() {
    let Some(corpus) = corpus() else { return };
    let listed = listed("syntax-errors.tsv");
    let mut unexpected = Vec::new();
    for path in corpus_files(&corpus) {
        let name = relative(&corpus, &path);
        let parsed = dockerfile::parse(&read(&path));
        let source = SourceFile::new(&name, read(&path));
        let first = parsed.errors.first().map(|error| {
            let at = source.position(error.span.start);
            format!("{}:{}: {}", at.line, at.column, error.message)
        });
        match (first, listed.contains_key(&name)) {
            (Some(error), false) => unexpected.push(format!("{name}: {error}")),
            (None, true) => unexpected.push(format!("{name}: listed, but parses cleanly")),
            _ => {}
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    if dir.is_dir() {
        return Some(dir);
    }
    common::skipped(format_args!("corpus not found at {}", dir.display()));
    None
}

/// Every file under `dir`, sorted.
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            match path.is_dir() {
                true => pending.push(path),
                false => files.push(path),
            }
        }
    }
    files.sort();
    files
}

fn relative(corpus: &Path, path: &Path) -> String {
    path.strip_prefix(corpus)
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn read(path: &Path) -> String {
    String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned()
}

/// The `path<TAB>reason` lines of a list in `testdata/differential/`; `#` lines are comments.
fn listed(name: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/differential")
        .join(name);
    fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (file, reason) = line.split_once('\t').unwrap_or((line, ""));
            assert!(!reason.trim().is_empty(), "{name}: `{file}` has no reason");
            (file.to_owned(), reason.to_owned())
        })
        .collect()
}

fn ours(text: &str) -> Result<Vec<Summary>, String> {
    let source = SourceFile::new("Dockerfile", text);
    let parsed = dockerfile::parse(text);
    let summaries = parsed
        .instructions
        .iter()
        .map(|instruction| Summary {
            keyword: instruction.keyword_text.value.to_uppercase(),
            lines: lines(&source, instruction.span.start, instruction.span.end),
        })
        .collect();
    Ok(summaries)
}

/// `parse-dockerfile` keeps each instruction's whole span private, so its extent is read from
/// the spans of all its parts, which its `Debug` output lists as `span: start..end`.
fn theirs(text: &str) -> Result<Vec<Summary>, String> {
    let source = SourceFile::new("Dockerfile", text);
    let parsed = parse_dockerfile::parse(text).map_err(|error| error.to_string())?;
    let summaries = parsed
        .instructions
        .iter()
        .map(|instruction| {
            let debug = format!("{instruction:?}");
            let keyword = debug.split('(').next().unwrap_or_default().to_uppercase();
            let (start, end) = extent(&debug);
            Summary {
                keyword,
                lines: lines(&source, start, end),
            }
        })
        .collect();
    Ok(summaries)
}

/// The smallest range covering every `span: a..b` in a `Debug` dump. A heredoc's span there
/// is its body alone, which ends where the terminator line starts: that line is counted in.
fn extent(debug: &str) -> (usize, usize) {
    let mut start = usize::MAX;
    let mut end = 0;
    let mut pieces = debug.split("span: ");
    let mut after_heredoc = pieces.next().unwrap_or_default().ends_with("HereDoc { ");
    for piece in pieces {
        let heredoc = std::mem::replace(&mut after_heredoc, piece.ends_with("HereDoc { "));
        let digits = |s: &str| {
            s.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        };
        let first = digits(piece);
        let Some(after) = piece[first.len()..].strip_prefix("..") else {
            continue;
        };
        let (Ok(a), Ok(b)) = (first.parse::<usize>(), digits(after).parse::<usize>()) else {
            continue;
        };
        start = start.min(a);
        end = end.max(b + usize::from(heredoc));
    }
    (start.min(end), end)
}

/// The first and last line of the byte range `start..end`.
fn lines(source: &SourceFile, start: usize, end: usize) -> (usize, usize) {
    let last = end.saturating_sub(1).max(start);
    (source.position(start).line, source.position(last).line)
}

/// Why two parses differ, or `None` when they agree.
fn difference(
    ours: &Result<Vec<Summary>, String>,
    theirs: &Result<Vec<Summary>, String>,
) -> Option<String> {
    let (ours, theirs) = match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => (ours, theirs),
        (_, Err(error)) => return Some(format!("parse-dockerfile rejects it: {error}")),
        (Err(error), _) => return Some(format!("we reject it: {error}")),
    };
    if let Some(i) = (0..ours.len().min(theirs.len())).find(|&i| ours[i] != theirs[i]) {
        return Some(format!(
            "instruction {}: ours {:?}, theirs {:?}",
            i + 1,
            ours[i],
            theirs[i]
        ));
    }
    (ours.len() != theirs.len())
        .then(|| format!("{} instructions, theirs {}", ours.len(), theirs.len()))
}
