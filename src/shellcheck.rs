//! ShellCheck on the shell scripts of RUN instructions, its findings at their exact place in
//! the Dockerfile.
//!
//! Each sh or bash script of a RUN (its shell form, and each heredoc body a shell receives)
//! becomes one script file: a `#!/bin/sh` or `#!/bin/bash` line, one `export` line declaring
//! the ARG and ENV names in scope (as hadolint does, so ShellCheck does not take them for
//! unassigned), then the script's text. All the scripts of one Dockerfile go to one
//! `shellcheck --format=json1` process; files are linted in parallel, so processes are too.
//! ShellCheck's JSON positions are 1-based lines and columns counted in characters, a tab
//! being one column; they are turned back into byte offsets of the script and then, through
//! the script's map, into the file.
//!
//! The codes hadolint excludes are excluded too: SC1090 and SC1091 (a sourced file lives in
//! the image, not here) and SC2187 (ash is sh here).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::config::{Config, Selector, ShellCheckMode, is_shellcheck_code};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::dockerfile::Model;
use crate::model::script::{Interpreter, Script};
use crate::rules::catalog::SHELLCHECK_WIKI_URL;
use crate::source::Span;
use crate::syntax::dockerfile::Dockerfile;
use crate::syntax::shell;

/// The name every ShellCheck finding carries; ShellCheck's codes have no names of their own.
pub const NAME: &str = "shellcheck";

/// Codes never reported, with the reasons in the module documentation.
const EXCLUDED: &str = "SC1090,SC1091,SC2187";

/// Longer scripts are not given to ShellCheck, whose time grows fast with a script's length:
/// a RUN of 100,000 continuation lines takes it minutes.
const MAX_SCRIPT_BYTES: usize = 64 * 1024;

/// How long one ShellCheck process may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Why ShellCheck does not run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotRun {
    /// `shellcheck = "off"`.
    Off,
    /// `shellcheck` is not on `PATH`.
    Missing,
}

/// What the user should know about ShellCheck after linting one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// The config or the file's suppressions name these SC codes, but ShellCheck did not run.
    NotRun {
        reason: NotRun,
        codes: BTreeSet<String>,
    },
    /// ShellCheck did not check all of the file: it failed, timed out, or a script was too
    /// long to give it; the sentence says which.
    Incomplete(String),
}

/// The `shellcheck` program on `PATH`, looked up once per process.
pub fn binary() -> Option<&'static Path> {
    static BINARY: OnceLock<Option<PathBuf>> = OnceLock::new();
    BINARY.get_or_init(|| find_on_path("shellcheck")).as_deref()
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join(program), dir.join(format!("{program}.exe"))])
        .find(|candidate| candidate.is_file())
}

/// The program to run under `mode`, or why none runs.
pub fn status(mode: ShellCheckMode) -> Result<&'static Path, NotRun> {
    if mode == ShellCheckMode::Off {
        return Err(NotRun::Off);
    }
    binary().ok_or(NotRun::Missing)
}

/// The SC codes that the config's selectors and the file's suppression comments name.
pub fn referenced_codes(file: &Dockerfile, config: &Config) -> BTreeSet<String> {
    let mut codes: BTreeSet<String> = config_selectors(config)
        .filter_map(|selector| match selector {
            Selector::Code(code) | Selector::Prefix(code) if code.starts_with("SC") => {
                Some(code.clone())
            }
            _ => None,
        })
        .collect();
    for comment in &file.comments {
        codes.extend(suppressed_codes(&comment.text.value));
    }
    codes
}

fn config_selectors(config: &Config) -> impl Iterator<Item = &Selector> {
    let sets = [&config.rules, &config.cli_rules];
    let lists = sets.into_iter().flat_map(|set| {
        let select = set.select.iter().flatten();
        select.chain(&set.extend_select).chain(&set.ignore)
    });
    let severity = config.severity.iter().map(|(selector, _)| selector);
    let per_file = config.per_file_ignores.iter().flat_map(|(_, list)| list);
    lists.chain(severity).chain(per_file)
}

/// The SC codes of an `ignore=` list in a comment.
fn suppressed_codes(comment: &str) -> Vec<String> {
    let Some((_, list)) = comment.split_once("ignore=") else {
        return Vec::new();
    };
    let list = list.split_whitespace().next().unwrap_or_default();
    list.split(',')
        .map(|word| word.trim().to_ascii_uppercase())
        .filter(|word| is_shellcheck_code(word))
        .collect()
}

