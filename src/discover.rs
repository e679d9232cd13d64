//! Finding the files to lint: named files as they are, folders walked for Dockerfile names.
//!
//! Folders are walked like ripgrep walks them: `.gitignore`, `.ignore` and git's excludes are
//! honoured (also outside a git repository, since a checkout without `.git/` still means the
//! same), hidden folders such as `.devcontainer/` are entered, `.git/` never is, and symbolic
//! links are not followed, so a link loop cannot hang the walk. A file named on the command line
//! is always linted, whatever its name.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use ignore::{DirEntry, WalkBuilder};

use crate::input::InputError;
use crate::lint::FileKind;

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The path as shown to the user: the path given, joined with the walked part.
    pub display: String,
    /// The path to open.
    pub path: PathBuf,
    pub kind: FileKind,
    /// Named on the command line rather than found by walking a folder.
    pub named: bool,
}

/// Extensions that mark a Dockerfile-like name as something else: a template that renders
/// into a Dockerfile, an ignore file, or an editor's leftover.
const NOT_DOCKERFILE_EXTENSIONS: &[&str] = &[
    "dockerignore",
    "j2",
    "jinja",
    "jinja2",
    "tmpl",
    "tpl",
    "template",
    "in",
    "erb",
    "mustache",
    "hbs",
    "gotmpl",
    "orig",
    "rej",
    "bak",
    "swp",
    "md",
];

/// The base names Docker and Podman look for; Docker also accepts them lowercase.
const BASE_NAMES: &[&str] = &["Dockerfile", "dockerfile", "Containerfile", "containerfile"];

/// Whether a file name is one a Dockerfile goes by: `Dockerfile`, `Containerfile`,
/// `api.Dockerfile`, `Dockerfile.prod`, `Dockerfile-base`, `Dockerfile_dev`, but not
/// `Dockerfile.j2` or `x.dockerignore`.
pub fn dockerfile_name(file_name: &str) -> bool {
    if file_name.ends_with('~') || has_excluded_extension(file_name) {
        return false;
    }
    if file_name.ends_with(".Dockerfile") || file_name.ends_with(".dockerfile") {
        return true;
    }

    BASE_NAMES.iter().any(|base| {
        file_name
            .strip_prefix(base)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-', '_']))
    })
}

fn has_excluded_extension(file_name: &str) -> bool {
    let Some((_, extension)) = file_name.rsplit_once('.') else {
        return false;
    };
    let extension = extension.to_ascii_lowercase();
    NOT_DOCKERFILE_EXTENSIONS.contains(&extension.as_str())
}

/// Whether a file name is one Docker Compose looks for: `compose.yaml`, `compose.prod.yml`,
/// `docker-compose.yml`, `docker-compose.override.yaml`.
pub fn compose_name(file_name: &str) -> bool {
    let Some(stem) = file_name
        .strip_suffix(".yaml")
        .or_else(|| file_name.strip_suffix(".yml"))
    else {
        return false;
    };
    stem == "compose" || stem.starts_with("compose.") || stem.starts_with("docker-compose")
}

/// Whether a file name is YAML's: `.yaml` or `.yml`.
pub fn yaml_name(file_name: &str) -> bool {
    file_name.ends_with(".yaml") || file_name.ends_with(".yml")
}

/// The kind of file a walked name is, if shiplint lints it: other YAML is looked into to tell
/// a Compose file or Kubernetes manifests from the rest.
pub fn kind_of_name(file_name: &str) -> Option<FileKind> {
    if dockerfile_name(file_name) {
        Some(FileKind::Dockerfile)
    } else if compose_name(file_name) {
        Some(FileKind::Compose)
    } else if yaml_name(file_name) {
        Some(FileKind::Yaml)
    } else {
        None
    }
}

/// Finds the files to lint under `paths`, sorted by displayed path; with no paths, the current
/// folder, shown without a leading `./`.
pub fn walk(paths: &[PathBuf]) -> (Vec<Found>, Vec<InputError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    if paths.is_empty() {
        walk_dir(Path::new("."), true, &mut found, &mut errors);
    }
    for path in paths {
        walk_path(path, &mut found, &mut errors);
    }

    found.sort_by(|a, b| a.display.cmp(&b.display));
    found.dedup_by(|a, b| a.path == b.path);
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (found, errors)
}

