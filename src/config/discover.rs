//! Finding the config that applies to a linted file.
//!
//! For each file, the nearest shiplint config walking up from its folder: in one folder,
//! `shiplint.toml` wins over `.shiplint.toml`, which wins over a `Cargo.toml` with shiplint
//! settings (a `Cargo.toml` without them is passed by). The walk goes up to the filesystem root,
//! not only to the top of a git checkout, as ruff's does: a config above a checkout (a monorepo's
//! folder of checkouts, a CI workspace) applies too.
//!
//! Only when no shiplint config lies anywhere above a file is a `.hadolint.yaml` (or
//! `.hadolint.yml`) looked for the same way, so a project moving from hadolint keeps its settings
//! until it writes a `shiplint.toml`. hadolint's user-level configs (`$XDG_CONFIG_HOME`,
//! `~/.config`, `~/.hadolint.yaml`) are not read: what shiplint reports depends on the checkout
//! and the command line only, so a CI run and a developer's run agree.
//!
//! Answers are cached per folder, so the files of one folder, and the folders below a config,
//! cost one look each.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Config, ConfigError, OverrideError, Overrides, file, hadolint};

/// The names of a shiplint config, in the order they win within one folder.
pub const SHIPLINT_NAMES: &[&str] = &["shiplint.toml", ".shiplint.toml", "Cargo.toml"];

/// The names of a hadolint config, in the order they win within one folder.
pub const HADOLINT_NAMES: &[&str] = &[".hadolint.yaml", ".hadolint.yml"];

/// A config that could not be read, or a command-line value that does not fit it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Override(#[from] OverrideError),
}

/// Which config files apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The nearest config of each file (the default).
    Nearest,
    /// `--config FILE`: this one for every file; a `.yaml` or `.yml` file is read as hadolint's.
    File(PathBuf),
    /// `--isolated`: none; the defaults and the command line only.
    Isolated,
}

/// Finds and reads configs, each once, and applies the command line to them.
#[derive(Debug)]
pub struct Finder {
    overrides: Overrides,
    /// The one config for every file, with `--config` or `--isolated`.
    fixed: Option<Arc<Config>>,
    /// The folder paths are shown relative to.
    cwd: PathBuf,
    shiplint: HashMap<PathBuf, Option<Arc<Config>>>,
    hadolint: HashMap<PathBuf, Option<Arc<Config>>>,
    defaults: Option<Arc<Config>>,
}

impl Finder {
    pub fn new(lookup: Lookup, overrides: Overrides) -> Result<Finder, Error> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let mut finder = Finder {
            overrides,
            fixed: None,
            cwd,
            shiplint: HashMap::new(),
            hadolint: HashMap::new(),
            defaults: None,
        };
        finder.fixed = match lookup {
            Lookup::Nearest => None,
            Lookup::File(path) => Some(finder.read_named(&path)?),
            Lookup::Isolated => Some(finder.defaults()?),
        };
        Ok(finder)
    }

    /// The config of a file to lint.
    pub fn for_file(&mut self, path: &Path) -> Result<Arc<Config>, Error> {
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        self.for_dir(dir)
    }

    /// The config of the files in a folder.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, Error> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Some(config) = self.nearest(&dir, Kind::Shiplint)? {
            return Ok(config);
        }
        if let Some(config) = self.nearest(&dir, Kind::Hadolint)? {
            return Ok(config);
        }
        self.defaults()
    }

    fn defaults(&mut self) -> Result<Arc<Config>, Error> {
        if let Some(defaults) = &self.defaults {
            return Ok(defaults.clone());
        }
        let config = Config {
            root: PathBuf::from("."),
            ..Config::default()
        };
        let config = self.finish(config)?;
        self.defaults = Some(config.clone());
        Ok(config)
    }

    fn read_named(&self, path: &Path) -> Result<Arc<Config>, Error> {
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let config = if is_yaml {
            hadolint::read(path)?
        } else {
            file::read(path)?.ok_or_else(|| ConfigError {
                path: path.to_path_buf(),
                line: 0,
                column: 0,
                message: "no `[package.metadata.shiplint]` or `[workspace.metadata.shiplint]` \
                          table"
                    .into(),
            })?
        };
        self.finish(config)
    }

    /// The nearest config of one kind at or above `dir`, caching the answer of every folder
    /// passed on the way.
    fn nearest(&mut self, dir: &Path, kind: Kind) -> Result<Option<Arc<Config>>, Error> {
        let mut visited = Vec::new();
        let mut found = None;
        for folder in dir.ancestors() {
            if let Some(cached) = self.cache(kind).get(folder) {
                found = cached.clone();
                break;
            }
            visited.push(folder.to_path_buf());
            if let Some(config) = self.config_in(folder, kind)? {
                found = Some(config);
                break;
            }
        }

        let cache = self.cache(kind);
        for folder in visited {
            cache.insert(folder, found.clone());
        }
        Ok(found)
    }

    fn cache(&mut self, kind: Kind) -> &mut HashMap<PathBuf, Option<Arc<Config>>> {
        match kind {
            Kind::Shiplint => &mut self.shiplint,
            Kind::Hadolint => &mut self.hadolint,
        }
    }

    fn config_in(&self, folder: &Path, kind: Kind) -> Result<Option<Arc<Config>>, Error> {
        let names = match kind {
            Kind::Shiplint => SHIPLINT_NAMES,
            Kind::Hadolint => HADOLINT_NAMES,
        };
        for name in names {
            let path = folder.join(name);
            if !path.is_file() {
                continue;
            }
            let shown = self.shown(&path);
            let config = match kind {
                Kind::Shiplint => file::read(&shown)?,
                Kind::Hadolint => Some(hadolint::read(&shown)?),
            };
            if let Some(config) = config {
                return Ok(Some(self.finish(config)?));
            }
        }
        Ok(None)
    }

    /// A path as the user would write it: relative to the current folder.
    fn shown(&self, path: &Path) -> PathBuf {
        relative_to(path, &self.cwd)
    }

    /// Adds the command line's rule folders and settings to a config read from a file.
    fn finish(&self, mut config: Config) -> Result<Arc<Config>, Error> {
        for dir in &self.overrides.rule_dirs {
            file::add_rule_dir(&mut config, dir)?;
            config.rule_dirs.push(dir.clone());
        }
        config.apply(&self.overrides)?;
        Ok(Arc::new(config))
    }
}

/// `path` relative to `base` (both absolute), climbing with `..` when it lies outside.
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let path_parts: Vec<_> = path.components().collect();
    let base_parts: Vec<_> = base.components().collect();
    let common = path_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return path.to_path_buf();
    }

    let mut relative = PathBuf::new();
    for _ in common..base_parts.len() {
        relative.push("..");
    }
    relative.extend(&path_parts[common..]);
    relative
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Shiplint,
    Hadolint,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let cases = [
            ("/a/b/shiplint.toml", "/a/b", "shiplint.toml"),
            ("/a/b/c/shiplint.toml", "/a/b", "c/shiplint.toml"),
            ("/a/shiplint.toml", "/a/b/c", "../../shiplint.toml"),
            ("/x/shiplint.toml", "/a", "../x/shiplint.toml"),
        ];
        for (path, base, expected) in cases {
            let relative = relative_to(Path::new(path), Path::new(base));
            assert_eq!(relative, Path::new(expected), "{path} from {base}");
        }
    }
}
