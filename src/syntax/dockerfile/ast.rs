//! The Dockerfile syntax tree: instructions with byte spans on every keyword, flag and argument.
//!
//! Instructions are kept in source order with their exact extent, including continuation lines
//! and heredoc bodies, so that every byte of the file belongs to an instruction, a comment, a
//! parser directive or blank space. Values are given twice: as written (a span into the file)
//! and as BuildKit reads them (continuations joined, for some instructions quotes removed).

use crate::source::Span;

/// A parsed Dockerfile.
#[derive(Clone, Debug, Default)]
pub struct Dockerfile {
    /// Parser directives at the top of the file (`# syntax=`, `# escape=`, `# check=`).
    pub directives: Vec<Directive>,
    /// The escape character: `\` unless a directive says `` ` ``.
    pub escape: char,
    pub instructions: Vec<Instruction>,
    /// Every comment line outside heredoc bodies, directives included, in source order.
    pub comments: Vec<Comment>,
    /// Syntax problems, each at its exact span; parsing went on after each.
    pub errors: Vec<SyntaxError>,
    /// Empty lines inside a continuation, which BuildKit warns about.
    pub empty_continuation_lines: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The name, lowercased (`syntax`, `escape`, `check`).
    pub name: String,
    pub value: Text,
    pub span: Span,
}

/// A `#` comment line. `text` is what follows the `#`, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub text: Text,
}

/// A value with the span it was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

impl Text {
    pub fn new(value: impl Into<String>, span: Span) -> Self {
        Text {
            value: value.into(),
            span,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The instruction keywords BuildKit knows, and `Unknown` for the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    Unknown,
}

impl Keyword {
    pub fn parse(word: &str) -> Keyword {
        const TABLE: [(&str, Keyword); 18] = [
            ("add", Keyword::Add),
            ("arg", Keyword::Arg),
            ("cmd", Keyword::Cmd),
            ("copy", Keyword::Copy),
            ("entrypoint", Keyword::Entrypoint),
            ("env", Keyword::Env),
            ("expose", Keyword::Expose),
            ("from", Keyword::From),
            ("healthcheck", Keyword::Healthcheck),
            ("label", Keyword::Label),
            ("maintainer", Keyword::Maintainer),
            ("onbuild", Keyword::Onbuild),
            ("run", Keyword::Run),
            ("shell", Keyword::Shell),
            ("stopsignal", Keyword::Stopsignal),
            ("user", Keyword::User),
            ("volume", Keyword::Volume),
            ("workdir", Keyword::Workdir),
        ];
        TABLE
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))
            .map_or(Keyword::Unknown, |(_, keyword)| *keyword)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown => "UNKNOWN",
        }
    }

    /// Instructions whose arguments may hold heredocs.
    pub fn takes_heredocs(self) -> bool {
        matches!(self, Keyword::Run | Keyword::Copy | Keyword::Add)
    }
}

/// One instruction, from its keyword to the end of its last continuation line or heredoc.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword as written (`run`, `Run`, or an unknown word).
    pub keyword_text: Text,
    /// From the keyword's first byte to the end of the last line, line break excluded.
    pub span: Span,
    /// The leading `--name[=value]` words.
    pub flags: Vec<Flag>,
    pub args: Args,
    /// Heredocs started on this instruction's line, in order.
    pub heredocs: Vec<Heredoc>,
    /// Everything after the keyword with continuations joined, comment lines inside the
    /// continuation dropped, and the map back to the file.
    pub rest: Logical,
    /// The comment lines directly above this instruction, nearest last.
    pub comments: Vec<usize>,
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|flag| flag.name.value == name)
    }

    /// The value of flag `--name`, if given with a value.
    pub fn flag_value(&self, name: &str) -> Option<&str> {
        self.flag(name)?.value.as_ref().map(Text::as_str)
    }

    /// The plain argument words of FROM, COPY, USER …; empty for other shapes.
    pub fn words(&self) -> &[Text] {
        match &self.args {
            Args::Words(words) | Args::Exec(words) => words,
            _ => &[],
        }
    }
}

/// `--name[=value]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub name: Text,
    pub value: Option<Text>,
    pub span: Span,
}

