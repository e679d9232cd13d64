//! SL2112: two services ask for the same `container_name`; Docker refuses to create the second.

use std::collections::HashMap;

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::model::compose::{FileId, Text};
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2112;

/// Each repeat is reported, with the first use as a label when it is in the same file.
pub fn check(cx: &Context, out: &mut Findings) {
    let mut first: HashMap<String, (FileId, Text)> = HashMap::new();
    for service in &cx.project.services {
        let Some(name) = service.text("container_name") else {
            continue;
        };
        let Some(value) = name.value.clone().filter(|v| !v.is_empty()) else {
            continue;
        };
        let Some((file, earlier)) = first.get(&value) else {
            first.insert(value, (name.file, name));
            continue;
        };
        let message = format!("Container name `{value}` is already used by another service");
        let mut diagnostic = Diagnostic::new(&RULE, name.span, message);
        if *file == name.file {
            diagnostic = diagnostic.with_label(earlier.span, "first used here");
        }
        out.push(name.file, diagnostic);
    }
}
