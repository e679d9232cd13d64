//! A file's text with its line index: byte spans in, 1-based lines and character columns out.
//!
//! Every position inside shiplint is a byte offset into the file's text. Only reports turn
//! offsets into lines and columns, and they do it here, so that the rules never count
//! characters themselves.

use std::ops::Range;

/// A half-open byte range into a file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`, for findings about something absent.
    pub const fn at(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved right by `offset` bytes, for spans relative to a slice.
    pub const fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The byte offset at which each line starts.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// The 1-based position of byte `offset` in `text`; an offset inside a character counts as
    /// that character.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = count_chars(&text.as_bytes()[start..offset]) + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The column in UTF-16 code units (1-based), as SARIF and LSP count them.
    pub fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let start = self.line_start(self.line_of(offset));
        text[start..offset].encode_utf16().count() + 1
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

/// Characters in a UTF-8 byte slice, counting every byte that starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count()
}

pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The text of one file being linted.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it, or as the walk found it.
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "FROM a\nLABEL x=\"ünï\" y=1\n";
        let index = LineIndex::new(text);
        let y = text.find("y=").unwrap();

        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(
            index.position(text, y),
            Position {
                line: 2,
                column: 15
            }
        );
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 3, column: 1 }
        );
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "RUN echo 😀 x";
        let index = LineIndex::new(text);
        let x = text.find(" x").unwrap() + 1;

        assert_eq!(index.position(text, x).column, 12);
        assert_eq!(index.utf16_column(text, x), 13);
    }
}
