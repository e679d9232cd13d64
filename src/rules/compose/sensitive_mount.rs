//! SL2107: a service mounts a sensitive folder of the host: its root, its configuration, the
//! kernel's views of processes and devices, root's home or the runtime's state.

use super::{Context, Findings};
use crate::diagnostic::Diagnostic;
use crate::model::compose::{Mount, MountKind};
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2107;

/// Folders whose mount, whole, hands the container the host.
const WHOLE: &[&str] = &[
    "/",
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    "/boot",
    "/root",
    "/var/run",
    "/run",
    "/var/lib/docker",
    "/usr",
    "/lib",
    "/bin",
    "/sbin",
    "/home",
    "/var",
];

/// Folders below which any mount is sensitive.
const BELOW: &[&str] = &["/proc", "/sys", "/boot", "/root", "/var/lib/docker"];

/// Files of `/etc` that containers commonly read to follow the host's clock.
const CLOCK_FILES: &[&str] = &["/etc/localtime", "/etc/timezone"];

/// Runtime sockets are left to SL2106. Below `/etc`, only writable mounts fire: a read-only
/// certificate or configuration file is the usual way to hand one in.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        for mount in service.volumes() {
            let Some(path) = sensitive(&mount) else {
                continue;
            };
            let message = format!("Bind mount of `{path}` exposes a sensitive host folder");
            out.push(mount.file, Diagnostic::new(&RULE, mount.span, message));
        }
    }
}

fn sensitive(mount: &Mount) -> Option<String> {
    if mount.kind != MountKind::Bind {
        return None;
    }
    let source = mount.source.as_ref()?.value.as_deref()?;
    let path = normal(source);
    if super::docker_socket::is_runtime_socket(&path) || CLOCK_FILES.contains(&path.as_str()) {
        return None;
    }
    let below = |dir: &&str| path.starts_with(&format!("{dir}/"));
    let fires = WHOLE.contains(&path.as_str())
        || BELOW.iter().any(below)
        || (!mount.read_only && below(&"/etc"));
    fires.then_some(path)
}

/// The path without trailing slashes, `.` parts or doubled slashes.
fn normal(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    if !path.starts_with('/') {
        return path.to_string();
    }
    format!("/{}", parts.join("/"))
}