/// Whether any SC code is selected on a file, so that running ShellCheck can matter.
pub fn any_selected(selection: &crate::config::Selection) -> bool {
    (1000..4000).any(|number| selection.is_enabled(&format!("SC{number}"), NAME, true))
}

/// One script as ShellCheck reads it: the header lines, then the script's own text.
#[derive(Debug)]
struct Input<'a> {
    script: &'a Script,
    text: String,
    header_lines: usize,
}

/// What ShellCheck found in one file, and what it could not check.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<Note>,
}

/// ShellCheck's findings on the shell scripts of the model, at their places in the file;
/// `path` names the file in notes.
pub fn check(model: &Model, program: &Path, path: &str) -> Checked {
    let mut checked = Checked::default();
    let (inputs, too_long): (Vec<Input>, Vec<Input>) = inputs(model)
        .into_iter()
        .partition(|input| input.text.len() <= MAX_SCRIPT_BYTES);
    if let Some(first) = too_long.first() {
        let kib = first.text.len() / 1024;
        let message = format!(
            "ShellCheck skipped {} script(s) of {path} over 64 KiB (the first is {kib} KiB)",
            too_long.len()
        );
        checked.notes.push(Note::Incomplete(message));
    }
    if inputs.is_empty() {
        return checked;
    }
    let texts: Vec<&str> = inputs.iter().map(|input| input.text.as_str()).collect();
    let comments = match run(program, &texts) {
        Ok(comments) => comments,
        Err(message) => {
            let message = format!("ShellCheck did not check {path}: {message}");
            checked.notes.push(Note::Incomplete(message));
            return checked;
        }
    };
    checked.diagnostics = comments
        .iter()
        .filter_map(|comment| {
            let input = inputs.get(file_index(&comment.file)?)?;
            diagnostic(input, comment)
        })
        .collect();
    checked
}

fn inputs(model: &Model) -> Vec<Input<'_>> {
    let mut indices: Vec<&usize> = model.scripts.keys().collect();
    indices.sort();
    let mut out = Vec::new();
    for &index in indices {
        let names = declared_names(model, index);
        for script in &model.scripts[&index] {
            if let Some(input) = input(script, &names) {
                out.push(input);
            }
        }
    }
    out
}

/// The ARG and ENV names in scope at an instruction that a shell can name, sorted.
fn declared_names(model: &Model, index: usize) -> Vec<&str> {
    let Some(scope) = model.scopes.get(index) else {
        return Vec::new();
    };
    let mut names: Vec<&str> = scope
        .keys()
        .map(String::as_str)
        .filter(|name| shell::is_variable_name(name))
        .collect();
    names.sort_unstable();
    names
}

fn input<'a>(script: &'a Script, names: &[&str]) -> Option<Input<'a>> {
    let shebang = match script.interpreter {
        Interpreter::Sh => "#!/bin/sh",
        Interpreter::Bash => "#!/bin/bash",
        _ => return None,
    };
    if script.text.trim().is_empty() {
        return None;
    }
    let exports: Vec<String> = names.iter().map(|name| format!("{name}=1")).collect();
    let text = format!("{shebang}\nexport {}\n{}\n", exports.join(" "), script.text);
    Some(Input {
        script,
        text,
        header_lines: 2,
    })
}

/// A finding as `--format=json1` writes it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Comment {
    file: String,
    line: usize,
    end_line: usize,
    column: usize,
    end_column: usize,
    level: String,
    code: u32,
    message: String,
}

#[derive(Debug, Deserialize)]
struct Output {
    comments: Vec<Comment>,
}

/// The input a script file name stands for: `3.sh` is the fourth.
fn file_index(name: &str) -> Option<usize> {
    name.strip_suffix(".sh")?.parse().ok()
}

fn diagnostic(input: &Input, comment: &Comment) -> Option<Diagnostic> {
    let span = script_span(input, comment)?;
    let code = format!("SC{:04}", comment.code);
    let message = comment.message.trim_end_matches('.').to_owned();
    Some(Diagnostic {
        help: Some(format!("Fix as described at {SHELLCHECK_WIKI_URL}{code}")),
        code: code.into(),
        name: NAME.into(),
        severity: severity(&comment.level),
        message,
        span: input.script.map.span_to_file(span),
        labels: Vec::new(),
    })
}

