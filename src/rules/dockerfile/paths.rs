//! Path words of WORKDIR, COPY and ADD: quotes as written, and whether a path is absolute.

/// The word without one pair of surrounding quotes, as BuildKit reads a quoted path.
pub fn unquoted(word: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = word
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    word
}

/// `/app`, or on Windows `C:\app`, `C:/app` and `\app`.
pub fn is_absolute(path: &str) -> bool {
    if path.starts_with('/') || path.starts_with('\\') {
        return true;
    }
    let mut chars = path.chars();
    let drive = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    drive && chars.next() == Some(':')
}

/// Whether the path as written starts with a variable, quotes aside: `$HOME/x`, `"${DIR}"/x`.
/// Such a path usually names a directory the base image sets, which the file cannot show.
pub fn starts_with_variable(word: &str) -> bool {
    word.trim_start_matches(['"', '\'']).starts_with('$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_removed_once() {
        assert_eq!(unquoted("\"/app\""), "/app");
        assert_eq!(unquoted("'a b'"), "a b");
        assert_eq!(unquoted("\"a'"), "\"a'");
        assert_eq!(unquoted("\""), "\"");
    }

    #[test]
    fn absolute_paths() {
        for path in ["/", "/app", "C:\\app", "c:/app", "\\app", "D:"] {
            assert!(is_absolute(path), "{path}");
        }
        for path in ["app", "./app", "", "..", "1:x", "é"] {
            assert!(!is_absolute(path), "{path}");
        }
    }
}
