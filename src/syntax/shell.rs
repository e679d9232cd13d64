//! RUN scripts as simple commands with spans, by way of tree-sitter-bash.
//!
//! The input is a script as the shell would receive it (continuations already joined by the
//! Dockerfile layer); every span in the output is a byte range into that script, and the caller
//! maps it back to the Dockerfile. Commands are found wherever the shell would run them: after
//! `&&`, `||`, `;` and `|`, inside `$(…)` and backticks, subshells, groups, `if`/`for`/`while`/
//! `case` bodies, function bodies and heredoc bodies, and behind the wrappers `sudo`, `env`,
//! `xargs`, `nohup`, `time`, `exec`, `command`, `nice`, `timeout`, `stdbuf` and `sh -c '…'`.
//!
//! Two kinds of statement are not plain commands in the grammar. Declarations (`export`,
//! `declare`, `local`, `readonly`, `typeset`, `unset`) are listed as commands named by their
//! keyword, with each assignment as one word (`export A="x y"` gives `export` with `A=x y`), so
//! rules can read them. Tests (`[ … ]`, `[[ … ]]`) are not listed, since their operands are
//! expressions rather than words; the commands inside their `$(…)` are.
//!
//! A wrapper is listed itself and then once more for the command it runs, whose
//! [`Command::wrappers`] names the wrappers; `command -v X` and `sudo -l X` only look `X` up, so
//! nothing is listed behind them. The script of `sh -c '…'` is analysed again, up to
//! [`MAX_SHELL_DEPTH`] levels, and its commands' spans point into the outer script.
//!
//! The walk over the tree is iterative, so deeply nested input cannot overflow the stack, and
//! each thread keeps one parser.
//!
//! Not followed: a heredoc fed to a shell (`sh <<EOF`), `find -exec`, `su -c`, `doas`, and
//! scripts in files (`sh script.sh`). A `$(…)` longer than 200 bytes is shortened in the word
//! that holds it (the commands inside are still listed with their own words).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use tree_sitter::{Node, Parser, Tree};

use crate::source::Span;

/// One shell word: its value with quotes removed where that can be known, and its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word with quotes and backslash escapes removed. Expansions (`$X`, `$(…)`) are kept
    /// as written.
    pub text: String,
    /// The word as written, in the script.
    pub span: Span,
    /// False when the word contains an expansion, so its value is not known statically.
    pub literal: bool,
}

/// A simple command: `name args…`, with leading `VAR=value` assignments and redirections left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub name: Word,
    pub args: Vec<Word>,
    /// The whole command, name to last argument.
    pub span: Span,
    /// The wrapper commands this one was found behind, outermost first (`sudo`, `env`, …).
    pub wrappers: Vec<String>,
    /// The index in [`Script::commands`] of the command this one's output is piped into.
    ///
    /// Set on the pipeline element's command and on every command it wraps, so in
    /// `sudo curl x | sh` both `sudo` and `curl` pipe into `sh`. Not set for compound elements
    /// such as `{ a; b; } | c`.
    pub pipe_to: Option<usize>,
    /// For a wrapper, the index in [`Script::commands`] of the command it runs (`sudo X` → `X`).
    /// Not set for `sh -c`, whose script may hold many commands.
    pub wraps: Option<usize>,
}

/// A variable the script sets for the commands after it: `DEPS='a b'` as a statement of its
/// own, in a declaration (`export DEPS='a b'`), or before a special builtin (`DEPS='a b' set
/// -x`), whose assignments POSIX shells keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub name: String,
    /// The fields an unquoted `$NAME` splits into, each with its span; `None` when the value
    /// holds an expansion.
    pub fields: Option<Vec<Word>>,
    /// The whole assignment, so a reader can take the last one before a command.
    pub span: Span,
}

/// The result of analysing one script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// Every simple command, in source order.
    pub commands: Vec<Command>,
    /// The variables the script itself sets, in source order; those of `sh -c` scripts are
    /// left out.
    pub assignments: Vec<Assignment>,
    /// True when tree-sitter found a syntax error (in the script or in an `sh -c` script it
    /// holds); the commands are those it understood.
    pub has_errors: bool,
}

impl Script {
    /// The command that `index` finally runs, following [`Command::wraps`] through its wrappers
    /// (`sudo env X` → `X`), so a rule can look past them.
    pub fn innermost(&self, index: usize) -> Option<&Command> {
        let mut command = self.commands.get(index)?;
        while let Some(inner) = command.wraps.and_then(|i| self.commands.get(i)) {
            command = inner;
        }
        Some(command)
    }
}

/// How many `sh -c` levels deep the analysis follows; a deeper script stays a plain word.
pub const MAX_SHELL_DEPTH: usize = 4;

/// Parses `script` as bash and lists its simple commands.
pub fn analyze(script: &str) -> Script {
    // Each level of `sh -c` reads at most the whole script again, so real scripts stay well
    // within this; `sh -c` nested inside `$(…)` thousands of times deep does not.
    let budget = Cell::new(script.len().saturating_mul(MAX_SHELL_DEPTH) + 4096);
    analyze_nested(script, 0, &budget)
}

/// Analyses a script at `depth` levels of `sh -c`; `budget` is how many more bytes of `sh -c`
/// scripts may be analysed in all.
fn analyze_nested(script: &str, depth: usize, budget: &Cell<usize>) -> Script {
    let Some(tree) = parse(script) else {
        return Script {
            has_errors: true,
            ..Script::default()
        };
    };
    let root = tree.root_node();

    let mut walker = Walker::new(script, root, depth, budget);
    walker.walk();
    walker.link_pipelines();
    walker.into_script()
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses with this thread's parser, creating it on first use.
fn parse(script: &str) -> Option<Tree> {
    PARSER.with(|cell| {
        // The borrow ends before any nested analysis starts, so it is always free; a fresh
        // parser is the fallback rather than a panic all the same.
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return new_parser()?.parse(script, None);
        };
        if slot.is_none() {
            *slot = new_parser();
        }
        slot.as_mut()?.parse(script, None)
    })
}

fn new_parser() -> Option<Parser> {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_bash::LANGUAGE.into())
        .ok()?;
    Some(parser)
}

/// The state of one walk over one tree.
struct Walker<'s, 't, 'b> {
    src: &'s str,
    root: Node<'t>,
    depth: usize,
    budget: &'b Cell<usize>,
    commands: Vec<Command>,
    /// For each command, the start of the tree node it came from; non-decreasing, since the
    /// walk visits nodes in source order.
    origins: Vec<usize>,
    /// The command emitted for each `command` node, by node id.
    by_node: HashMap<usize, usize>,
    /// Pipeline elements `(a, b)` for each `a | b`, linked once the walk is done.
    pipes: Vec<(Node<'t>, Node<'t>)>,
    assignments: Vec<Assignment>,
    has_errors: bool,
}

