//! Image references (`FROM ubuntu:22.04`, `image: ghcr.io/o/r@sha256:…`) read the way Docker
//! reads them: the distribution reference grammar plus Docker's rules for telling a registry
//! from the first path component.
//!
//! A reference is `[registry/]path[:tag][@digest]`. The first component is a registry when
//! it holds a `.` or a `:`, is `localhost`, or has an uppercase letter (paths never do); all
//! other names live on Docker Hub, where a one-component path is an official `library/` image.
//! The tag and digest keep their byte ranges in the input so that rules can point at them.

use std::ops::Range;

use thiserror::Error;

/// Docker Hub's canonical registry name.
const DOCKER_HUB: &str = "docker.io";
/// The legacy name of Docker Hub, which Docker rewrites to [`DOCKER_HUB`].
const DOCKER_HUB_LEGACY: &str = "index.docker.io";
/// The namespace of official images on Docker Hub.
const OFFICIAL_NAMESPACE: &str = "library/";
/// The tag Docker pulls when a reference names none.
const DEFAULT_TAG: &str = "latest";
/// The longest tag Docker accepts.
const TAG_MAX: usize = 128;
/// The longest name (registry and path) Docker accepts.
const NAME_MAX: usize = 255;

/// An image reference split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The registry as written (`ghcr.io`, `localhost:5000`), or `None` for Docker Hub
    /// implied.
    pub registry: Option<String>,
    /// The path without the registry, as written: `ubuntu`, `library/ubuntu`, `o/r`.
    pub repository: String,
    /// The tag, without its `:`.
    pub tag: Option<String>,
    /// The digest with its algorithm (`sha256:…`), without its `@`.
    pub digest: Option<String>,
    /// The byte range of the tag in the input.
    pub tag_range: Option<Range<usize>>,
    /// The byte range of the digest in the input.
    pub digest_range: Option<Range<usize>>,
}

/// Why a string is not an image reference Docker would accept.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ImageRefError {
    #[error("image reference is empty")]
    Empty,
    #[error("repository name `{0}` must be lowercase")]
    Uppercase(String),
    #[error("invalid repository name `{0}`")]
    InvalidName(String),
    #[error("repository name `{0}` is longer than 255 characters")]
    NameTooLong(String),
    #[error("`{0}` is an image id, not a repository name")]
    HexIdentifier(String),
    #[error("invalid registry `{0}`")]
    InvalidRegistry(String),
    #[error("invalid tag `{0}`")]
    InvalidTag(String),
    #[error("tag is longer than 128 characters")]
    TagTooLong,
    #[error("invalid digest `{0}`")]
    InvalidDigest(String),
    #[error("unsupported digest algorithm `{0}`")]
    UnsupportedDigest(String),
}

/// Parses an image reference as Docker does.
pub fn parse(reference: &str) -> Result<ImageRef, ImageRefError> {
    if reference.is_empty() {
        return Err(ImageRefError::Empty);
    }
    check_not_identifier(reference)?;
    let (named, digest_range) = split_digest(reference)?;
    let (name, tag_range) = split_tag(named)?;
    let (registry, repository) = split_registry(name);
    if let Some(registry) = registry {
        check_registry(registry)?;
    }
    check_repository(repository)?;
    if name.len() > NAME_MAX {
        return Err(ImageRefError::NameTooLong(name.to_string()));
    }

    Ok(ImageRef {
        registry: registry.map(str::to_string),
        repository: repository.to_string(),
        tag: tag_range.clone().map(|range| reference[range].to_string()),
        digest: digest_range
            .clone()
            .map(|range| reference[range].to_string()),
        tag_range,
        digest_range,
    })
}

impl ImageRef {
    /// True for `scratch`, the empty base image. Like BuildKit, only the bare lowercase word
    /// counts: `scratch:latest` or `docker.io/library/scratch` name a (missing) Hub image.
    pub fn is_scratch(&self) -> bool {
        self.registry.is_none()
            && self.repository == "scratch"
            && self.tag.is_none()
            && self.digest.is_none()
    }

