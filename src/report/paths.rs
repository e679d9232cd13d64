//! Paths as code hosts read them: relative to one project root, with forward slashes and
//! symlinks resolved, the same whatever folder shiplint runs from.
//!
//! SARIF, GitHub annotations and GitLab Code Quality match a finding to a file of the
//! repository by its path from the repository's top, so `../Dockerfile` run from a subfolder
//! and `Dockerfile` run from the top must give the same path. The other formats keep paths as
//! the user gave them.

use std::io;
use std::path::{Component, Path, PathBuf};

use super::FileReport;
use crate::input::InputError;

/// The folder that report paths are relative to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectRoot {
    /// The root, with symlinks resolved.
    root: PathBuf,
    /// The folder relative paths of the report start from.
    cwd: PathBuf,
}

/// Where a file lies from the project root's point of view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Located {
    /// Inside the root: the path from it, `/`-separated.
    Inside(String),
    /// Outside the root: the absolute path, `/`-separated; `-` for standard input.
    Outside(String),
}

impl Located {
    /// The path as a code host shows it: relative inside the root, absolute outside it.
    pub fn as_str(&self) -> &str {
        match self {
            Located::Inside(path) | Located::Outside(path) => path,
        }
    }
}

impl ProjectRoot {
    /// The root given (`--project-root`), else the git top level above the current folder,
    /// else the current folder.
    pub fn find(given: Option<&Path>) -> io::Result<ProjectRoot> {
        let cwd = std::env::current_dir()?;
        let root = match given {
            Some(root) => cwd.join(root),
            None => git_top_level(&cwd).unwrap_or_else(|| cwd.clone()),
        };
        let root = std::fs::canonicalize(&root)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", root.display())))?;
        Ok(ProjectRoot { root, cwd })
    }

    /// A root for paths that start from `cwd`; both are taken as they are.
    pub fn at(root: impl Into<PathBuf>, cwd: impl Into<PathBuf>) -> ProjectRoot {
        ProjectRoot {
            root: root.into(),
            cwd: cwd.into(),
        }
    }

    /// The root as a `file://` URI ending in `/`, as SARIF's `originalUriBaseIds` wants it.
    pub fn uri(&self) -> String {
        let path = slashed(&self.root);
        let path = path.trim_matches('/');
        match path.is_empty() {
            true => "file:///".to_owned(),
            false => format!("file:///{}/", percent_encode(path)),
        }
    }

    /// Where the file a report calls `path` lies: symlinks resolved, then made relative to the
    /// root. A path that does not exist, such as standard input's `--stdin-filename`, is
    /// resolved as far as its folder exists.
    pub fn locate(&self, path: &str) -> Located {
        // Standard input without `--stdin-filename` is no file anywhere.
        if path == "-" {
            return Located::Outside(path.to_owned());
        }
        let absolute = resolve(&self.cwd.join(path));
        match absolute.strip_prefix(&self.root) {
            Ok(relative) => Located::Inside(slashed(relative)),
            Err(_) => Located::Outside(slashed(&absolute)),
        }
    }
}

/// Things that name a file (reports, input errors), each with where the file lies, sorted by
/// that path, so that output made from any folder lists them in one order.
pub fn by_project_path<'a, T: Named>(items: &'a [T], root: &ProjectRoot) -> Vec<(Located, &'a T)> {
    let mut located: Vec<(Located, &T)> = items
        .iter()
        .map(|item| (root.locate(item.path()), item))
        .collect();
    located.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    located
}

/// What names a file, as the user gave its path.
pub trait Named {
    fn path(&self) -> &str;
}

impl Named for FileReport {
    fn path(&self) -> &str {
        &self.source.path
    }
}

impl Named for InputError {
    fn path(&self) -> &str {
        &self.path
    }
}

/// The nearest folder at or above `dir` holding a `.git` folder, or a `.git` file as worktrees
/// and submodules have.
fn git_top_level(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|folder| folder.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The path with symlinks resolved in its longest existing prefix, and `.` and `..` taken as
/// text in the rest.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(resolved) = std::fs::canonicalize(path) {
        return resolved;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => crate::discover::lexical(path),
    }
}

/// The path's components joined by `/`, on every platform.
fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|component| match component {
            Component::RootDir => Some(String::new()),
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            Component::Prefix(prefix) => Some(prefix.as_os_str().to_string_lossy().into_owned()),
            Component::CurDir | Component::ParentDir => None,
        })
        .collect();
    match parts.as_slice() {
        [root] if root.is_empty() => "/".to_owned(),
        _ => parts.join("/"),
    }
}

/// A `/`-separated path as a URI path: every byte but unreserved characters, `/`, `:` and
/// `@` is percent-encoded, so spaces, `#`, `?`, `%` and non-ASCII names survive.
pub fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b':'
            | b'@' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_inside_absolute_outside() {
        let root = ProjectRoot::at("/repo", "/repo/services/api");
        let cases = [
            (
                "Dockerfile",
                Located::Inside("services/api/Dockerfile".into()),
            ),
            (
                "../web/./Dockerfile",
                Located::Inside("services/web/Dockerfile".into()),
            ),
            ("/repo/compose.yaml", Located::Inside("compose.yaml".into())),
            (
                "../../../etc/Dockerfile",
                Located::Outside("/etc/Dockerfile".into()),
            ),
        ];
        for (path, expected) in cases {
            assert_eq!(root.locate(path), expected, "{path}");
        }
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            percent_encode("a dir/Dockerfile#1?ü%"),
            "a%20dir/Dockerfile%231%3F%C3%BC%25"
        );
        assert_eq!(ProjectRoot::at("/my repo", "/").uri(), "file:///my%20repo/");
        assert_eq!(ProjectRoot::at("/", "/").uri(), "file:///");
    }

    #[test]
    fn symlinks_are_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("Dockerfile"), "FROM a\n").unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();

        let project = ProjectRoot::at(&root, &root);
        #[cfg(unix)]
        assert_eq!(
            project.locate("link/Dockerfile"),
            Located::Inside("real/Dockerfile".into())
        );
        assert_eq!(
            project.locate("real/new.Dockerfile"),
            Located::Inside("real/new.Dockerfile".into())
        );
    }
}
