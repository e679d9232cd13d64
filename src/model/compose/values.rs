//! The structured values of a service: its build, environment, mounts and published ports, in
//! both the short and the long syntax Compose accepts.

use super::{Field, FileId, Service, Text};
use crate::source::Span;
use crate::syntax::yaml::{Node, Style};

/// A service's `build`: a context path, or a mapping.
#[derive(Clone, Debug)]
pub struct Build<'a> {
    pub field: Field<'a>,
    pub context: Option<Text<'a>>,
    pub dockerfile: Option<Text<'a>>,
    pub dockerfile_inline: Option<Text<'a>>,
    pub target: Option<Text<'a>>,
    /// `build.args`, merged across layers; a later layer wins.
    pub args: Vec<EnvVar<'a>>,
}

/// One variable of `environment` or `build.args`, from the mapping or the `KEY=VALUE` list.
#[derive(Clone, Debug)]
pub struct EnvVar<'a> {
    pub file: FileId,
    pub name: String,
    /// The name as written; in the list form, the part of the item before `=`.
    pub name_span: Span,
    /// `None` for a name without a value, which Compose takes from the shell.
    pub value: Option<Text<'a>>,
}

/// What a `volumes` entry mounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MountKind {
    /// A host path.
    Bind,
    /// A named volume, or an anonymous one without a source.
    Volume,
    Tmpfs,
    Other,
}

/// One `volumes` entry of a service.
#[derive(Clone, Debug)]
pub struct Mount<'a> {
    pub file: FileId,
    /// The whole entry.
    pub span: Span,
    pub kind: MountKind,
    /// The host path or volume name, interpolated.
    pub source: Option<Text<'a>>,
    pub target: Option<String>,
    pub read_only: bool,
}

/// One `ports` entry of a service.
#[derive(Clone, Debug)]
pub struct Port {
    pub file: FileId,
    pub span: Span,
    /// The host address it binds, when one is given.
    pub host_ip: Option<String>,
    /// The host port or range; `None` when Docker picks one.
    pub published: Option<String>,
    pub target: String,
    pub protocol: String,
}

