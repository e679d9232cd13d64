//! The Kubernetes rules: what a workload's containers will run with, and the objects around
//! them.
//!
//! Rules see the file's objects through [`crate::model::kubernetes`]. Checks across objects
//! (a Service that selects no pods, a service account nobody defines) look at the objects of
//! one file only: the driver lints file by file.

use crate::config::Selection;
use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::{self, Container, Object, PodSpec};
use crate::rules::{RuleMeta, YamlContext};

mod capabilities_not_dropped;
mod cluster_admin_binding;
mod dangerous_capability;
mod deprecated_service_account_field;
mod duplicate_container_name;
mod duplicate_env;
mod duplicate_host_port;
mod host_namespace;
mod host_path_volume;
mod host_port;
mod image_latest;
mod literal_secret;
mod missing_limits;
mod missing_requests;
mod privilege_escalation;
mod privileged;
mod pull_policy_mutable_tag;
mod rbac_wildcard;
mod removed_api_version;
mod running_as_root;
mod runtime_socket_mount;
mod selector_mismatch;
mod sensitive_host_path;
mod service_account_token;
mod service_selects_no_pods;
mod unconfined_apparmor;
mod unconfined_seccomp;
mod undefined_service_account;
mod without_probe;
mod writable_root_filesystem;

/// What a Kubernetes rule sees: the file and its objects.
pub struct Context<'a> {
    pub yaml: &'a YamlContext<'a>,
    pub objects: Vec<Object<'a>>,
}

impl<'a> Context<'a> {
    /// Every container of every pod spec, with the object and pod it belongs to.
    pub fn containers(&self) -> impl Iterator<Item = (&Object<'a>, &PodSpec<'a>, &Container<'a>)> {
        self.pods()
            .flat_map(|(object, pod)| pod.containers.iter().map(move |c| (object, pod, c)))
    }

    /// Every pod spec, with its object.
    pub fn pods(&self) -> impl Iterator<Item = (&Object<'a>, &PodSpec<'a>)> {
        self.objects
            .iter()
            .flat_map(|object| object.pods.iter().map(move |pod| (object, pod)))
    }

    /// The objects of a kind.
    pub fn of_kind<'s>(&'s self, kind: &'s str) -> impl Iterator<Item = &'s Object<'a>> {
        self.objects.iter().filter(move |o| o.kind == kind)
    }
}

/// A Kubernetes rule: its metadata and the function that checks a file.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

/// Every built-in Kubernetes rule, by code.
pub const RULES: &[Rule] = &[
    rule(&running_as_root::RULE, running_as_root::check),
    rule(&image_latest::RULE, image_latest::check),
    rule(&literal_secret::RULE, literal_secret::check),
    rule(&without_probe::RULE, without_probe::check),
    rule(&privileged::RULE, privileged::check),
    rule(&privilege_escalation::RULE, privilege_escalation::check),
    rule(&dangerous_capability::RULE, dangerous_capability::check),
    rule(
        &capabilities_not_dropped::RULE,
        capabilities_not_dropped::check,
    ),
    rule(&host_namespace::RULE, host_namespace::check),
    rule(&host_path_volume::RULE, host_path_volume::check),
    rule(&runtime_socket_mount::RULE, runtime_socket_mount::check),
    rule(&sensitive_host_path::RULE, sensitive_host_path::check),
    rule(
        &writable_root_filesystem::RULE,
        writable_root_filesystem::check,
    ),
    rule(&unconfined_seccomp::RULE, unconfined_seccomp::check),
    rule(&unconfined_apparmor::RULE, unconfined_apparmor::check),
    rule(&missing_limits::RULE, missing_limits::check),
    rule(&missing_requests::RULE, missing_requests::check),
    rule(&host_port::RULE, host_port::check),
    rule(&duplicate_host_port::RULE, duplicate_host_port::check),
    rule(
        &duplicate_container_name::RULE,
        duplicate_container_name::check,
    ),
    rule(&service_account_token::RULE, service_account_token::check),
    rule(
        &pull_policy_mutable_tag::RULE,
        pull_policy_mutable_tag::check,
    ),
    rule(&removed_api_version::RULE, removed_api_version::check),
    rule(&rbac_wildcard::RULE, rbac_wildcard::check),
    rule(&cluster_admin_binding::RULE, cluster_admin_binding::check),
    rule(
        &service_selects_no_pods::RULE,
        service_selects_no_pods::check,
    ),
    rule(&selector_mismatch::RULE, selector_mismatch::check),
    rule(
        &undefined_service_account::RULE,
        undefined_service_account::check,
    ),
    rule(
        &deprecated_service_account_field::RULE,
        deprecated_service_account_field::check,
    ),
    rule(&duplicate_env::RULE, duplicate_env::check),
];

const fn rule(meta: &'static RuleMeta, check: fn(&Context, &mut Vec<Diagnostic>)) -> Rule {
    Rule { meta, check }
}

/// Runs the selected Kubernetes rules on a file of manifests.
pub fn check(cx: &YamlContext, selection: &Selection, out: &mut Vec<Diagnostic>) {
    let paths = &cx.config.kubernetes.pod_spec_paths;
    let context = Context {
        yaml: cx,
        objects: kubernetes::objects(cx.stream, paths),
    };
    for rule in RULES {
        if selection.is_enabled(rule.meta.code, rule.meta.name, rule.meta.enabled) {
            (rule.check)(&context, out);
        }
    }
}

/// How a container is named in messages: `Container `web``, `Init container `setup``.
pub fn container_label(container: &Container) -> String {
    let kind = match container.kind {
        kubernetes::ContainerKind::Regular => "Container",
        kubernetes::ContainerKind::Init => "Init container",
        kubernetes::ContainerKind::Ephemeral => "Ephemeral container",
    };
    format!("{kind} `{}`", container.display_name())
}

/// How an object is named in messages: `Deployment `web``.
pub fn object_label(object: &Object) -> String {
    format!("{} `{}`", object.kind, object.display_name())
}
