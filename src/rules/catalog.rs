//! The rule catalog: every rule document of `rules/*.md`, compiled in by `build.rs`.
//!
//! The documents are the single source of each rule's code, name, default severity, default
//! on/off, category and help line (the [`RuleMeta`] constants here, one per code), and of the
//! text that `shiplint rule`, `shiplint rules`, the README's rules table and the help URL of
//! each diagnostic show. ShellCheck's `SC` codes are known here too, as external rules
//! documented by ShellCheck's wiki, so that selection, suppression and config never call them
//! unknown.

use crate::diagnostic::Severity;
use crate::rules::{Category, RuleMeta};

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// Where the rule documents are published; a rule's page is `<base><CODE>.md`.
pub const DOCS_BASE_URL: &str = "https://github.com/shiplint/shiplint/blob/main/rules/";

/// Where ShellCheck documents its codes; a code's page is `<base><CODE>`.
pub const SHELLCHECK_WIKI_URL: &str = "https://www.shellcheck.net/wiki/";

/// The sections of every rule document, in order.
pub const SECTIONS: [&str; 6] = [
    "What it does",
    "Why is this bad?",
    "Example",
    "Use instead",
    "Known problems",
    "References",
];

/// The README marks where the generated rules table starts and ends.
pub const README_TABLE_START: &str = "<!-- rules-table:start -->";
pub const README_TABLE_END: &str = "<!-- rules-table:end -->";

/// Whether a rule can fix what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fix {
    None,
    Sometimes,
    Always,
}

impl Fix {
    pub fn as_str(self) -> &'static str {
        match self {
            Fix::None => "none",
            Fix::Sometimes => "sometimes",
            Fix::Always => "always",
        }
    }
}

/// One rule document: the rule's metadata, the rest of its front matter, and its Markdown body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleDoc {
    pub meta: RuleMeta,
    /// The kinds of file the rule looks at: `dockerfile`, `compose`, `kubernetes`.
    pub targets: &'static [&'static str],
    /// The shiplint version the rule appeared in.
    pub since: &'static str,
    pub fix: Fix,
    /// Other linters' identifiers for the same check (Trivy's `KSV017`, Checkov's
    /// `CKV_K8S_16`, kube-linter's and dclint's check names), accepted in suppressions and
    /// config as this rule.
    pub aliases: &'static [&'static str],
    /// The Markdown after the front matter: the sections, each under a `## ` heading.
    pub body: &'static str,
}

impl RuleDoc {
    /// The document's page in the repository.
    pub fn url(&self) -> String {
        format!("{DOCS_BASE_URL}{}.md", self.meta.code)
    }

    /// The sections in the order written: each heading (without `## `) and the text under it.
    /// Lines inside fenced code blocks never start a section.
    pub fn sections(&self) -> Vec<(&'static str, &'static str)> {
        let body = self.body;
        let mut headings: Vec<(usize, usize, &'static str)> = Vec::new();
        let mut in_fence = false;
        let mut offset = 0;
        for line in body.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            if line.starts_with("```") {
                in_fence = !in_fence;
            }
            if let Some(title) = line.strip_prefix("## ").filter(|_| !in_fence) {
                headings.push((start, offset, title.trim()));
            }
        }

        let ends = headings.iter().skip(1).map(|h| h.0).chain([body.len()]);
        headings
            .iter()
            .zip(ends)
            .map(|(&(_, text_start, title), end)| (title, body[text_start..end].trim()))
            .collect()
    }

    /// The text of one section, if the document has it.
    pub fn section(&self, title: &str) -> Option<&'static str> {
        self.sections()
            .into_iter()
            .find(|(heading, _)| *heading == title)
            .map(|(_, text)| text)
    }

    /// The first fenced code block of the Example section: a file the rule fires on.
    pub fn example(&self) -> Option<&'static str> {
        first_code_block(self.section("Example")?)
    }

    /// The first fenced code block of the Use instead section: a file the rule passes.
    pub fn use_instead(&self) -> Option<&'static str> {
        first_code_block(self.section("Use instead")?)
    }

    /// The first sentence of What it does, on one line.
    pub fn summary(&self) -> String {
        let text = self.section("What it does").unwrap_or_default();
        let paragraph = text.split("\n\n").next().unwrap_or_default();
        let line = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        match line.find(". ") {
            Some(end) => line[..=end].to_owned(),
            None => line,
        }
    }
}