fn walk_path(path: &Path, found: &mut Vec<Found>, errors: &mut Vec<InputError>) {
    let display = path.to_string_lossy();
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) => return errors.push(InputError::io(display, &e)),
    };
    if metadata.is_dir() {
        return walk_dir(path, false, found, errors);
    }

    let name = path.file_name().and_then(OsStr::to_str).unwrap_or("");
    found.push(Found {
        display: display.into_owned(),
        path: path.to_path_buf(),
        kind: kind_of_name(name).unwrap_or(FileKind::Dockerfile),
        named: true,
    });
}

fn walk_dir(root: &Path, implicit: bool, found: &mut Vec<Found>, errors: &mut Vec<InputError>) {
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();

    for entry in walker {
        match entry {
            Ok(entry) => found.extend(found_in_walk(&entry, implicit)),
            // A bad line in an ignore file only makes that line not apply; ripgrep warns
            // and goes on, and no input is left unlinted because of it.
            Err(e) if e.is_partial() => {}
            Err(e) => errors.push(walk_error(root, &e)),
        }
    }
}

fn found_in_walk(entry: &DirEntry, implicit: bool) -> Option<Found> {
    if !entry.file_type().is_some_and(|t| t.is_file()) {
        return None;
    }
    let kind = kind_of_name(entry.file_name().to_str()?)?;

    let path = entry.path();
    let shown = if implicit {
        path.strip_prefix(".").unwrap_or(path)
    } else {
        path
    };
    Some(Found {
        display: shown.to_string_lossy().into_owned(),
        path: path.to_path_buf(),
        kind,
        named: false,
    })
}

fn walk_error(root: &Path, error: &ignore::Error) -> InputError {
    let mut path = root.to_string_lossy().into_owned();
    let mut inner = error;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = p.to_string_lossy().into_owned();
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            ignore::Error::Io(e) => return InputError::io(path, e),
            other => return InputError::new(path, other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names() {
        let cases = [
            ("Dockerfile", true),
            ("dockerfile", true),
            ("Containerfile", true),
            ("containerfile", true),
            ("api.Dockerfile", true),
            ("xgboost.dockerfile", true),
            (".gitpod.Dockerfile", true),
            ("Dockerfile.prod", true),
            ("Dockerfile.run.whitespace", true),
            ("Dockerfile-base", true),
            ("Dockerfile_dev", true),
            ("Containerfile.debug-ubi", true),
            ("DOCKERFILE", false),
            ("Dockerfiles", false),
            ("MyDockerfile", false),
            ("Dockerfile.j2", false),
            ("Dockerfile.jinja", false),
            ("Dockerfile.tmpl", false),
            ("Dockerfile.template", false),
            ("Dockerfile.tpl", false),
            ("Dockerfile.in", false),
            ("Dockerfile.md", false),
            ("Dockerfile~", false),
            ("Dockerfile.dockerignore", false),
            ("x.dockerignore", false),
            (".dockerignore", false),
            ("docker-compose.yml", false),
            ("README.md", false),
        ];
        for (name, expected) in cases {
            assert_eq!(dockerfile_name(name), expected, "{name}");
        }
    }

    #[test]
    fn yaml_names() {
        let cases = [
            ("compose.yaml", Some(FileKind::Compose)),
            ("compose.yml", Some(FileKind::Compose)),
            ("compose.override.yaml", Some(FileKind::Compose)),
            ("compose.prod.yml", Some(FileKind::Compose)),
            ("docker-compose.yml", Some(FileKind::Compose)),
            ("docker-compose.dev.yaml", Some(FileKind::Compose)),
            ("docker-compose-ci.yml", Some(FileKind::Compose)),
            ("deployment.yaml", Some(FileKind::Yaml)),
            ("composer.yaml", Some(FileKind::Yaml)),
            ("compose.json", None),
            ("values.yml", Some(FileKind::Yaml)),
        ];
        for (name, expected) in cases {
            assert_eq!(kind_of_name(name), expected, "{name}");
        }
    }
}