impl<'s, 't, 'b> Walker<'s, 't, 'b> {
    fn new(src: &'s str, root: Node<'t>, depth: usize, budget: &'b Cell<usize>) -> Self {
        Walker {
            src,
            root,
            depth,
            budget,
            commands: Vec::new(),
            origins: Vec::new(),
            by_node: HashMap::new(),
            pipes: Vec::new(),
            assignments: Vec::new(),
            has_errors: root.has_error(),
        }
    }

    /// Visits every node in pre-order with a cursor, never recursing.
    fn walk(&mut self) {
        let mut cursor = self.root.walk();
        loop {
            self.visit(cursor.node());
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    fn visit(&mut self, node: Node<'t>) {
        match node.kind() {
            "command" => self.simple_command(node),
            "declaration_command" | "unset_command" => self.declaration(node),
            "pipeline" => self.pipeline(node),
            "redirected_statement" => self.heredoc_pipe(node),
            "variable_assignment" => self.assignment(node),
            _ => {}
        }
    }

    /// Records an assignment that outlives its statement; one before an ordinary command sets
    /// the variable for that command only.
    fn assignment(&mut self, node: Node<'t>) {
        let prefix = node.parent().filter(|parent| parent.kind() == "command");
        if prefix.is_some_and(|command| !runs_special_builtin(self.src, command)) {
            return;
        }
        let Some(name) = node.child_by_field_name("name") else {
            return;
        };

        let fields = match node.child_by_field_name("value") {
            Some(value) => fields(self.src, value),
            None => Some(Vec::new()),
        };
        self.assignments.push(Assignment {
            name: self.src[name.byte_range()].to_owned(),
            fields,
            span: Span::new(node.start_byte(), node.end_byte()),
        });
    }

    fn simple_command(&mut self, node: Node<'t>) {
        let Some((name, args)) = command_words(self.src, node) else {
            return;
        };

        let index = self.emit(node.start_byte(), name, args, Vec::new());
        self.by_node.insert(node.id(), index);
        self.unwrap_chain(index, node);
    }

    /// `export A=1 B`: the keyword is the name, each assignment or name one argument.
    fn declaration(&mut self, node: Node<'t>) {
        let mut cursor = node.walk();
        if !cursor.goto_first_child() {
            return;
        }
        let name = word(self.src, cursor.node());

        let mut args = Vec::new();
        while cursor.goto_next_sibling() {
            let child = cursor.node();
            let kind = child.kind();
            if child.is_named() && !kind.ends_with("redirect") && kind != "comment" {
                args.push(word(self.src, child));
            }
        }
        self.emit(node.start_byte(), name, args, Vec::new());
    }

    fn emit(&mut self, origin: usize, name: Word, args: Vec<Word>, wrappers: Vec<String>) -> usize {
        let last = args.last().map_or(name.span, |arg| arg.span);
        let span = name.span.cover(last);
        let command = Command {
            name,
            args,
            span,
            wrappers,
            pipe_to: None,
            wraps: None,
        };

        self.commands.push(command);
        self.origins.push(origin);
        self.commands.len() - 1
    }

    /// Emits the command behind each wrapper in turn: `sudo env X` → `env`, then `X`.
    fn unwrap_chain(&mut self, mut index: usize, node: Node<'t>) {
        // How many of the node's arguments the commands so far have used as wrappers' options
        // and names: the current command's arguments are the node's from there on.
        let mut used = 0;
        while let Some(command) = self.commands.get(index) {
            let program = basename(&command.name.text);
            if let Some(script) = shell_script(program, &command.args) {
                if let Some(word) = nth_argument(node, used + script) {
                    self.shell_c(index, word);
                }
                return;
            }
            let Some(start) = wrapped_start(program, &command.args) else {
                return;
            };

            let mut wrappers = command.wrappers.clone();
            wrappers.push(program.to_owned());
            let mut rest = command
                .args
                .get(start..)
                .unwrap_or_default()
                .iter()
                .cloned();
            let Some(name) = rest.next() else {
                return;
            };
            let inner = self.emit(node.start_byte(), name, rest.collect(), wrappers);
            if let Some(wrapper) = self.commands.get_mut(index) {
                wrapper.wraps = Some(inner);
            }
            index = inner;
            used += start + 1;
        }
    }

    /// Analyses the script of `sh -c` (command `index`, script word `word`) and appends its
    /// commands with their spans mapped back into this script.
    fn shell_c(&mut self, index: usize, word: Node<'t>) {
        let size = word.end_byte() - word.start_byte();
        if self.depth >= MAX_SHELL_DEPTH || size > self.budget.get() {
            return;
        }
        self.budget.set(self.budget.get() - size);
        let Some(shell) = self.commands.get(index) else {
            return;
        };
        let mut wrappers = shell.wrappers.clone();
        wrappers.push(basename(&shell.name.text).to_owned());

        let unquoted = unquote(self.src, word, true);
        let inner = analyze_nested(&unquoted.text, self.depth + 1, self.budget);
        self.has_errors |= inner.has_errors;
        let span = Span::new(word.start_byte(), word.end_byte());
        self.append_inner(inner, &unquoted, &wrappers, span);
    }

    /// Appends an inner script's commands, dropping those the outer shell runs itself: a `$(…)`
    /// inside `sh -c "…"` is substituted before `sh` starts, and the walk has listed it already.
    fn append_inner(&mut self, inner: Script, map: &Unquoted, wrappers: &[String], word: Span) {
        let origin = self.origins.last().copied().unwrap_or(word.start);
        let kept: Vec<bool> = inner
            .commands
            .iter()
            .map(|c| !map.is_substituted(c.name.span.start))
            .collect();
        let mut new_index = Vec::with_capacity(kept.len());
        let mut next = self.commands.len();
        for &keep in &kept {
            new_index.push(keep.then_some(next));
            next += usize::from(keep);
        }
        let remap = |i: Option<usize>| i.and_then(|i| new_index.get(i).copied().flatten());

        for (command, keep) in inner.commands.into_iter().zip(kept) {
            if !keep {
                continue;
            }
            let command = map.map_command(command, word);
            let mapped = Command {
                wrappers: wrappers.iter().cloned().chain(command.wrappers).collect(),
                pipe_to: remap(command.pipe_to),
                wraps: remap(command.wraps),
                ..command
            };
            self.commands.push(mapped);
            self.origins.push(origin);
        }
    }

    fn pipeline(&mut self, node: Node<'t>) {
        let mut cursor = node.walk();
        let elements: Vec<Node<'t>> = node
            .named_children(&mut cursor)
            .filter(|n| n.kind() != "comment")
            .collect();
        for pair in elements.windows(2) {
            if let [from, to] = pair {
                self.pipes.push((*from, *to));
            }
        }
    }

    /// `cat <<EOF | sh`: the grammar puts `| sh` inside the heredoc redirect, as a pipeline of
    /// the commands after the first.
    fn heredoc_pipe(&mut self, node: Node<'t>) {
        let Some(body) = node.child_by_field_name("body") else {
            return;
        };
        let mut cursor = node.walk();
        let pipeline = node
            .children_by_field_name("redirect", &mut cursor)
            .filter(|redirect| redirect.kind() == "heredoc_redirect")
            .find_map(|redirect| child_of_kind(redirect, "pipeline"));
        if let Some(first) = pipeline.and_then(|p| p.named_child(0)) {
            self.pipes.push((body, first));
        }
    }

    /// Sets `pipe_to` for each `a | b` seen.
    fn link_pipelines(&mut self) {
        for (from, to) in std::mem::take(&mut self.pipes) {
            self.link(from, to);
        }
    }

    fn link(&mut self, from: Node<'t>, to: Node<'t>) {
        let (Some(source), Some(target)) = (self.own_command(from), self.head_of(to)) else {
            return;
        };
        let mut next = Some(source);
        while let Some(command) = next.and_then(|i| self.commands.get_mut(i)) {
            command.pipe_to = Some(target);
            next = command.wraps;
        }
    }

    /// The command a pipeline element runs when the element is a simple command.
    fn own_command(&self, element: Node<'t>) -> Option<usize> {
        let node = match element.kind() {
            "redirected_statement" => element.child_by_field_name("body")?,
            "negated_command" => element.named_child(0)?,
            _ => element,
        };
        self.by_node.get(&node.id()).copied()
    }

    /// The first command a pipeline element runs: its own, or the first one inside it.
    fn head_of(&self, element: Node<'t>) -> Option<usize> {
        if let Some(index) = self.own_command(element) {
            return Some(index);
        }
        let first = self.origins.partition_point(|&o| o < element.start_byte());
        let origin = *self.origins.get(first)?;
        (origin < element.end_byte()).then_some(first)
    }

    /// The commands in source order, with their cross-references renumbered to match.
    fn into_script(self) -> Script {
        let mut order: Vec<usize> = (0..self.commands.len()).collect();
        order.sort_by_key(|&i| self.commands.get(i).map_or(0, |c| c.name.span.start));
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_index.get_mut(old) {
                *slot = new;
            }
        }
        let renumber = |i: Option<usize>| i.and_then(|i| new_index.get(i).copied());

        let mut slots: Vec<Option<Command>> = self.commands.into_iter().map(Some).collect();
        let commands = order
            .iter()
            .filter_map(|&old| slots.get_mut(old)?.take())
            .map(|c| Command {
                pipe_to: renumber(c.pipe_to),
                wraps: renumber(c.wraps),
                ..c
            })
            .collect();
        Script {
            commands,
            assignments: self.assignments,
            has_errors: self.has_errors,
        }
    }
}

/// Whether `text` is a shell variable name: a letter or `_`, then letters, digits and `_`.
pub fn is_variable_name(text: &str) -> bool {
    let mut chars = text.chars();
    let first = chars.next();
    first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether a `command` node runs a special builtin, such as `set` or `:`. (`export`,
/// `readonly` and `unset` are declarations in the grammar, not commands.)
fn runs_special_builtin(src: &str, command: Node) -> bool {
    const SPECIAL: &[&str] = &[
        ":", ".", "break", "continue", "eval", "exec", "exit", "return", "set", "shift", "times",
        "trap",
    ];
    let name = command.child_by_field_name("name");
    name.is_some_and(|name| SPECIAL.contains(&&src[name.byte_range()]))
}

/// The fields of an assigned value as an unquoted expansion splits them at blanks, each with
/// its span in the script; `None` when the value holds an expansion.
fn fields(src: &str, value: Node) -> Option<Vec<Word>> {
    let unquoted = unquote(src, value, true);
    if !unquoted.literal {
        return None;
    }
    let whole = Span::new(value.start_byte(), value.end_byte());
    let text = unquoted.text.as_str();
    let fields = text.split_ascii_whitespace().map(|field| {
        // A field is a slice of `text`, so its offset is the distance between their starts.
        let from = field.as_ptr() as usize - text.as_ptr() as usize;
        Word {
            text: field.to_owned(),
            span: unquoted.map_span(Span::new(from, from + field.len()), whole),
            literal: true,
        }
    });
    Some(fields.collect())
}

/// The name and arguments of a `command` node; `None` when it has no name.
fn command_words(src: &str, node: Node) -> Option<(Word, Vec<Word>)> {
    let mut name = None;
    let mut args = Vec::new();
    let mut cursor = node.walk();
    if !cursor.goto_first_child() {
        return None;
    }
    loop {
        match cursor.field_name() {
            Some("name") => name = Some(word(src, cursor.node())),
            Some("argument") => args.push(word(src, cursor.node())),
            _ => {}
        }
        if !cursor.goto_next_sibling() {
            break;
        }
    }
    Some((name?, args))
}

fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|child| child.kind() == kind)
}

/// The `n`th argument node of a `command` node.
fn nth_argument<'t>(node: Node<'t>, n: usize) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    let mut arguments = node.children_by_field_name("argument", &mut cursor);
    arguments.nth(n)
}

