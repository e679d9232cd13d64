//! SL2001: a service runs as root: its `user` says so, or, without `user`, the Dockerfile it
//! builds never switches to an unprivileged user.

use super::{Context, Findings, service_key};
use crate::diagnostic::Diagnostic;
use crate::model::compose::Service;
use crate::model::dockerfile::is_root_user;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL2001;

/// A service that only names an image is left alone: the image's own USER is not known here.
pub fn check(cx: &Context, out: &mut Findings) {
    for service in &cx.project.services {
        check_service(service, out);
    }
}

fn check_service(service: &Service, out: &mut Findings) {
    if let Some(user) = service.user() {
        let Some(value) = user.value.as_deref() else {
            return;
        };
        if is_root_user(value) {
            let message = format!("`user: {value}` runs the container as root");
            out.push(user.file, Diagnostic::new(&RULE, user.span, message));
        }
        return;
    }

    let Some(built) = &service.built else { return };
    if built.runs_as_root != Some(true) {
        return;
    }
    let (file, span) = service_key(service);
    let message = format!(
        "Service `{}` sets no `user` and its Dockerfile runs as root",
        service.name
    );
    out.push(file, Diagnostic::new(&RULE, span, message));
}