/// The text inside the first ```` ``` ```` fence of a section, without the fence lines.
fn first_code_block(section: &str) -> Option<&str> {
    let open = section.find("```")?;
    let after_open = &section[open..];
    let content_start = open + after_open.find('\n')? + 1;
    let content = &section[content_start..];
    let close = content
        .match_indices("```")
        .find(|&(at, _)| at == 0 || content[..at].ends_with('\n'))?
        .0;
    Some(&content[..close])
}

/// A rule that [`lookup`] knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Known {
    /// A built-in rule, with its document.
    Builtin(&'static RuleDoc),
    /// A ShellCheck code such as `SC2086`, in capitals.
    ShellCheck(String),
}

impl Known {
    pub fn code(&self) -> &str {
        match self {
            Known::Builtin(doc) => doc.meta.code,
            Known::ShellCheck(code) => code,
        }
    }

    /// The rule's name; ShellCheck codes have none.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Known::Builtin(doc) => Some(doc.meta.name),
            Known::ShellCheck(_) => None,
        }
    }

    /// Where the rule is documented.
    pub fn url(&self) -> String {
        match self {
            Known::Builtin(doc) => doc.url(),
            Known::ShellCheck(code) => format!("{SHELLCHECK_WIKI_URL}{code}"),
        }
    }
}

/// The document of the built-in rule with this exact code.
pub fn doc(code: &str) -> Option<&'static RuleDoc> {
    DOCS.iter().find(|doc| doc.meta.code == code)
}

/// Whether `code` is a ShellCheck code: `SC` and four digits, such as `SC2086`.
pub fn is_external(code: &str) -> bool {
    let Some(digits) = code.strip_prefix("SC") else {
        return false;
    };
    digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Resolves a built-in rule's code (in any case) or name, or a ShellCheck code.
pub fn lookup(code_or_name: &str) -> Option<Known> {
    let builtin = DOCS.iter().find(|doc| {
        doc.meta.code.eq_ignore_ascii_case(code_or_name) || doc.meta.name == code_or_name
    });
    if let Some(doc) = builtin {
        return Some(Known::Builtin(doc));
    }
    let code = code_or_name.to_ascii_uppercase();
    is_external(&code).then_some(Known::ShellCheck(code))
}

/// The rules whose documents list `word` among their aliases: other linters' identifiers for
/// the same check. Several rules may share one (a Checkov check that two of ours split), so
/// every one is returned. Case does not matter, and Trivy's ids match in each of the forms
/// Trivy has used: `KSV017`, `KSV-0017`, `AVD-KSV-0017`.
pub fn aliased(word: &str) -> impl Iterator<Item = &'static RuleDoc> {
    let key = alias_key(word);
    DOCS.iter()
        .filter(move |doc| doc.aliases.iter().any(|alias| alias_key(alias) == key))
}

/// An alias in one form for comparing: uppercase, and a Trivy id as its prefix and number.
fn alias_key(alias: &str) -> String {
    let upper = alias.to_ascii_uppercase();
    let bare = upper.strip_prefix("AVD-").unwrap_or(&upper);
    let letters = bare.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
    let digits = bare[letters.len()..].trim_start_matches('-');
    let trivy = ["KSV", "KCV", "DS"].contains(&letters)
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit());
    match trivy {
        true => format!("{letters}-{}", digits.trim_start_matches('0')),
        false => upper,
    }
}

/// Whether a selector, as `select`, `ignore` and suppressions take them, covers the rule with
/// this code and name: `all`, the exact name, or the code or a prefix of it (`DL3`, `DL`,
/// `SL1`), in any case.
pub fn matches_selector(selector: &str, code: &str, name: &str) -> bool {
    if selector == "all" || selector == name {
        return true;
    }
    let prefix = code.get(..selector.len());
    !selector.is_empty() && prefix.is_some_and(|p| p.eq_ignore_ascii_case(selector))
}

/// Whether a selector covers at least one rule that exists: a built-in rule (by code, code
/// prefix or name), a ShellCheck code or prefix of one (`SC`, `SC2`), or `all`. User rules are
/// the config's to add.
pub fn is_known_selector(selector: &str) -> bool {
    if selector.is_empty() {
        return false;
    }
    let upper = selector.to_ascii_uppercase();
    let shellcheck = upper
        .strip_prefix("SC")
        .is_some_and(|digits| digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit()));
    shellcheck
        || selector == "all"
        || DOCS
            .iter()
            .any(|doc| matches_selector(selector, doc.meta.code, doc.meta.name))
}

