//! SL3106: a `hostPath` volume: the pod reads or writes the node's file system. Paths that
//! SL3107 (runtime sockets) or SL3108 (sensitive folders) report are left to them.

use super::{Context, runtime_socket_mount, sensitive_host_path};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::yaml::Node;

pub const RULE: RuleMeta = catalog::SL3106;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, pod) in cx.pods() {
        for (volume, path) in host_paths(pod.volumes()) {
            let text = path.as_text().unwrap_or("");
            if runtime_socket_mount::is_socket(text) || sensitive_host_path::is_sensitive(text) {
                continue;
            }
            let message = format!("Volume `{volume}` mounts the host path `{text}`");
            out.push(Diagnostic::new(&RULE, path.span, message));
        }
    }
}

/// Each `hostPath` volume's name and `path` value node.
pub fn host_paths(volumes: &[Node]) -> impl Iterator<Item = (&str, &Node)> {
    volumes.iter().filter_map(|volume| {
        let path = volume.get_path(&["hostPath", "path"])?;
        path.as_text()?;
        let name = volume.get("name").and_then(Node::as_text).unwrap_or("-");
        Some((name, path))
    })
}