    /// The canonical name Docker pulls, Docker Hub made explicit:
    /// `ubuntu` → `docker.io/library/ubuntu`, `ghcr.io/o/r` → `ghcr.io/o/r`.
    pub fn name(&self) -> String {
        let registry = match self.registry.as_deref() {
            None | Some(DOCKER_HUB_LEGACY) => DOCKER_HUB,
            Some(registry) => registry,
        };
        let official = registry == DOCKER_HUB && !self.repository.contains('/');
        let namespace = if official { OFFICIAL_NAMESPACE } else { "" };
        format!("{registry}/{namespace}{}", self.repository)
    }

    /// The short name Docker shows: `docker.io/library/ubuntu` → `ubuntu`,
    /// `docker.io/o/r` → `o/r`, other registries kept.
    pub fn familiar_name(&self) -> String {
        let canonical = self.name();
        let Some(path) = canonical.strip_prefix("docker.io/") else {
            return canonical;
        };
        match path.strip_prefix(OFFICIAL_NAMESPACE) {
            Some(official) if !official.contains('/') => official.to_string(),
            _ => path.to_string(),
        }
    }

    /// True when Docker would pull the moving `latest` tag: no tag and no digest, or the tag
    /// `latest` without a digest. A digest pins the image whatever the tag says.
    pub fn is_latest(&self) -> bool {
        self.digest.is_none() && self.tag.as_deref().is_none_or(|tag| tag == DEFAULT_TAG)
    }
}

/// Splits `name@digest`, checking the digest, and returns the name with the digest's range.
fn split_digest(reference: &str) -> Result<(&str, Option<Range<usize>>), ImageRefError> {
    let Some(at) = reference.find('@') else {
        return Ok((reference, None));
    };
    let digest = &reference[at + 1..];
    check_digest(digest)?;
    Ok((&reference[..at], Some(at + 1..reference.len())))
}

/// Checks `algorithm:hex`, with the lengths the registry's digest library requires.
fn check_digest(digest: &str) -> Result<(), ImageRefError> {
    let invalid = || ImageRefError::InvalidDigest(digest.to_string());
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(invalid());
    };
    if !is_digest_algorithm(algorithm) || hex.len() < 32 || !hex.bytes().all(is_hex_digit) {
        return Err(invalid());
    }
    let expected = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return Err(ImageRefError::UnsupportedDigest(algorithm.to_string())),
    };
    let lowercase = !hex.bytes().any(|byte| byte.is_ascii_uppercase());
    if hex.len() != expected || !lowercase {
        return Err(invalid());
    }
    Ok(())
}

/// An algorithm is letter-led alphanumeric parts joined by one of `-_+.`.
fn is_digest_algorithm(algorithm: &str) -> bool {
    algorithm.split(['-', '_', '+', '.']).all(|part| {
        let mut bytes = part.bytes();
        bytes
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic())
            && bytes.all(|byte| byte.is_ascii_alphanumeric())
    })
}

fn is_hex_digit(byte: u8) -> bool {
    byte.is_ascii_hexdigit()
}

/// Splits `name:tag`, where the tag follows the last `:` after the last `/` (a `:` before
/// it is a registry port), and checks the tag.
fn split_tag(named: &str) -> Result<(&str, Option<Range<usize>>), ImageRefError> {
    let last_component = named.rfind('/').map_or(0, |slash| slash + 1);
    let Some(colon) = named[last_component..]
        .rfind(':')
        .map(|i| last_component + i)
    else {
        return Ok((named, None));
    };
    let tag = &named[colon + 1..];
    check_tag(tag)?;
    Ok((&named[..colon], Some(colon + 1..named.len())))
}

/// A tag is a word character followed by up to 127 word characters, dots and dashes.
fn check_tag(tag: &str) -> Result<(), ImageRefError> {
    let word = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
    let mut bytes = tag.bytes();
    let first_ok = bytes.next().is_some_and(word);
    if !first_ok || !bytes.all(|byte| word(byte) || byte == b'.' || byte == b'-') {
        return Err(ImageRefError::InvalidTag(tag.to_string()));
    }
    if tag.len() > TAG_MAX {
        return Err(ImageRefError::TagTooLong);
    }
    Ok(())
}

