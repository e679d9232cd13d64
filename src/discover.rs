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

/// The chart that a file is a template of: the file lies under a `templates/` folder whose
/// parent holds a `Chart.yaml`. Templates are Go templates, not YAML, until Helm renders them.
pub fn helm_chart(path: &Path) -> Option<PathBuf> {
    path.ancestors().skip(1).find_map(|dir| {
        if dir.file_name()? != "templates" {
            return None;
        }
        let chart = dir.parent()?;
        chart
            .join("Chart.yaml")
            .is_file()
            .then(|| chart.to_path_buf())
    })
}

/// The names Kustomize reads its kustomization from, in its order.
const KUSTOMIZATIONS: &[&str] = &["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// The kustomization beside a file that lists it as a patch (`patches[].path`,
/// `patchesStrategicMerge`, `patchesJson6902[].path`): a fragment that Kustomize merges into
/// a resource, not a resource of its own.
pub fn kustomize_patch(path: &Path) -> Option<PathBuf> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let target = lexical(&dir.join(path.file_name()?));
    KUSTOMIZATIONS.iter().find_map(|name| {
        let kustomization = dir.join(name);
        let text = fs::read_to_string(&kustomization).ok()?;
        let listed = patch_paths(&text)
            .iter()
            .any(|patch| lexical(&dir.join(patch)) == target);
        listed.then_some(kustomization)
    })
}

/// The patch files a kustomization names.
fn patch_paths(text: &str) -> Vec<String> {
    let stream = crate::syntax::yaml::parse(text);
    let Some(document) = stream.documents.first() else {
        return Vec::new();
    };
    let root = &document.root;
    let with_path = ["patches", "patchesJson6902"]
        .into_iter()
        .filter_map(|key| root.get(key))
        .flat_map(|list| list.items())
        .filter_map(|item| item.get("path"));
    let strategic = root
        .get("patchesStrategicMerge")
        .into_iter()
        .flat_map(|list| list.items());
    with_path
        .chain(strategic)
        .filter_map(|node| node.as_text())
        // An inline patch is YAML text, not a path.
        .filter(|text| !text.contains('\n'))
        .map(str::to_owned)
        .collect()
}

/// A path with `.` and `..` resolved as text: `..` takes off the folder before it, stops at
/// the root of an absolute path, and stays at the start of a relative one.
pub(crate) fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            std::path::Component::ParentDir if out.has_root() => {}
            other => out.push(other),
        }
    }
    out
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
    fn helm_templates_and_kustomize_patches() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = [
            ("chart/Chart.yaml", "apiVersion: v2\nname: chart\n"),
            ("chart/templates/deploy.yaml", "kind: Deployment\n"),
            ("chart/templates/sub/svc.yaml", "kind: Service\n"),
            ("plain/templates/x.yaml", "kind: Pod\n"),
            (
                "app/kustomization.yaml",
                "patches:\n  - path: patch.yaml\n  - patch: |\n      kind: Pod\n\
                 patchesStrategicMerge:\n  - ./sm.yaml\npatchesJson6902:\n  - path: sub/../j.yaml\n",
            ),
            ("app/patch.yaml", ""),
            ("app/sm.yaml", ""),
            ("app/j.yaml", ""),
            ("app/deploy.yaml", ""),
        ];
        for (path, text) in files {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let chart = helm_chart(&root.join("chart/templates/sub/svc.yaml"));
        assert_eq!(chart, Some(root.join("chart")));
        assert_eq!(helm_chart(&root.join("plain/templates/x.yaml")), None);
        assert_eq!(helm_chart(&root.join("chart/Chart.yaml")), None);
        for (name, patch) in [
            ("patch.yaml", true),
            ("sm.yaml", true),
            ("j.yaml", true),
            ("deploy.yaml", false),
        ] {
            let found = kustomize_patch(&root.join("app").join(name));
            assert_eq!(found.is_some(), patch, "{name}");
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
