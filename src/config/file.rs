//! Reading shiplint's TOML config: `shiplint.toml`, `.shiplint.toml`, or the
//! `[package.metadata.shiplint]` / `[workspace.metadata.shiplint]` table of a `Cargo.toml`.
//!
//! The file is parsed with its spans kept, so that an unknown key, a value of the wrong type or
//! an unknown rule is an error at the line and column where it is written.

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::Regex;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    Config, ConfigError, FailureThreshold, Glob, ResourceIgnore, Selector, ShellCheckMode, Source,
    builtin_rules, did_you_mean, is_shellcheck_code, resolve_selector,
};
use crate::diagnostic::Severity;
use crate::rules::user::UserRule;

/// Every key of the config, in the order `config show` writes them.
pub const KEYS: &[&str] = &[
    "select",
    "extend-select",
    "ignore",
    "failure-threshold",
    "exclude",
    "extend-exclude",
    "rule-dirs",
    "trusted-registries",
    "allow-unpinned",
    "no-inline-suppressions",
    "shellcheck",
    "severity",
    "per-file-ignores",
    "per-resource-ignores",
    "secrets",
    "labels",
    "kubernetes",
    "rules",
];

/// The keys of a `[[per-resource-ignores]]` table.
const RESOURCE_KEYS: &[&str] = &["kind", "namespace", "name", "ignore"];

/// The types a label of the schema may have.
pub const LABEL_TYPES: &[&str] = &["text", "url", "semver", "hash", "rfc3339", "spdx", "email"];

/// Where a `Cargo.toml` keeps shiplint's settings, in the order they are looked for.
const CARGO_TABLES: &[[&str; 3]] = &[
    ["package", "metadata", "shiplint"],
    ["workspace", "metadata", "shiplint"],
];

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

/// Reads the config at `path`; `None` for a `Cargo.toml` without shiplint settings.
pub fn read(path: &Path) -> Result<Option<Config>, ConfigError> {
    let text = fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("cannot read the config: {e}"),
    })?;
    parse(&text, path)
}

/// Parses a config's text; `path` names it in errors, says whether it is a `Cargo.toml`, and
/// its folder is where relative paths start.
pub fn parse(text: &str, path: &Path) -> Result<Option<Config>, ConfigError> {
    let is_cargo = path.file_name().is_some_and(|name| name == "Cargo.toml");
    // Most Cargo.toml files say nothing to shiplint; they need not parse for shiplint's sake.
    if is_cargo && !text.contains("shiplint") {
        return Ok(None);
    }
    let reader = Reader { text, path };
    let document = DeTable::parse(text).map_err(|e| reader.toml_error(&e))?;
    let document = document.get_ref();
    let table = if is_cargo {
        match cargo_table(document) {
            Some(table) => table,
            None => return Ok(None),
        }
    } else {
        document
    };
    let mut config = Config {
        source: Source::Shiplint(path.to_path_buf()),
        root: folder_of(path),
        ..Config::default()
    };
    reader.read_config(table, &mut config)?;
    Ok(Some(config))
}

/// Adds the user rules of the `*.toml` files in `dir` to the config.
pub fn add_rule_dir(config: &mut Config, dir: &Path) -> Result<(), ConfigError> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| ConfigError {
            path: dir.to_path_buf(),
            line: 0,
            column: 0,
            message: format!("cannot read the rule folder: {e}"),
        })?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "toml") && path.is_file())
        .collect();
    files.sort();

    for file in files {
        let text = fs::read_to_string(&file).map_err(|e| ConfigError {
            path: file.clone(),
            line: 0,
            column: 0,
            message: format!("cannot read the rule file: {e}"),
        })?;
        Reader {
            text: &text,
            path: &file,
        }
        .read_rule_file(config)?;
    }
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn cargo_table<'a, 'i>(document: &'a Table<'i>) -> Option<&'a Table<'i>> {
    CARGO_TABLES.iter().find_map(|keys| {
        let mut table = document;
        for key in keys {
            table = table.get(*key)?.get_ref().as_table()?;
        }
        Some(table)
    })
}

