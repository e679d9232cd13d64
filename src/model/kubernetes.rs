//! What Kubernetes manifests will run: objects, the pod specs inside them, their containers,
//! and the security settings each container ends up with.
//!
//! The model borrows the YAML tree and keeps the nodes it read, so that a rule can point at the
//! exact key or value. Objects are per YAML document; a `List` (or `DeploymentList`, …)
//! document gives one object per item. Pod specs are found through a table of paths per kind
//! ([`BUILTIN_POD_SPEC_PATHS`], extended by the `[kubernetes] pod-spec-paths` setting), so a
//! custom resource that embeds a pod template is checked like a Deployment.

use crate::source::Span;
use crate::syntax::yaml::{Entry, Node, Stream};

/// Where the pod specs of a kind live: `(group, kind, paths)`. A `None` group matches any
/// apiVersion, which keeps deprecated versions (`extensions/v1beta1` Deployments) modelled.
/// A path is dot-separated keys; `[]` after a key walks every item of that sequence.
pub const BUILTIN_POD_SPEC_PATHS: &[(Option<&str>, &str, &[&str])] = &[
    (None, "Pod", &["spec"]),
    (None, "PodTemplate", &["template.spec"]),
    (None, "Deployment", &["spec.template.spec"]),
    (None, "StatefulSet", &["spec.template.spec"]),
    (None, "DaemonSet", &["spec.template.spec"]),
    (None, "ReplicaSet", &["spec.template.spec"]),
    (None, "ReplicationController", &["spec.template.spec"]),
    (None, "Job", &["spec.template.spec"]),
    (None, "CronJob", &["spec.jobTemplate.spec.template.spec"]),
    (None, "DeploymentConfig", &["spec.template.spec"]),
    (Some("argoproj.io"), "Workflow", &["spec.templates[]"]),
    (
        Some("argoproj.io"),
        "WorkflowTemplate",
        &["spec.templates[]"],
    ),
    (
        Some("argoproj.io"),
        "ClusterWorkflowTemplate",
        &["spec.templates[]"],
    ),
    (
        Some("argoproj.io"),
        "CronWorkflow",
        &["spec.workflowSpec.templates[]"],
    ),
    (
        Some("jobset.x-k8s.io"),
        "JobSet",
        &["spec.replicatedJobs[].template.spec.template.spec"],
    ),
];

/// Kinds whose pods run to completion: their containers need no probes.
const BATCH_KINDS: &[&str] = &[
    "Job",
    "CronJob",
    "Workflow",
    "WorkflowTemplate",
    "ClusterWorkflowTemplate",
    "CronWorkflow",
    "JobSet",
];

/// Kinds whose pods are meant to keep running.
const LONG_RUNNING_KINDS: &[&str] = &[
    "Pod",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "DeploymentConfig",
];

/// Security-context keys a pod may set for all its containers; the container's own value wins.
const POD_LEVEL_KEYS: &[&str] = &[
    "runAsUser",
    "runAsGroup",
    "runAsNonRoot",
    "seLinuxOptions",
    "seccompProfile",
    "appArmorProfile",
    "windowsOptions",
];

/// Every object of a file, in document order.
pub fn objects<'a>(stream: &'a Stream, extra_paths: &[(String, Vec<String>)]) -> Vec<Object<'a>> {
    let mut out = Vec::new();
    for document in &stream.documents {
        collect(&document.root, extra_paths, &mut out);
    }
    out
}

fn collect<'a>(root: &'a Node, extra: &[(String, Vec<String>)], out: &mut Vec<Object<'a>>) {
    let Some(kind) = root.get("kind").and_then(Node::as_text) else {
        return;
    };
    let items = root.get("items").and_then(Node::as_sequence);
    if let Some(items) = items.filter(|_| kind.ends_with("List")) {
        for item in items {
            collect(item, extra, out);
        }
        return;
    }
    if root.get("apiVersion").is_some() {
        out.push(Object::new(root, kind, extra));
    }
}