/// Docker refuses a bare 64-digit hex string as a reference: it would read as an image id.
fn check_not_identifier(reference: &str) -> Result<(), ImageRefError> {
    let lower_hex = |byte: u8| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte);
    if reference.len() == 64 && reference.bytes().all(lower_hex) {
        return Err(ImageRefError::HexIdentifier(reference.to_string()));
    }
    Ok(())
}

/// Splits off the registry the way Docker guesses it from the first component.
fn split_registry(name: &str) -> (Option<&str>, &str) {
    let Some((first, rest)) = name.split_once('/') else {
        return (None, name);
    };
    let is_registry = first == "localhost"
        || first.contains(['.', ':'])
        || first.bytes().any(|byte| byte.is_ascii_uppercase());
    if is_registry {
        (Some(first), rest)
    } else {
        (None, name)
    }
}

/// A registry is a host name, an IPv4 address or a bracketed IPv6 address, with an optional
/// numeric port.
fn check_registry(registry: &str) -> Result<(), ImageRefError> {
    let (host, port) = split_port(registry);
    let host_ok = if let Some(inner) = host.strip_prefix('[') {
        inner.strip_suffix(']').is_some_and(is_ipv6_body)
    } else {
        host.split('.').all(is_domain_label)
    };
    let numeric = |port: &str| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
    let port_ok = port.is_none_or(numeric);
    if !host_ok || !port_ok {
        return Err(ImageRefError::InvalidRegistry(registry.to_string()));
    }
    Ok(())
}

/// Splits `host:port`, leaving the colons of a bracketed IPv6 address alone.
fn split_port(registry: &str) -> (&str, Option<&str>) {
    let host_end = registry.rfind(']').map_or(0, |bracket| bracket + 1);
    match registry[host_end..].find(':') {
        Some(colon) => {
            let colon = host_end + colon;
            (&registry[..colon], Some(&registry[colon + 1..]))
        }
        None => (registry, None),
    }
}

fn is_ipv6_body(body: &str) -> bool {
    !body.is_empty()
        && body
            .bytes()
            .all(|byte| byte.is_ascii_hexdigit() || byte == b':')
}

/// A label is alphanumeric, with inner dashes allowed.
fn is_domain_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || *byte == b'-')
}

/// A path is `/`-separated components of lowercase alphanumerics joined by one `.`, one or
/// two `_`, or any number of `-`.
fn check_repository(repository: &str) -> Result<(), ImageRefError> {
    if repository.split('/').all(is_path_component) {
        return Ok(());
    }
    // Docker's own message for uppercase is the helpful one, when case is the only fault.
    let lowercase = repository.to_ascii_lowercase();
    if lowercase != repository && lowercase.split('/').all(is_path_component) {
        return Err(ImageRefError::Uppercase(repository.to_string()));
    }
    Err(ImageRefError::InvalidName(repository.to_string()))
}

fn is_path_component(component: &str) -> bool {
    let alnum = |byte: &u8| byte.is_ascii_lowercase() || byte.is_ascii_digit();
    let bytes = component.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if !alnum(first) || !alnum(last) {
        return false;
    }
    separators_valid(bytes, alnum)
}

