//! Reading the files of a Compose project from the disk: the override file Compose applies to
//! the default file names, the files named by `include` and by `extends.file`, and `.env`.
//!
//! A file that cannot be read or parsed is left out; it is linted, and its problems reported,
//! when the walk reaches it. Cycles and runaway projects stop at [`MAX_FILES`].

use std::path::{Component, Path, PathBuf};

use super::FileId;
use super::dotenv::{self, DotEnv};
use crate::source::SourceFile;
use crate::syntax::yaml::{self, Node, Stream};

/// Files one project may read besides the linted one.
const MAX_FILES: usize = 64;

/// Why a file is part of the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The file being linted.
    Linted,
    /// The default file an override file applies to, or the override applied to it.
    Merged,
    /// A file named by a service's `extends.file`: only the extended services count.
    Extended,
    /// A file named by the top-level `include`.
    Included,
}

/// One file of the project.
#[derive(Clone, Debug)]
pub struct ComposeFile {
    /// The file as reports show it; its path on disk is the same, relative to the working
    /// directory.
    pub source: SourceFile,
    pub stream: Stream,
    pub role: Role,
}

impl ComposeFile {
    /// The first document's root.
    pub fn root(&self) -> Option<&Node> {
        self.stream.documents.first().map(|d| &d.root)
    }

    /// The folder relative paths in the file are resolved from.
    pub fn dir(&self) -> PathBuf {
        parent(&self.source.path)
    }
}

/// The files of a project and its `.env` values.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The linted file first, then the others in the order they were reached.
    pub files: Vec<ComposeFile>,
    /// The files whose services and top-level declarations make the project, in merge order:
    /// a default file before its override, included files after the file that includes them.
    pub roots: Vec<FileId>,
    pub env: DotEnv,
}

/// Reads the project of the linted file. A source that is not on disk (standard input, a
/// test's text) is a project of one file without `.env`.
pub fn load(source: &SourceFile, stream: &Stream) -> Loaded {
    let mut loaded = Loaded {
        files: vec![ComposeFile {
            source: source.clone(),
            stream: stream.clone(),
            role: Role::Linted,
        }],
        roots: vec![0],
        env: DotEnv::new(),
    };
    if source.path == "-" || !Path::new(&source.path).is_file() {
        return loaded;
    }

    let dir = parent(&source.path);
    if let Ok(text) = std::fs::read_to_string(dir.join(".env")) {
        loaded.env = dotenv::parse(&text);
    }
    loaded.add_override(&source.path);
    let mut next = 0;
    while next < loaded.roots.len() {
        let file = loaded.roots[next];
        loaded.add_includes(file);
        next += 1;
    }
    loaded.add_extended_files();
    loaded
}

impl Loaded {
    /// The file `extends.file` names from a service of `from`: `from` itself when `None`.
    pub fn extended_file(&self, from: FileId, name: Option<&str>) -> Option<FileId> {
        let Some(name) = name else {
            return Some(from);
        };
        let path = join_path(&self.files[from].dir(), name);
        self.find(&path)
    }

    fn find(&self, path: &str) -> Option<FileId> {
        self.files.iter().position(|f| f.source.path == path)
    }

    /// Reads a file once; `None` when it cannot be read or the project is full.
    fn read(&mut self, path: &str, role: Role) -> Option<FileId> {
        if let Some(found) = self.find(path) {
            return Some(found);
        }
        if self.files.len() > MAX_FILES {
            return None;
        }
        let source = crate::input::read_source(Path::new(path), path).ok()?;
        let stream = yaml::parse(&source.text);
        self.files.push(ComposeFile {
            source,
            stream,
            role,
        });
        Some(self.files.len() - 1)
    }

    /// `compose.yaml` gets `compose.override.yaml` after it; `compose.override.yaml` gets
    /// `compose.yaml` before it. The same holds for `docker-compose`, and either extension.
    fn add_override(&mut self, path: &str) {
        let dir = parent(path);
        let name = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((stem, is_override)) = default_stem(&name) else {
            return;
        };
        let partner_stem = if is_override {
            stem.to_string()
        } else {
            format!("{stem}.override")
        };
        let partner = ["yaml", "yml"]
            .iter()
            .map(|ext| join_path(&dir, &format!("{partner_stem}.{ext}")))
            .find(|candidate| Path::new(candidate).is_file());
        let Some(partner) = partner else { return };
        let Some(id) = self.read(&partner, Role::Merged) else {
            return;
        };
        if is_override {
            self.roots.insert(0, id);
        } else {
            self.roots.push(id);
        }
    }

