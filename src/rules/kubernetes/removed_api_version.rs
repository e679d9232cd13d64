//! SL3119: an `apiVersion` that Kubernetes has removed for the object's kind: the API server
//! of any supported release rejects the manifest.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3119;

/// `(apiVersion, kinds, removed in, replacement)`; no kinds means every kind of that version.
/// From the Kubernetes deprecated API migration guide.
const REMOVED: &[(&str, &[&str], &str, &str)] = &[
    (
        "extensions/v1beta1",
        &["Deployment", "DaemonSet", "ReplicaSet"],
        "1.16",
        "apps/v1",
    ),
    (
        "extensions/v1beta1",
        &["NetworkPolicy"],
        "1.16",
        "networking.k8s.io/v1",
    ),
    (
        "extensions/v1beta1",
        &["PodSecurityPolicy"],
        "1.16",
        "Pod Security Admission",
    ),
    (
        "extensions/v1beta1",
        &["Ingress"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    ("apps/v1beta1", &[], "1.16", "apps/v1"),
    ("apps/v1beta2", &[], "1.16", "apps/v1"),
    ("batch/v2alpha1", &["CronJob"], "1.21", "batch/v1"),
    ("batch/v1beta1", &["CronJob"], "1.25", "batch/v1"),
    (
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    (
        "rbac.authorization.k8s.io/v1beta1",
        &[],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    (
        "rbac.authorization.k8s.io/v1alpha1",
        &[],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    (
        "apiextensions.k8s.io/v1beta1",
        &[],
        "1.22",
        "apiextensions.k8s.io/v1",
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        &[],
        "1.22",
        "admissionregistration.k8s.io/v1",
    ),
    (
        "apiregistration.k8s.io/v1beta1",
        &[],
        "1.22",
        "apiregistration.k8s.io/v1",
    ),
    (
        "authentication.k8s.io/v1beta1",
        &[],
        "1.22",
        "authentication.k8s.io/v1",
    ),
    (
        "authorization.k8s.io/v1beta1",
        &[],
        "1.22",
        "authorization.k8s.io/v1",
    ),
    (
        "certificates.k8s.io/v1beta1",
        &[],
        "1.22",
        "certificates.k8s.io/v1",
    ),
    (
        "coordination.k8s.io/v1beta1",
        &[],
        "1.22",
        "coordination.k8s.io/v1",
    ),
    (
        "storage.k8s.io/v1beta1",
        &["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"],
        "1.22",
        "storage.k8s.io/v1",
    ),
    (
        "storage.k8s.io/v1beta1",
        &["CSIStorageCapacity"],
        "1.27",
        "storage.k8s.io/v1",
    ),
    (
        "policy/v1beta1",
        &["PodDisruptionBudget"],
        "1.25",
        "policy/v1",
    ),
    (
        "policy/v1beta1",
        &["PodSecurityPolicy"],
        "1.25",
        "Pod Security Admission",
    ),
    (
        "discovery.k8s.io/v1beta1",
        &[],
        "1.25",
        "discovery.k8s.io/v1",
    ),
    ("events.k8s.io/v1beta1", &[], "1.25", "events.k8s.io/v1"),
    ("autoscaling/v2beta1", &[], "1.25", "autoscaling/v2"),
    ("autoscaling/v2beta2", &[], "1.26", "autoscaling/v2"),
    ("node.k8s.io/v1beta1", &[], "1.25", "node.k8s.io/v1"),
    (
        "flowcontrol.apiserver.k8s.io/v1beta1",
        &[],
        "1.26",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    (
        "flowcontrol.apiserver.k8s.io/v1beta2",
        &[],
        "1.29",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    (
        "flowcontrol.apiserver.k8s.io/v1beta3",
        &[],
        "1.32",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for object in &cx.objects {
        let Some((_, _, removed, instead)) = REMOVED.iter().find(|(version, kinds, _, _)| {
            *version == object.api_version && (kinds.is_empty() || kinds.contains(&object.kind))
        }) else {
            continue;
        };
        let Some(node) = object.node.get("apiVersion") else {
            continue;
        };
        let message = format!(
            "`{}` `{}` was removed in Kubernetes {removed}",
            object.api_version, object.kind
        );
        let help = format!("Use `{instead}` instead");
        out.push(Diagnostic::new(&RULE, node.span, message).with_help(help));
    }
}