fn severity(level: &str) -> Severity {
    match level {
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        "style" => Severity::Style,
        _ => Severity::Error,
    }
}

/// The span of a finding in the script's own text; `None` inside the header.
fn script_span(input: &Input, comment: &Comment) -> Option<Span> {
    let line = comment
        .line
        .checked_sub(input.header_lines)
        .filter(|&l| l > 0)?;
    let text = &input.script.text;
    let start = offset(text, line, comment.column)?;
    let end_line = comment.end_line.saturating_sub(input.header_lines);
    let end = offset(text, end_line, comment.end_column).unwrap_or(start);
    Some(Span::new(start, end.max(start)))
}

/// The byte offset of a 1-based line and character column; a column past the end of its line
/// stands for the line's end, and a line past the end of the text (where ShellCheck reports
/// an unterminated quote) for the text's end.
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(at) => start += at + 1,
            None => return Some(text.len()),
        }
    }
    let rest = &text[start..];
    let line_text = rest.split('\n').next().unwrap_or_default();
    let skipped = column.saturating_sub(1);
    let within = line_text
        .char_indices()
        .nth(skipped)
        .map_or(line_text.len(), |(at, _)| at);
    Some(start + within)
}

/// Runs ShellCheck on the scripts, written as `0.sh`, `1.sh`, … in a fresh temporary folder.
/// Its output goes to files there too, so that waiting with a timeout cannot fill a pipe.
fn run(program: &Path, scripts: &[&str]) -> Result<Vec<Comment>, String> {
    let folder = TempFolder::new().map_err(|e| format!("cannot write its scripts: {e}"))?;
    let names: Vec<String> = (0..scripts.len()).map(|i| format!("{i}.sh")).collect();
    for (name, script) in names.iter().zip(scripts) {
        fs::write(folder.0.join(name), script)
            .map_err(|e| format!("cannot write its scripts: {e}"))?;
    }
    let stdout = folder.0.join("out.json");
    let stderr = folder.0.join("err.txt");
    let mut command = Command::new(program);
    command
        .args(["--format=json1", "--norc", "--exclude", EXCLUDED])
        .args(&names)
        .current_dir(&folder.0)
        .stdin(Stdio::null());
    let created = (fs::File::create(&stdout), fs::File::create(&stderr));
    let (Ok(out), Ok(err)) = created else {
        return Err("cannot create its output files".into());
    };
    command.stdout(out).stderr(err);
    wait(command)?;

    let output = fs::read(&stdout).unwrap_or_default();
    match serde_json::from_slice::<Output>(&output) {
        Ok(parsed) => Ok(parsed.comments),
        Err(_) => Err(failure(&fs::read(&stderr).unwrap_or_default())),
    }
}

/// Runs the command to its end, or kills it after [`TIMEOUT`].
fn wait(mut command: Command) -> Result<(), String> {
    let mut child = command.spawn().map_err(|e| format!("cannot run it: {e}"))?;
    let deadline = Instant::now() + TIMEOUT;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return Ok(()),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("it took over {} s", TIMEOUT.as_secs()));
            }
            Err(e) => return Err(format!("cannot wait for it: {e}")),
        }
    }
}

fn failure(stderr: &[u8]) -> String {
    let stderr = String::from_utf8_lossy(stderr);
    let first = stderr.lines().next().unwrap_or("no output").trim();
    format!("it failed: {first}")
}

/// A temporary folder, removed with what it holds when dropped.
struct TempFolder(PathBuf);