/// Checks every run of non-alphanumerics between alphanumerics is a valid separator.
fn separators_valid(bytes: &[u8], alnum: impl Fn(&u8) -> bool) -> bool {
    bytes
        .split(alnum)
        .filter(|run| !run.is_empty())
        .all(|run| matches!(run, b"." | b"_" | b"__") || run.iter().all(|byte| *byte == b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "sha256:7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa";

    /// The expected (registry, repository, tag, digest).
    type Parts = (
        Option<&'static str>,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );

    fn parts(image: &ImageRef) -> (Option<&str>, &str, Option<&str>, Option<&str>) {
        (
            image.registry.as_deref(),
            image.repository.as_str(),
            image.tag.as_deref(),
            image.digest.as_deref(),
        )
    }

    #[test]
    fn parses_valid_references() {
        let with_digest = format!("ubuntu@{SHA}");
        let tag_and_digest = format!("docker.io/library/busybox:latest@{SHA}");
        let cases: Vec<(&str, Parts)> = vec![
            ("ubuntu", (None, "ubuntu", None, None)),
            ("ubuntu:22.04", (None, "ubuntu", Some("22.04"), None)),
            ("library/ubuntu", (None, "library/ubuntu", None, None)),
            (
                "docker.io/library/ubuntu:latest",
                (Some("docker.io"), "library/ubuntu", Some("latest"), None),
            ),
            ("ghcr.io/o/r:v1", (Some("ghcr.io"), "o/r", Some("v1"), None)),
            (
                "localhost:5000/a/b",
                (Some("localhost:5000"), "a/b", None, None),
            ),
            ("localhost/app", (Some("localhost"), "app", None, None)),
            (
                "host:5000/a:tag",
                (Some("host:5000"), "a", Some("tag"), None),
            ),
            (
                "[::1]:5000/app:1",
                (Some("[::1]:5000"), "app", Some("1"), None),
            ),
            ("192.168.1.1/app", (Some("192.168.1.1"), "app", None, None)),
            ("Registry/app", (Some("Registry"), "app", None, None)),
            (
                "a-b.c.d/e---f__g",
                (Some("a-b.c.d"), "e---f__g", None, None),
            ),
            ("x__y/e.f_g", (None, "x__y/e.f_g", None, None)),
            (
                "python:3.12-slim_X",
                (None, "python", Some("3.12-slim_X"), None),
            ),
            ("localhost:5000", (None, "localhost", Some("5000"), None)),
            ("scratch", (None, "scratch", None, None)),
        ];
        for (input, (registry, repository, tag, digest)) in cases {
            let image = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(
                parts(&image),
                (registry, repository, tag, digest),
                "{input}"
            );
        }

        let image = parse(&with_digest).unwrap();
        assert_eq!(parts(&image), (None, "ubuntu", None, Some(SHA)));
        let image = parse(&tag_and_digest).unwrap();
        assert_eq!(
            parts(&image),
            (
                Some("docker.io"),
                "library/busybox",
                Some("latest"),
                Some(SHA)
            )
        );
    }

    #[test]
    fn ranges_point_at_tag_and_digest() {
        let input = format!("ghcr.io/o/r:v1@{SHA}");
        let image = parse(&input).unwrap();
        assert_eq!(&input[image.tag_range.clone().unwrap()], "v1");
        assert_eq!(&input[image.digest_range.clone().unwrap()], SHA);

        let image = parse("localhost:5000/a:1.0").unwrap();
        assert_eq!(image.tag_range, Some(17..20));
        assert_eq!(image.digest_range, None);
    }

    #[test]
    fn rejects_invalid_references() {
        let long_tag = format!("app:{}", "a".repeat(129));
        let max_tag = format!("app:{}", "a".repeat(128));
        let long_name = format!("a/{}", "b".repeat(254));
        let hex_id = "a".repeat(64);
        let cases: Vec<(&str, ImageRefError)> = vec![
            ("", ImageRefError::Empty),
            ("Ubuntu", ImageRefError::Uppercase("Ubuntu".into())),
            (
                "library/Ubuntu:1",
                ImageRefError::Uppercase("library/Ubuntu".into()),
            ),
            ("ubuntu:", ImageRefError::InvalidTag("".into())),
            ("ubuntu:-x", ImageRefError::InvalidTag("-x".into())),
            ("ubuntu:a+b", ImageRefError::InvalidTag("a+b".into())),
            (&long_tag, ImageRefError::TagTooLong),
            ("ubuntu@", ImageRefError::InvalidDigest("".into())),
            (
                "ubuntu@sha256:abc",
                ImageRefError::InvalidDigest("sha256:abc".into()),
            ),
            ("a@b@c", ImageRefError::InvalidDigest("b@c".into())),
            ("a//b", ImageRefError::InvalidName("a//b".into())),
            ("/a", ImageRefError::InvalidName("/a".into())),
            ("a/", ImageRefError::InvalidName("a/".into())),
            ("a..b", ImageRefError::InvalidName("a..b".into())),
            ("a___b", ImageRefError::InvalidName("a___b".into())),
            ("-a", ImageRefError::InvalidName("-a".into())),
            (
                "ubuntu 22.04",
                ImageRefError::InvalidName("ubuntu 22.04".into()),
            ),
            ("ubuntü", ImageRefError::InvalidName("ubuntü".into())),
            ("ü.io/app:ü", ImageRefError::InvalidTag("ü".into())),
            ("ü.io/app", ImageRefError::InvalidRegistry("ü.io".into())),
            (
                "host:port/app",
                ImageRefError::InvalidRegistry("host:port".into()),
            ),
            (
                "-host.io/app",
                ImageRefError::InvalidRegistry("-host.io".into()),
            ),
            (
                "a_b.io/app",
                ImageRefError::InvalidRegistry("a_b.io".into()),
            ),
            ("[::1/app", ImageRefError::InvalidRegistry("[::1".into())),
            ("$IMAGE", ImageRefError::InvalidName("$IMAGE".into())),
            (&long_name, ImageRefError::NameTooLong(long_name.clone())),
            (&hex_id, ImageRefError::HexIdentifier(hex_id.clone())),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input), Err(expected), "{input}");
        }
        assert!(parse(&max_tag).is_ok());
    }

    #[test]
    fn digest_algorithms() {
        let hex64 = "a".repeat(64);
        let cases = [
            (format!("app@sha256:{hex64}"), true),
            (format!("app@sha512:{}", "b".repeat(128)), true),
            (format!("app@sha256:{}", "A".repeat(64)), false),
            (format!("app@sha256:{}", "a".repeat(63)), false),
            (format!("app@md5:{hex64}"), false),
            (format!("app@1sha:{hex64}"), false),
        ];
        for (input, ok) in cases {
            assert_eq!(parse(&input).is_ok(), ok, "{input}");
        }
        let unsupported = parse(&format!("app@md5:{hex64}"));
        assert_eq!(
            unsupported,
            Err(ImageRefError::UnsupportedDigest("md5".into()))
        );
    }

    #[test]
    fn names_and_predicates() {
        // (input, name, familiar name, is_latest, is_scratch)
        let pinned = format!("ubuntu:latest@{SHA}");
        let cases = [
            ("ubuntu", "docker.io/library/ubuntu", "ubuntu", true, false),
            (
                "ubuntu:latest",
                "docker.io/library/ubuntu",
                "ubuntu",
                true,
                false,
            ),
            (
                "ubuntu:22.04",
                "docker.io/library/ubuntu",
                "ubuntu",
                false,
                false,
            ),
            (
                "library/ubuntu",
                "docker.io/library/ubuntu",
                "ubuntu",
                true,
                false,
            ),
            (
                "docker.io/ubuntu",
                "docker.io/library/ubuntu",
                "ubuntu",
                true,
                false,
            ),
            ("index.docker.io/o/r", "docker.io/o/r", "o/r", true, false),
            ("o/r:1", "docker.io/o/r", "o/r", false, false),
            ("ghcr.io/o/r", "ghcr.io/o/r", "ghcr.io/o/r", true, false),
            (
                "localhost:5000/a",
                "localhost:5000/a",
                "localhost:5000/a",
                true,
                false,
            ),
            (
                "scratch",
                "docker.io/library/scratch",
                "scratch",
                true,
                true,
            ),
            (
                "scratch:latest",
                "docker.io/library/scratch",
                "scratch",
                true,
                false,
            ),
            (
                pinned.as_str(),
                "docker.io/library/ubuntu",
                "ubuntu",
                false,
                false,
            ),
        ];
        for (input, name, familiar, latest, scratch) in cases {
            let image = parse(input).unwrap();
            assert_eq!(image.name(), name, "{input}");
            assert_eq!(image.familiar_name(), familiar, "{input}");
            assert_eq!(image.is_latest(), latest, "{input}");
            assert_eq!(image.is_scratch(), scratch, "{input}");
        }
    }

    #[test]
    fn uppercase_scratch_is_an_error() {
        assert_eq!(
            parse("SCRATCH"),
            Err(ImageRefError::Uppercase("SCRATCH".into()))
        );
    }
}
