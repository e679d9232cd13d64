//! The Compose rules: what a service will run with.
//!
//! Rules read the resolved [`Project`]: every service merged from its files, values
//! interpolated, and what its Dockerfile says. A finding belongs to the file its value was
//! written in, which may be an override, an extended or an included file.

use crate::config::{Config, Selection};
use crate::diagnostic::Diagnostic;
use crate::model::compose::{FileId, Project, Service};
use crate::rules::RuleMeta;
use crate::source::Span;

mod added_capabilities;
mod capabilities_not_dropped;
mod docker_socket;
mod duplicate_container_name;
mod duplicate_host_port;
mod host_namespace;
mod latest_image;
mod literal_secret;
mod missing_healthcheck;
mod missing_resource_limits;
mod no_new_privileges;
mod port_all_interfaces;
mod privileged;
mod root_user;
mod sensitive_mount;
mod unconfined;
mod undefined_reference;
mod writable_root_filesystem;

/// A Compose rule: its metadata and the function that checks a project.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Context, &mut Findings),
}

/// What a Compose rule sees.
pub struct Context<'a> {
    pub project: &'a Project<'a>,
    /// The settings that apply to the linted file, for the rules that take options.
    pub config: &'a Config,
}

/// Findings sorted by the file they belong to.
#[derive(Debug, Default)]
pub struct Findings {
    /// Indexed by [`FileId`].
    pub by_file: Vec<Vec<Diagnostic>>,
}

impl Findings {
    pub fn new(files: usize) -> Self {
        Findings {
            by_file: vec![Vec::new(); files],
        }
    }

    pub fn push(&mut self, file: FileId, diagnostic: Diagnostic) {
        if let Some(list) = self.by_file.get_mut(file) {
            list.push(diagnostic);
        }
    }
}

macro_rules! rule {
    ($module:ident) => {
        Rule {
            meta: &$module::RULE,
            check: $module::check,
        }
    };
}

/// Every built-in Compose rule, by code.
pub const RULES: &[Rule] = &[
    rule!(root_user),
    rule!(latest_image),
    rule!(literal_secret),
    rule!(missing_healthcheck),
    rule!(privileged),
    rule!(no_new_privileges),
    rule!(added_capabilities),
    rule!(capabilities_not_dropped),
    rule!(host_namespace),
    rule!(docker_socket),
    rule!(sensitive_mount),
    rule!(writable_root_filesystem),
    rule!(unconfined),
    rule!(missing_resource_limits),
    rule!(port_all_interfaces),
    rule!(duplicate_container_name),
    rule!(duplicate_host_port),
    rule!(undefined_reference),
];

/// Runs the selected Compose rules on a project.
pub fn check(cx: &Context, selection: &Selection, out: &mut Findings) {
    for rule in RULES {
        if selection.is_enabled(rule.meta.code, rule.meta.name, rule.meta.enabled) {
            (rule.check)(cx, out);
        }
    }
}

/// Where a finding about something a service lacks points: the service's key.
pub fn service_key(service: &Service) -> (FileId, Span) {
    (service.key.file, service.key.node.span)
}
