//! The scripts a RUN instruction runs, each with the interpreter that runs it, and its
//! `--mount` options.
//!
//! A RUN in shell form is one script for the stage's SHELL. Each heredoc is another script, run
//! by whatever receives it: `RUN python3 <<EOF` feeds Python, `RUN <<EOF bash` feeds bash,
//! `RUN <<EOF` alone runs the body with its shebang or the stage's shell, and `cat <<EOF > f`
//! writes data. Shell scripts are analysed into simple commands whose spans point into the
//! Dockerfile.

use crate::source::Span;
use crate::syntax::dockerfile::{Args, Heredoc, Instruction, Logical};
use crate::syntax::shell::{self, Assignment, Command};

/// What runs a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Interpreter {
    /// A POSIX shell: sh, dash, ash, busybox sh.
    Sh,
    Bash,
    /// Another program: `python3`, `node`, `cmd`, `powershell`, …
    Other(String),
    /// Not run at all: heredoc content written to a file.
    Data,
}

impl Interpreter {
    /// The interpreter of a stage's SHELL words.
    pub fn of_shell(shell: &[String]) -> Interpreter {
        match shell.first() {
            Some(program) => Interpreter::of_program(program),
            None => Interpreter::Sh,
        }
    }

    /// The interpreter a program name stands for, path and version suffix ignored.
    pub fn of_program(program: &str) -> Interpreter {
        let name = program.rsplit(['/', '\\']).next().unwrap_or(program);
        let name = name.trim_end_matches(".exe").to_ascii_lowercase();
        match name.as_str() {
            "sh" | "dash" | "ash" | "busybox" => Interpreter::Sh,
            "bash" => Interpreter::Bash,
            _ => Interpreter::Other(name),
        }
    }

    /// Shell rules run only on POSIX sh and bash scripts.
    pub fn is_shell(&self) -> bool {
        matches!(self, Interpreter::Sh | Interpreter::Bash)
    }
}

/// Where a script comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The instruction line itself (shell form).
    Line,
    /// The body of the instruction's heredoc at this index.
    Heredoc(usize),
}

/// One script of a RUN.
#[derive(Clone, Debug)]
pub struct Script {
    pub origin: Origin,
    pub interpreter: Interpreter,
    pub text: String,
    /// The map from offsets in `text` to the file.
    pub map: Logical,
    /// The simple commands, with spans in the file; empty unless a shell runs the script.
    pub commands: Vec<Command>,
    /// The variables the script sets, with spans in the file.
    pub assignments: Vec<Assignment>,
    pub has_errors: bool,
}

/// The scripts of a RUN (or of a HEALTHCHECK/CMD in shell form, by the same rules).
pub fn scripts(instruction: &Instruction, shell: Interpreter) -> Vec<Script> {
    let mut out = Vec::new();
    let line = line_script(instruction, shell.clone());
    for (index, heredoc) in instruction.heredocs.iter().enumerate() {
        let receiver = receiver(line.as_ref(), heredoc, &shell);
        out.push(heredoc_script(index, heredoc, receiver));
    }
    if let Some(line) = line {
        out.insert(0, line);
    }
    out
}

fn line_script(instruction: &Instruction, shell: Interpreter) -> Option<Script> {
    let Args::Shell(text) = &instruction.args else {
        return None;
    };
    let offset = instruction.rest.from_file(text.span.start)?;
    let map = instruction.rest.tail(offset);
    let mut script_text = map.text[..text.value.len().min(map.text.len())].to_owned();
    for heredoc in &instruction.heredocs {
        blank(&mut script_text, &map, heredoc.marker);
    }
    Some(analysed(Origin::Line, shell, script_text, map))
}

/// Replaces the bytes of a heredoc marker with spaces, keeping every other offset.
fn blank(text: &mut String, map: &Logical, marker: Span) {
    let Some(start) = map.from_file(marker.start) else {
        return;
    };
    let end = (start + marker.len()).min(text.len());
    if text.is_char_boundary(start) && text.is_char_boundary(end) {
        text.replace_range(start..end, &" ".repeat(end - start));
    }
}

fn analysed(origin: Origin, interpreter: Interpreter, text: String, map: Logical) -> Script {
    let analysis = match interpreter.is_shell() {
        true => shell::analyze(&text),
        false => shell::Script::default(),
    };
    let commands = analysis
        .commands
        .into_iter()
        .map(|c| to_file(c, &map))
        .collect();
    let assignments = analysis
        .assignments
        .into_iter()
        .map(|a| assignment_to_file(a, &map))
        .collect();
    Script {
        origin,
        interpreter,
        text,
        map,
        commands,
        assignments,
        has_errors: analysis.has_errors,
    }
}

fn assignment_to_file(mut assignment: Assignment, map: &Logical) -> Assignment {
    assignment.span = map.span_to_file(assignment.span);
    for field in assignment.fields.iter_mut().flatten() {
        field.span = map.span_to_file(field.span);
    }
    assignment
}

fn to_file(mut command: Command, map: &Logical) -> Command {
    command.span = map.span_to_file(command.span);
    command.name.span = map.span_to_file(command.name.span);
    for arg in &mut command.args {
        arg.span = map.span_to_file(arg.span);
    }
    command
}