    /// The files the top-level `include` of `file` names, as roots.
    fn add_includes(&mut self, file: FileId) {
        let dir = self.files[file].dir();
        let paths: Vec<String> = self.files[file]
            .root()
            .and_then(|root| root.get("include"))
            .map(include_paths)
            .unwrap_or_default();
        for path in paths {
            let path = join_path(&dir, &path);
            if let Some(id) = self.read(&path, Role::Included)
                && !self.roots.contains(&id)
            {
                self.roots.push(id);
            }
        }
    }

    /// Every file a service's `extends.file` names, and the files those extend in turn.
    fn add_extended_files(&mut self) {
        let mut next = 0;
        while next < self.files.len() {
            let dir = self.files[next].dir();
            let names = extends_files(&self.files[next]);
            for name in names {
                self.read(&join_path(&dir, &name), Role::Extended);
            }
            next += 1;
        }
    }
}

/// The stem of a default Compose file name and whether it is the override: `compose.yaml` →
/// (`compose`, false), `docker-compose.override.yml` → (`docker-compose`, true).
fn default_stem(name: &str) -> Option<(&str, bool)> {
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))?;
    let (base, is_override) = match stem.strip_suffix(".override") {
        Some(base) => (base, true),
        None => (stem, false),
    };
    matches!(base, "compose" | "docker-compose").then_some((base, is_override))
}

/// `include: [a.yaml, {path: b.yaml}, {path: [c.yaml, d.yaml]}]`.
fn include_paths(include: &Node) -> Vec<String> {
    let mut paths = Vec::new();
    for item in include.items() {
        if let Some(path) = item.as_text() {
            paths.push(path.to_string());
            continue;
        }
        let Some(path) = item.get("path") else {
            continue;
        };
        match path.as_text() {
            Some(one) => paths.push(one.to_string()),
            None => paths.extend(
                path.items()
                    .iter()
                    .filter_map(Node::as_text)
                    .map(str::to_string),
            ),
        }
    }
    paths
}

fn extends_files(file: &ComposeFile) -> Vec<String> {
    let Some(services) = file.root().and_then(|root| root.get("services")) else {
        return Vec::new();
    };
    services
        .entries()
        .iter()
        .filter_map(|entry| entry.value.get_path(&["extends", "file"])?.as_text())
        .map(str::to_string)
        .collect()
}

/// The folder of a path as written; empty for a bare file name, so that the files it names
/// are written bare too.
fn parent(path: &str) -> PathBuf {
    Path::new(path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `dir` joined with a relative `path`, `.` and `..` resolved by hand so that one file reached
/// two ways has one name. Absolute paths stay as they are, and a leading `./` is kept, as the
/// walk writes the files it finds under `.`.
pub fn join_path(dir: &Path, path: &str) -> String {
    let joined = dir.join(path);
    let dotted = joined.starts_with(".") && !Path::new(path).is_absolute();
    let mut parts: Vec<Component> = Vec::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let normal: PathBuf = parts.iter().collect();
    if normal.as_os_str().is_empty() {
        return ".".to_string();
    }
    let normal = normal.to_string_lossy().into_owned();
    match dotted && !normal.starts_with("..") {
        true => format!("./{normal}"),
        false => normal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        assert_eq!(default_stem("compose.yaml"), Some(("compose", false)));
        assert_eq!(
            default_stem("docker-compose.override.yml"),
            Some(("docker-compose", true))
        );
        assert_eq!(default_stem("compose.prod.yaml"), None);
        assert_eq!(default_stem("app.yml"), None);
    }

    #[test]
    fn joined_paths_are_normal() {
        assert_eq!(join_path(Path::new(""), "compose.yaml"), "compose.yaml");
        assert_eq!(join_path(Path::new("."), "compose.yaml"), "./compose.yaml");
        assert_eq!(join_path(Path::new("./a"), "../b/c.yml"), "./b/c.yml");
        assert_eq!(join_path(Path::new("a/b"), "../c.yml"), "a/c.yml");
        assert_eq!(join_path(Path::new("a"), "./x/./y"), "a/x/y");
        assert_eq!(join_path(Path::new(".."), "../z"), "../../z");
        assert_eq!(join_path(Path::new("a"), "/etc/x"), "/etc/x");
    }

    #[test]
    fn include_forms() {
        let stream =
            yaml::parse("include:\n  - a.yaml\n  - path: b.yaml\n  - path: [c.yaml, d.yaml]\n");
        let include = stream.documents[0].root.get("include").unwrap();
        assert_eq!(
            include_paths(include),
            ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
        );
    }
}