/// One Kubernetes object.
#[derive(Debug)]
pub struct Object<'a> {
    /// The object's mapping.
    pub node: &'a Node,
    pub api_version: &'a str,
    pub kind: &'a str,
    /// The `metadata.name` value node, else `metadata.generateName`'s.
    pub name: Option<&'a Node>,
    pub namespace: Option<&'a str>,
    /// The pod specs the object carries: one for a workload, several for an Argo workflow.
    pub pods: Vec<PodSpec<'a>>,
}

impl<'a> Object<'a> {
    fn new(node: &'a Node, kind: &'a str, extra: &[(String, Vec<String>)]) -> Object<'a> {
        let api_version = node.get("apiVersion").and_then(Node::as_text).unwrap_or("");
        let mut object = Object {
            node,
            api_version,
            kind,
            name: node
                .get_path(&["metadata", "name"])
                .or_else(|| node.get_path(&["metadata", "generateName"])),
            namespace: node
                .get_path(&["metadata", "namespace"])
                .and_then(Node::as_text),
            pods: Vec::new(),
        };
        for path in pod_spec_paths(api_version, kind, extra) {
            walk(node, None, &split_path(&path), &mut |spec, parent| {
                object.pods.push(PodSpec::new(spec, parent));
            });
        }
        object
    }

    /// The API group: `apps` for `apps/v1`, empty for the core `v1`.
    pub fn group(&self) -> &'a str {
        self.api_version.rsplit_once('/').map_or("", |(g, _)| g)
    }

    /// The object's name, or `-` when it has none.
    pub fn display_name(&self) -> &'a str {
        self.name.and_then(Node::as_text).unwrap_or("-")
    }

    /// Where findings about the whole object point: its name, else its `kind` value.
    pub fn anchor(&self) -> Span {
        match (self.name, self.node.get("kind")) {
            (Some(name), _) => name.span,
            (None, Some(kind)) => kind.span,
            (None, None) => Span::at(self.node.span.start),
        }
    }

    /// Whether the object's pods are meant to keep running (and so need probes).
    pub fn is_long_running(&self) -> bool {
        if BATCH_KINDS.contains(&self.kind) || !LONG_RUNNING_KINDS.contains(&self.kind) {
            return false;
        }
        let restart = self.pods.first().and_then(|p| p.node.get("restartPolicy"));
        !(self.kind == "Pod"
            && restart
                .and_then(Node::as_text)
                .is_some_and(|r| r == "Never" || r == "OnFailure"))
    }

    /// The labels of the object's metadata.
    pub fn labels(&self) -> &'a [Entry] {
        self.node
            .get_path(&["metadata", "labels"])
            .map_or(&[], Node::entries)
    }

    /// All containers of all pod specs.
    pub fn containers(&self) -> impl Iterator<Item = &Container<'a>> {
        self.pods.iter().flat_map(|pod| pod.containers.iter())
    }
}

/// The paths of pod specs for a kind: the built-in table, then the configured ones. A
/// configured key is `<apiVersion>/<Kind>` (`example.com/v1/Thing`) or `<group>/<Kind>`.
fn pod_spec_paths(api_version: &str, kind: &str, extra: &[(String, Vec<String>)]) -> Vec<String> {
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    let builtin = BUILTIN_POD_SPEC_PATHS
        .iter()
        .filter(|(g, k, _)| *k == kind && g.is_none_or(|g| g == group))
        .flat_map(|(_, _, paths)| paths.iter().map(|p| p.to_string()));
    let full = format!("{api_version}/{kind}");
    let grouped = format!("{group}/{kind}");
    let configured = extra
        .iter()
        .filter(|(key, _)| *key == full || *key == grouped)
        .flat_map(|(_, paths)| paths.iter().cloned());
    let mut paths: Vec<String> = builtin.chain(configured).collect();
    paths.dedup();
    paths
}

/// A path step: a key, and whether its value is a sequence to walk.
fn split_path(path: &str) -> Vec<(&str, bool)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|step| match step.strip_suffix("[]") {
            Some(key) => (key, true),
            None => (step, false),
        })
        .collect()
}

