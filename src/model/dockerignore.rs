//! The build context's ignore file with Docker's semantics, which are not gitignore's.
//!
//! Patterns are anchored at the context root (`*.pem` matches only root-level files, `**/*.pem`
//! matches anywhere), `*` and `?` never cross a `/`, a pattern that matches a directory
//! excludes everything under it, and `!pattern` re-includes, even inside an excluded
//! directory. Every pattern is tried in order and the last one that matches decides.
//!
//! Each pattern becomes one anchored regex. Docker's matcher has a few quirks that follow from
//! how it treats a leading `**`; they are reproduced here so that a path is excluded exactly
//! when `docker build` leaves it out of the context.

use regex::Regex;

/// A parsed ignore file: its valid patterns in file order.
#[derive(Clone, Debug, Default)]
pub struct DockerIgnore {
    patterns: Vec<Pattern>,
}

#[derive(Clone, Debug)]
struct Pattern {
    /// A `!pattern` that re-includes what it matches.
    reinclude: bool,
    regex: Regex,
}

impl DockerIgnore {
    /// Parses the text of an ignore file. Lines that start with `#` are comments; a `#` after
    /// leading spaces is part of a pattern, as in Docker. Patterns Docker rejects (a lone `!`,
    /// an unclosed `[`) are skipped, since such a file fails the build before any file is sent.
    pub fn parse(text: &str) -> DockerIgnore {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let patterns = text.lines().filter_map(parse_line).collect();
        DockerIgnore { patterns }
    }

    /// `path` is relative to the build context, `/`-separated. True when the file is excluded
    /// from the context.
    pub fn is_excluded(&self, path: &str) -> bool {
        let path = clean(path);
        let path = path.trim_start_matches('/');
        if path.is_empty() || path == "." {
            return false;
        }

        let mut excluded = false;
        for pattern in &self.patterns {
            // A pattern can only change the answer when it says the opposite of it.
            if pattern.reinclude != excluded {
                continue;
            }
            if pattern.matches_or_parent_matches(path) {
                excluded = !pattern.reinclude;
            }
        }
        excluded
    }
}

impl Pattern {
    fn matches_or_parent_matches(&self, path: &str) -> bool {
        if self.regex.is_match(path) {
            return true;
        }
        path.match_indices('/')
            .any(|(end, _)| self.regex.is_match(&path[..end]))
    }
}

/// The ignore-file names to try for a Dockerfile, highest precedence first:
/// `<Dockerfile name>.dockerignore` beside the Dockerfile, then `.dockerignore` at the context
/// root. A name with directories (`build/app.Dockerfile`) keeps them, so the first candidate
/// sits beside the Dockerfile.
pub fn candidates(dockerfile_file_name: &str) -> [String; 2] {
    [
        format!("{dockerfile_file_name}.dockerignore"),
        ".dockerignore".to_string(),
    ]
}

fn parse_line(line: &str) -> Option<Pattern> {
    if line.starts_with('#') {
        return None;
    }
    let line = line.trim();
    if line.is_empty() {
        return None;
    }

    let (reinclude, glob) = match line.strip_prefix('!') {
        Some(rest) => (true, rest.trim()),
        None => (false, line),
    };
    if glob.is_empty() {
        return None;
    }
    let glob = clean(glob);
    let glob = match glob.strip_prefix('/') {
        Some(rest) if !rest.is_empty() => rest,
        _ => glob.as_str(),
    };
    let regex = Regex::new(&translate(glob)?).ok()?;
    Some(Pattern { reinclude, regex })
}

/// Cleans a `/`-separated path lexically, as Go's `filepath.Clean` does on Unix: repeated
/// slashes and `.` elements go, `..` removes the element before it, a trailing slash goes,
/// and an empty result is `.`.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            // `..` cannot climb above the root of a rooted path.
            ".." if rooted => {}
            _ => parts.push(part),
        }
    }

    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Translates a cleaned glob into an anchored regex, or `None` when Docker rejects the glob.
