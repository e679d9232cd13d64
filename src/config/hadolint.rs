//! hadolint's `.hadolint.yaml`, converted to shiplint's settings.
//!
//! What carries over: `ignored` (SC codes included) to `ignore`; `override` to `[severity]`;
//! `failure-threshold` (`ignore` meaning `none`); `no-fail: true` to `failure-threshold =
//! "none"`, which is what it does; `trustedRegistries` to `trusted-registries`; `label-schema`
//! and `strict-labels` to `[labels]`; `disable-ignore-pragma` to `no-inline-suppressions`.
//! What does not (`format`, `formats`, `no-color`, `verbose`, codes of hadolint rules shiplint
//! does not have) is dropped with a note, since a hadolint config that hadolint accepts should
//! not stop a run.

use std::fs;
use std::path::Path;

use saphyr::{LoadableYamlNode, MarkedYaml};

use super::file::LABEL_TYPES;
use super::{Config, ConfigError, FailureThreshold, Selector, Source, resolve_selector};
use crate::diagnostic::Severity;

/// Keys hadolint reads that have no shiplint setting; each is noted and skipped.
const OUTPUT_KEYS: &[&str] = &["format", "formats", "no-color", "verbose"];

/// Reads and converts the hadolint config at `path`.
pub fn read(path: &Path) -> Result<Config, ConfigError> {
    let text = fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("cannot read the config: {e}"),
    })?;
    convert(&text, path)
}

/// Converts a hadolint config's text; what could not be carried over is in `notes`.
pub fn convert(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let reader = Reader { path };
    let documents = MarkedYaml::load_from_str(text).map_err(|e| {
        let mark = e.marker();
        reader.error_at(mark.line(), mark.col(), e.info().to_owned())
    })?;
    let mut config = Config {
        source: Source::Hadolint(path.to_path_buf()),
        root: match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => ".".into(),
        },
        ..Config::default()
    };
    let Some(document) = documents.first() else {
        return Ok(config);
    };
    if document.data.is_null() {
        return Ok(config);
    }
    let Some(mapping) = document.data.as_mapping() else {
        return Err(reader.error(document, "expected a mapping of hadolint settings"));
    };

    for (key, value) in mapping {
        let Some(name) = key.data.as_str() else {
            return Err(reader.error(key, "expected a string key"));
        };
        reader.read_key(name, value, &mut config)?;
    }
    Ok(config)
}

struct Reader<'a> {
    path: &'a Path,
}

impl Reader<'_> {
    fn error_at(&self, line: usize, col: usize, message: String) -> ConfigError {
        ConfigError {
            path: self.path.to_path_buf(),
            line,
            column: col + 1,
            message,
        }
    }

    fn error(&self, node: &MarkedYaml, message: impl Into<String>) -> ConfigError {
        let start = node.span.start;
        self.error_at(start.line(), start.col(), message.into())
    }

    fn read_key(
        &self,
        key: &str,
        value: &MarkedYaml,
        config: &mut Config,
    ) -> Result<(), ConfigError> {
        match key {
            "ignored" => config.rules.ignore = self.rules(value, "ignored", config)?,
            "override" => config.severity = self.overrides(value, config)?,
            "failure-threshold" => config.failure_threshold = Some(self.threshold(value)?),
            "no-fail" => self.no_fail(value, config)?,
            "trustedRegistries" => config.trusted_registries = self.strings_or_string(value)?,
            "label-schema" => self.label_schema(value, config)?,
            "strict-labels" => config.labels.strict = self.boolean(value)?,
            "disable-ignore-pragma" => config.no_inline_suppressions = self.boolean(value)?,
            other if OUTPUT_KEYS.contains(&other) => config.notes.push(format!(
                "`{other}` is skipped: shiplint's output is chosen on its command line"
            )),
            other => config
                .notes
                .push(format!("unknown hadolint key `{other}` is ignored")),
        }
        Ok(())
    }

    /// Rule codes; those shiplint does not have are dropped with a note.
    fn rules(
        &self,
        value: &MarkedYaml,
        key: &str,
        config: &mut Config,
    ) -> Result<Vec<Selector>, ConfigError> {
        let mut out = Vec::new();
        for (code, node) in self.strings_or_string(value)?.into_iter().zip(nodes(value)) {
            if code.is_empty() {
                return Err(self.error(node, "expected a rule code"));
            }
            // hadolint takes whole codes only, so a prefix is as unknown as a missing rule.
            match resolve_selector(&code, &config.user_rule_ids) {
                Ok(selector @ (Selector::Code(_) | Selector::Name(_))) => out.push(selector),
                _ => config.notes.push(format!(
                    "`{code}` in `{key}` is skipped: shiplint has no such rule"
                )),
            }
        }
        Ok(out)
    }

    fn overrides(
        &self,
        value: &MarkedYaml,
        config: &mut Config,
    ) -> Result<Vec<(Selector, Severity)>, ConfigError> {
        if value.data.is_null() {
            return Ok(Vec::new());
        }
        let Some(mapping) = value.data.as_mapping() else {
            return Err(self.error(value, "expected a mapping of severities to rule codes"));
        };
        let mut out = Vec::new();
        for (level, codes) in mapping {
            let severity = level
                .data
                .as_str()
                .and_then(Severity::parse)
                .ok_or_else(|| self.error(level, "expected error, warning, info or style"))?;
            let key = format!("override.{severity}");
            let selectors = self.rules(codes, &key, config)?;
            out.extend(selectors.into_iter().map(|s| (s, severity)));
        }
        Ok(out)
    }

    fn threshold(&self, value: &MarkedYaml) -> Result<FailureThreshold, ConfigError> {
        let text = value.data.as_str().unwrap_or("");
        let text = if text == "ignore" { "none" } else { text };
        FailureThreshold::parse(text).ok_or_else(|| {
            self.error(
                value,
                "expected error, warning, info, style, ignore or none",
            )
        })
    }

    fn no_fail(&self, value: &MarkedYaml, config: &mut Config) -> Result<(), ConfigError> {
        if self.boolean(value)? {
            config.failure_threshold = Some(FailureThreshold::Never);
        }
        Ok(())
    }

    fn label_schema(&self, value: &MarkedYaml, config: &mut Config) -> Result<(), ConfigError> {
        if value.data.is_null() {
            return Ok(());
        }
        let Some(mapping) = value.data.as_mapping() else {
            return Err(self.error(value, "expected a mapping of label names to types"));
        };
        for (label, kind) in mapping {
            let Some(label) = scalar_text(label) else {
                return Err(self.error(label, "expected a label name"));
            };
            let kind_text = kind.data.as_str().unwrap_or("");
            if !LABEL_TYPES.contains(&kind_text) {
                let expected = LABEL_TYPES.join(", ");
                return Err(self.error(kind, format!("expected one of {expected}")));
            }
            config.labels.schema.insert(label, kind_text.to_owned());
        }
        Ok(())
    }

    fn boolean(&self, value: &MarkedYaml) -> Result<bool, ConfigError> {
        value
            .data
            .as_bool()
            .ok_or_else(|| self.error(value, "expected `true` or `false`"))
    }

    /// A list of strings, or one string (hadolint accepts both for `trustedRegistries`).
    fn strings_or_string(&self, value: &MarkedYaml) -> Result<Vec<String>, ConfigError> {
        if value.data.is_null() {
            return Ok(Vec::new());
        }
        if let Some(text) = scalar_text(value) {
            return Ok(vec![text]);
        }
        let Some(items) = value.data.as_sequence() else {
            return Err(self.error(value, "expected a list of strings"));
        };
        items
            .iter()
            .map(|item| scalar_text(item).ok_or_else(|| self.error(item, "expected a string")))
            .collect()
    }
}

