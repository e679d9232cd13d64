//! Writing a [`Config`] as shiplint TOML: `shiplint config show` prints the effective settings
//! and `shiplint migrate hadolint` writes a converted hadolint config.

use std::fmt::Write;
use std::path::Path;

use super::{Config, Glob, Selector, ShellCheckMode, Source, builtin_rules};

/// How much to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Every key, with the defaults of those not set (`config show`).
    Effective,
    /// Only the keys that are set (`migrate`).
    Set,
}

/// The config as TOML, keys in the documented order.
pub fn to_toml(config: &Config, detail: Detail) -> String {
    let mut out = String::new();
    let effective = detail == Detail::Effective;
    let list = |out: &mut String, key: &str, items: Vec<String>| {
        if effective || !items.is_empty() {
            let _ = writeln!(out, "{key} = {}", array(&items));
        }
    };

    match &config.rules.select {
        Some(select) => list(&mut out, "select", texts(select)),
        None if effective => out.push_str("# select: not set, so the rules enabled by default\n"),
        None => {}
    }
    list(
        &mut out,
        "extend-select",
        texts(&config.rules.extend_select),
    );
    list(&mut out, "ignore", texts(&config.rules.ignore));
    if effective || config.failure_threshold.is_some() {
        let threshold = config.failure_threshold().as_str();
        let _ = writeln!(out, "failure-threshold = {}", string(threshold));
    }
    match &config.exclude {
        Some(exclude) => list(&mut out, "exclude", globs(exclude)),
        None if effective => out.push_str("# exclude: not set, so nothing beyond .gitignore\n"),
        None => {}
    }
    list(&mut out, "extend-exclude", globs(&config.extend_exclude));
    list(&mut out, "rule-dirs", rule_dirs(config));
    list(
        &mut out,
        "trusted-registries",
        config.trusted_registries.clone(),
    );
    list(&mut out, "allow-unpinned", config.allow_unpinned.clone());
    if effective || config.no_inline_suppressions {
        let _ = writeln!(
            out,
            "no-inline-suppressions = {}",
            config.no_inline_suppressions
        );
    }
    if effective || config.shellcheck != ShellCheckMode::Auto {
        let mode = config.shellcheck.as_str();
        let _ = writeln!(out, "shellcheck = {}", string(mode));
    }

    write_tables(&mut out, config, effective);
    out
}

fn write_tables(out: &mut String, config: &Config, effective: bool) {
    let severity: Vec<(String, String)> = config
        .severity
        .iter()
        .map(|(selector, level)| (key(&selector.to_string()), string(level.as_str())))
        .collect();
    table(out, "severity", &severity, effective);

    let per_file: Vec<(String, String)> = config
        .per_file_ignores
        .iter()
        .map(|(glob, selectors)| (key(&glob.text), array(&texts(selectors))))
        .collect();
    table(out, "per-file-ignores", &per_file, effective);

    let secrets = &config.secrets;
    let regexes = |list: &[regex::Regex]| -> Vec<String> {
        list.iter().map(|r| r.as_str().to_owned()).collect()
    };
    let secrets = [
        ("patterns".to_owned(), array(&regexes(&secrets.patterns))),
        ("allow".to_owned(), array(&regexes(&secrets.allow))),
    ];
    let secrets: Vec<_> = secrets
        .into_iter()
        .filter(|(_, v)| effective || v != "[]")
        .collect();
    table(out, "secrets", &secrets, effective);

    let labels = &config.labels;
    let strict = [("strict".to_owned(), labels.strict.to_string())];
    let strict = if effective || labels.strict {
        &strict[..]
    } else {
        &[]
    };
    table(out, "labels", strict, effective && labels.schema.is_empty());
    let schema: Vec<(String, String)> = labels
        .schema
        .iter()
        .map(|(label, kind)| (key(label), string(kind)))
        .collect();
    table(out, "labels.schema", &schema, false);
    resource_ignores(out, config);

    let pod_spec_paths: Vec<(String, String)> = config
        .kubernetes
        .pod_spec_paths
        .iter()
        .map(|(kind, paths)| (key(kind), array(paths)))
        .collect();
    table(out, "kubernetes.pod-spec-paths", &pod_spec_paths, false);

    if !config.user_rules.is_empty() {
        let _ = write!(out, "\n# and {} user rules\n", config.user_rules.len());
    }
}

