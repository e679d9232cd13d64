//! A Compose project as Compose resolves it: the linted file, its `compose.override.yaml`, the
//! files its services extend and the files it includes, read as one list of services, with
//! every value interpolated from the project's `.env` file.
//!
//! Nothing is copied: a service is the list of its mappings as written, base first (an extended
//! service, then the service in the base file, then in the override). A key is read from the
//! last mapping that sets it, as Compose's merge keeps the last scalar; the sequences Compose
//! appends (ports, volumes, capabilities) are read from every mapping. Each value keeps the
//! file and span it was written at, so a finding points at the original scalar, in its file.
//!
//! Interpolation uses the `.env` file only: a variable it does not define is taken as unset,
//! as Compose takes it when the shell does not set it, so defaults (`${TAG:-latest}`) apply.
//! A value Compose would refuse, or one that needs a missing `${VAR:?}`, reads as unknown.

pub mod dotenv;
pub mod interpolation;
mod load;
mod values;

use std::collections::HashSet;

pub use load::{ComposeFile, Loaded, Role, join_path, load};
pub use values::{Build, EnvVar, Mount, MountKind, Port};

use crate::source::Span;
use crate::syntax::yaml::{Node, yaml11_bool};
use interpolation::Value;

/// An index into [`Loaded::files`]; the linted file is 0.
pub type FileId = usize;

/// A node and the file it was written in.
#[derive(Clone, Copy, Debug)]
pub struct Located<'a> {
    pub file: FileId,
    pub node: &'a Node,
}

/// A key and its value, in the file they were written in.
#[derive(Clone, Copy, Debug)]
pub struct Field<'a> {
    pub file: FileId,
    pub key: &'a Node,
    pub value: &'a Node,
}

impl Field<'_> {
    /// The key and its value, for findings about the pair.
    pub fn span(&self) -> Span {
        self.key.span.cover(self.value.span)
    }
}

/// A scalar after interpolation, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text<'a> {
    pub file: FileId,
    /// The scalar, or the part of it this text was cut from (`VALUE` in `- KEY=VALUE`).
    pub span: Span,
    /// The text as written, before interpolation.
    pub raw: &'a str,
    /// The text Compose would use; `None` when Compose would refuse the value or a required
    /// variable is missing.
    pub value: Option<String>,
    /// True when the raw text names no variable: what is written is what runs.
    pub literal: bool,
}

impl Text<'_> {
    /// The interpolated text, empty when unknown.
    pub fn as_str(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }
}

/// What the Dockerfile a service builds says about the container, when shiplint could read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Built {
    /// The path of the Dockerfile as reports show it, or `None` for `dockerfile_inline`.
    pub dockerfile: Option<String>,
    /// Whether the final stage runs as root (no USER, or USER root); `None` when unknown, as
    /// for a USER that names a build argument without a value.
    pub runs_as_root: Option<bool>,
    /// Whether the final stage has a HEALTHCHECK, `HEALTHCHECK NONE` included.
    pub healthcheck: bool,
}

/// The project: every service, merged, and the top-level declarations of its files.
pub struct Project<'a> {
    pub loaded: &'a Loaded,
    pub services: Vec<Service<'a>>,
}

/// One service, as the merge of the mappings that define it.
pub struct Service<'a> {
    pub name: String,
    /// The service's key in the first project file that defines it: where findings about a
    /// missing key point.
    pub key: Located<'a>,
    /// The mappings that define the service, base first.
    pub layers: Vec<Located<'a>>,
    /// What its Dockerfile says, filled in by the driver when it read one.
    pub built: Option<Built>,
    loaded: &'a Loaded,
}

/// How deep `extends` chains are followed; a longer chain is a cycle or a mistake.
const MAX_EXTENDS: usize = 16;

impl<'a> Project<'a> {
    /// Reads the services of the project's files in merge order.
    pub fn new(loaded: &'a Loaded) -> Project<'a> {
        let mut services: Vec<Service<'a>> = Vec::new();
        for &file in &loaded.roots {
            let root = &loaded.files[file].root();
            let Some(entries) = root.and_then(|r| r.get("services")).map(Node::entries) else {
                continue;
            };
            for entry in entries {
                let (Some(name), Some(_)) = (entry.key_str(), entry.value.as_mapping()) else {
                    continue;
                };
                let mut layers = Vec::new();
                extended_layers(loaded, file, &entry.value, 0, &mut layers);
                layers.push(Located {
                    file,
                    node: &entry.value,
                });
                match services.iter_mut().find(|s| s.name == name) {
                    Some(service) => service.layers.extend(layers),
                    None => services.push(Service {
                        name: name.to_string(),
                        key: Located {
                            file,
                            node: &entry.key,
                        },
                        layers,
                        built: None,
                        loaded,
                    }),
                }
            }
        }
        Project { loaded, services }
    }

    /// The names declared at the top level under `section` (`networks`, `volumes`, `secrets`,
    /// `configs`) by any project file.
    pub fn declared(&self, section: &str) -> HashSet<&'a str> {
        let loaded = self.loaded;
        loaded
            .roots
            .iter()
            .filter_map(|&file| loaded.files[file].root()?.get(section))
            .flat_map(Node::entries)
            .filter_map(|entry| entry.key_str())
            .collect()
    }
}

