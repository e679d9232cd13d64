//! YAML with a byte span on every node and key, for Compose files and Kubernetes manifests.
//!
//! saphyr's parser gives the events; this module builds the tree the rules read. Scalars keep
//! their text and style and are not typed here: Kubernetes and Compose read YAML 1.1, where
//! `yes` is true and `0400` is octal, so the readers below look at the scalar as written.
//! Merge keys (`<<: *base`) are applied, and every node copied from an anchor takes the span of
//! the alias that copied it, so a finding points where the value is used. Duplicate keys and
//! syntax errors are problems with a span. Comments are collected for suppressions.
//!
//! Hostile input ends in a problem, not in a crash: nesting deeper than [`MAX_DEPTH`] and
//! aliases that expand past [`MAX_ALIAS_NODES`] stop the parse of the file.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::source::Span;

/// Nesting deeper than this stops the parse; real manifests nest a few dozen levels.
pub const MAX_DEPTH: usize = 512;

/// Nodes that aliases may copy in one file before the parse stops: a "billion laughs" file
/// expands exponentially, real files copy a few hundred nodes.
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// A parsed YAML file: its documents, its comments, and what was wrong with it.
#[derive(Clone, Debug, Default)]
pub struct Stream {
    pub documents: Vec<Document>,
    /// Every comment, `#` included, in file order.
    pub comments: Vec<Span>,
    pub problems: Vec<Problem>,
}

/// One document of a stream.
#[derive(Clone, Debug)]
pub struct Document {
    pub root: Node,
    /// From the document's first byte (its `---` when it has one) to its last node's end.
    pub span: Span,
}

/// Something wrong with the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub kind: ProblemKind,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The parse stopped here: invalid YAML, or a limit reached.
    Syntax,
    /// A key repeated in one mapping; the span is the repeat, `first` the key it repeats.
    DuplicateKey { first: Span },
}

/// A node with the bytes it was written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
    /// The tag written on the node (`!!str`, `!Ref`), if any.
    pub tag: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Scalar(Scalar),
    Sequence(Vec<Node>),
    Mapping(Vec<Entry>),
}

/// A scalar's text after unquoting and folding, and how it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    pub text: String,
    pub style: Style,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A key and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
    /// Brought in by a merge key rather than written in this mapping.
    pub merged: bool,
}

impl Entry {
    /// The key and value together, for findings about the pair (`privileged: true`).
    pub fn span(&self) -> Span {
        self.key.span.cover(self.value.span)
    }

    /// The key's text, when the key is a scalar.
    pub fn key_str(&self) -> Option<&str> {
        self.key.as_str()
    }
}

impl Node {
    fn scalar(span: Span, text: String, style: Style, tag: Option<String>) -> Node {
        Node {
            span,
            value: Value::Scalar(Scalar { text, style }),
            tag,
        }
    }

