//! Fingerprints that name a finding across commits, for SARIF's `partialFingerprints` and
//! GitLab's `fingerprint`.
//!
//! A fingerprint hashes the rule, the file's project path and the text of the finding's first
//! line with its indentation trimmed, plus which occurrence of that triple it is in the file.
//! It never contains a line number, so lines added or removed elsewhere leave it unchanged,
//! and it is the same on every platform and in every release (FNV-1a, a fixed function).

use std::collections::HashMap;

use super::FileReport;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// One fingerprint for each diagnostic of [`FileReport::sorted`], in that order.
pub fn fingerprints(report: &FileReport, path: &str) -> Vec<Fingerprint> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    report
        .sorted()
        .into_iter()
        .map(|diagnostic| {
            let hash = hash_parts(&[
                &diagnostic.code,
                path,
                line_text(&report.source, diagnostic),
            ]);
            let occurrence = seen.entry(hash).or_default();
            *occurrence += 1;
            Fingerprint {
                hash,
                occurrence: *occurrence,
            }
        })
        .collect()
}

/// A finding's line hash and which occurrence of it in the file it is, from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    pub hash: u64,
    pub occurrence: usize,
}

impl Fingerprint {
    /// `hash:occurrence`, the shape of GitHub's `primaryLocationLineHash`.
    pub fn line_hash(&self) -> String {
        format!("{:016x}:{}", self.hash, self.occurrence)
    }

    /// One hex string, salted: a writer that needs every fingerprint unique adds a salt until
    /// it is.
    pub fn salted(&self, salt: usize) -> String {
        let occurrence = self.occurrence.to_string();
        let salt = salt.to_string();
        let hash = hash_parts(&[&format!("{:016x}", self.hash), &occurrence, &salt]);
        format!("{:016x}{hash:016x}", self.hash)
    }
}

/// The text of the line where the diagnostic starts, without surrounding blanks.
fn line_text<'a>(source: &'a SourceFile, diagnostic: &Diagnostic) -> &'a str {
    let line = source
        .lines
        .line_of(diagnostic.span.start.min(source.text.len()));
    let start = source.lines.line_start(line);
    let end = match line + 1 < source.lines.line_count() {
        true => source.lines.line_start(line + 1),
        false => source.text.len(),
    };
    source.text[start..end].trim()
}

/// FNV-1a over the parts, each followed by a 0 byte so that `ab`+`c` and `a`+`bc` differ.
fn hash_parts(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::report::tests::diagnostic;

    fn report(text: &str, needles: &[&str]) -> FileReport {
        let source = SourceFile::new("Dockerfile", text);
        let diagnostics = needles
            .iter()
            .map(|needle| diagnostic(text, needle, Severity::Warning))
            .collect();
        FileReport {
            source,
            diagnostics,
        }
    }

    #[test]
    fn lines_added_above_leave_fingerprints_unchanged() {
        let before = report("FROM a\nRUN apt-get install curl\n", &["curl"]);
        let after = report(
            "# syntax=docker/dockerfile:1\nFROM a\n\n  RUN apt-get install curl\n",
            &["curl"],
        );
        assert_eq!(
            fingerprints(&before, "Dockerfile"),
            fingerprints(&after, "Dockerfile")
        );
        assert_ne!(
            fingerprints(&before, "Dockerfile"),
            fingerprints(&before, "other/Dockerfile")
        );
    }

    #[test]
    fn repeated_lines_count_occurrences() {
        let text = "FROM a\nRUN x\nRUN x\n";
        let mut twice = report(text, &["RUN x"]);
        let mut second = twice.diagnostics[0].clone();
        second.span = crate::source::Span::new(13, 18);
        twice.diagnostics.push(second);

        let prints = fingerprints(&twice, "Dockerfile");
        assert_eq!(prints[0].hash, prints[1].hash);
        assert_eq!((prints[0].occurrence, prints[1].occurrence), (1, 2));
        assert_eq!(prints[0].line_hash().len(), 18);
        assert_ne!(prints[0].salted(0), prints[1].salted(0));
        assert_ne!(prints[0].salted(0), prints[0].salted(1));
    }
}