/// An instruction's arguments, shaped by its keyword.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Args {
    /// No arguments at all.
    Empty,
    /// `["a", "b"]` for RUN, CMD, ENTRYPOINT, SHELL, ADD, COPY, VOLUME.
    Exec(Vec<Text>),
    /// The shell form of RUN, CMD, ENTRYPOINT: one string, continuations joined.
    Shell(Text),
    /// Whitespace-separated words: FROM, EXPOSE, ADD, COPY, VOLUME, ARG, USER, WORKDIR,
    /// STOPSIGNAL, MAINTAINER and unknown instructions. Quotes are kept as written.
    Words(Vec<Text>),
    /// `key=value` pairs of ENV and LABEL, or the legacy `key value` form.
    Pairs(Vec<Pair>),
    /// `HEALTHCHECK NONE`, or `HEALTHCHECK [flags] CMD …`: the type word and what follows it.
    Healthcheck { kind: Text, command: Box<Args> },
    /// `ONBUILD <instruction>`.
    Onbuild(Box<Instruction>),
}

/// A `key=value` (or legacy `key value`) pair of ENV or LABEL, or an ARG `name[=default]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub key: Text,
    /// The value as written, quotes included; `None` for an ARG without a default.
    pub value: Option<Text>,
    /// True for `key=value`, false for the legacy `key value`.
    pub equals: bool,
    pub span: Span,
}

/// A heredoc: `<<EOF`, `<<-EOF`, `<<"EOF"`, with its body and terminator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word without quotes.
    pub name: String,
    /// The `<<…` word on the instruction line.
    pub marker: Span,
    /// `<<-`: leading tabs are stripped from the body.
    pub strip_tabs: bool,
    /// A quoted delimiter: the body is not expanded.
    pub quoted: bool,
    /// The body, without the terminator line; empty when unterminated, as the lines after
    /// the instruction are then read as instructions.
    pub body: Text,
    /// The terminator line, or `None` when the file ended first.
    pub terminator: Option<Span>,
    /// The file descriptor before `<<` (`3<<EOF`), if any.
    pub fd: Option<u32>,
}

/// Text assembled from several pieces of the file, with a map from its offsets to the file's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Logical {
    pub text: String,
    /// `(offset in text, offset in file)` where each contiguous piece starts, ascending.
    pub pieces: Vec<(usize, usize)>,
}

impl Logical {
    /// Appends the file's bytes `span`, whose text is `piece`.
    pub fn push(&mut self, piece: &str, file_offset: usize) {
        if piece.is_empty() {
            return;
        }
        self.pieces.push((self.text.len(), file_offset));
        self.text.push_str(piece);
    }

    /// The part of this text from `offset` on, with its own map.
    pub fn tail(&self, offset: usize) -> Logical {
        let text = self.text[offset..].to_owned();
        let mut pieces = vec![(0, self.to_file(offset))];
        pieces.extend(
            self.pieces
                .iter()
                .filter(|p| p.0 > offset)
                .map(|&(t, f)| (t - offset, f)),
        );
        Logical { text, pieces }
    }

    /// A `Text` for the logical range `span`, mapped to the file.
    pub fn text_at(&self, span: Span) -> Text {
        Text::new(&self.text[span.range()], self.span_to_file(span))
    }

    /// The file offset of `offset` in the logical text.
    pub fn to_file(&self, offset: usize) -> usize {
        let index = match self.pieces.binary_search_by_key(&offset, |p| p.0) {
            Ok(i) => i,
            Err(0) => return offset,
            Err(i) => i - 1,
        };
        let (text_start, file_start) = self.pieces[index];
        file_start + (offset - text_start)
    }

    /// The offset in the text of file offset `offset`, when a piece holds it (its end
    /// included).
    pub fn from_file(&self, offset: usize) -> Option<usize> {
        let index = self
            .pieces
            .partition_point(|p| p.1 <= offset)
            .checked_sub(1)?;
        let (text_start, file_start) = self.pieces[index];
        let piece_len = self.pieces.get(index + 1).map_or(self.text.len(), |p| p.0) - text_start;
        let delta = offset - file_start;
        (delta <= piece_len).then_some(text_start + delta)
    }

    /// A span of the logical text as a file span. A span that ends where a piece ends stays on
    /// that piece, so it does not swallow the continuation that follows.
    pub fn span_to_file(&self, span: Span) -> Span {
        let start = self.to_file(span.start);
        if span.is_empty() {
            return Span::at(start);
        }
        Span::new(start, self.to_file(span.end - 1) + 1)
    }
}