/// Calls `found` with each node at the path and the mapping that holds it.
fn walk<'a>(
    node: &'a Node,
    parent: Option<&'a Node>,
    path: &[(&str, bool)],
    found: &mut dyn FnMut(&'a Node, Option<&'a Node>),
) {
    let Some(((key, each), rest)) = path.split_first() else {
        if node.as_mapping().is_some() {
            found(node, parent);
        }
        return;
    };
    let Some(next) = node.get(key) else { return };
    if *each {
        for item in next.items() {
            walk(item, Some(node), rest, found);
        }
    } else {
        walk(next, Some(node), rest, found);
    }
}

/// A pod spec: the pod-level settings and the containers.
#[derive(Debug)]
pub struct PodSpec<'a> {
    /// The spec's mapping.
    pub node: &'a Node,
    /// The pod template's metadata (annotations, labels): the spec's sibling `metadata`, or
    /// the spec's own for an Argo template.
    pub metadata: Option<&'a Node>,
    /// The pod-level `securityContext`.
    pub security_context: Option<&'a Node>,
    pub containers: Vec<Container<'a>>,
}

impl<'a> PodSpec<'a> {
    fn new(node: &'a Node, parent: Option<&'a Node>) -> PodSpec<'a> {
        let metadata = node
            .get("metadata")
            .or_else(|| parent.and_then(|p| p.get("metadata")));
        let security_context = node.get("securityContext");
        let mut pod = PodSpec {
            node,
            metadata,
            security_context,
            containers: Vec::new(),
        };
        pod.read_containers();
        pod
    }

    /// The containers of every list, Argo's single `container` and `script` included.
    fn read_containers(&mut self) {
        let lists = [
            ("containers", ContainerKind::Regular),
            ("sidecars", ContainerKind::Regular),
            ("initContainers", ContainerKind::Init),
            ("ephemeralContainers", ContainerKind::Ephemeral),
        ];
        for (key, kind) in lists {
            for item in self.node.get(key).map_or(&[][..], Node::items) {
                self.push(item, kind);
            }
        }
        // Argo's single containers have no name of their own: their template's names them.
        for key in ["container", "script"] {
            if let Some(item) = self.node.get(key) {
                self.push(item, ContainerKind::Regular);
                if let Some(container) = self.containers.last_mut() {
                    container.name = container.name.or_else(|| self.node.get("name"));
                }
            }
        }
        if let Some(set) = self.node.get_path(&["containerSet", "containers"]) {
            for item in set.items() {
                self.push(item, ContainerKind::Regular);
            }
        }
    }

    fn push(&mut self, node: &'a Node, kind: ContainerKind) {
        if node.as_mapping().is_some() {
            let container = Container::new(node, kind, self.security_context);
            self.containers.push(container);
        }
    }

    /// A pod-level key's entry, such as `hostNetwork` or `automountServiceAccountToken`.
    pub fn entry(&self, key: &str) -> Option<&'a Entry> {
        self.node.entry(key)
    }

    /// The template's annotations.
    pub fn annotations(&self) -> &'a [Entry] {
        self.metadata
            .and_then(|m| m.get("annotations"))
            .map_or(&[], Node::entries)
    }

    /// The template's labels.
    pub fn labels(&self) -> &'a [Entry] {
        self.metadata
            .and_then(|m| m.get("labels"))
            .map_or(&[], Node::entries)
    }

    /// The `volumes` items.
    pub fn volumes(&self) -> &'a [Node] {
        self.node.get("volumes").map_or(&[], Node::items)
    }

    /// The service account named by `serviceAccountName`, else the deprecated
    /// `serviceAccount`.
    pub fn service_account(&self) -> Option<&'a Node> {
        self.node
            .get("serviceAccountName")
            .or_else(|| self.node.get("serviceAccount"))
            .filter(|n| n.as_text().is_some())
    }
}

/// Which list of the pod a container comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    Regular,
    Init,
    Ephemeral,
}