/// `/usr/bin/sudo` → `sudo`.
fn basename(program: &str) -> &str {
    program.rsplit_once('/').map_or(program, |(_, base)| base)
}

fn word(src: &str, node: Node) -> Word {
    let unquoted = unquote(src, node, false);
    let span = Span::new(node.start_byte(), node.end_byte());
    Word {
        text: unquoted.text,
        span,
        literal: unquoted.literal,
    }
}

// Words: removing quotes, and remembering where each byte came from.

/// How deep a word's own nodes are followed (`a"b"` is a concatenation holding a string);
/// anything deeper is taken as written.
const MAX_WORD_DEPTH: usize = 8;

/// The longest expansion a word's text holds in full; see [`Unquoted::expansion`].
const MAX_EXPANSION_TEXT: usize = 200;

/// A word's value being built, with the source range of each byte when asked for.
struct Unquoted {
    text: String,
    literal: bool,
    pieces: Option<Vec<Piece>>,
}

/// The source range one byte of an unquoted word came from.
#[derive(Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    /// The byte is part of a `$(…)` or backtick substitution copied as written.
    substituted: bool,
}

impl Unquoted {
    fn push(&mut self, ch: char, start: usize, end: usize, substituted: bool) {
        self.text.push(ch);
        if let Some(pieces) = &mut self.pieces {
            let piece = Piece {
                start,
                end,
                substituted,
            };
            pieces.extend(std::iter::repeat_n(piece, ch.len_utf8()));
        }
    }