    /// A scalar's text, whatever it means; `None` for collections.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(scalar) => Some(&scalar.text),
            _ => None,
        }
    }

    /// A scalar's text when it is a string to its reader: not null.
    pub fn as_text(&self) -> Option<&str> {
        (!self.is_null()).then(|| self.as_str()).flatten()
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The items of a sequence; nothing for anything else.
    pub fn items(&self) -> &[Node] {
        self.as_sequence().unwrap_or(&[])
    }

    /// The entries of a mapping; nothing for anything else.
    pub fn entries(&self) -> &[Entry] {
        self.as_mapping().unwrap_or(&[])
    }

    /// The entry of a mapping with this key; the last one when a key is repeated, as the
    /// readers of these files take it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries()
            .iter()
            .rev()
            .find(|e| e.key_str() == Some(key))
    }

    /// The value of a mapping's key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The value at a path of keys, such as `["spec", "template", "spec"]`.
    pub fn get_path(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// A plain `~`, `null` or empty scalar: what `key:` with nothing after it holds.
    pub fn is_null(&self) -> bool {
        match &self.value {
            Value::Scalar(s) => {
                s.style == Style::Plain
                    && matches!(s.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
            }
            _ => false,
        }
    }

    /// A boolean as YAML 1.1 reads it (`true`, `yes`, `on`, `y` and their opposites, in
    /// lowercase, capitalised or uppercase); quoted scalars are strings.
    pub fn as_bool(&self) -> Option<bool> {
        let scalar = self.as_scalar().filter(|s| s.style == Style::Plain)?;
        yaml11_bool(&scalar.text)
    }

    /// An integer as YAML 1.1 reads it: decimal, `0o17` or `017` octal, `0x1F` hexadecimal,
    /// with `_` separators.
    pub fn as_i64(&self) -> Option<i64> {
        let scalar = self.as_scalar().filter(|s| s.style == Style::Plain)?;
        yaml11_int(&scalar.text)
    }

    /// Whether this node is the boolean `true`.
    pub fn is_true(&self) -> bool {
        self.as_bool() == Some(true)
    }
}

/// YAML 1.1's booleans.
pub fn yaml11_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            Some(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            Some(false)
        }
        _ => None,
    }
}

/// YAML 1.1's integers.
pub fn yaml11_int(text: &str) -> Option<i64> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if let Some(octal) = digits.strip_prefix("0o") {
        i64::from_str_radix(octal, 8).ok()?
    } else if digits.len() > 1 && digits.starts_with('0') {
        i64::from_str_radix(&digits[1..], 8).ok()?
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()?
    } else {
        return None;
    };
    Some(if negative { -value } else { value })
}

/// Parses a YAML stream. Never fails: what could not be read is a problem in the result, and
/// the documents before it are kept.
///
/// go-yaml and libyaml, which Compose, kubectl and Helm read with, accept a line inside a
/// multi-line flow collection or quoted scalar that is indented no deeper than the line the
/// collection or scalar opened on (a closing `]` under its key); saphyr, following the spec,
/// stops there. When it stops on an indentation error, the text is read again with each such
/// line indented one space more, and the positions are mapped back to the text as written.
pub fn parse(text: &str) -> Stream {
    let stream = parse_patched(text, text, &[]);
    if !stopped_on_indentation(&stream) {
        return stream;
    }
    let lines = lines_under_their_opener(text);
    if lines.is_empty() {
        return stream;
    }

    let mut patched = String::with_capacity(text.len() + lines.len());
    let mut inserted = Vec::with_capacity(lines.len());
    let mut from = 0;
    for &line in &lines {
        patched.push_str(&text[from..line]);
        inserted.push(patched.len());
        patched.push(' ');
        from = line;
    }
    patched.push_str(&text[from..]);
    let retried = parse_patched(text, &patched, &inserted);
    match retried
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::Syntax)
    {
        true => stream,
        false => retried,
    }
}

fn stopped_on_indentation(stream: &Stream) -> bool {
    stream
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::Syntax && p.message.contains("indentation"))
}

/// The start of each line that is inside a flow collection or a quoted scalar and indented no
/// deeper than the line where that collection or scalar opened. A rough lexical scan: it skips
/// comments and block scalars, and is used only after saphyr has stopped.
fn lines_under_their_opener(text: &str) -> Vec<usize> {
    let mut scan = Scan::default();
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        let inside = scan.flow_depth > 0 || scan.quote.is_some();
        if inside && !blank && indent <= scan.opener_indent {
            found.push(start);
        }
        scan.line(line, indent, blank);
        start += line.len();
    }
    found
}

/// Where [`lines_under_their_opener`] is in the text.
#[derive(Default)]
struct Scan {
    flow_depth: usize,
    quote: Option<u8>,
    /// The indentation of the line the open collection or scalar started on.
    opener_indent: usize,
    /// The indentation of the key of a block scalar whose lines are being skipped.
    block_scalar: Option<usize>,
}