/// One container, with the pod-level security context it inherits from.
#[derive(Debug)]
pub struct Container<'a> {
    pub node: &'a Node,
    pub kind: ContainerKind,
    /// The `name` value node, when not empty; an Argo template's name for its single
    /// `container` or `script`.
    pub name: Option<&'a Node>,
    /// The `image` value node.
    pub image: Option<&'a Node>,
    /// The container's own `securityContext`.
    pub security_context: Option<&'a Node>,
    /// The pod's `securityContext`, whose user and profile settings apply when the container
    /// sets none.
    pub pod_security_context: Option<&'a Node>,
}

/// Where an effective security setting was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Container,
    Pod,
}

/// A security setting in force for a container: the entry that decided it and its level.
#[derive(Clone, Copy, Debug)]
pub struct Setting<'a> {
    /// The key and value that decided it; findings point at `entry.span()`.
    pub entry: &'a Entry,
    pub level: Level,
}

impl<'a> Setting<'a> {
    pub fn value(&self) -> &'a Node {
        &self.entry.value
    }
}

impl<'a> Container<'a> {
    fn new(node: &'a Node, kind: ContainerKind, pod_sc: Option<&'a Node>) -> Container<'a> {
        Container {
            node,
            kind,
            name: node
                .get("name")
                .filter(|n| n.as_text().is_some_and(|t| !t.is_empty())),
            image: node.get("image").filter(|n| n.as_text().is_some()),
            security_context: node.get("securityContext"),
            pod_security_context: pod_sc,
        }
    }

    /// The container's name, or `-` when it has none.
    pub fn display_name(&self) -> &'a str {
        self.name.and_then(Node::as_text).unwrap_or("-")
    }

    /// Where findings about a missing key point: the `name` value, else the first key.
    pub fn anchor(&self) -> Span {
        if let Some(name) = self.name {
            return name.span;
        }
        self.node
            .entries()
            .first()
            .map_or(Span::at(self.node.span.start), |e| e.key.span)
    }

    /// The security setting in force for `key` (`runAsNonRoot`, `privileged`, …): the
    /// container's own, else the pod's for the keys a pod may set. A null value counts as unset.
    pub fn setting(&self, key: &str) -> Option<Setting<'a>> {
        let own = self.security_context.and_then(|sc| sc.entry(key));
        if let Some(entry) = own.filter(|e| !e.value.is_null()) {
            return Some(Setting {
                entry,
                level: Level::Container,
            });
        }
        if !POD_LEVEL_KEYS.contains(&key) {
            return None;
        }
        let pod = self.pod_security_context.and_then(|sc| sc.entry(key));
        pod.filter(|e| !e.value.is_null()).map(|entry| Setting {
            entry,
            level: Level::Pod,
        })
    }

    /// A key of the container itself, such as `livenessProbe` or `imagePullPolicy`.
    pub fn entry(&self, key: &str) -> Option<&'a Entry> {
        self.node.entry(key).filter(|e| !e.value.is_null())
    }

    /// The `env` items.
    pub fn env(&self) -> impl Iterator<Item = EnvVar<'a>> {
        let items = self.node.get("env").map_or(&[][..], Node::items);
        items.iter().filter_map(EnvVar::new)
    }

    /// The `resources.<section>.<name>` entry, such as `limits` / `memory`.
    pub fn resource(&self, section: &str, name: &str) -> Option<&'a Entry> {
        self.node
            .get_path(&["resources", section])
            .and_then(|s| s.entry(name))
            .filter(|e| !e.value.is_null())
    }

    /// The `ports` items.
    pub fn ports(&self) -> &'a [Node] {
        self.node.get("ports").map_or(&[], Node::items)
    }

    /// The capability names under `securityContext.capabilities.<list>` (`add` or `drop`).
    pub fn capabilities(&self, list: &str) -> &'a [Node] {
        self.security_context
            .and_then(|sc| sc.get_path(&["capabilities", list]))
            .map_or(&[], Node::items)
    }
}

