//! SL2003: a secret written into the Compose file, in `environment` or `build.args`.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::model::compose::EnvVar;
use crate::rules::secrets;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2003;

/// A variable fires when its name says it holds a secret and its value is a literal that looks
/// like one, or when its value has the shape of a known credential, whatever its name. A value
/// that names a variable (`${DB_PASSWORD}`) is filled in at run time and passes.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        for var in service.environment() {
            check_var(&var, "environment", out);
        }
        for var in service.build().map(|b| b.args).unwrap_or_default() {
            check_var(&var, "build.args", out);
        }
    }
}

fn check_var(var: &EnvVar, section: &str, out: &mut Findings) {
    let Some(value) = var.value.as_ref().filter(|v| v.literal) else {
        return;
    };
    let Some(text) = value.value.as_deref() else {
        return;
    };
    let message = if secrets::is_secret_name(&var.name) && secrets::is_literal_secret_value(text) {
        format!(
            "`{}` in `{section}` holds a literal secret `{}`",
            var.name,
            secrets::redact(text)
        )
    } else if let Some(found) = secrets::find_credentials(text).first() {
        format!(
            "`{}` in `{section}` holds a {} `{}`",
            var.name,
            found.kind,
            secrets::redact(&text[found.span.clone()])
        )
    } else {
        return;
    };
    out.push(value.file, Diagnostic::new(&RULE, value.span, message));
}