/// The layers a service's `extends` brings, base first.
fn extended_layers<'a>(
    loaded: &'a Loaded,
    file: FileId,
    service: &'a Node,
    depth: usize,
    out: &mut Vec<Located<'a>>,
) {
    let Some(extends) = service.get("extends") else {
        return;
    };
    if depth >= MAX_EXTENDS {
        return;
    }
    let (name, target_file) = match extends.as_text() {
        Some(name) => (Some(name), Some(file)),
        None => (
            extends.get("service").and_then(Node::as_text),
            loaded.extended_file(file, extends.get("file").and_then(Node::as_text)),
        ),
    };
    let (Some(name), Some(target_file)) = (name, target_file) else {
        return;
    };
    let Some(base) = loaded.files[target_file]
        .root()
        .and_then(|root| root.get_path(&["services", name]))
        .filter(|node| node.as_mapping().is_some())
    else {
        return;
    };
    extended_layers(loaded, target_file, base, depth + 1, out);
    out.push(Located {
        file: target_file,
        node: base,
    });
}

impl<'a> Service<'a> {
    /// The entry for `key` in the last layer that sets it.
    pub fn get(&self, key: &str) -> Option<Field<'a>> {
        self.layers.iter().rev().find_map(|layer| {
            let entry = layer.node.entry(key)?;
            Some(Field {
                file: layer.file,
                key: &entry.key,
                value: &entry.value,
            })
        })
    }

    /// The entry at a path of keys (`["deploy", "resources", "limits"]`) in the last layer
    /// that sets it: nested mappings merge key by key.
    pub fn get_path(&self, path: &[&str]) -> Option<Field<'a>> {
        let (last, parents) = path.split_last()?;
        self.layers.iter().rev().find_map(|layer| {
            let parent = layer.node.get_path(parents)?;
            let entry = parent.entry(last)?;
            Some(Field {
                file: layer.file,
                key: &entry.key,
                value: &entry.value,
            })
        })
    }

    /// The entries for `key` in every layer, base first, for the sequences Compose appends.
    pub fn get_all(&self, key: &str) -> Vec<Field<'a>> {
        self.layers
            .iter()
            .filter_map(|layer| {
                let entry = layer.node.entry(key)?;
                Some(Field {
                    file: layer.file,
                    key: &entry.key,
                    value: &entry.value,
                })
            })
            .collect()
    }

    /// The interpolated scalar of `key`; `None` when unset, null or not a scalar.
    pub fn text(&self, key: &str) -> Option<Text<'a>> {
        let field = self.get(key)?;
        self.text_of(field.file, field.value)
    }

    /// The interpolated text of a scalar node written in `file`.
    pub fn text_of(&self, file: FileId, node: &'a Node) -> Option<Text<'a>> {
        let raw = node.as_text()?;
        Some(self.loaded.text(file, node.span, raw))
    }

    /// A boolean key, as Compose reads it after interpolation: `Some((field, value))`.
    pub fn flag(&self, key: &str) -> Option<(Field<'a>, bool)> {
        let field = self.get(key)?;
        let text = self.text_of(field.file, field.value)?;
        let value = yaml11_bool(text.value.as_deref()?)?;
        Some((field, value))
    }

    /// The interpolated items of a sequence `key` in every layer, base first: `cap_add`,
    /// `security_opt`, `devices`.
    pub fn strings(&self, key: &str) -> Vec<Text<'a>> {
        self.get_all(key)
            .into_iter()
            .flat_map(|field| {
                let file = field.file;
                field
                    .value
                    .items()
                    .iter()
                    .filter_map(move |item| self.text_of(file, item))
            })
            .collect()
    }

    /// The image the service runs or names what it builds.
    pub fn image(&self) -> Option<Text<'a>> {
        self.text("image")
    }

    pub fn user(&self) -> Option<Text<'a>> {
        self.text("user")
    }

    pub fn privileged(&self) -> Option<(Field<'a>, bool)> {
        self.flag("privileged")
    }

    pub fn read_only(&self) -> Option<(Field<'a>, bool)> {
        self.flag("read_only")
    }

    pub fn healthcheck(&self) -> Option<Field<'a>> {
        self.get("healthcheck")
    }

    /// The source text of the file `file`, for rules that cut spans inside a scalar.
    pub fn file_text(&self, file: FileId) -> &'a str {
        &self.loaded.files[file].source.text
    }
}

impl Loaded {
    /// Interpolates `raw`, written at `span` of `file`, with the project's `.env` values.
    pub fn text<'a>(&self, file: FileId, span: Span, raw: &'a str) -> Text<'a> {
        let lookup = |name: &str| match self.env.get(name) {
            Some(Some(value)) => Value::Set(value),
            Some(None) => Value::Unknown,
            None => Value::Unset,
        };
        let done = interpolation::interpolate(raw, &lookup).ok();
        let literal = done.as_ref().is_some_and(|d| d.references.is_empty());
        let value = done.filter(|d| d.known).map(|d| d.text);
        Text {
            file,
            span,
            raw,
            value,
            literal,
        }
    }
}
