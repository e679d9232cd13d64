//! SL3107: a `hostPath` volume of the container runtime's socket (Docker, containerd, CRI-O,
//! Podman): whoever talks to it can start a privileged container on the node.

use super::Context;
use super::host_path_volume::host_paths;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3107;

/// The sockets' file names, and the folders that hold them.
const SOCKETS: &[&str] = &[
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "cri-dockerd.sock",
    "podman.sock",
];
const SOCKET_FOLDERS: &[&str] = &[
    "/var/run/docker",
    "/run/docker",
    "/var/run/containerd",
    "/run/containerd",
    "/var/run/crio",
    "/run/crio",
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, pod) in cx.pods() {
        for (volume, path) in host_paths(pod.volumes()) {
            let text = path.as_text().unwrap_or("");
            if is_socket(text) {
                let message =
                    format!("Volume `{volume}` mounts the container runtime socket `{text}`");
                out.push(Diagnostic::new(&RULE, path.span, message));
            }
        }
    }
}

/// Whether a host path is a runtime socket or the folder holding one.
pub fn is_socket(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let name = path.rsplit('/').next().unwrap_or(path);
    SOCKETS.contains(&name) || SOCKET_FOLDERS.contains(&path)
}