fn resource_ignores(out: &mut String, config: &Config) {
    for ignore in &config.per_resource_ignores {
        out.push_str("\n[[per-resource-ignores]]\n");
        let fields = [
            ("kind", ignore.kind.clone()),
            (
                "namespace",
                ignore.namespace.as_ref().map(|g| g.text.clone()),
            ),
            ("name", ignore.name.as_ref().map(|g| g.text.clone())),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                let _ = writeln!(out, "{key} = {}", string(&value));
            }
        }
        let _ = writeln!(out, "ignore = {}", array(&texts(&ignore.ignore)));
    }
}

/// A comment line naming where the settings come from.
pub fn source_comment(config: &Config) -> String {
    match &config.source {
        Source::Defaults => "# settings: defaults (no config file found)".to_owned(),
        Source::Shiplint(path) => format!("# settings from {}", path.display()),
        Source::Hadolint(path) => format!("# settings from {} (hadolint)", path.display()),
    }
}

/// The codes of the rules that run on the file at `path`, in code order.
pub fn enabled_rules(config: &Config, path: &Path) -> Vec<String> {
    let selection = config.selection(path);
    let builtin = builtin_rules()
        .into_iter()
        .filter(|rule| selection.is_enabled(rule.code, rule.name, rule.enabled))
        .map(|rule| rule.code.to_owned());
    let user = config
        .user_rule_ids
        .iter()
        .filter(|(code, name)| selection.is_enabled(code, name, true))
        .map(|(code, _)| code.clone());
    let mut codes: Vec<String> = builtin.chain(user).collect();
    codes.sort();
    codes
}

fn table(out: &mut String, name: &str, entries: &[(String, String)], even_empty: bool) {
    if entries.is_empty() && !even_empty {
        return;
    }
    let _ = write!(out, "\n[{name}]\n");
    for (key, value) in entries {
        let _ = writeln!(out, "{key} = {value}");
    }
}

fn texts(selectors: &[Selector]) -> Vec<String> {
    selectors.iter().map(Selector::to_string).collect()
}

fn globs(globs: &[Glob]) -> Vec<String> {
    globs.iter().map(|g| g.text.clone()).collect()
}

/// `rule-dirs` as written: relative to the config's folder.
fn rule_dirs(config: &Config) -> Vec<String> {
    config
        .rule_dirs
        .iter()
        .map(|dir| {
            let dir = dir.strip_prefix(&config.root).unwrap_or(dir);
            dir.to_string_lossy().into_owned()
        })
        .collect()
}

fn string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn array(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A key bare when TOML allows it, quoted otherwise.
fn key(text: &str) -> String {
    let bare = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { text.to_owned() } else { string(text) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::file;

    #[test]
    fn writes_what_it_reads() {
        let text = "\
select = [\"DL\", \"SL1002\"]
ignore = [\"DL3008\", \"missing-user\"]
failure-threshold = \"info\"
exclude = [\"vendor/**\"]
trusted-registries = [\"docker.io\"]
no-inline-suppressions = true

[severity]
DL3057 = \"warning\"

[per-file-ignores]
\"legacy/**/Dockerfile\" = [\"DL3008\"]

[secrets]
patterns = [\"MYCORP_[A-Z0-9]{32}\"]

[labels]
strict = true

[labels.schema]
\"org.opencontainers.image.version\" = \"semver\"

[[per-resource-ignores]]
kind = \"Deployment\"
name = \"cilium-*\"
ignore = [\"DS-0002\", \"SL0004\"]
";
        let config = file::parse(text, Path::new("shiplint.toml"))
            .expect("valid")
            .expect("a config");
        assert_eq!(to_toml(&config, Detail::Set), text);
    }

    #[test]
    fn shows_the_defaults() {
        let expected = "\
# select: not set, so the rules enabled by default
extend-select = []
ignore = []
failure-threshold = \"warning\"
# exclude: not set, so nothing beyond .gitignore
extend-exclude = []
rule-dirs = []
trusted-registries = []
allow-unpinned = []
no-inline-suppressions = false
shellcheck = \"auto\"

[severity]

[per-file-ignores]

[secrets]
patterns = []
allow = []

[labels]
strict = false
";
        let shown = to_toml(&Config::default(), Detail::Effective);
        assert_eq!(shown, expected);
        assert!(file::parse(&shown, Path::new("shiplint.toml")).is_ok());
    }
}
