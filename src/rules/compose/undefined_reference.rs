//! SL2114: a service uses a network, volume, secret or config that no top-level section
//! declares; Compose refuses the project.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::model::compose::MountKind;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2114;

/// The `default` network always exists. Declarations in the override, in included files and
/// in the default file an override applies to count. A project without the top-level section
/// at all is taken for a fragment meant to be combined with others by `-f`, which declare what
/// it uses, and is left alone (see the rule's Known problems).
pub fn check(cx: &Context, out: &mut Findings) {
    for section in ["networks", "secrets", "configs"] {
        if !has_section(cx, section) {
            continue;
        }
        let declared = cx.project.declared(section);
        for service in &cx.project.services {
            for (file, span, name) in service.references(section) {
                let implicit = section == "networks" && name == "default";
                if name.is_empty() || implicit || declared.contains(name.as_str()) {
                    continue;
                }
                let message = format!(
                    "{} `{name}` is not declared in top-level `{section}`",
                    kind(section)
                );
                out.push(file, Diagnostic::new(&RULE, span, message));
            }
        }
    }

    if !has_section(cx, "volumes") {
        return;
    }
    let volumes = cx.project.declared("volumes");
    for service in &cx.project.services {
        for mount in service.volumes() {
            if mount.kind != MountKind::Volume {
                continue;
            }
            let Some(source) = mount.source.as_ref().and_then(|s| s.value.as_deref()) else {
                continue;
            };
            if source.is_empty() || volumes.contains(source) {
                continue;
            }
            let message = format!("Volume `{source}` is not declared in top-level `volumes`");
            out.push(mount.file, Diagnostic::new(&RULE, mount.span, message));
        }
    }
}

/// Whether a project file has the top-level section, even empty.
fn has_section(cx: &Context, section: &str) -> bool {
    let loaded = cx.project.loaded;
    loaded.roots.iter().any(|&file| {
        loaded.files[file]
            .root()
            .is_some_and(|r| r.get(section).is_some())
    })
}

fn kind(section: &str) -> &'static str {
    match section {
        "networks" => "Network",
        "secrets" => "Secret",
        _ => "Config",
    }
}