/// The nodes of a list, or the node itself when it is a single value.
fn nodes<'a, 'i>(value: &'a MarkedYaml<'i>) -> Vec<&'a MarkedYaml<'i>> {
    match value.data.as_sequence() {
        Some(items) => items.iter().collect(),
        None => vec![value],
    }
}

/// A scalar as text: strings as they are, numbers and booleans as written by YAML.
fn scalar_text(node: &MarkedYaml) -> Option<String> {
    if let Some(text) = node.data.as_str() {
        return Some(text.to_owned());
    }
    if let Some(number) = node.data.as_integer() {
        return Some(number.to_string());
    }
    node.data.as_bool().map(|b| b.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_ok(text: &str) -> Config {
        convert(text, Path::new(".hadolint.yaml")).expect("valid")
    }

    #[test]
    fn carries_over_what_shiplint_has() {
        let config = convert_ok(
            "ignored:\n  - DL3008\n  - SC2086\n  - DL9999\n\
             override:\n  error:\n    - DL3007\n  info: [DL3006]\n\
             failure-threshold: error\n\
             trustedRegistries: docker.io\n\
             label-schema:\n  author: text\n  version: semver\n\
             strict-labels: true\n\
             disable-ignore-pragma: true\n\
             format: json\n",
        );
        assert_eq!(
            config.rules.ignore,
            [
                Selector::Code("DL3008".into()),
                Selector::Code("SC2086".into())
            ]
        );
        assert_eq!(
            config.severity,
            [
                (Selector::Code("DL3007".into()), Severity::Error),
                (Selector::Code("DL3006".into()), Severity::Info),
            ]
        );
        assert_eq!(
            config.failure_threshold,
            Some(FailureThreshold::At(Severity::Error))
        );
        assert_eq!(config.trusted_registries, ["docker.io"]);
        assert_eq!(config.labels.schema.len(), 2);
        assert!(config.labels.strict);
        assert!(config.no_inline_suppressions);
        assert_eq!(
            config.notes,
            [
                "`DL9999` in `ignored` is skipped: shiplint has no such rule",
                "`format` is skipped: shiplint's output is chosen on its command line",
            ]
        );
    }

    #[test]
    fn no_fail_and_ignore_threshold_mean_none() {
        for text in ["no-fail: true\n", "failure-threshold: ignore\n"] {
            let config = convert_ok(text);
            assert_eq!(
                config.failure_threshold,
                Some(FailureThreshold::Never),
                "{text}"
            );
        }
    }

    #[test]
    fn empty_files_are_the_defaults() {
        for text in ["", "# nothing\n", "---\n"] {
            let config = convert_ok(text);
            assert!(config.rules.ignore.is_empty(), "{text}");
        }
    }

    #[test]
    fn errors_have_positions() {
        let cases = [
            (
                "failure-threshold: fatal\n",
                ".hadolint.yaml:1:20: expected error, warning, info, style, ignore or none",
            ),
            (
                "override:\n  fatal: [DL3008]\n",
                ".hadolint.yaml:2:3: expected error, warning, info or style",
            ),
            (
                "strict-labels: maybe\n",
                ".hadolint.yaml:1:16: expected `true` or `false`",
            ),
            (
                "ignored: {a: b}\n",
                ".hadolint.yaml:1:10: expected a list of strings",
            ),
            (
                "- a\n",
                ".hadolint.yaml:1:1: expected a mapping of hadolint settings",
            ),
        ];
        for (text, expected) in cases {
            let error = convert(text, Path::new(".hadolint.yaml")).expect_err(text);
            assert_eq!(error.to_string(), expected, "{text}");
        }
    }
}