impl Scan {
    fn line(&mut self, line: &str, indent: usize, blank: bool) {
        if let Some(key_indent) = self.block_scalar {
            if blank || indent > key_indent {
                return;
            }
            self.block_scalar = None;
        }
        let bytes = line.as_bytes();
        let mut previous = b' ';
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            match (self.quote, byte) {
                (Some(b'"'), b'\\') => at += 1,
                (Some(b'\''), b'\'') if bytes.get(at + 1) == Some(&b'\'') => at += 1,
                (Some(quote), _) if byte == quote => self.quote = None,
                (Some(_), _) => {}
                (None, b'#') if previous == b' ' || previous == b'\t' => break,
                (None, b'"' | b'\'') if opens_value(previous) => self.open_quote(byte, indent),
                (None, b'[' | b'{') if self.flow_depth > 0 || opens_value(previous) => {
                    if self.flow_depth == 0 {
                        self.opener_indent = indent;
                    }
                    self.flow_depth += 1;
                }
                (None, b']' | b'}') => self.flow_depth = self.flow_depth.saturating_sub(1),
                (None, b'|' | b'>') if self.flow_depth == 0 && matches!(previous, b':' | b'-') => {
                    self.block_scalar = Some(indent);
                }
                _ => {}
            }
            if !matches!(byte, b' ' | b'\t') {
                previous = byte;
            }
            at += 1;
        }
    }

    fn open_quote(&mut self, quote: u8, indent: usize) {
        if self.flow_depth == 0 {
            self.opener_indent = indent;
        }
        self.quote = Some(quote);
    }
}

/// Whether a quote or bracket after this character starts a value.
fn opens_value(previous: u8) -> bool {
    matches!(previous, b' ' | b':' | b'-' | b'[' | b'{' | b',' | b'?')
}

/// Parses `patched`, a copy of `text` with a space inserted at each offset of `inserted`
/// (offsets in `patched`), reporting positions in `text`.
fn parse_patched(text: &str, patched: &str, inserted: &[usize]) -> Stream {
    let mut builder = Builder::new(text, patched, inserted);
    let mut parser = Parser::new_from_str(patched);
    while let Some(event) = parser.next_event() {
        let outcome = match event {
            Ok((event, span)) => {
                let span = Span::new(
                    builder.offset(span.start.index()),
                    builder.offset(span.end.index()),
                );
                builder.event(event, span)
            }
            Err(error) => {
                let offset = builder.offset(error.marker().index());
                Err(Stop::new(Span::at(offset), error.info().to_owned()))
            }
        };
        if let Err(stop) = outcome {
            builder.stream.problems.push(Problem {
                span: stop.span,
                kind: ProblemKind::Syntax,
                message: stop.message,
            });
            break;
        }
    }
    builder.finish()
}

/// Why the parse stopped.
struct Stop {
    span: Span,
    message: String,
}

impl Stop {
    fn new(span: Span, message: String) -> Stop {
        Stop { span, message }
    }
}

/// A collection being built.
enum Frame {
    Sequence {
        start: usize,
        anchor: usize,
        tag: Option<String>,
        items: Vec<Node>,
    },
    Mapping {
        start: usize,
        anchor: usize,
        tag: Option<String>,
        entries: Vec<Entry>,
        key: Option<Node>,
    },
}