    /// Copies `start..end` of `src` as written.
    fn raw(&mut self, src: &str, start: usize, end: usize, substituted: bool) {
        if self.pieces.is_none() {
            self.text.push_str(src.get(start..end).unwrap_or_default());
            return;
        }
        for (at, ch, next) in chars(src, start, end) {
            self.push(ch, at, next, substituted);
        }
    }

    /// Copies an expansion as written, shortened to its first bytes and `…` when long.
    ///
    /// Every command inside `$(…)` has its own words, so copying each substitution in full
    /// would make deeply nested input quadratic in memory. An `sh -c` script (`pieces` kept)
    /// is copied in full, since it is parsed again.
    fn expansion(&mut self, src: &str, start: usize, end: usize, substituted: bool) {
        self.literal = false;
        if self.pieces.is_some() || end - start <= MAX_EXPANSION_TEXT {
            return self.raw(src, start, end, substituted);
        }
        let mut cut = start + MAX_EXPANSION_TEXT;
        while !src.is_char_boundary(cut) {
            cut -= 1;
        }
        self.raw(src, start, cut, substituted);
        self.text.push('…');
    }

    fn is_substituted(&self, offset: usize) -> bool {
        let piece = self.pieces.as_ref().and_then(|p| p.get(offset));
        piece.is_some_and(|p| p.substituted)
    }

    /// Maps a span in the unquoted text to the source; `fallback` (the word) when it cannot.
    fn map_span(&self, span: Span, fallback: Span) -> Span {
        let Some(pieces) = &self.pieces else {
            return fallback;
        };
        let first = pieces.get(span.start);
        let last = span.end.checked_sub(1).and_then(|end| pieces.get(end));
        match (first, last) {
            (Some(first), _) if span.is_empty() => Span::at(first.start),
            (Some(first), Some(last)) if first.start <= last.end => {
                Span::new(first.start, last.end)
            }
            _ => Span::at(fallback.end),
        }
    }

    fn map_word(&self, word: Word, fallback: Span) -> Word {
        Word {
            span: self.map_span(word.span, fallback),
            ..word
        }
    }

    /// A command of the script this word holds, with its spans in the outer script.
    fn map_command(&self, command: Command, fallback: Span) -> Command {
        Command {
            name: self.map_word(command.name, fallback),
            args: command
                .args
                .into_iter()
                .map(|a| self.map_word(a, fallback))
                .collect(),
            span: self.map_span(command.span, fallback),
            ..command
        }
    }
}

/// The chars of `src[start..end]` with their start and end offsets in `src`.
fn chars(src: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, char, usize)> + '_ {
    let text = src.get(start..end).unwrap_or_default();
    text.char_indices()
        .map(move |(i, ch)| (start + i, ch, start + i + ch.len_utf8()))
}

fn unquote(src: &str, node: Node, track: bool) -> Unquoted {
    let pieces = track.then(Vec::new);
    let mut out = Unquoted {
        text: String::new(),
        literal: true,
        pieces,
    };
    unquote_node(&mut out, src, node, 0);
    out
}

fn unquote_node(out: &mut Unquoted, src: &str, node: Node, depth: usize) {
    let (start, end) = (node.start_byte(), node.end_byte());
    match node.kind() {
        "raw_string" => {
            let (start, end) = inside(src, start, end, "'", "'");
            out.raw(src, start, end, false);
        }
        "ansi_c_string" => {
            let (start, end) = inside(src, start, end, "$'", "'");
            ansi_c(out, src, start, end);
        }
        "string" | "translated_string" => double_quoted(out, src, node),
        "simple_expansion" | "expansion" | "arithmetic_expansion" | "brace_expression" => {
            out.expansion(src, start, end, false);
        }
        "command_substitution" | "process_substitution" => out.expansion(src, start, end, true),
        _ if node.child_count() == 0 => bare(out, src, start, end),
        _ if depth >= MAX_WORD_DEPTH => {
            let text = src.get(start..end).unwrap_or_default();
            out.literal &= !text.contains(['$', '`']);
            out.raw(src, start, end, text.contains(['`', '(']));
        }
        _ => concatenation(out, src, node, depth + 1),
    }
}

/// The range between `open` and `close`, either of which may be missing in broken input.
fn inside(src: &str, start: usize, end: usize, open: &str, close: &str) -> (usize, usize) {
    let text = src.get(start..end).unwrap_or_default();
    let from = if text.starts_with(open) {
        start + open.len()
    } else {
        start
    };
    let closed = text.len() >= open.len() + close.len() && text.ends_with(close);
    let to = if closed { end - close.len() } else { end };
    (from, to.max(from))
}

/// The parts of a word one after another, with any text between them taken as unquoted.
fn concatenation(out: &mut Unquoted, src: &str, node: Node, depth: usize) {
    let mut at = node.start_byte();
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        if child.start_byte() > at {
            bare(out, src, at, child.start_byte());
        }
        unquote_node(out, src, child, depth);
        at = at.max(child.end_byte());
    }
    bare(out, src, at, node.end_byte());
}

/// `"…"` (or `$"…"`): escapes removed from the text, expansions kept as written.
fn double_quoted(out: &mut Unquoted, src: &str, node: Node) {
    let text = src
        .get(node.start_byte()..node.end_byte())
        .unwrap_or_default();
    let open = text.find('"').map_or(0, |i| i + 1);
    let (start, end) = inside(src, node.start_byte() + open, node.end_byte(), "", "\"");

    let mut at = start;
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        if child.kind() == "string_content" || child.start_byte() < at {
            continue;
        }
        escaped(out, src, at, child.start_byte().min(end), "$`\"\\");
        unquote_node(out, src, child, MAX_WORD_DEPTH);
        at = child.end_byte();
    }
    escaped(out, src, at, end, "$`\"\\");
}

/// Unquoted text: a backslash escapes any character.
fn bare(out: &mut Unquoted, src: &str, start: usize, end: usize) {
    escaped(out, src, start, end, "");
}

/// Text where a backslash escapes a newline and the characters of `special` (all characters
/// when `special` is empty), and is kept before any other.
fn escaped(out: &mut Unquoted, src: &str, start: usize, end: usize, special: &str) {
    let mut chars = chars(src, start, end).peekable();
    while let Some((at, ch, next)) = chars.next() {
        let escapes = |c: char| c == '\n' || special.is_empty() || special.contains(c);
        let following = chars
            .peek()
            .copied()
            .filter(|&(_, c, _)| ch == '\\' && escapes(c));
        match following {
            Some((_, '\n', _)) => {
                chars.next();
            }
            Some((_, escaped, after)) => {
                out.push(escaped, at, after, false);
                chars.next();
            }
            None => out.push(ch, at, next, false),
        }
    }
}