/// The entries of a table in the order they are written.
fn entries<'a, 'i>(
    table: &'a Table<'i>,
) -> Vec<(&'a Spanned<toml::de::DeString<'i>>, &'a Value<'i>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// One file being read: its text, for positions, and its path, for errors.
struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Reader<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        let (line, column) = line_column(self.text, span.start);
        ConfigError {
            path: self.path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    fn toml_error(&self, error: &toml::de::Error) -> ConfigError {
        let message = error.message().trim_end_matches('\n').to_owned();
        match error.span() {
            Some(span) => self.error(span, message),
            None => self.error(0..0, message),
        }
    }

    fn read_config(&self, table: &Table, config: &mut Config) -> Result<(), ConfigError> {
        // User rules first, since selectors elsewhere in the file may name them.
        if let Some(rules) = table.get("rules") {
            self.read_rules(rules, config)?;
        }
        if let Some(dirs) = table.get("rule-dirs") {
            for (dir, span) in self.strings(dirs)? {
                let dir = config.root.join(dir);
                add_rule_dir(config, &dir).map_err(|e| self.error(span.clone(), e.to_string()))?;
                config.rule_dirs.push(dir);
            }
        }

        for (key, value) in entries(table) {
            self.read_key(key, value, config)?;
        }
        Ok(())
    }

    fn read_key(
        &self,
        key: &Spanned<toml::de::DeString>,
        value: &Value,
        config: &mut Config,
    ) -> Result<(), ConfigError> {
        let ids = config.user_rule_ids.clone();
        match key.get_ref().as_ref() {
            "select" => config.rules.select = Some(self.selectors(value, &ids)?),
            "extend-select" => config.rules.extend_select = self.selectors(value, &ids)?,
            "ignore" => config.rules.ignore = self.selectors(value, &ids)?,
            "failure-threshold" => config.failure_threshold = Some(self.threshold(value)?),
            "exclude" => config.exclude = Some(self.globs(value)?),
            "extend-exclude" => config.extend_exclude = self.globs(value)?,
            "trusted-registries" => config.trusted_registries = self.plain_strings(value)?,
            "allow-unpinned" => config.allow_unpinned = self.plain_strings(value)?,
            "no-inline-suppressions" => config.no_inline_suppressions = self.boolean(value)?,
            "shellcheck" => config.shellcheck = self.shellcheck_mode(value)?,
            "severity" => config.severity = self.severities(value, &ids)?,
            "per-file-ignores" => config.per_file_ignores = self.per_file_ignores(value, &ids)?,
            "per-resource-ignores" => {
                config.per_resource_ignores = self.per_resource_ignores(value, &ids)?;
            }
            "secrets" => self.secrets(value, config)?,
            "labels" => self.labels(value, config)?,
            "kubernetes" => self.kubernetes(value, config)?,
            "rules" | "rule-dirs" => {}
            other => return Err(self.unknown_key(key.span(), other, KEYS)),
        }
        Ok(())
    }

    fn unknown_key(&self, span: Range<usize>, key: &str, known: &[&str]) -> ConfigError {
        let message = match did_you_mean(key, known.iter().copied()) {
            Some(near) => format!("unknown key `{key}`; did you mean `{near}`?"),
            None => format!("unknown key `{key}`"),
        };
        self.error(span, message)
    }

    fn read_rules(&self, value: &Value, config: &mut Config) -> Result<(), ConfigError> {
        let Some(array) = value.get_ref().as_array() else {
            return Err(self.error(value.span(), "expected `[[rules]]` tables"));
        };
        for item in array.iter() {
            let Some(table) = item.get_ref().as_table() else {
                return Err(self.error(item.span(), "expected a table"));
            };
            self.read_rule(item.span(), table, config)?;
        }
        Ok(())
    }

    fn read_rule(
        &self,
        span: Range<usize>,
        table: &Table,
        config: &mut Config,
    ) -> Result<(), ConfigError> {
        let plain = plain_table(table);
        let rule = UserRule::from_toml(&plain)
            .map_err(|e| self.error(span.clone(), format!("invalid user rule: {e}")))?;

        let text = |key: &str| plain.get(key).and_then(toml::Value::as_str).unwrap_or("");
        let (code, name) = (text("code").to_owned(), text("name").to_owned());
        let code_span = table.get("code").map_or(span, |v| v.span());
        let builtin = builtin_rules();
        if builtin.iter().any(|rule| rule.code == code) || is_shellcheck_code(&code) {
            return Err(self.error(
                code_span,
                format!("user rule code `{code}` is a built-in rule's"),
            ));
        }
        if config.user_rule_ids.iter().any(|(c, _)| *c == code) {
            return Err(self.error(code_span, format!("user rule code `{code}` is used twice")));
        }

        config.user_rule_ids.push((code, name));
        config.user_rules.push(rule);
        Ok(())
    }

    fn read_rule_file(&self, config: &mut Config) -> Result<(), ConfigError> {
        let document = DeTable::parse(self.text).map_err(|e| self.toml_error(&e))?;
        for (key, value) in entries(document.get_ref()) {
            if key.get_ref() != "rules" {
                return Err(self.unknown_key(key.span(), key.get_ref(), &["rules"]));
            }
            self.read_rules(value, config)?;
        }
        Ok(())
    }

    fn strings<'v>(&self, value: &'v Value) -> Result<Vec<(&'v str, Range<usize>)>, ConfigError> {
        let Some(array) = value.get_ref().as_array() else {
            return Err(self.error(value.span(), "expected an array of strings"));
        };
        array
            .iter()
            .map(|item| match item.get_ref().as_str() {
                Some(text) => Ok((text, item.span())),
                None => Err(self.error(item.span(), "expected a string")),
            })
            .collect()
    }

    fn plain_strings(&self, value: &Value) -> Result<Vec<String>, ConfigError> {
        let strings = self.strings(value)?;
        Ok(strings.into_iter().map(|(s, _)| s.to_owned()).collect())
    }

    fn selectors(
        &self,
        value: &Value,
        user: &[(String, String)],
    ) -> Result<Vec<Selector>, ConfigError> {
        let strings = self.strings(value)?;
        strings
            .into_iter()
            .map(|(text, span)| resolve_selector(text, user).map_err(|m| self.error(span, m)))
            .collect()
    }

    fn globs(&self, value: &Value) -> Result<Vec<Glob>, ConfigError> {
        let strings = self.strings(value)?;
        strings
            .into_iter()
            .map(|(text, span)| Glob::new(text).map_err(|m| self.error(span, m)))
            .collect()
    }

    fn regexes(&self, value: &Value) -> Result<Vec<Regex>, ConfigError> {
        let strings = self.strings(value)?;
        strings
            .into_iter()
            .map(|(text, span)| {
                Regex::new(text).map_err(|_| self.error(span, format!("invalid regex `{text}`")))
            })
            .collect()
    }

    fn string<'v>(&self, value: &'v Value) -> Result<&'v str, ConfigError> {
        value
            .get_ref()
            .as_str()
            .ok_or_else(|| self.error(value.span(), "expected a string"))
    }

    fn boolean(&self, value: &Value) -> Result<bool, ConfigError> {
        value
            .get_ref()
            .as_bool()
            .ok_or_else(|| self.error(value.span(), "expected `true` or `false`"))
    }

    fn table<'v, 'i>(&self, value: &'v Value<'i>) -> Result<&'v Table<'i>, ConfigError> {
        value
            .get_ref()
            .as_table()
            .ok_or_else(|| self.error(value.span(), "expected a table"))
    }

    fn threshold(&self, value: &Value) -> Result<FailureThreshold, ConfigError> {
        let text = self.string(value)?;
        FailureThreshold::parse(text).ok_or_else(|| {
            let message = format!(
                "unknown failure threshold `{text}`; expected error, warning, info, style or none"
            );
            self.error(value.span(), message)
        })
    }

    fn shellcheck_mode(&self, value: &Value) -> Result<ShellCheckMode, ConfigError> {
        let text = self.string(value)?;
        ShellCheckMode::parse(text).ok_or_else(|| {
            let message = format!("unknown shellcheck mode `{text}`; expected auto, on or off");
            self.error(value.span(), message)
        })
    }

    fn severity_level(&self, value: &Value) -> Result<Severity, ConfigError> {
        let text = self.string(value)?;
        Severity::parse(text).ok_or_else(|| {
            let message =
                format!("unknown severity `{text}`; expected error, warning, info or style");
            self.error(value.span(), message)
        })
    }

    fn severities(
        &self,
        value: &Value,
        user: &[(String, String)],
    ) -> Result<Vec<(Selector, Severity)>, ConfigError> {
        let mut out = Vec::new();
        for (key, level) in entries(self.table(value)?) {
            let selector =
                resolve_selector(key.get_ref(), user).map_err(|m| self.error(key.span(), m))?;
            out.push((selector, self.severity_level(level)?));
        }
        Ok(out)
    }

    fn per_file_ignores(
        &self,
        value: &Value,
        user: &[(String, String)],
    ) -> Result<Vec<(Glob, Vec<Selector>)>, ConfigError> {
        let mut out = Vec::new();
        for (key, rules) in entries(self.table(value)?) {
            let glob = Glob::new(key.get_ref()).map_err(|m| self.error(key.span(), m))?;
            out.push((glob, self.selectors(rules, user)?));
        }
        Ok(out)
    }

    fn per_resource_ignores(
        &self,
        value: &Value,
        user: &[(String, String)],
    ) -> Result<Vec<ResourceIgnore>, ConfigError> {
        let Some(array) = value.get_ref().as_array() else {
            return Err(self.error(value.span(), "expected `[[per-resource-ignores]]` tables"));
        };
        let mut out = Vec::new();
        for item in array.iter() {
            out.push(self.resource_ignore(item, user)?);
        }
        Ok(out)
    }

    fn resource_ignore(
        &self,
        item: &Value,
        user: &[(String, String)],
    ) -> Result<ResourceIgnore, ConfigError> {
        let table = self.table(item)?;
        let mut out = ResourceIgnore {
            kind: None,
            namespace: None,
            name: None,
            ignore: Vec::new(),
        };
        let mut has_ignore = false;
        for (key, value) in entries(table) {
            match key.get_ref().as_ref() {
                "kind" => out.kind = Some(self.string(value)?.to_owned()),
                "namespace" => out.namespace = Some(self.glob(value)?),
                "name" => out.name = Some(self.glob(value)?),
                "ignore" => {
                    out.ignore = self.selectors(value, user)?;
                    has_ignore = true;
                }
                other => return Err(self.unknown_key(key.span(), other, RESOURCE_KEYS)),
            }
        }
        if !has_ignore {
            return Err(self.error(item.span(), "missing key `ignore`"));
        }
        if out.kind.is_none() && out.namespace.is_none() && out.name.is_none() {
            let message = "expected `kind`, `namespace` or `name` to say which objects";
            return Err(self.error(item.span(), message));
        }
        Ok(out)
    }

    fn glob(&self, value: &Value) -> Result<Glob, ConfigError> {
        let text = self.string(value)?;
        Glob::new(text).map_err(|m| self.error(value.span(), m))
    }

    fn secrets(&self, value: &Value, config: &mut Config) -> Result<(), ConfigError> {
        for (key, value) in entries(self.table(value)?) {
            match key.get_ref().as_ref() {
                "patterns" => config.secrets.patterns = self.regexes(value)?,
                "allow" => config.secrets.allow = self.regexes(value)?,
                other => return Err(self.unknown_key(key.span(), other, &["patterns", "allow"])),
            }
        }
        Ok(())
    }

    fn labels(&self, value: &Value, config: &mut Config) -> Result<(), ConfigError> {
        for (key, value) in entries(self.table(value)?) {
            match key.get_ref().as_ref() {
                "schema" => config.labels.schema = self.label_schema(value)?,
                "strict" => config.labels.strict = self.boolean(value)?,
                other => return Err(self.unknown_key(key.span(), other, &["schema", "strict"])),
            }
        }
        Ok(())
    }

    fn kubernetes(&self, value: &Value, config: &mut Config) -> Result<(), ConfigError> {
        for (key, value) in entries(self.table(value)?) {
            match key.get_ref().as_ref() {
                "pod-spec-paths" => {
                    for (kind, paths) in entries(self.table(value)?) {
                        let paths = self.plain_strings(paths)?;
                        let kind = kind.get_ref().to_string();
                        config.kubernetes.pod_spec_paths.push((kind, paths));
                    }
                }
                other => return Err(self.unknown_key(key.span(), other, &["pod-spec-paths"])),
            }
        }
        Ok(())
    }

    fn label_schema(&self, value: &Value) -> Result<BTreeMap<String, String>, ConfigError> {
        let mut schema = BTreeMap::new();
        for (label, kind) in entries(self.table(value)?) {
            let text = self.string(kind)?;
            if !LABEL_TYPES.contains(&text) {
                let expected = LABEL_TYPES.join(", ");
                let message = format!("unknown label type `{text}`; expected one of {expected}");
                return Err(self.error(kind.span(), message));
            }
            schema.insert(label.get_ref().to_string(), text.to_owned());
        }
        Ok(schema)
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// A spanned table as a plain one, which user rules are read from.
fn plain_table(table: &Table) -> toml::Table {
    table
        .iter()
        .map(|(key, value)| (key.get_ref().to_string(), plain_value(value.get_ref())))
        .collect()
}

fn plain_value(value: &DeValue) -> toml::Value {
    match value {
        DeValue::String(s) => toml::Value::String(s.to_string()),
        DeValue::Integer(i) => integer(i.as_str(), i.radix()),
        DeValue::Float(f) => toml::Value::Float(float(f.as_str())),
        DeValue::Boolean(b) => toml::Value::Boolean(*b),
        DeValue::Datetime(d) => toml::Value::Datetime(*d),
        DeValue::Array(items) => {
            toml::Value::Array(items.iter().map(|v| plain_value(v.get_ref())).collect())
        }
        DeValue::Table(table) => toml::Value::Table(plain_table(table)),
    }
}

fn integer(digits: &str, radix: u32) -> toml::Value {
    let digits = digits.replace('_', "");
    let value = i64::from_str_radix(&digits, radix).unwrap_or_default();
    toml::Value::Integer(value)
}

fn float(text: &str) -> f64 {
    match text.replace('_', "").as_str() {
        "inf" | "+inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        "nan" | "+nan" | "-nan" => f64::NAN,
        other => other.parse().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        match parse(text, Path::new("shiplint.toml")) {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn errors_point_at_the_key_or_value() {
        let cases = [
            (
                "selec = []\n",
                "shiplint.toml:1:1: unknown key `selec`; did you mean `select`?",
            ),
            (
                "\nselect = [\"DL9999\"]\n",
                "shiplint.toml:2:11: unknown rule `DL9999`",
            ),
            (
                "ignore = [\"latest-tags\"]\n",
                "shiplint.toml:1:11: unknown rule `latest-tags`; did you mean `latest-tag`?",
            ),
            (
                "select = \"DL3008\"\n",
                "shiplint.toml:1:10: expected an array of strings",
            ),
            ("select = [1]\n", "shiplint.toml:1:11: expected a string"),
            (
                "failure-threshold = \"fatal\"\n",
                "shiplint.toml:1:21: unknown failure threshold `fatal`; \
                 expected error, warning, info, style or none",
            ),
            (
                "[severity]\nDL3057 = \"high\"\n",
                "shiplint.toml:2:10: unknown severity `high`; \
                 expected error, warning, info or style",
            ),
            (
                "[severity]\nDL9 = \"error\"\n",
                "shiplint.toml:2:1: unknown rule `DL9`",
            ),
            (
                "[secrets]\npatterns = [\"(\"]\n",
                "shiplint.toml:2:13: invalid regex `(`",
            ),
            (
                "[secrets]\nallw = []\n",
                "shiplint.toml:2:1: unknown key `allw`; did you mean `allow`?",
            ),
            (
                "[labels]\nstrict = 1\n",
                "shiplint.toml:2:10: expected `true` or `false`",
            ),
            (
                "[labels.schema]\nversion = \"semverr\"\n",
                "shiplint.toml:2:11: unknown label type `semverr`; \
                 expected one of text, url, semver, hash, rfc3339, spdx, email",
            ),
            (
                "exclude = [\"[\"]\n",
                "shiplint.toml:1:12: invalid glob `[`: unclosed character class; missing ']'",
            ),
            (
                "select = [\n",
                "shiplint.toml:1:11: unclosed array, expected `]`",
            ),
            (
                "[[per-resource-ignores]]\nkind = \"Pod\"\n",
                "shiplint.toml:1:1: missing key `ignore`",
            ),
            (
                "[[per-resource-ignores]]\nignore = [\"all\"]\n",
                "shiplint.toml:1:1: expected `kind`, `namespace` or `name` to say which objects",
            ),
            (
                "[[per-resource-ignores]]\nkind = \"Pod\"\nnames = \"x\"\nignore = []\n",
                "shiplint.toml:3:1: unknown key `names`; did you mean `name`?",
            ),
            (
                "per-resource-ignores = { kind = \"Pod\" }\n",
                "shiplint.toml:1:24: expected `[[per-resource-ignores]]` tables",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(error(text), expected, "{text}");
        }
    }

    #[test]
    fn user_rules_are_read_at_their_table() {
        let text = "select = [\"all\"]\n\n[[rules]]\ncode = \"ORG001\"\n";
        let error = parse(text, Path::new("shiplint.toml")).expect_err("stub rejects");
        assert_eq!((error.line, error.column), (3, 1));
        assert!(error.message.starts_with("invalid user rule: "), "{error}");
    }

    #[test]
    fn reads_every_key() {
        let text = r#"
select = ["DL", "SL1002"]
extend-select = ["DL3057"]
ignore = ["DL3008", "missing-user"]
failure-threshold = "info"
exclude = ["vendor/**"]
extend-exclude = ["legacy/**"]
trusted-registries = ["docker.io"]
allow-unpinned = ["curl"]
no-inline-suppressions = true
shellcheck = "off"
[severity]
DL3057 = "warning"
[per-file-ignores]
"legacy/**/Dockerfile" = ["DL3008"]
[[per-resource-ignores]]
kind = "Deployment"
namespace = "kube-*"
name = "cilium-*"
ignore = ["SL0004", "CKV_DOCKER_8"]
[secrets]
patterns = ["MYCORP_[A-Z0-9]{32}"]
allow = ["EXAMPLE_KEY_[0-9]+"]
[labels]
schema = { "org.opencontainers.image.version" = "semver" }
strict = true
[kubernetes]
pod-spec-paths = { "example.com/v1/Thing" = ["spec.template.spec"] }
"#;
        let config = parse(text, Path::new("a/shiplint.toml"))
            .expect("valid")
            .expect("a config");
        assert_eq!(config.root, Path::new("a"));
        assert_eq!(config.rules.select.as_ref().map(Vec::len), Some(2));
        assert_eq!(
            config.rules.ignore[1],
            Selector::Name("missing-user".into())
        );
        assert_eq!(
            config.failure_threshold,
            Some(FailureThreshold::At(Severity::Info))
        );
        assert_eq!(config.exclude.as_ref().map(Vec::len), Some(1));
        assert_eq!(config.trusted_registries, ["docker.io"]);
        assert_eq!(config.allow_unpinned, ["curl"]);
        assert!(config.no_inline_suppressions);
        assert_eq!(config.shellcheck, ShellCheckMode::Off);
        assert_eq!(
            config.severity,
            [(Selector::Code("DL3057".into()), Severity::Warning)]
        );
        assert_eq!(config.per_file_ignores.len(), 1);
        let resource = &config.per_resource_ignores[0];
        assert_eq!(resource.kind.as_deref(), Some("Deployment"));
        assert_eq!(
            resource.name.as_ref().map(|g| g.text.as_str()),
            Some("cilium-*")
        );
        assert_eq!(resource.ignore.len(), 2);
        assert_eq!(config.secrets.patterns.len(), 1);
        assert_eq!(config.secrets.allow.len(), 1);
        assert!(config.labels.strict);
        assert_eq!(config.labels.schema.len(), 1);
        assert_eq!(
            config.kubernetes.pod_spec_paths,
            [(
                "example.com/v1/Thing".to_owned(),
                vec!["spec.template.spec".to_owned()]
            )]
        );
    }

    #[test]
    fn cargo_toml_needs_shiplint_metadata() {
        let cases = [
            ("[package]\nname = \"x\"\n", false),
            ("[package.metadata.shiplint]\nignore = [\"DL3008\"]\n", true),
            (
                "[workspace.metadata.shiplint]\nignore = [\"DL3008\"]\n",
                true,
            ),
            ("[package.metadata.other]\nx = 1\n", false),
        ];
        for (text, is_config) in cases {
            let config = parse(text, Path::new("Cargo.toml")).expect("valid");
            assert_eq!(config.is_some(), is_config, "{text}");
        }
    }

    #[test]
    fn cargo_errors_point_into_the_cargo_toml() {
        let text = "[package]\nname = \"x\"\n[package.metadata.shiplint]\nignor = []\n";
        let error = parse(text, Path::new("Cargo.toml")).expect_err("unknown key");
        assert_eq!(
            error.to_string(),
            "Cargo.toml:4:1: unknown key `ignor`; did you mean `ignore`?"
        );
    }

    #[test]
    fn line_columns() {
        let text = "ab\nçd\n";
        let cases = [
            (0, (1, 1)),
            (1, (1, 2)),
            (3, (2, 1)),
            (5, (2, 2)),
            (99, (3, 1)),
        ];
        for (offset, expected) in cases {
            assert_eq!(line_column(text, offset), expected, "{offset}");
        }
    }
}
