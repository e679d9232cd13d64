//! SL3123: a workload whose selector does not match its own pod template's labels: the API
//! server rejects it (`apps/v1`), or the controller never sees the pods it creates.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::Object;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::yaml::{Entry, Node};

pub const RULE: RuleMeta = catalog::SL3123;

/// Kinds with a `matchLabels` / `matchExpressions` selector.
const LABEL_SELECTOR_KINDS: &[&str] = &["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"];
/// Kinds whose selector is a plain map of labels.
const MAP_SELECTOR_KINDS: &[&str] = &["ReplicationController", "DeploymentConfig"];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for object in &cx.objects {
        let Some(selector) = object.node.get_path(&["spec", "selector"]) else {
            continue;
        };
        let Some(labels) = object.pods.first().map(|pod| pod.labels()) else {
            continue;
        };
        if LABEL_SELECTOR_KINDS.contains(&object.kind) {
            let match_labels = selector.get("matchLabels").map_or(&[][..], Node::entries);
            report_labels(object, match_labels, labels, out);
            let expressions = selector
                .get("matchExpressions")
                .map_or(&[][..], Node::items);
            for expression in expressions.iter().filter(|e| !holds(e, labels)) {
                let message = format!(
                    "{} selects pods its template does not label",
                    object_label(object)
                );
                out.push(Diagnostic::new(&RULE, expression.span, message));
            }
        } else if MAP_SELECTOR_KINDS.contains(&object.kind) {
            report_labels(object, selector.entries(), labels, out);
        }
    }
}

fn report_labels(object: &Object, wanted: &[Entry], labels: &[Entry], out: &mut Vec<Diagnostic>) {
    for entry in wanted {
        let key = entry.key_str().unwrap_or("");
        let found = labels.iter().find(|l| l.key_str() == Some(key));
        if found.is_some_and(|l| l.value.as_str() == entry.value.as_str()) {
            continue;
        }
        let message = format!(
            "{} selects `{key}: {}`, which its pod template does not carry",
            object_label(object),
            entry.value.as_str().unwrap_or("")
        );
        out.push(Diagnostic::new(&RULE, entry.span(), message));
    }
}

/// Whether a `matchExpressions` requirement holds for the labels; unknown operators hold.
fn holds(expression: &Node, labels: &[Entry]) -> bool {
    let key = expression.get("key").and_then(Node::as_str);
    let value = labels
        .iter()
        .find(|l| l.key_str() == key)
        .and_then(|l| l.value.as_str());
    let values: Vec<&str> = expression
        .get("values")
        .map_or(&[][..], Node::items)
        .iter()
        .filter_map(Node::as_str)
        .collect();
    match expression.get("operator").and_then(Node::as_str) {
        Some("In") => value.is_some_and(|v| values.contains(&v)),
        Some("NotIn") => value.is_none_or(|v| !values.contains(&v)),
        Some("Exists") => value.is_some(),
        Some("DoesNotExist") => value.is_none(),
        _ => true,
    }
}