fn translate(glob: &str) -> Option<String> {
    // Docker matches a leading `**` followed by literal text as a plain string suffix, so
    // `**file` also matches `xfile`, while `**file*` (a regex to Docker) does not.
    if let Some(rest) = glob.strip_prefix("**")
        && !rest.starts_with('/')
        && !rest.is_empty()
        && !rest.contains(['*', '?', '[', '\\'])
    {
        return Some(format!("^.*{}$", regex::escape(rest)));
    }

    let mut regex = String::from("^");
    let mut chars = glob.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.next_if_eq(&'*').is_some() => {
                // `**/` is the same as `**`; it spans any number of directories, even none.
                chars.next_if_eq(&'/');
                let at_end = chars.peek().is_none();
                regex.push_str(if at_end { ".*" } else { "(?:.*/)?" });
            }
            '*' => regex.push_str("[^/]*"),
            '?' => regex.push_str("[^/]"),
            '[' => regex.push_str(&translate_class(&mut chars)?),
            '\\' => match chars.next() {
                Some(escaped) => regex.push_str(&escape_char(escaped)),
                None => return None,
            },
            _ => regex.push_str(&escape_char(c)),
        }
    }
    regex.push('$');
    Some(regex)
}

/// Translates a `[…]` class after its `[`: an optional `^` negation, then characters and
/// `lo-hi` ranges, `\` escaping. `[!…]` is no negation in Docker, only a class holding `!`.
fn translate_class(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<String> {
    let mut class = String::from("[");
    if chars.next_if_eq(&'^').is_some() {
        class.push('^');
    }

    let mut members = 0;
    loop {
        let c = chars.next()?;
        if c == ']' && members > 0 {
            break;
        }
        let lo = class_char(c, chars)?;
        class.push_str(&escape_char(lo));
        if chars.next_if_eq(&'-').is_some() {
            let hi = class_char(chars.next()?, chars)?;
            if hi < lo {
                return None;
            }
            class.push('-');
            class.push_str(&escape_char(hi));
        }
        members += 1;
    }
    class.push(']');
    Some(class)
}

/// One character of a class: `\x` is `x`; an unescaped `-` or `]` out of place is an error.
fn class_char(c: char, chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<char> {
    match c {
        '\\' => chars.next(),
        '-' | ']' => None,
        _ => Some(c),
    }
}

fn escape_char(c: char) -> String {
    regex::escape(c.encode_utf8(&mut [0; 4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per case: the ignore file, a path in the context, whether it is excluded.
    const CASES: &[(&str, &str, bool)] = &[
        // Root anchoring: a pattern without `**` matches at the context root only.
        ("*.pem", "key.pem", true),
        ("*.pem", "certs/key.pem", false),
        ("secret.txt", "secret.txt", true),
        ("secret.txt", "app/secret.txt", false),
        ("app/*.log", "app/x.log", true),
        ("app/*.log", "app/sub/x.log", false),
        ("*/*.txt", "docs/a.txt", true),
        ("*/*.txt", "a.txt", false),
        // `**` spans any number of directories, even none.
        ("**/*.pem", "key.pem", true),
        ("**/*.pem", "a/b/c/key.pem", true),
        ("**/.env", ".env", true),
        ("**/.env", "svc/.env", true),
        ("**/.env", "svc/x.env", false),
        ("a/**/b", "a/b", true),
        ("a/**/b", "a/x/y/b", true),
        ("a/**/b", "a/x/c", false),
        ("dir/**", "dir/file", true),
        ("dir/**", "dir/sub/file", true),
        ("dir/**", "dir", false),
        ("**", "anything/at/all", true),
        ("**/dir2/*", "dir/dir2/file", true),
        ("**/file*.txt", "x/y/file1.txt", true),
        // Docker's quirks around a leading `**`.
        ("**file", "dir/xfile", true),
        ("**file*", "xfile", false),
        ("a**/*.txt", "a/dir/file.txt", true),
        // A pattern that matches a directory excludes everything under it.
        ("node_modules", "node_modules/x/index.js", true),
        ("build", "build", true),
        ("build", "builder/x", false),
        ("*.d", "conf.d/app.conf", true),
        ("a*", "ab/c", true),
        // `!` re-includes; the last matching pattern wins.
        ("*.md\n!README.md", "README.md", false),
        ("*.md\n!README.md", "CHANGES.md", true),
        ("!README.md\n*.md", "README.md", true),
        ("docs\n!docs/README.md", "docs/README.md", false),
        ("docs\n!docs/README.md", "docs/guide.md", true),
        ("docs/\n!docs/README.md", "docs/README.md", false),
        ("docs/*\n!docs/README.md", "docs/README.md", false),
        ("**\n!src", "src/main.rs", false),
        ("**\n!src", "Cargo.toml", true),
        ("**\n!src\nsrc/secret", "src/secret/key", true),
        ("*\n!.env.example", ".env.example", false),
        (".env*\n!.env.example", ".env.local", true),
        // `?` is one character, never `/`.
        ("file?.txt", "file1.txt", true),
        ("file?.txt", "file12.txt", false),
        ("a?b", "a/b", false),
        // Character classes.
        ("a[b-d]e", "ace", true),
        ("a[b-d]e", "aae", false),
        ("a[^b-d]e", "aze", true),
        ("a[^b-d]e", "ace", false),
        ("[!a]b", "!b", true),
        ("[!a]b", "xb", false),
        ("[\\]a]", "]", true),
        ("[x\\-]", "-", true),
        // Escapes and regex metacharacters are literal.
        ("a\\*b", "a*b", true),
        ("a\\*b", "axb", false),
        ("abc.def", "abcZdef", false),
        ("a(b)c+{d}$", "a(b)c+{d}$", true),
        ("dist/*.whl", "dist/pkg-1.0+local-py3-none-any.whl", true),
        // Comments and blank lines.
        ("# secret.txt", "secret.txt", false),
        ("# comment\n\nsecret.txt\n", "secret.txt", true),
        ("  # not a comment", "# not a comment", true),
        (
            "\u{feff}# comment after a byte-order mark",
            "# comment after a byte-order mark",
            false,
        ),
        // Patterns are trimmed and cleaned; a leading `/` is dropped.
        ("  secret.txt  ", "secret.txt", true),
        ("/secret.txt", "secret.txt", true),
        ("/app/*.log", "app/x.log", true),
        ("! /secret.txt\nsecret.txt", "secret.txt", true),
        ("*\n! /keep.txt", "keep.txt", false),
        ("./secret.txt", "secret.txt", true),
        ("a//b/./c/../d", "a/b/d", true),
        ("tmp/", "tmp/cache/x", true),
        ("tmp/", "tmp", true),
        // Paths are cleaned too.
        ("secret.txt", "./secret.txt", true),
        ("secret.txt", "/secret.txt", true),
        ("app", "app/", true),
        // Nothing excludes the context root itself.
        ("**", ".", false),
        ("*", "", false),
        // Patterns Docker rejects are skipped; the rest still apply.
        ("!\nsecret.txt", "secret.txt", true),
        ("[\nsecret.txt", "secret.txt", true),
        ("a[", "a[", false),
        ("[-x]", "-", false),
        ("[z-a]", "b", false),
        ("x\\", "x\\", false),
        ("", "anything", false),
    ];

    #[test]
    fn matching() {
        for &(file, path, expected) in CASES {
            let ignore = DockerIgnore::parse(file);
            assert_eq!(ignore.is_excluded(path), expected, "{file:?} on {path:?}");
        }
    }

    #[test]
    fn cleaning() {
        let cases: &[(&str, &str)] = &[
            ("a/b", "a/b"),
            ("a//b/", "a/b"),
            ("./a/./b", "a/b"),
            ("a/../b", "b"),
            ("../a", "../a"),
            ("a/../../b", "../b"),
            ("/../a", "/a"),
            ("/", "/"),
            ("", "."),
            (".", "."),
        ];
        for &(path, expected) in cases {
            assert_eq!(clean(path), expected, "{path}");
        }
    }

    #[test]
    fn candidate_names() {
        assert_eq!(
            candidates("Dockerfile"),
            ["Dockerfile.dockerignore", ".dockerignore"]
        );
        assert_eq!(
            candidates("build/app.Dockerfile"),
            ["build/app.Dockerfile.dockerignore", ".dockerignore"]
        );
    }
}
