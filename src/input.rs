//! Reading a file's bytes into a [`SourceFile`], refusing what is not UTF-8 text.
//!
//! Every refusal is an [`InputError`] naming the file and the problem in a few lowercase
//! words, so that one unreadable file never stops the others from being linted. Reads are
//! bounded: a file larger than [`MAX_FILE_SIZE`] is refused before it is read, and a file that
//! grows while it is read (or a device that never ends) is cut off at the limit.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

use crate::source::SourceFile;

/// The largest file shiplint lints; real Dockerfiles are a few kilobytes.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

const MIB: f64 = 1024.0 * 1024.0;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A path that could not be found, read or decoded.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{path}: {message}")]
pub struct InputError {
    /// The path as displayed to the user.
    pub path: String,
    /// What went wrong, lowercase, without a trailing period.
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn io(path: impl Into<String>, error: &io::Error) -> Self {
        InputError::new(path, io_message(error))
    }
}

/// Reads the file at `fs_path`, shown to the user as `display`.
pub fn read_source(fs_path: &Path, display: &str) -> Result<SourceFile, InputError> {
    let file = File::open(fs_path).map_err(|e| InputError::io(display, &e))?;
    let metadata = file.metadata().map_err(|e| InputError::io(display, &e))?;
    if metadata.is_dir() {
        return Err(InputError::new(display, "is a directory"));
    }
    if metadata.len() > MAX_FILE_SIZE {
        return Err(too_large(display, metadata.len()));
    }

    read_from(file, display)
}

/// Reads at most [`MAX_FILE_SIZE`] bytes from `reader` (a file or standard input).
pub fn read_from(reader: impl Read, display: &str) -> Result<SourceFile, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(display, &e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(InputError::new(
            display,
            "file is too large to lint (more than 16 MiB, the limit is 16 MiB)",
        ));
    }

    decode(display, bytes)
}

/// Turns raw bytes into a source file, or says why they are not UTF-8 text.
///
/// A UTF-8 byte order mark is dropped, so that columns on the first line count what an editor
/// shows; positions are therefore relative to the text after the mark.
pub fn decode(display: &str, mut bytes: Vec<u8>) -> Result<SourceFile, InputError> {
    if looks_utf16(&bytes) {
        return Err(InputError::new(
            display,
            "file is UTF-16 encoded; shiplint reads UTF-8",
        ));
    }
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        let message = format!("file is binary (NUL byte at offset {offset})");
        return Err(InputError::new(display, message));
    }
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }

    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(display, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let message = format!("file is not valid UTF-8 (byte offset {offset})");
            Err(InputError::new(display, message))
        }
    }
}

/// A byte order mark, or ASCII text with a NUL byte beside every character.
fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(256).collect();
    if pairs.len() < 2 {
        return false;
    }

    let high_zero = pairs.iter().filter(|p| p[0] != 0 && p[1] == 0).count();
    let low_zero = pairs.iter().filter(|p| p[0] == 0 && p[1] != 0).count();
    // Nine pairs in ten is a margin for the odd non-Latin character in otherwise ASCII text.
    high_zero.max(low_zero) * 10 >= pairs.len() * 9
}

fn too_large(display: &str, len: u64) -> InputError {
    let size = len as f64 / MIB;
    let message = format!("file is too large to lint ({size:.1} MiB, the limit is 16 MiB)");
    InputError::new(display, message)
}

/// The OS message of an I/O error, lowercase and without the `(os error N)` suffix.
pub fn io_message(error: &io::Error) -> String {
    let text = error.to_string();
    let text = match text.find(" (os error") {
        Some(end) => &text[..end],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> String {
        match decode("x", bytes.to_vec()) {
            Ok(source) => format!("ok: {:?}", source.text),
            Err(e) => e.message,
        }
    }

    #[test]
    fn decodes_or_names_the_problem() {
        let cases: &[(&[u8], &str)] = &[
            (b"FROM a\n", "ok: \"FROM a\\n\""),
            (b"", "ok: \"\""),
            (b"\xEF\xBB\xBFFROM a", "ok: \"FROM a\""),
            (
                b"\xFF\xFEF\0R\0",
                "file is UTF-16 encoded; shiplint reads UTF-8",
            ),
            (
                b"\xFE\xFF\0F\0R",
                "file is UTF-16 encoded; shiplint reads UTF-8",
            ),
            (
                b"F\0R\0O\0M\0 \0a\0",
                "file is UTF-16 encoded; shiplint reads UTF-8",
            ),
            (b"FROM a\0b", "file is binary (NUL byte at offset 6)"),
            (b"FROM \xC3(", "file is not valid UTF-8 (byte offset 5)"),
            ("FROM ü".as_bytes(), "ok: \"FROM ü\""),
        ];
        for (bytes, expected) in cases {
            assert_eq!(message(bytes), *expected, "{bytes:?}");
        }
    }

    #[test]
    fn bounded_reads_refuse_endless_input() {
        let endless = io::repeat(b'a');
        let error = read_from(endless, "/dev/zero").unwrap_err();
        assert!(error.message.starts_with("file is too large to lint"));
    }

    #[test]
    fn io_messages_are_lowercase_without_os_codes() {
        let error = io::Error::from_raw_os_error(2);
        assert_eq!(io_message(&error), "no such file or directory");
    }
}