impl TempFolder {
    fn new() -> io::Result<TempFolder> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let id = std::process::id();
        loop {
            let number = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!("shiplint-shellcheck-{id}-{number}"));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(TempFolder(path)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        // Nothing to do when removal fails: the folder is in the system's temporary folder.
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dockerfile::{self, BuildInputs};
    use crate::syntax::dockerfile::parse;

    /// Where ShellCheck reports a finding: `(script, line, column, end column)`, the line
    /// counted without the header.
    type Position = (usize, usize, usize, usize);

    /// The file text under each finding, when ShellCheck reports `(script, line, column, end
    /// column)`
    /// on the lines (header excluded) of the Dockerfile's checked scripts, in order.
    fn flagged(text: &str, positions: &[Position]) -> Vec<String> {
        let file = parse(text);
        let model = dockerfile::build(&file, text, &BuildInputs::default());
        let inputs = inputs(&model);
        positions
            .iter()
            .map(|&(script, line, column, end_column)| {
                let comment = Comment {
                    file: format!("{script}.sh"),
                    line: line + 2,
                    end_line: line + 2,
                    column,
                    end_column,
                    level: "info".into(),
                    code: 2086,
                    message: "Double quote to prevent globbing and word splitting.".into(),
                };
                let diagnostic = diagnostic(&inputs[script], &comment).expect("mapped");
                text[diagnostic.span.range()].to_owned()
            })
            .collect()
    }

    #[test]
    fn positions_map_back_to_the_file() {
        let cases: &[(&str, &[Position], &[&str])] = &[
            ("FROM a\nRUN echo $x\n", &[(0, 1, 6, 8)], &["$x"]),
            // The continuation is gone from the script: column 20 is on the next file line.
            (
                "FROM a\nRUN echo a && \\\n    echo $y\n",
                &[(0, 1, 20, 22)],
                &["$y"],
            ),
            // A tab is one column, and so is each character, whatever its bytes.
            ("FROM a\nRUN\techo\té $z\n", &[(0, 1, 8, 10)], &["$z"]),
            (
                "FROM a\nRUN <<EOF\necho ok\n\techo \"ü\" $w\nEOF\n",
                &[(0, 2, 11, 13)],
                &["$w"],
            ),
        ];
        for (text, positions, expected) in cases {
            assert_eq!(flagged(text, positions), *expected, "{text:?}");
        }
    }

    #[test]
    fn offsets_clamp_to_line_and_text_ends() {
        let text = "ab\ncdé\n";
        assert_eq!(offset(text, 1, 1), Some(0));
        assert_eq!(offset(text, 2, 3), Some(5));
        assert_eq!(offset(text, 2, 9), Some(7));
        assert_eq!(offset(text, 5, 1), Some(text.len()));
        assert_eq!(offset(text, 0, 1), None);
    }

    #[test]
    fn header_declares_the_stage_variables() {
        let text = "ARG GLOBAL\nFROM a\nARG VERSION\nENV HOME_DIR=/x my.name=1\nRUN echo hi\n";
        let file = parse(text);
        let model = dockerfile::build(&file, text, &BuildInputs::default());
        let inputs = inputs(&model);
        let header: Vec<&str> = inputs[0].text.lines().take(2).collect();

        assert_eq!(header[0], "#!/bin/sh");
        assert!(header[1].contains(" VERSION=1"), "{}", header[1]);
        assert!(header[1].contains(" HOME_DIR=1"), "{}", header[1]);
        assert!(header[1].contains(" http_proxy=1"), "{}", header[1]);
        assert!(!header[1].contains("GLOBAL"), "{}", header[1]);
        assert!(!header[1].contains("my.name"), "{}", header[1]);
    }

    #[test]
    fn only_sh_and_bash_scripts_are_checked() {
        let text = "FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\nSHELL [\"pwsh\", \"-c\"]\n\
                    RUN Write-Host hi\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi\n";
        let file = parse(text);
        let model = dockerfile::build(&file, text, &BuildInputs::default());
        let inputs = inputs(&model);
        let shebangs: Vec<&str> = inputs
            .iter()
            .filter_map(|input| input.text.lines().next())
            .collect();

        assert_eq!(shebangs, ["#!/bin/sh", "#!/bin/bash"]);
    }

    #[test]
    fn findings_in_the_header_are_dropped() {
        let text = "FROM a\nRUN echo hi\n";
        let file = parse(text);
        let model = dockerfile::build(&file, text, &BuildInputs::default());
        let inputs = inputs(&model);
        let comment = Comment {
            file: "0.sh".into(),
            line: 2,
            end_line: 2,
            column: 1,
            end_column: 2,
            level: "style".into(),
            code: 2034,
            message: "x appears unused.".into(),
        };
        assert_eq!(diagnostic(&inputs[0], &comment), None);
    }

    #[test]
    fn suppressions_and_selectors_name_codes() {
        let text = "FROM a\n# hadolint ignore=SC2086,DL3008\nRUN echo $x\n";
        let file = parse(text);
        let config = Config {
            rules: crate::config::RuleSet {
                ignore: vec![Selector::Code("SC2046".into())],
                ..Default::default()
            },
            ..Config::default()
        };
        let codes: Vec<String> = referenced_codes(&file, &config).into_iter().collect();

        assert_eq!(codes, ["SC2046", "SC2086"]);
    }
}
