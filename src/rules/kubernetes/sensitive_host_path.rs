//! SL3108: a `hostPath` volume of a folder that holds the node's system, configuration or
//! credentials: `/`, `/etc`, `/proc`, `/var/lib/kubelet` and the others of [`SENSITIVE`].

use super::Context;
use super::host_path_volume::host_paths;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3108;

/// Host folders whose contents let a pod take over or read the secrets of the node.
const SENSITIVE: &[&str] = &[
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/etc/kubernetes",
    "/home",
    "/lib",
    "/lib64",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/sys",
    "/usr",
    "/var",
    "/var/run",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/lib/kubelet",
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, pod) in cx.pods() {
        for (volume, path) in host_paths(pod.volumes()) {
            let text = path.as_text().unwrap_or("");
            if is_sensitive(text) {
                let message = format!("Volume `{volume}` mounts the sensitive host path `{text}`");
                out.push(Diagnostic::new(&RULE, path.span, message));
            }
        }
    }
}

/// Whether a host path is one of the sensitive folders, trailing slashes aside.
pub fn is_sensitive(path: &str) -> bool {
    let trimmed = path.trim_end_matches('/');
    let path = if trimmed.is_empty() && path.starts_with('/') {
        "/"
    } else {
        trimmed
    };
    SENSITIVE.contains(&path)
}