/// Who reads a heredoc: the words after the marker when the marker starts the line
/// (`RUN <<EOF bash`), else the command the marker belongs to.
fn receiver(line: Option<&Script>, heredoc: &Heredoc, shell: &Interpreter) -> Interpreter {
    let Some(line) = line else {
        return Interpreter::Data;
    };
    let before = line.map.from_file(heredoc.marker.start).unwrap_or(0);
    let leading = line.text[..before.min(line.text.len())].trim().is_empty();
    if leading {
        let after = line
            .text
            .get(before..)
            .unwrap_or_default()
            .split_whitespace()
            .next();
        return match after {
            Some(program) => Interpreter::of_program(program),
            None => shebang(&heredoc.body.value).unwrap_or_else(|| shell.clone()),
        };
    }
    let owner = line
        .commands
        .iter()
        .rev()
        .find(|c| c.name.span.start < heredoc.marker.start);
    match owner {
        Some(command) => match Interpreter::of_program(&command.name.text) {
            Interpreter::Other(_) if !is_interpreter(&command.name.text) => Interpreter::Data,
            interpreter => interpreter,
        },
        None => Interpreter::Data,
    }
}

/// Programs that run their standard input as a program.
fn is_interpreter(program: &str) -> bool {
    let name = program.rsplit('/').next().unwrap_or(program);
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    [
        "python",
        "node",
        "perl",
        "ruby",
        "php",
        "pwsh",
        "powershell",
        "zsh",
        "ksh",
        "lua",
    ]
    .contains(&base)
}

/// The interpreter of a `#!` line.
fn shebang(body: &str) -> Option<Interpreter> {
    let line = body.lines().next()?.strip_prefix("#!")?;
    let mut words = line.split_whitespace();
    let program = words.next()?;
    let program = if program.ends_with("/env") {
        words.find(|w| !w.starts_with('-'))?
    } else {
        program
    };
    Some(Interpreter::of_program(program))
}

fn heredoc_script(index: usize, heredoc: &Heredoc, receiver: Interpreter) -> Script {
    let mut map = Logical::default();
    map.push(&heredoc.body.value, heredoc.body.span.start);
    analysed(
        Origin::Heredoc(index),
        receiver,
        heredoc.body.value.clone(),
        map,
    )
}

/// One `--mount=type=…,target=…` option of a RUN.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mount {
    /// `bind` (the default), `cache`, `tmpfs`, `secret`, `ssh`.
    pub kind: String,
    pub target: Option<String>,
    pub source: Option<String>,
    pub from: Option<String>,
    pub id: Option<String>,
    pub span: Span,
}

/// The `--mount` options of an instruction.
pub fn mounts(instruction: &Instruction) -> Vec<Mount> {
    instruction
        .flags
        .iter()
        .filter(|flag| flag.name.value == "mount")
        .filter_map(|flag| {
            let value = flag.value.as_ref()?;
            Some(mount(&value.value, flag.span))
        })
        .collect()
}

fn mount(csv: &str, span: Span) -> Mount {
    let mut mount = Mount {
        kind: "bind".into(),
        span,
        ..Mount::default()
    };
    for field in csv.split(',') {
        let (key, value) = field.split_once('=').unwrap_or((field, ""));
        let text = value.trim_matches('"').to_owned();
        let value = Some(text.clone());
        match key.trim().to_ascii_lowercase().as_str() {
            "type" => mount.kind = text,
            "target" | "dst" | "destination" => mount.target = value,
            "source" | "src" => mount.source = value,
            "from" => mount.from = value,
            "id" => mount.id = value,
            _ => {}
        }
    }
    mount
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::dockerfile::parse;

    fn scripts_of(text: &str) -> Vec<Script> {
        let file = parse(text);
        scripts(&file.instructions[1], Interpreter::Sh)
    }

    #[test]
    fn heredoc_receivers() {
        let cases = [
            ("FROM a\nRUN <<EOF\necho hi\nEOF\n", Interpreter::Sh),
            ("FROM a\nRUN <<EOF bash\necho hi\nEOF\n", Interpreter::Bash),
            (
                "FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\n",
                Interpreter::Other("python3".into()),
            ),
            ("FROM a\nRUN cat <<EOF > /f\nx\nEOF\n", Interpreter::Data),
            (
                "FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n",
                Interpreter::Other("python3".into()),
            ),
        ];
        for (text, expected) in cases {
            let scripts = scripts_of(text);
            let heredoc = scripts
                .iter()
                .find(|s| s.origin == Origin::Heredoc(0))
                .unwrap();
            assert_eq!(heredoc.interpreter, expected, "{text}");
        }
    }

    #[test]
    fn mounts_are_read_from_flags() {
        let text =
            "FROM a\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=secret,id=npm x\n";
        let file = parse(text);
        let mounts = mounts(&file.instructions[1]);

        assert_eq!(mounts[0].kind, "cache");
        assert_eq!(mounts[0].target.as_deref(), Some("/var/cache/apt"));
        assert_eq!(
            (mounts[1].kind.as_str(), mounts[1].id.as_deref()),
            ("secret", Some("npm"))
        );
    }
}