/// `$'…'`: the common escapes decoded; the rest kept as written.
fn ansi_c(out: &mut Unquoted, src: &str, start: usize, end: usize) {
    let text = src.get(start..end).unwrap_or_default();
    let mut at = 0;
    while let Some(ch) = text.get(at..).and_then(|rest| rest.chars().next()) {
        let (value, len) = match ch {
            '\\' => ansi_escape(text.get(at + 1..).unwrap_or_default()),
            _ => (ch, ch.len_utf8()),
        };
        out.push(value, start + at, start + at + len, false);
        at += len;
    }
}

/// The value of the escape after a backslash in `$'…'`, and the escape's length with the
/// backslash.
fn ansi_escape(rest: &str) -> (char, usize) {
    let Some(ch) = rest.chars().next() else {
        return ('\\', 1);
    };
    let simple = match ch {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        'e' | 'E' => Some('\x1b'),
        'f' => Some('\x0c'),
        'v' => Some('\x0b'),
        '\\' | '\'' | '"' | '?' => Some(ch),
        _ => None,
    };
    if let Some(value) = simple {
        return (value, 2);
    }
    let (radix, skip, max) = match ch {
        'x' => (16, 1, 2),
        'u' => (16, 1, 4),
        'U' => (16, 1, 8),
        '0'..='7' => (8, 0, 3),
        _ => return ('\\', 1),
    };
    let digits: String = rest
        .chars()
        .skip(skip)
        .take(max)
        .take_while(|c| c.is_digit(radix))
        .collect();
    let value = u32::from_str_radix(&digits, radix)
        .ok()
        .and_then(char::from_u32);
    match value {
        Some(value) => (value, 1 + skip + digits.len()),
        None => ('\\', 1),
    }
}

// Wrappers: commands that run the command in their arguments.

/// How a wrapper's arguments read, up to the command it runs.
struct Wrapper {
    name: &'static str,
    /// Short options that take a value, attached (`-ubob`) or as the next word (`-u bob`).
    value_shorts: &'static str,
    /// Short options whose optional value can only be attached (`xargs -i{}`).
    attached_shorts: &'static str,
    /// Long options that take the next word as their value unless written `--opt=value`.
    value_longs: &'static [&'static str],
    /// Short options after which no command runs (`command -v`).
    stop_shorts: &'static str,
    /// `NAME=value` words may come before the command.
    assignments: bool,
    /// A lone `-` is an option (`env -`).
    lone_dash: bool,
    /// Words before the command that are not options (`timeout`'s duration).
    operands: usize,
}

const PLAIN: Wrapper = Wrapper {
    name: "",
    value_shorts: "",
    attached_shorts: "",
    value_longs: &[],
    stop_shorts: "",
    assignments: false,
    lone_dash: false,
    operands: 0,
};

const WRAPPERS: &[Wrapper] = &[
    Wrapper {
        name: "sudo",
        value_shorts: "ughCDprtUTR",
        value_longs: &[
            "user",
            "group",
            "close-from",
            "chdir",
            "host",
            "prompt",
            "role",
            "type",
            "other-user",
            "command-timeout",
            "chroot",
        ],
        stop_shorts: "elvV",
        assignments: true,
        ..PLAIN
    },
    Wrapper {
        name: "env",
        value_shorts: "uCS",
        value_longs: &["unset", "chdir", "split-string"],
        assignments: true,
        lone_dash: true,
        ..PLAIN
    },
    Wrapper {
        name: "xargs",
        value_shorts: "InPLsdEa",
        attached_shorts: "eil",
        value_longs: &[
            "arg-file",
            "delimiter",
            "max-args",
            "max-procs",
            "max-chars",
            "process-slot-var",
        ],
        ..PLAIN
    },
    Wrapper {
        name: "nohup",
        ..PLAIN
    },
    Wrapper {
        name: "time",
        value_shorts: "fo",
        value_longs: &["format", "output"],
        ..PLAIN
    },
    Wrapper {
        name: "exec",
        value_shorts: "a",
        ..PLAIN
    },
    Wrapper {
        name: "command",
        stop_shorts: "vV",
        ..PLAIN
    },
    Wrapper {
        name: "nice",
        value_shorts: "n",
        value_longs: &["adjustment"],
        ..PLAIN
    },
    Wrapper {
        name: "timeout",
        value_shorts: "sk",
        value_longs: &["signal", "kill-after"],
        operands: 1,
        ..PLAIN
    },
    Wrapper {
        name: "stdbuf",
        value_shorts: "ioe",
        value_longs: &["input", "output", "error"],
        ..PLAIN
    },
];

/// What one word before a wrapped command is.
enum Step {
    /// An option, with its value: skip this many words.
    Skip(usize),
    /// `--`: only operands and the command follow.
    EndOfOptions,
    /// The command, or one of the wrapper's operands.
    Operand,
}

/// Where the wrapped command starts in a wrapper's arguments; `None` when `program` is not a
/// wrapper or runs nothing.
fn wrapped_start(program: &str, args: &[Word]) -> Option<usize> {
    let spec = WRAPPERS.iter().find(|w| w.name == program)?;
    let mut operands = spec.operands;
    let mut options = true;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        let step = if options {
            wrapper_step(spec, &arg.text)?
        } else {
            Step::Operand
        };
        match step {
            Step::Skip(words) => i += words,
            Step::EndOfOptions => {
                options = false;
                i += 1;
            }
            Step::Operand if operands > 0 => {
                operands -= 1;
                i += 1;
            }
            Step::Operand => return Some(i),
        }
    }
    None
}

/// Reads one word of a wrapper's arguments; `None` when the option means nothing runs.
fn wrapper_step(spec: &Wrapper, text: &str) -> Option<Step> {
    if text == "--" {
        return Some(Step::EndOfOptions);
    }
    if text == "-" {
        return Some(if spec.lone_dash {
            Step::Skip(1)
        } else {
            Step::Operand
        });
    }
    if let Some(long) = text.strip_prefix("--") {
        let takes_next = !long.contains('=') && spec.value_longs.contains(&long);
        return Some(Step::Skip(1 + usize::from(takes_next)));
    }
    if let Some(cluster) = text.strip_prefix('-') {
        return short_options(spec, cluster);
    }
    if spec.assignments && is_assignment(text) {
        return Some(Step::Skip(1));
    }
    Some(Step::Operand)
}

/// `-Eu bob`: flags, then perhaps one option whose value is the rest or the next word.
fn short_options(spec: &Wrapper, cluster: &str) -> Option<Step> {
    for (i, ch) in cluster.char_indices() {
        if spec.stop_shorts.contains(ch) {
            return None;
        }
        if spec.attached_shorts.contains(ch) {
            return Some(Step::Skip(1));
        }
        if spec.value_shorts.contains(ch) {
            let attached = i + ch.len_utf8() < cluster.len();
            return Some(Step::Skip(if attached { 1 } else { 2 }));
        }
    }
    Some(Step::Skip(1))
}