/// The README's rules table, in Markdown: one row a rule, its code linked to its document.
pub fn readme_table() -> String {
    let mut out = String::from(
        "| Code | Name | Severity | On by default | Category | Summary |\n\
         |------|------|----------|---------------|----------|---------|\n",
    );
    for doc in DOCS {
        let meta = &doc.meta;
        let cells = [
            format!("[{code}](rules/{code}.md)", code = meta.code),
            format!("`{}`", meta.name),
            meta.severity.to_string(),
            if meta.enabled { "yes" } else { "no" }.to_owned(),
            meta.category.as_str().to_owned(),
            doc.summary().replace('|', "\\|"),
        ];
        out += &format!("| {} |\n", cells.join(" | "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        let cases: &[(&str, bool)] = &[
            ("all", true),
            ("DL3008", true),
            ("dl3008", true),
            ("DL3", true),
            ("DL", true),
            ("unpinned-apt-get-package", true),
            ("DL3009", false),
            ("DL30081", false),
            ("SL", false),
            ("unpinned", false),
            ("", false),
        ];
        for &(selector, expected) in cases {
            let got = matches_selector(selector, "DL3008", "unpinned-apt-get-package");
            assert_eq!(got, expected, "{selector}");
        }
    }

    #[test]
    fn lookups() {
        let cases: &[(&str, Option<&str>)] = &[
            ("DL3008", Some("DL3008")),
            ("dl3008", Some("DL3008")),
            ("unpinned-apt-get-package", Some("DL3008")),
            ("SL0001", Some("SL0001")),
            ("SC2086", Some("SC2086")),
            ("sc1091", Some("SC1091")),
            ("SC208", None),
            ("SC20866", None),
            ("DL9999", None),
            ("latest", None),
            ("", None),
        ];
        for &(text, expected) in cases {
            let got = lookup(text);
            assert_eq!(got.as_ref().map(Known::code), expected, "{text}");
        }
    }

    #[test]
    fn alias_keys() {
        let cases = [
            ("KSV017", "KSV-17"),
            ("ksv-0017", "KSV-17"),
            ("AVD-KSV-0017", "KSV-17"),
            ("DS002", "DS-2"),
            ("CKV_K8S_16", "CKV_K8S_16"),
            ("privileged-container", "PRIVILEGED-CONTAINER"),
            ("KSV", "KSV"),
        ];
        for (alias, key) in cases {
            assert_eq!(alias_key(alias), key, "{alias}");
        }
    }

    #[test]
    fn urls() {
        let dl3002 = lookup("root-final-user").unwrap();
        assert_eq!(
            dl3002.url(),
            "https://github.com/shiplint/shiplint/blob/main/rules/DL3002.md"
        );
        let sc = lookup("SC2086").unwrap();
        assert_eq!(sc.url(), "https://www.shellcheck.net/wiki/SC2086");
        assert_eq!(sc.name(), None);
    }

    #[test]
    fn known_selectors() {
        let cases: &[(&str, bool)] = &[
            ("all", true),
            ("DL", true),
            ("dl3", true),
            ("SL1002", true),
            ("missing-user", true),
            ("SC", true),
            ("SC2", true),
            ("SC2086", true),
            ("SC20866", false),
            ("XY", false),
            ("DL9", false),
            ("missing", false),
            ("", false),
        ];
        for &(selector, expected) in cases {
            assert_eq!(is_known_selector(selector), expected, "{selector}");
        }
    }

    #[test]
    fn code_blocks() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Text\n```dockerfile\nFROM a\nRUN b\n```\nMore",
                Some("FROM a\nRUN b\n"),
            ),
            ("```\n```\n", Some("")),
            ("```dockerfile\nFROM a\n", None),
            ("No code here", None),
        ];
        for &(section, expected) in cases {
            assert_eq!(first_code_block(section), expected, "{section}");
        }
    }

    #[test]
    fn sections_ignore_headings_inside_fences() {
        let doc = RuleDoc {
            body: "## What it does\nFinds a. Then b.\n\n## Example\n```\n## not a heading\n```\n",
            ..DOCS[0]
        };
        let titles: Vec<&str> = doc.sections().into_iter().map(|(t, _)| t).collect();
        assert_eq!(titles, ["What it does", "Example"]);
        assert_eq!(doc.summary(), "Finds a.");
        assert_eq!(doc.example(), Some("## not a heading\n"));
    }

    #[test]
    fn readme_table_has_a_row_per_rule() {
        let table = readme_table();
        assert_eq!(table.lines().count(), DOCS.len() + 2);
        assert!(
            table.contains("| [DL3057](rules/DL3057.md) | `missing-healthcheck` | info | yes |")
        );
    }
}
