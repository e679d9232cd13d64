//! The build context of a Dockerfile, as far as the rules need it: which secret-looking files it
//! holds, which paths `.dockerignore` excludes, and, when there is an ignore file, which files
//! exist at all.
//!
//! Only secret-looking files are kept, so a large context costs a walk but no memory; the list of
//! every file is kept only when an ignore file can exclude some of them, and never holds more
//! than [`MAX_ENTRIES`] paths. The walk
//! follows Docker, not git: `.gitignore` does not apply, `.dockerignore` does, and `.git/` is
//! skipped only for speed.

use std::fs;
use std::path::Path;

use globset::{GlobBuilder, GlobMatcher};

use super::dockerignore::{self, DockerIgnore};
use crate::rules::secrets;

/// How many entries a context walk visits before it stops; the rest is not looked at.
const MAX_ENTRIES: usize = 50_000;

#[derive(Clone, Debug, Default)]
pub struct BuildContext {
    /// Secret-looking files in the context, relative to its root, `/`-separated, sorted.
    pub secret_files: Vec<String>,
    pub ignore: Option<DockerIgnore>,
    /// True when the walk stopped at [`MAX_ENTRIES`].
    pub truncated: bool,
    /// Every file in the context, relative to its root, sorted; kept only when there is an
    /// ignore file.
    files: Option<Vec<String>>,
}

impl BuildContext {
    /// Reads the context at `root` for the Dockerfile named `dockerfile_name` in
    /// `dockerfile_dir`: `<name>.dockerignore` beside the Dockerfile wins over the context's
    /// `.dockerignore`.
    pub fn read(root: &Path, dockerfile_dir: &Path, dockerfile_name: &str) -> BuildContext {
        let [beside, at_root] = dockerignore::candidates(dockerfile_name);
        let ignore = fs::read_to_string(dockerfile_dir.join(beside))
            .or_else(|_| fs::read_to_string(root.join(at_root)))
            .ok()
            .map(|text| DockerIgnore::parse(&text));
        let walk = walk(root, ignore.is_some());
        BuildContext {
            secret_files: walk.secret_files,
            ignore,
            truncated: walk.truncated,
            files: walk.files,
        }
    }

    /// The files a COPY source names, when every file of the context is known: the file
    /// itself, everything under a directory, or what a glob matches. `None` when the file list
    /// was not kept (no ignore file) or the walk stopped early.
    pub fn files_copied_by(&self, source: &str) -> Option<Vec<&str>> {
        let files = self.files.as_ref().filter(|_| !self.truncated)?;
        let glob = source_glob(source);
        let matches = |file: &str| match &glob {
            Some(glob) => glob.is_match(file) || glob_parent_matches(glob, file),
            None => file == source || under(source, file),
        };
        Some(
            files
                .iter()
                .map(String::as_str)
                .filter(|f| matches(f))
                .collect(),
        )
    }

    pub fn is_excluded(&self, path: &str) -> bool {
        self.ignore
            .as_ref()
            .is_some_and(|ignore| ignore.is_excluded(path))
    }

    /// The secret-looking files a COPY source sends into the image: everything under a
    /// directory source (`.` is the whole context), or what a glob source matches, less what
    /// `.dockerignore` excludes.
    pub fn secret_files_copied_by(&self, source: &str) -> Vec<&str> {
        let glob = source_glob(source);
        self.secret_files
            .iter()
            .map(String::as_str)
            .filter(|file| match &glob {
                Some(glob) => glob.is_match(file) || under(glob_dir(source), file),
                None => under(source, file),
            })
            .filter(|file| !self.is_excluded(file))
            .collect()
    }
}

fn under(dir: &str, file: &str) -> bool {
    dir.is_empty()
        || file
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// A glob source (`*.pem`, `conf/*`) as a matcher where `*` stays within one folder.
fn source_glob(source: &str) -> Option<GlobMatcher> {
    if !source.contains(['*', '?', '[']) {
        return None;
    }
    let glob = GlobBuilder::new(source)
        .literal_separator(true)
        .build()
        .ok()?;
    Some(glob.compile_matcher())
}

/// The fixed folder a glob matches inside; nothing under a matched folder is known here, so
/// matched folders are not followed.
fn glob_dir(_source: &str) -> &'static str {
    "\u{0}"
}

/// A glob that matches a directory (`conf*` on `conf.d`) copies everything under it.
fn glob_parent_matches(glob: &GlobMatcher, file: &str) -> bool {
    file.match_indices('/')
        .any(|(end, _)| glob.is_match(&file[..end]))
}

/// What a walk of the context found.
struct Walk {
    secret_files: Vec<String>,
    files: Option<Vec<String>>,
    truncated: bool,
}

/// Walks the context; `keep_all` keeps every file's path, not only the secret-looking ones.
fn walk(root: &Path, keep_all: bool) -> Walk {
    let mut found = Vec::new();
    let mut all = Vec::new();
    let mut visited = 0;
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    for entry in walker.flatten() {
        visited += 1;
        if visited > MAX_ENTRIES {
            return Walk {
                secret_files: found,
                files: keep_all.then_some(all),
                truncated: true,
            };
        }
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if secrets::is_secret_file(&relative) {
            found.push(relative.clone());
        }
        if keep_all {
            all.push(relative);
        }
    }
    found.sort();
    all.sort();
    Walk {
        secret_files: found,
        files: keep_all.then_some(all),
        truncated: false,
    }
}
