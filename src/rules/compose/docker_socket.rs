//! SL2106: a service mounts the Docker socket (or another container runtime's), which is root
//! on the host.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::model::compose::MountKind;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2106;

/// The sockets of Docker, containerd, CRI-O and Podman, by file name.
const SOCKETS: &[&str] = &["docker.sock", "containerd.sock", "crio.sock", "podman.sock"];

pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        for mount in service.volumes() {
            if mount.kind != MountKind::Bind {
                continue;
            }
            let Some(source) = mount.source.as_ref().and_then(|s| s.value.as_deref()) else {
                continue;
            };
            if !is_runtime_socket(source) {
                continue;
            }
            let message = format!("Mounting `{source}` gives the container control of the host");
            out.push(mount.file, Diagnostic::new(&RULE, mount.span, message));
        }
    }
}

pub(super) fn is_runtime_socket(path: &str) -> bool {
    let name = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    SOCKETS.contains(&name)
}