/// `NAME=value`, as `env` and `sudo` take them.
fn is_assignment(text: &str) -> bool {
    let Some((name, _)) = text.split_once('=') else {
        return false;
    };
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
    starts_well && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// Shells whose `-c` script is analysed.
const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh"];

/// The index in `args` of the script of `sh -c 'script'`, with any options around `-c`.
fn shell_script(program: &str, args: &[Word]) -> Option<usize> {
    if !SHELLS.contains(&program) {
        return None;
    }
    let mut has_c = false;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        let text = arg.text.as_str();
        if text == "--" {
            return (has_c && i + 1 < args.len()).then_some(i + 1);
        }
        if let Some(long) = text.strip_prefix("--") {
            i += if matches!(long, "rcfile" | "init-file") {
                2
            } else {
                1
            };
            continue;
        }
        let Some(cluster) = text.strip_prefix(['-', '+']).filter(|c| !c.is_empty()) else {
            return has_c.then_some(i);
        };
        has_c |= cluster.contains('c');
        i += if cluster.contains(['o', 'O']) { 2 } else { 1 };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A command as one line: `wrappers: name@start..end args | #pipe_to`.
    fn render(command: &Command) -> String {
        let mut line = String::new();
        if !command.wrappers.is_empty() {
            line = format!("{}: ", command.wrappers.join(" "));
        }
        let span = command.name.span;
        line += &format!("{}@{}..{}", command.name.text, span.start, span.end);
        for arg in &command.args {
            line += &format!(" {}", arg.text);
        }
        if let Some(target) = command.pipe_to {
            line += &format!(" | #{target}");
        }
        line
    }

    fn rendered(script: &str) -> Vec<String> {
        analyze(script).commands.iter().map(render).collect()
    }

    /// Every span lies in the script, on char boundaries, and a command covers its words.
    fn assert_spans_valid(script: &str, analysis: &Script) {
        for command in &analysis.commands {
            let words = std::iter::once(&command.name).chain(&command.args);
            for span in words.map(|w| w.span).chain([command.span]) {
                assert!(span.start <= span.end, "{span:?} in {script:?}");
                assert!(script.get(span.range()).is_some(), "{span:?} in {script:?}");
            }
            assert!(command.span.start <= command.name.span.start, "{script:?}");
        }
    }

    const CASES: &[(&str, &[&str])] = &[
        (
            "set -eux; apt-get update && apt-get install -y --no-install-recommends \
             ca-certificates=2023* curl && rm -rf /var/lib/apt/lists/*",
            &[
                "set@0..3 -eux",
                "apt-get@10..17 update",
                "apt-get@28..35 install -y --no-install-recommends ca-certificates=2023* curl",
                "rm@101..103 -rf /var/lib/apt/lists/*",
            ],
        ),
        (
            "curl -fsSL https://x | sh",
            &["curl@0..4 -fsSL https://x | #1", "sh@23..25"],
        ),
        ("a | b | c", &["a@0..1 | #1", "b@4..5 | #2", "c@8..9"]),
        ("a |& b", &["a@0..1 | #1", "b@5..6"]),
        (
            "sudo -u bob apt-get install x",
            &[
                "sudo@0..4 -u bob apt-get install x",
                "sudo: apt-get@12..19 install x",
            ],
        ),
        (
            "sudo -E -H --user=bob -- make",
            &["sudo@0..4 -E -H --user=bob -- make", "sudo: make@25..29"],
        ),
        (
            "sudo FOO=1 make",
            &["sudo@0..4 FOO=1 make", "sudo: make@11..15"],
        ),
        ("sudo -l make", &["sudo@0..4 -l make"]),
        (
            "env DEBIAN_FRONTEND=noninteractive apt-get install x",
            &[
                "env@0..3 DEBIAN_FRONTEND=noninteractive apt-get install x",
                "env: apt-get@35..42 install x",
            ],
        ),
        (
            "env -i - -u HOME make",
            &["env@0..3 -i - -u HOME make", "env: make@17..21"],
        ),
        (
            "sudo env A=1 apt-get install x",
            &[
                "sudo@0..4 env A=1 apt-get install x",
                "sudo: env@5..8 A=1 apt-get install x",
                "sudo env: apt-get@13..20 install x",
            ],
        ),
        (
            "echo a b | xargs -n1 pip install",
            &[
                "echo@0..4 a b | #1",
                "xargs@11..16 -n1 pip install",
                "xargs: pip@21..24 install",
            ],
        ),
        (
            "xargs -I R -P 4 --max-args 2 -0 cp R /d",
            &[
                "xargs@0..5 -I R -P 4 --max-args 2 -0 cp R /d",
                "xargs: cp@32..34 R /d",
            ],
        ),
        (
            "xargs -i{} rm {}",
            &["xargs@0..5 -i{} rm {}", "xargs: rm@11..13 {}"],
        ),
        ("nohup ./run &", &["nohup@0..5 ./run", "nohup: ./run@6..11"]),
        ("time -p make", &["time@0..4 -p make", "time: make@8..12"]),
        (
            "exec -a x node",
            &["exec@0..4 -a x node", "exec: node@10..14"],
        ),
        ("command -v curl", &["command@0..7 -v curl"]),
        (
            "command -p ls",
            &["command@0..7 -p ls", "command: ls@11..13"],
        ),
        (
            "nice -n 10 make",
            &["nice@0..4 -n 10 make", "nice: make@11..15"],
        ),
        ("nice -5 make", &["nice@0..4 -5 make", "nice: make@8..12"]),
        (
            "timeout -s KILL 5m curl x",
            &["timeout@0..7 -s KILL 5m curl x", "timeout: curl@19..23 x"],
        ),
        (
            "stdbuf -oL make",
            &["stdbuf@0..6 -oL make", "stdbuf: make@11..15"],
        ),
        (
            "/usr/bin/sudo ls",
            &["/usr/bin/sudo@0..13 ls", "sudo: ls@14..16"],
        ),
        ("sudo", &["sudo@0..4"]),
        ("sudo -u", &["sudo@0..4 -u"]),
        (
            "sh -c 'apt-get install -y vim'",
            &[
                "sh@0..2 -c apt-get install -y vim",
                "sh: apt-get@7..14 install -y vim",
            ],
        ),
        (
            "bash -eo pipefail -xc 'a && b'",
            &[
                "bash@0..4 -eo pipefail -xc a && b",
                "bash: a@23..24",
                "bash: b@28..29",
            ],
        ),
        (
            "sudo sh -c \"a 'x y' \\\"z\\\" && b\"",
            &[
                "sudo@0..4 sh -c a 'x y' \"z\" && b",
                "sudo: sh@5..7 -c a 'x y' \"z\" && b",
                "sudo sh: a@12..13 x y z",
                "sudo sh: b@29..30",
            ],
        ),
        (
            "sh -c \"echo $(id) $HOME\"",
            &[
                "sh@0..2 -c echo $(id) $HOME",
                "sh: echo@7..11 $(id) $HOME",
                "id@14..16",
            ],
        ),
        (
            "sh -c 'sh -c \"curl x | sh\"'",
            &[
                "sh@0..2 -c sh -c \"curl x | sh\"",
                "sh: sh@7..9 -c curl x | sh",
                "sh sh: curl@14..18 x | #3",
                "sh sh: sh@23..25",
            ],
        ),
        (
            "export X=$(curl -s x)",
            &["export@0..6 X=$(curl -s x)", "curl@11..15 -s x"],
        ),
        (
            "sudo -g g -C 3 -D /d -h h -p p -r r -t t -U u -T 5 -R /r apt-get x",
            &[
                "sudo@0..4 -g g -C 3 -D /d -h h -p p -r r -t t -U u -T 5 -R /r apt-get x",
                "sudo: apt-get@57..64 x",
            ],
        ),
        (
            "xargs --max-args=1 -d '\\n' -a f -E END -L 1 -s 100 --null rm",
            &[
                "xargs@0..5 --max-args=1 -d \\n -a f -E END -L 1 -s 100 --null rm",
                "xargs: rm@58..60",
            ],
        ),
        (
            "timeout --signal=KILL --preserve-status -k 5 10 cmd",
            &[
                "timeout@0..7 --signal=KILL --preserve-status -k 5 10 cmd",
                "timeout: cmd@48..51",
            ],
        ),
        (
            "bash -lc 'a'; zsh -c b; sh -ec \"c\"; dash -o errexit -c 'd' name",
            &[
                "bash@0..4 -lc a",
                "bash: a@10..11",
                "zsh@14..17 -c b",
                "zsh: b@21..22",
                "sh@24..26 -ec c",
                "sh: c@32..33",
                "dash@36..40 -o errexit -c d name",
                "dash: d@56..57",
            ],
        ),
        (
            "stdbuf -i0 -o L --error=0 make",
            &["stdbuf@0..6 -i0 -o L --error=0 make", "stdbuf: make@26..30"],
        ),
        (
            "env -u N --chdir=/x -C /y - A=b cmd",
            &[
                "env@0..3 -u N --chdir=/x -C /y - A=b cmd",
                "env: cmd@32..35",
            ],
        ),
        (
            "sudo -- env -- make",
            &[
                "sudo@0..4 -- env -- make",
                "sudo: env@8..11 -- make",
                "sudo env: make@15..19",
            ],
        ),
        ("sh script.sh", &["sh@0..2 script.sh"]),
        (
            "curl x | sudo sh",
            &["curl@0..4 x | #1", "sudo@9..13 sh", "sudo: sh@14..16"],
        ),
        (
            "sudo curl x | sh",
            &[
                "sudo@0..4 curl x | #2",
                "sudo: curl@5..9 x | #2",
                "sh@14..16",
            ],
        ),
        (
            "x=$(curl -s https://x | sh)",
            &["curl@4..8 -s https://x | #1", "sh@24..26"],
        ),
        ("FOO=$(id -u) make", &["id@6..8 -u", "make@13..17"]),
        ("A=1 B=2 >/dev/null make all", &["make@19..23 all"]),
        (
            "if [ -f a ]; then pip install b; fi",
            &["pip@18..21 install b"],
        ),
        ("[[ -x $(which b) ]] && c", &["which@8..13 b", "c@23..24"]),
        (
            "if a; then b; elif c; then d; else e; fi",
            &["a@3..4", "b@11..12", "c@19..20", "d@27..28", "e@35..36"],
        ),
        (
            "for p in a b; do npm install -g $p; done",
            &["npm@17..20 install -g $p"],
        ),
        (
            "while read l; do x; done < f",
            &["read@6..10 l", "x@17..18"],
        ),
        ("until a; do b; done", &["a@6..7", "b@12..13"]),
        ("case $x in a) b;; *) c;; esac", &["b@14..15", "c@21..22"]),
        ("f() { a; }; f", &["a@6..7", "f@12..13"]),
        (
            "{ a; b; } > /f && (cd /x; make)",
            &["a@2..3", "b@5..6", "cd@19..21 /x", "make@26..30"],
        ),
        (
            "echo `date` $(uname -m)",
            &[
                "echo@0..4 `date` $(uname -m)",
                "date@6..10",
                "uname@14..19 -m",
            ],
        ),
        (
            "cat <<EOF > f\nhello $(id)\nEOF\necho done",
            &["cat@0..3", "id@22..24", "echo@30..34 done"],
        ),
        (
            "cat <<'EOF' | sh\napt-get install x\nEOF",
            &["cat@0..3 | #1", "sh@14..16"],
        ),
        (
            "cat <<EOF | sh -s && b | c\nx\nEOF",
            &["cat@0..3 | #1", "sh@12..14 -s", "b@21..22 | #3", "c@25..26"],
        ),
        (
            "export A=1 B=\"$(uname -m)\"; local x",
            &[
                "export@0..6 A=1 B=$(uname -m)",
                "uname@16..21 -m",
                "local@28..33 x",
            ],
        ),
        ("! a | b", &["a@2..3 | #1", "b@6..7"]),
        ("a # comment\nb", &["a@0..1", "b@12..13"]),
        ("", &[]),
        ("   \n\n", &[]),
    ];

    #[test]
    fn commands_are_found_with_their_spans() {
        for (script, expected) in CASES {
            assert_eq!(rendered(script), *expected, "{script:?}");
            assert_spans_valid(script, &analyze(script));
        }
    }

    /// Word values with quotes removed, and whether they are known statically.
    const WORDS: &[(&str, &str, bool)] = &[
        ("plain", "plain", true),
        ("'single quoted'", "single quoted", true),
        ("\"double quoted\"", "double quoted", true),
        ("--foo=\"a b\"", "--foo=a b", true),
        ("a'b'\"c\"d", "abcd", true),
        ("a\\ b", "a b", true),
        ("\"q\\\"\\$\\x\"", "q\"$\\x", true),
        ("$'tab\\there\\x41\\''", "tab\there\x41'", true),
        ("$X", "$X", false),
        ("${X:-y}", "${X:-y}", false),
        ("\"v=$X\"", "v=$X", false),
        ("pre$(id)", "pre$(id)", false),
        ("`id`", "`id`", false),
        ("$((1+2))", "$((1+2))", false),
        ("/var/lib/*", "/var/lib/*", true),
        ("'ünïcödé'", "ünïcödé", true),
    ];

    #[test]
    fn assignments_that_outlive_their_statement() {
        let script = "set -x && deps=' a \tb ' && X=1 env && A=2 set -e; export C=\"c $D\"; E=";
        let analysis = analyze(script);
        let found: Vec<(&str, Option<Vec<&str>>)> = analysis
            .assignments
            .iter()
            .map(|a| {
                let fields = a.fields.as_ref().map(|f| {
                    f.iter()
                        .map(|w| &script[w.span.range()])
                        .collect::<Vec<_>>()
                });
                (a.name.as_str(), fields)
            })
            .collect();
        let expected = vec![
            ("deps", Some(vec!["a", "b"])),
            ("A", Some(vec!["2"])),
            ("C", None),
            ("E", Some(vec![])),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn words_lose_their_quotes() {
        for (written, text, literal) in WORDS {
            let script = format!("cmd {written}");
            let analysis = analyze(&script);
            let arg = analysis.commands.first().and_then(|c| c.args.first());
            let arg = arg.unwrap_or_else(|| panic!("no argument in {script:?}"));
            assert_eq!(
                (arg.text.as_str(), arg.literal),
                (*text, *literal),
                "{script:?}"
            );
            assert_eq!(&script[arg.span.range()], *written);
        }
    }

    #[test]
    fn sh_c_spans_point_at_the_inner_words() {
        let cases = [
            "sh -c 'apt-get install -y vim'",
            "bash -c \"apt-get install -y 'vim'\"",
            "sh -c \"échö \\\"é\\\" && apt-get install -y vim\"",
            "sudo dash -ec 'cd /tmp; apt-get install -y vim'",
        ];
        for script in cases {
            let analysis = analyze(script);
            assert_spans_valid(script, &analysis);
            let inner = analysis.commands.iter().find(|c| c.name.text == "apt-get");
            let inner = inner.unwrap_or_else(|| panic!("no apt-get in {script:?}"));
            assert_eq!(&script[inner.name.span.range()], "apt-get");
            let last = &script[inner.args[2].span.range()];
            assert_eq!(last.trim_matches('\''), "vim");
            assert!(
                script[inner.span.range()].starts_with("apt-get "),
                "{script:?}"
            );
            assert!(script[inner.span.range()].ends_with(last), "{script:?}");
        }
    }

    #[test]
    fn innermost_looks_past_wrappers() {
        let analysis = analyze("curl x | sudo env A=1 sh");
        let target = analysis.commands[0]
            .pipe_to
            .and_then(|i| analysis.innermost(i));
        assert_eq!(target.map(|c| c.name.text.as_str()), Some("sh"));
    }

    #[test]
    fn broken_input_keeps_what_was_understood() {
        let cases: &[(&str, &[&str])] = &[
            ("echo \"unterminated", &["echo@0..4"]),
            ("apt-get update && echo 'open", &["apt-get@0..7 update"]),
            ("a && && b", &["a@0..1"]),
            ("if a; then b", &["a@3..4"]),
            (
                "sh -c 'echo \"x'",
                &["sh@0..2 -c echo \"x", "sh: echo@7..11"],
            ),
        ];
        for (script, expected) in cases {
            let analysis = analyze(script);
            assert!(analysis.has_errors, "{script:?}");
            let names: Vec<String> = analysis.commands.iter().map(render).collect();
            for line in *expected {
                assert!(
                    names.iter().any(|n| n.starts_with(line)),
                    "{line} in {names:?}"
                );
            }
            assert_spans_valid(script, &analysis);
        }
        assert!(!analyze("a && b").has_errors);
    }

    #[test]
    fn non_ascii_words_have_byte_spans() {
        let script = "echo 'héllo wörld' → ünï && 日本 語";
        let analysis = analyze(script);
        assert_spans_valid(script, &analysis);
        let words: Vec<&str> = analysis
            .commands
            .iter()
            .flat_map(|c| std::iter::once(&c.name).chain(&c.args))
            .map(|w| &script[w.span.range()])
            .collect();
        assert_eq!(words, ["echo", "'héllo wörld'", "→", "ünï", "日本", "語"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 10_000;
        let scripts = [
            format!("{}x{}", "$(".repeat(depth), ")".repeat(depth)),
            format!("{}x{}", "( ".repeat(depth), " )".repeat(depth)),
            format!("{}x;{}", "{ ".repeat(depth), " };".repeat(depth)),
            format!("{}x{}", "\"$(".repeat(depth), ")\"".repeat(depth)),
            "sh -c '".repeat(depth),
            format!("{}x{}", "sh -c \"$(".repeat(depth), ")\"".repeat(depth)),
        ];
        for script in &scripts {
            let analysis = analyze(script);
            assert_spans_valid(script, &analysis);
        }
    }

    #[test]
    fn nested_sh_c_stops_at_the_depth_limit() {
        let mut script = String::from("x");
        for _ in 0..10 {
            script = format!("sh -c {}", shell_quote(&script));
        }
        let analysis = analyze(&script);
        let deepest = analysis.commands.iter().map(|c| c.wrappers.len()).max();
        assert_eq!(deepest, Some(MAX_SHELL_DEPTH));
        assert_spans_valid(&script, &analysis);
    }

    fn shell_quote(text: &str) -> String {
        format!("'{}'", text.replace('\'', "'\\''"))
    }

    #[test]
    fn a_megabyte_script_completes() {
        let line = "apt-get update && apt-get install -y curl=1.2 | tee /log; sh -c 'x \"y\"'\n";
        let script = line.repeat(1_000_000 / line.len());
        let analysis = analyze(&script);
        assert_eq!(analysis.commands.len(), 5 * (1_000_000 / line.len()));
        assert!(!analysis.has_errors);
    }

    /// Mutations of RUN-like lines never panic and never give a span off a char boundary.
    #[test]
    fn mutated_input_gives_valid_spans() {
        let seeds = [
            "sudo -u é sh -c \"apt-get install 'ü' \\\"$(id)\\\"\" | xargs -n1 env A=1 ä",
            "x=$(curl -s 'https://ø' | bash -ec \"echo ${HOME}\"); for p in ö; do $p; done",
        ];
        let inserts = [
            "'", "\"", "\\", "$(", "`", ")", "|", "&&", ";", "é", "{", "\n", " ",
        ];
        let mut state = 0x2545_f491_u32;
        let mut next = |limit: usize| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as usize % limit
        };
        for _ in 0..2_000 {
            let mut script = seeds[next(seeds.len())].to_owned();
            for _ in 0..3 {
                let boundaries: Vec<usize> = (0..=script.len())
                    .filter(|&i| script.is_char_boundary(i))
                    .collect();
                let at = boundaries[next(boundaries.len())];
                script.insert_str(at, inserts[next(inserts.len())]);
            }
            assert_spans_valid(&script, &analyze(&script));
        }
    }
}