struct Builder<'t> {
    text: &'t str,
    /// Byte offsets of each character of the text parsed, built only for non-ASCII text
    /// (saphyr counts characters).
    char_offsets: Option<Vec<usize>>,
    /// The length of the text parsed.
    parsed_len: usize,
    /// Where the text parsed has a space that `text` does not; see [`parse`].
    inserted: &'t [usize],
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    document_start: usize,
    /// Spans of scalars as written, which comments cannot be inside.
    scalar_spans: Vec<Span>,
    stream: Stream,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, parsed: &str, inserted: &'t [usize]) -> Builder<'t> {
        let char_offsets = (!parsed.is_ascii()).then(|| {
            parsed
                .char_indices()
                .map(|(offset, _)| offset)
                .chain(std::iter::once(parsed.len()))
                .collect()
        });
        Builder {
            text,
            char_offsets,
            parsed_len: parsed.len(),
            inserted,
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            document_start: 0,
            scalar_spans: Vec::new(),
            stream: Stream::default(),
        }
    }

    /// The byte offset in `text` of a character index of the text parsed.
    fn offset(&self, index: usize) -> usize {
        let parsed = match &self.char_offsets {
            Some(offsets) => offsets.get(index).copied().unwrap_or(self.parsed_len),
            None => index.min(self.parsed_len),
        };
        let shift = self.inserted.partition_point(|&at| at < parsed);
        (parsed - shift).min(self.text.len())
    }

    fn event(&mut self, event: Event, span: Span) -> Result<(), Stop> {
        match event {
            Event::DocumentStart(_) => {
                self.document_start = span.start;
                self.anchors.clear();
            }
            Event::Scalar(text, style, anchor, tag) => {
                let style = style_of(style);
                let span = self.scalar_span(span, style);
                self.scalar_spans.push(span);
                let node = Node::scalar(span, text.into_owned(), style, tag.map(|t| tag_text(&t)));
                self.complete(node, anchor)?;
            }
            Event::Alias(id) => {
                let node = self.alias(id, span)?;
                self.complete(node, 0)?;
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(Frame::Sequence {
                    start: span.start,
                    anchor,
                    tag: tag.map(|t| tag_text(&t)),
                    items: Vec::new(),
                })?;
            }
            Event::MappingStart(anchor, tag) => {
                self.open(Frame::Mapping {
                    start: span.start,
                    anchor,
                    tag: tag.map(|t| tag_text(&t)),
                    entries: Vec::new(),
                    key: None,
                })?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// saphyr's span of a quoted scalar may run on over a comment after it; the span ends at
    /// the closing quote here, and a plain scalar's at its last non-blank character.
    fn scalar_span(&self, span: Span, style: Style) -> Span {
        let written = &self.text[span.range()];
        let end = match style {
            Style::SingleQuoted => closing_quote(written, '\''),
            Style::DoubleQuoted => closing_quote(written, '"'),
            Style::Plain => Some(written.trim_end().len()),
            Style::Literal | Style::Folded => None,
        };
        match end {
            Some(end) => Span::new(span.start, span.start + end),
            None => span,
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), Stop> {
        if self.stack.len() >= MAX_DEPTH {
            let start = match &frame {
                Frame::Sequence { start, .. } | Frame::Mapping { start, .. } => *start,
            };
            return Err(Stop::new(
                Span::at(start),
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, end_span: Span) -> Result<(), Stop> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let node = match frame {
            Frame::Sequence {
                start,
                anchor,
                tag,
                items,
            } => {
                let end = self.collection_end(start, end_span, items.last().map(|n| n.span.end));
                let node = Node {
                    span: Span::new(start, end),
                    value: Value::Sequence(items),
                    tag,
                };
                return self.complete(node, anchor);
            }
            Frame::Mapping {
                start,
                anchor,
                tag,
                entries,
                key,
            } => {
                let mut entries = entries;
                if let Some(key) = key {
                    // A key without a value cannot come from the parser; keep it as a null.
                    let value =
                        Node::scalar(Span::at(key.span.end), String::new(), Style::Plain, None);
                    entries.push(Entry {
                        key,
                        value,
                        merged: false,
                    });
                }
                let last = entries.last().map(|e| e.value.span.end.max(e.key.span.end));
                let end = self.collection_end(start, end_span, last);
                self.flag_duplicates(&entries);
                let entries = apply_merges(entries);
                (
                    Node {
                        span: Span::new(start, end),
                        value: Value::Mapping(entries),
                        tag,
                    },
                    anchor,
                )
            }
        };
        self.complete(node.0, node.1)
    }

    /// A flow collection ends at its bracket; a block one at its last child.
    fn collection_end(&self, start: usize, end_span: Span, last_child: Option<usize>) -> usize {
        let flow = matches!(self.text.as_bytes().get(start), Some(b'[' | b'{'));
        if flow {
            return end_span.end.max(start);
        }
        last_child.unwrap_or(start).max(start)
    }

    fn flag_duplicates(&mut self, entries: &[Entry]) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for entry in entries {
            let Some(key) = entry.key_str() else { continue };
            if key == "<<"
                && entry
                    .key
                    .as_scalar()
                    .is_some_and(|s| s.style == Style::Plain)
            {
                continue;
            }
            match seen.get(key) {
                Some(first) => self.stream.problems.push(Problem {
                    span: entry.key.span,
                    kind: ProblemKind::DuplicateKey { first: *first },
                    message: format!("duplicate key `{key}`"),
                }),
                None => {
                    seen.insert(key, entry.key.span);
                }
            }
        }
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<Node, Stop> {
        let Some(anchored) = self.anchors.get(&id) else {
            return Err(Stop::new(span, "alias of an unknown anchor".to_owned()));
        };
        self.alias_nodes += count_nodes(anchored, MAX_ALIAS_NODES + 1);
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(Stop::new(
                span,
                format!("aliases expand to more than {MAX_ALIAS_NODES} nodes"),
            ));
        }
        let mut node = anchored.clone();
        respan(&mut node, span);
        Ok(node)
    }

    /// A node is done: record its anchor and hand it to its parent, or make it a document.
    fn complete(&mut self, node: Node, anchor: usize) -> Result<(), Stop> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping { entries, key, .. }) => match key.take() {
                Some(key) => entries.push(Entry {
                    key,
                    value: node,
                    merged: false,
                }),
                None => *key = Some(node),
            },
            None => {
                let span = Span::new(self.document_start.min(node.span.start), node.span.end);
                self.stream.documents.push(Document { root: node, span });
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Stream {
        self.scalar_spans.sort();
        self.stream.comments = comments(self.text, &self.scalar_spans);
        self.stream
    }
}

fn style_of(style: ScalarStyle) -> Style {
    match style {
        ScalarStyle::SingleQuoted => Style::SingleQuoted,
        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
        _ => Style::Plain,
    }
}

fn tag_text(tag: &saphyr_parser::Tag) -> String {
    format!("{}{}", tag.handle, tag.suffix)
}

/// The length of a quoted scalar up to and including its closing quote.
fn closing_quote(written: &str, quote: char) -> Option<usize> {
    let mut chars = written.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, next)| *next == '\'') {
                chars.next();
                continue;
            }
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// Counts a tree's nodes, stopping at `limit`.
fn count_nodes(node: &Node, limit: usize) -> usize {
    let mut count = 0;
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        count += 1;
        if count >= limit {
            break;
        }
        match &node.value {
            Value::Scalar(_) => {}
            Value::Sequence(items) => pending.extend(items),
            Value::Mapping(entries) => {
                pending.extend(entries.iter().flat_map(|e| [&e.key, &e.value]));
            }
        }
    }
    count
}

/// Gives every node of a copied tree the span of the alias that copied it.
fn respan(node: &mut Node, span: Span) {
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        node.span = span;
        match &mut node.value {
            Value::Scalar(_) => {}
            Value::Sequence(items) => pending.extend(items.iter_mut()),
            Value::Mapping(entries) => {
                for entry in entries {
                    pending.push(&mut entry.key);
                    pending.push(&mut entry.value);
                }
            }
        }
    }
}

/// Applies the merge keys of a mapping: the keys written in it win over merged ones, and an
/// earlier mapping of a merged sequence over a later one.
fn apply_merges(entries: Vec<Entry>) -> Vec<Entry> {
    let is_merge = |e: &Entry| {
        e.key
            .as_scalar()
            .is_some_and(|s| s.style == Style::Plain && s.text == "<<")
    };
    if !entries.iter().any(is_merge) {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(is_merge);
    for merge in merges {
        let sources: Vec<Node> = match merge.value.value {
            Value::Mapping(_) => vec![merge.value],
            Value::Sequence(items) => items,
            Value::Scalar(_) => continue,
        };
        for source in sources {
            let Value::Mapping(merged) = source.value else {
                continue;
            };
            for mut entry in merged {
                let defined = own
                    .iter()
                    .any(|e| e.key_str().is_some() && e.key_str() == entry.key_str());
                if !defined {
                    entry.merged = true;
                    own.push(entry);
                }
            }
        }
    }
    own
}

/// The comments of a text: a `#` at a line's start or after a blank, outside every scalar, up
/// to the end of its line.
fn comments(text: &str, scalar_spans: &[Span]) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut spans = scalar_spans.iter().peekable();
    let mut i = 0;
    while i < bytes.len() {
        while spans.peek().is_some_and(|s| s.end <= i) {
            spans.next();
        }
        if let Some(span) = spans.peek().filter(|s| s.start <= i && i < s.end) {
            i = span.end;
            continue;
        }
        let starts_comment =
            bytes[i] == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r'));
        if starts_comment {
            let end = text[i..].find(['\n', '\r']).map_or(text.len(), |n| i + n);
            out.push(Span::new(i, end));
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    #[test]
    fn keys_and_values_have_spans() {
        let text = "services:\n  web:\n    image: \"nginx:1\" # pinned\n    privileged: yes\n";
        let stream = parse(text);
        assert!(stream.problems.is_empty(), "{:?}", stream.problems);
        let web = stream.documents[0]
            .root
            .get_path(&["services", "web"])
            .unwrap();
        let image = web.entry("image").unwrap();
        assert_eq!(slice(text, image.key.span), "image");
        assert_eq!(slice(text, image.value.span), "\"nginx:1\"");
        assert_eq!(image.value.as_str(), Some("nginx:1"));
        let privileged = web.entry("privileged").unwrap();
        assert!(privileged.value.is_true());
        assert_eq!(slice(text, privileged.span()), "privileged: yes");
        assert_eq!(stream.comments.len(), 1);
        assert_eq!(slice(text, stream.comments[0]), "# pinned");
    }

    #[test]
    fn non_ascii_positions_are_bytes() {
        let text = "a: \"ü\"\nbé: x\n";
        let stream = parse(text);
        let root = &stream.documents[0].root;
        assert_eq!(slice(text, root.entry("bé").unwrap().key.span), "bé");
        assert_eq!(slice(text, root.get("bé").unwrap().span), "x");
    }

    #[test]
    fn yaml_11_scalars() {
        assert_eq!(yaml11_bool("on"), Some(true));
        assert_eq!(yaml11_bool("No"), Some(false));
        assert_eq!(yaml11_bool("maybe"), None);
        assert_eq!(yaml11_int("0400"), Some(256));
        assert_eq!(yaml11_int("0o17"), Some(15));
        assert_eq!(yaml11_int("0x1F"), Some(31));
        assert_eq!(yaml11_int("-12"), Some(-12));
        assert_eq!(yaml11_int("0"), Some(0));
        assert_eq!(yaml11_int("08"), None);
        let stream = parse("a: 'yes'\nb: yes\n");
        let root = &stream.documents[0].root;
        assert_eq!(root.get("a").unwrap().as_bool(), None);
        assert_eq!(root.get("b").unwrap().as_bool(), Some(true));
    }

    #[test]
    fn merge_keys_apply_at_the_alias() {
        let text = "base: &b\n  x: 1\n  y: 1\nm:\n  <<: *b\n  y: 2\n";
        let stream = parse(text);
        let m = stream.documents[0].root.get("m").unwrap();
        let x = m.entry("x").unwrap();
        assert!(x.merged);
        assert_eq!(slice(text, x.value.span), "*b");
        assert_eq!(m.get("y").unwrap().as_str(), Some("2"));
        assert_eq!(m.entries().len(), 2);
    }

    #[test]
    fn duplicate_keys_are_problems() {
        let text = "a: 1\nb: 2\na: 3\n";
        let stream = parse(text);
        assert_eq!(stream.problems.len(), 1);
        let problem = &stream.problems[0];
        assert_eq!(problem.span, Span::new(10, 11));
        assert_eq!(
            problem.kind,
            ProblemKind::DuplicateKey {
                first: Span::new(0, 1)
            }
        );
        assert_eq!(
            stream.documents[0].root.get("a").unwrap().as_str(),
            Some("3")
        );
    }

    #[test]
    fn lines_under_their_opener_are_read_as_go_yaml_reads_them() {
        let text = "services:\n  app:\n    command: [\n      \"start\"\n    ]\n    image: \"ünï:1\"\n  job:\n    args: [\"\n        echo hi\n    \"]\n    note: |\n      a [ b\n";
        let stream = parse(text);
        assert!(stream.problems.is_empty(), "{:?}", stream.problems);
        let root = &stream.documents[0].root;
        let image = root.get_path(&["services", "app", "image"]).unwrap();
        assert_eq!(slice(text, image.span), "\"ünï:1\"");
        let command = root.get_path(&["services", "app", "command"]).unwrap();
        assert_eq!(command.items()[0].as_str(), Some("start"));
        let args = root.get_path(&["services", "job", "args"]).unwrap();
        assert_eq!(args.items()[0].as_str().map(str::trim), Some("echo hi"));
        assert_eq!(lines_under_their_opener(text).len(), 2);
    }

    #[test]
    fn a_real_indentation_error_is_still_reported() {
        let text = "a:\n  - b\n - c\n";
        let stream = parse(text);
        assert_eq!(stream.problems.len(), 1, "{:?}", stream.problems);
    }

    #[test]
    fn syntax_errors_keep_earlier_documents() {
        let stream = parse("a: 1\n---\nb: [\n");
        assert_eq!(stream.documents.len(), 1);
        assert_eq!(stream.problems.len(), 1);
        assert_eq!(stream.problems[0].kind, ProblemKind::Syntax);
    }

    #[test]
    fn several_documents() {
        let stream = parse("---\na: 1\n---\nb: 2\n...\n---\n- c\n");
        assert_eq!(stream.documents.len(), 3);
        assert!(stream.documents[2].root.as_sequence().is_some());
    }

    #[test]
    fn comments_skip_scalars() {
        let text = "a: |\n  x # not\nb: 'q # not' # yes\nc: d#not\n# full\n";
        let stream = parse(text);
        let found: Vec<&str> = stream.comments.iter().map(|s| slice(text, *s)).collect();
        assert_eq!(found, ["# yes", "# full"]);
    }

    #[test]
    fn hostile_input_ends_in_a_problem() {
        let deep = format!("{}x\n", "- ".repeat(10_000));
        let stream = parse(&deep);
        assert!(stream.problems[0].message.contains("nesting deeper"));

        let flow = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse(&flow).problems.len(), 1);

        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let alias = format!("*{}", (b'a' + level - 1) as char);
            let items = [alias.as_str(); 10].join(", ");
            bomb.push_str(&format!("{0}: &{0} [{1}]\n", (b'a' + level) as char, items));
        }
        let stream = parse(&bomb);
        assert!(stream.problems[0].message.contains("aliases expand"));

        let many = "a: 1\n---\n".repeat(10_000);
        // The last `---` opens an empty document.
        assert_eq!(parse(&many).documents.len(), 10_001);
    }

    #[test]
    fn empty_values_are_null() {
        let stream = parse("a:\nb: ~\nc: ''\n");
        let root = &stream.documents[0].root;
        assert!(root.get("a").unwrap().is_null());
        assert!(root.get("b").unwrap().is_null());
        assert!(!root.get("c").unwrap().is_null());
    }
}
