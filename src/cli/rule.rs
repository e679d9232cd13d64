//! `shiplint rule` and `shiplint rules`: the rule documents of the catalog, for a terminal or a
//! program.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::anyhow;
use clap::ValueEnum;
use serde_json::{Value, json};
use shiplint::rules::catalog::{self, DOCS, Known, RuleDoc};

/// How `shiplint rules` lists the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// Aligned columns for a terminal
    Table,
    /// A JSON array, one object a rule
    Json,
    /// The README's Markdown table
    Markdown,
}

/// Prints the document of the rule with this code or name, or the link of a ShellCheck code.
pub fn rule(code_or_name: &str) -> anyhow::Result<ExitCode> {
    let Some(known) = catalog::lookup(code_or_name) else {
        return Err(anyhow!("unknown rule `{code_or_name}`"));
    };
    let text = match &known {
        Known::Builtin(doc) => render(doc),
        Known::ShellCheck(code) => {
            format!(
                "{code} is a ShellCheck check, documented at {}\n",
                known.url()
            )
        }
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Lists every built-in rule.
pub fn rules(format: RulesFormat) -> anyhow::Result<ExitCode> {
    let text = match format {
        RulesFormat::Table => table(DOCS),
        RulesFormat::Json => serde_json::to_string_pretty(&json_list(DOCS))? + "\n",
        RulesFormat::Markdown => catalog::readme_table(),
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// A title line, then each section under its heading, with code blocks indented instead of
/// fenced.
fn render(doc: &RuleDoc) -> String {
    let meta = &doc.meta;
    let default = if meta.enabled { "on" } else { "off" };
    let mut out = format!(
        "{} {} ({}, {default} by default, {})\n",
        meta.code,
        meta.name,
        meta.severity,
        meta.category.as_str()
    );
    for (title, text) in doc.sections() {
        out += &format!("\n{title}\n");
        out += &unfenced(text);
    }
    out
}

fn unfenced(text: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence && !line.is_empty() {
            out += "    ";
        }
        out += line;
        out += "\n";
    }
    out
}

fn table(docs: &[RuleDoc]) -> String {
    let header = [
        "CODE", "NAME", "SEVERITY", "ENABLED", "CATEGORY", "FIX", "TARGETS",
    ];
    let mut rows = vec![header.map(str::to_owned)];
    for doc in docs {
        let meta = &doc.meta;
        rows.push([
            meta.code.to_owned(),
            meta.name.to_owned(),
            meta.severity.to_string(),
            if meta.enabled { "yes" } else { "no" }.to_owned(),
            meta.category.as_str().to_owned(),
            doc.fix.as_str().to_owned(),
            doc.targets.join(","),
        ]);
    }

    let widths: Vec<usize> = (0..header.len())
        .map(|column| rows.iter().map(|row| row[column].len()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:width$}"))
            .collect();
        out += cells.join("  ").trim_end();
        out += "\n";
    }
    out
}

fn json_list(docs: &[RuleDoc]) -> Value {
    let rules: Vec<Value> = docs
        .iter()
        .map(|doc| {
            let meta = &doc.meta;
            json!({
                "code": meta.code,
                "name": meta.name,
                "targets": doc.targets,
                "severity": meta.severity,
                "enabled": meta.enabled,
                "category": meta.category.as_str(),
                "since": doc.since,
                "fix": doc.fix.as_str(),
                "summary": doc.summary(),
                "help": meta.help,
                "url": doc.url(),
            })
        })
        .collect();
    Value::Array(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_indented_blocks() {
        let text = "Example:\n```dockerfile\nFROM a\n\nRUN b\n```\nAfter";
        assert_eq!(unfenced(text), "Example:\n    FROM a\n\n    RUN b\nAfter\n");
    }

    #[test]
    fn renders_title_and_sections() {
        let doc = catalog::doc("DL3057").unwrap();
        let text = render(doc);
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            "DL3057 missing-healthcheck (info, on by default, best-practice)"
        );
        assert!(text.contains("\nExample\n    FROM nginx:1.27\n"), "{text}");
        assert!(!text.contains("```"), "{text}");
    }

    #[test]
    fn table_aligns_columns() {
        let text = table(&DOCS[..1]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("CODE    NAME"), "{text}");
        assert_eq!(lines[0].find("NAME"), lines[1].find(DOCS[0].meta.name));
    }

    #[test]
    fn json_has_one_object_a_rule() {
        let list = json_list(DOCS);
        let Value::Array(rules) = list else {
            panic!("not an array")
        };
        assert_eq!(rules.len(), DOCS.len());
        assert_eq!(rules[0]["targets"], json!(["dockerfile"]));
    }
}