impl<'a> Service<'a> {
    /// The service's `build`, with its keys read from the last layer that sets each.
    pub fn build(&self) -> Option<Build<'a>> {
        let field = self.get("build")?;
        if let Some(context) = self.text_of(field.file, field.value) {
            return Some(Build {
                field,
                context: Some(context),
                dockerfile: None,
                dockerfile_inline: None,
                target: None,
                args: Vec::new(),
            });
        }
        let key = |name: &str| {
            let found = self.get_path(&["build", name])?;
            self.text_of(found.file, found.value)
        };
        let layers = self.get_all("build");
        let args = merged_vars(layers.iter().filter_map(|build| {
            let args = build.value.get("args")?;
            Some(self.vars(build.file, args))
        }));
        Some(Build {
            field,
            context: key("context"),
            dockerfile: key("dockerfile"),
            dockerfile_inline: key("dockerfile_inline"),
            target: key("target"),
            args,
        })
    }

    /// The service's `environment`, merged across layers; a later layer wins. `env_file`
    /// values are not read.
    pub fn environment(&self) -> Vec<EnvVar<'a>> {
        merged_vars(
            self.get_all("environment")
                .into_iter()
                .map(|field| self.vars(field.file, field.value)),
        )
    }

    /// The variables of a mapping or a `KEY=VALUE` list.
    fn vars(&self, file: FileId, node: &'a Node) -> Vec<EnvVar<'a>> {
        if let Some(entries) = node.as_mapping() {
            return entries
                .iter()
                .filter_map(|entry| {
                    Some(EnvVar {
                        file,
                        name: entry.key_str()?.to_string(),
                        name_span: entry.key.span,
                        value: self.text_of(file, &entry.value),
                    })
                })
                .collect();
        }
        node.items()
            .iter()
            .filter_map(|item| self.list_var(file, item))
            .collect()
    }

    /// `- KEY=VALUE` or `- KEY`.
    fn list_var(&self, file: FileId, item: &'a Node) -> Option<EnvVar<'a>> {
        let raw = item.as_text()?;
        let Some((name, value)) = raw.split_once('=') else {
            return Some(EnvVar {
                file,
                name: raw.trim().to_string(),
                name_span: item.span,
                value: None,
            });
        };
        let text = self.file_text(file);
        let name_span = inner_span(text, item, 0..name.len());
        let value_span = inner_span(text, item, name.len() + 1..raw.len());
        let value_raw = value;
        Some(EnvVar {
            file,
            name: name.trim().to_string(),
            name_span,
            value: Some(self.loaded.text(file, value_span, value_raw)),
        })
    }

    /// Every `volumes` entry, base first; an entry for a container path a later layer mounts
    /// again is dropped, as Compose merges mounts by target.
    pub fn volumes(&self) -> Vec<Mount<'a>> {
        let mut mounts: Vec<Mount<'a>> = Vec::new();
        for field in self.get_all("volumes") {
            for item in field.value.items() {
                let Some(mount) = self.mount(field.file, item) else {
                    continue;
                };
                if mount.target.is_some() {
                    mounts.retain(|m| m.target != mount.target);
                }
                mounts.push(mount);
            }
        }
        mounts
    }

    fn mount(&self, file: FileId, item: &'a Node) -> Option<Mount<'a>> {
        if item.as_mapping().is_some() {
            return Some(self.long_mount(file, item));
        }
        let text = self.text_of(file, item)?;
        let value = text.value.clone()?;
        let parts = split_volume(&value);
        let (source, target, mode) = match parts.as_slice() {
            [target] => (None, Some(*target), ""),
            [source, target] => (Some(*source), Some(*target), ""),
            [source, target, mode, ..] => (Some(*source), Some(*target), *mode),
            [] => return None,
        };
        let kind = match source {
            Some(source) if is_host_path(source) => MountKind::Bind,
            _ => MountKind::Volume,
        };
        let read_only = mode.split(',').any(|option| option == "ro");
        let source = source.map(|s| Text {
            value: Some(s.to_string()),
            ..text.clone()
        });
        Some(Mount {
            file,
            span: item.span,
            kind,
            source,
            target: target.map(str::to_string),
            read_only,
        })
    }

    fn long_mount(&self, file: FileId, item: &'a Node) -> Mount<'a> {
        let text = |key: &str| self.text_of(file, item.get(key)?);
        let kind = match text("type").as_ref().map(Text::as_str) {
            Some("bind") => MountKind::Bind,
            Some("volume") | None => MountKind::Volume,
            Some("tmpfs") => MountKind::Tmpfs,
            Some(_) => MountKind::Other,
        };
        let read_only = text("read_only")
            .and_then(|t| crate::syntax::yaml::yaml11_bool(t.as_str()))
            .unwrap_or(false);
        Mount {
            file,
            span: item.span,
            kind,
            source: text("source"),
            target: text("target").and_then(|t| t.value),
            read_only,
        }
    }

    /// Every `ports` entry, base first.
    pub fn ports(&self) -> Vec<Port> {
        let mut ports = Vec::new();
        for field in self.get_all("ports") {
            for item in field.value.items() {
                let port = if item.as_mapping().is_some() {
                    self.long_port(field.file, item)
                } else {
                    self.short_port(field.file, item)
                };
                ports.extend(port);
            }
        }
        ports
    }

    /// `[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]`, with IPv6 addresses in brackets.
    fn short_port(&self, file: FileId, item: &'a Node) -> Option<Port> {
        let value = self.text_of(file, item)?.value?;
        let (spec, protocol) = value.split_once('/').unwrap_or((&value, "tcp"));
        let (host_ip, rest) = match spec.strip_prefix('[') {
            Some(bracketed) => {
                let (ip, rest) = bracketed.split_once("]:")?;
                (Some(ip.to_string()), rest)
            }
            None => (None, spec),
        };
        let parts: Vec<&str> = rest.split(':').collect();
        let (host_ip, published, target) = match (host_ip, parts.as_slice()) {
            (ip, [target]) => (ip, None, *target),
            (None, [published, target]) => (None, Some(*published), *target),
            (Some(ip), [published, target]) => (Some(ip), Some(*published), *target),
            (None, [ip, published, target]) => (Some(ip.to_string()), Some(*published), *target),
            _ => return None,
        };
        Some(Port {
            file,
            span: item.span,
            host_ip: host_ip.filter(|ip| !ip.is_empty()),
            published: published.filter(|p| !p.is_empty()).map(str::to_string),
            target: target.to_string(),
            protocol: protocol.to_string(),
        })
    }

    fn long_port(&self, file: FileId, item: &'a Node) -> Option<Port> {
        let text = |key: &str| self.text_of(file, item.get(key)?)?.value;
        Some(Port {
            file,
            span: item.span,
            host_ip: text("host_ip").filter(|ip| !ip.is_empty()),
            published: text("published").filter(|p| !p.is_empty()),
            target: text("target")?,
            protocol: text("protocol").unwrap_or_else(|| "tcp".to_string()),
        })
    }

    /// The names a service refers to under `key` (`networks`, `secrets`, `configs`), as a list
    /// of names, a list of `{source: …}` mappings or a mapping of names, with their spans.
    pub fn references(&self, key: &str) -> Vec<(FileId, Span, String)> {
        let mut names = Vec::new();
        for field in self.get_all(key) {
            let file = field.file;
            for entry in field.value.entries() {
                if let Some(name) = entry.key_str() {
                    names.push((file, entry.key.span, name.to_string()));
                }
            }
            for item in field.value.items() {
                let node = item.get("source").unwrap_or(item);
                if let Some(text) = self.text_of(file, node)
                    && let Some(value) = text.value
                {
                    names.push((file, node.span, value));
                }
            }
        }
        names
    }
}

/// Variables of several layers, a later definition of a name replacing an earlier one.
fn merged_vars<'a>(layers: impl Iterator<Item = Vec<EnvVar<'a>>>) -> Vec<EnvVar<'a>> {
    let mut merged: Vec<EnvVar<'a>> = Vec::new();
    for var in layers.flatten() {
        merged.retain(|v| v.name != var.name);
        merged.push(var);
    }
    merged
}