/// One `env` item.
#[derive(Clone, Copy, Debug)]
pub struct EnvVar<'a> {
    pub node: &'a Node,
    pub name: &'a Node,
    /// A literal `value`.
    pub value: Option<&'a Node>,
    /// A `valueFrom` reference.
    pub value_from: Option<&'a Node>,
}

impl<'a> EnvVar<'a> {
    fn new(node: &'a Node) -> Option<EnvVar<'a>> {
        Some(EnvVar {
            node,
            name: node.get("name").filter(|n| n.as_text().is_some())?,
            value: node.get("value").filter(|n| n.as_text().is_some()),
            value_from: node.get("valueFrom"),
        })
    }

    pub fn name_str(&self) -> &'a str {
        self.name.as_text().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml;

    const DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
      initContainers: [{name: init, image: busybox:1.36}]
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {runAsUser: 0, privileged: true}
";

    #[test]
    fn containers_inherit_pod_settings_and_override_them() {
        let stream = yaml::parse(DEPLOYMENT);
        let objects = objects(&stream, &[]);
        let pod = &objects[0].pods[0];
        assert_eq!(pod.labels().len(), 1);
        let [app, init] = &pod.containers[..] else {
            panic!("two containers")
        };
        assert_eq!(init.kind, ContainerKind::Init);
        assert_eq!(init.setting("runAsUser").unwrap().level, Level::Pod);
        assert_eq!(app.setting("runAsUser").unwrap().value().as_i64(), Some(0));
        assert_eq!(app.setting("runAsUser").unwrap().level, Level::Container);
        assert!(app.setting("runAsNonRoot").unwrap().value().is_true());
        assert!(init.setting("privileged").is_none());
    }

    #[test]
    fn lists_and_configured_kinds_are_read() {
        let text = "\
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: [{name: c}]}}
  - apiVersion: example.com/v1
    kind: Thing
    spec: {pod: {containers: [{name: d}]}}
";
        let stream = yaml::parse(text);
        let extra = vec![("example.com/Thing".to_owned(), vec!["spec.pod".to_owned()])];
        let objects = objects(&stream, &extra);
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[1].containers().count(), 1);
    }

    #[test]
    fn argo_templates_are_pods() {
        let text = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
spec:
  templates:
    - name: a
      container: {image: alpine:3.22}
    - name: b
      script: {image: python:3.13}
      sidecars: [{name: s, image: nginx}]
";
        let stream = yaml::parse(text);
        let objects = objects(&stream, &[]);
        assert_eq!(objects[0].pods.len(), 2);
        assert_eq!(objects[0].containers().count(), 3);
        assert!(!objects[0].is_long_running());
    }
}

/// What the manifests linted together in one run define, for the rules that look across
/// files as kube-linter does: the labels of every pod template, and the service accounts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    /// The label set of each pod template, as `(key, value)` pairs.
    pub pod_labels: Vec<Vec<(String, String)>>,
    /// The names of the ServiceAccount objects.
    pub service_accounts: std::collections::BTreeSet<String>,
}

impl Inventory {
    /// Adds what one file's manifests define.
    pub fn add(&mut self, stream: &Stream, extra_paths: &[(String, Vec<String>)]) {
        for object in objects(stream, extra_paths) {
            for pod in &object.pods {
                let labels = pod
                    .labels()
                    .iter()
                    .filter_map(|l| Some((l.key_str()?.to_owned(), l.value.as_str()?.to_owned())))
                    .collect();
                self.pod_labels.push(labels);
            }
            if object.kind == "ServiceAccount" {
                self.service_accounts
                    .insert(object.display_name().to_owned());
            }
        }
    }

    /// Whether some pod template carries every `key: value` of a selector.
    pub fn selects_pods(&self, selector: &[Entry]) -> bool {
        self.pod_labels.iter().any(|labels| {
            selector.iter().all(|wanted| {
                labels.iter().any(|(key, value)| {
                    wanted.key_str() == Some(key) && wanted.value.as_str() == Some(value)
                })
            })
        })
    }
}