/// The span of bytes `range` of a scalar's text in the file, when the scalar is written on one
/// line without escapes (plain or quoted); the whole scalar otherwise.
fn inner_span(file_text: &str, node: &Node, range: std::ops::Range<usize>) -> Span {
    let Some(scalar) = node.as_scalar() else {
        return node.span;
    };
    let written = &file_text[node.span.range()];
    let offset = match scalar.style {
        Style::Plain if written == scalar.text => 0,
        Style::SingleQuoted | Style::DoubleQuoted
            if written.len() == scalar.text.len() + 2
                && written[1..written.len() - 1] == scalar.text =>
        {
            1
        }
        _ => return node.span,
    };
    Span::new(range.start, range.end).shift(node.span.start + offset)
}

/// Splits `SOURCE:TARGET:MODE`, keeping a Windows drive (`C:\data`) in one piece.
fn split_volume(value: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in value.char_indices() {
        if c != ':' {
            continue;
        }
        let drive = i == start + 1
            && value[start..i].chars().all(|c| c.is_ascii_alphabetic())
            && value[i + 1..].starts_with(['\\', '/']);
        if !drive {
            parts.push(&value[start..i]);
            start = i + 1;
        }
    }
    parts.push(&value[start..]);
    parts
}

/// Compose reads a short-syntax source as a host path when it starts like one.
fn is_host_path(source: &str) -> bool {
    source.starts_with(['/', '.', '~', '\\'])
        || source
            .as_bytes()
            .get(1..3)
            .is_some_and(|rest| rest[0] == b':' && matches!(rest[1], b'\\' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compose::{Loaded, Project, load};
    use crate::source::SourceFile;
    use crate::syntax::yaml;

    fn loaded(text: &str) -> Loaded {
        let source = SourceFile::new("-", text);
        load(&source, &yaml::parse(text))
    }

    #[test]
    fn environment_in_both_forms_with_spans() {
        let text = "services:\n  a:\n    environment:\n      - KEY=v$$1\n      - BARE\n  b:\n    environment:\n      X: \"${Y:-d}\"\n";
        let loaded = loaded(text);
        let project = Project::new(&loaded);
        let a = project.services[0].environment();
        assert_eq!(&text[a[0].name_span.range()], "KEY");
        let value = a[0].value.as_ref().unwrap();
        assert_eq!((&text[value.span.range()], value.as_str()), ("v$$1", "v$1"));
        assert!(value.literal);
        assert!(a[1].value.is_none());
        let b = project.services[1].environment();
        let x = b[0].value.as_ref().unwrap();
        assert_eq!((x.as_str(), x.literal), ("d", false));
    }

    #[test]
    fn ports_in_every_form() {
        let text = "services:\n  a:\n    ports:\n      - 80\n      - \"8080:80/udp\"\n      - 127.0.0.1:9000:9000\n      - \"[::1]:53:53\"\n      - target: 443\n        published: 8443\n        host_ip: 10.0.0.1\n";
        let loaded = loaded(text);
        let project = Project::new(&loaded);
        let ports: Vec<(Option<String>, Option<String>, String, String)> = project.services[0]
            .ports()
            .into_iter()
            .map(|p| (p.host_ip, p.published, p.target, p.protocol))
            .collect();
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            ports,
            [
                (None, None, "80".into(), "tcp".into()),
                (None, s("8080"), "80".into(), "udp".into()),
                (s("127.0.0.1"), s("9000"), "9000".into(), "tcp".into()),
                (s("::1"), s("53"), "53".into(), "tcp".into()),
                (s("10.0.0.1"), s("8443"), "443".into(), "tcp".into()),
            ]
        );
    }

    #[test]
    fn volumes_in_both_forms() {
        let text = "services:\n  a:\n    volumes:\n      - data:/data\n      - ./src:/src:ro\n      - /cache\n      - type: bind\n        source: /etc\n        target: /host-etc\n        read_only: true\n";
        let loaded = loaded(text);
        let project = Project::new(&loaded);
        let mounts: Vec<(MountKind, Option<String>, bool)> = project.services[0]
            .volumes()
            .into_iter()
            .map(|m| (m.kind, m.source.and_then(|s| s.value), m.read_only))
            .collect();
        assert_eq!(
            mounts,
            [
                (MountKind::Volume, Some("data".into()), false),
                (MountKind::Bind, Some("./src".into()), true),
                (MountKind::Volume, None, false),
                (MountKind::Bind, Some("/etc".into()), true),
            ]
        );
    }

    #[test]
    fn build_short_and_long() {
        let text = "services:\n  a:\n    build: ./app\n  b:\n    build:\n      context: .\n      target: prod\n      args:\n        - V=1\n";
        let loaded = loaded(text);
        let project = Project::new(&loaded);
        let a = project.services[0].build().unwrap();
        assert_eq!(a.context.unwrap().as_str(), "./app");
        let b = project.services[1].build().unwrap();
        assert_eq!(b.target.unwrap().as_str(), "prod");
        assert_eq!(b.args[0].name, "V");
    }

    #[test]
    fn volume_parts() {
        assert_eq!(split_volume("/a:/b:ro"), ["/a", "/b", "ro"]);
        assert_eq!(split_volume("data:/b"), ["data", "/b"]);
        assert_eq!(split_volume("C:\\data:/b"), ["C:\\data", "/b"]);
        assert_eq!(split_volume("/b"), ["/b"]);
    }

    #[test]
    fn host_paths() {
        for path in ["/var/run/docker.sock", "./data", "~/x", "..", "C:\\x"] {
            assert!(is_host_path(path), "{path}");
        }
        assert!(!is_host_path("data"));
    }
}
