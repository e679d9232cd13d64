//! SL3124: a pod that runs as a service account that none of the manifests linted together
//! defines (the file, when it is linted alone). Only runs that define at least one
//! ServiceAccount check: elsewhere the account is expected to come from the cluster.

use super::{Context, object_label};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL3124;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let inventory = cx.yaml.settings.inventory.as_deref();
    let mut defined: Vec<&str> = cx
        .of_kind("ServiceAccount")
        .map(|a| a.display_name())
        .collect();
    defined.extend(
        inventory
            .iter()
            .flat_map(|i| i.service_accounts.iter().map(String::as_str)),
    );
    if defined.is_empty() {
        return;
    }
    let scope = match inventory {
        Some(_) => "of the manifests linted",
        None => "of this file",
    };
    for (object, pod) in cx.pods() {
        let Some(account) = pod.service_account() else {
            continue;
        };
        let name = account.as_text().unwrap_or("");
        if name == "default" || defined.contains(&name) {
            continue;
        }
        let message = format!(
            "{} runs as service account `{name}`, which no manifest {scope} defines",
            object_label(object)
        );
        out.push(Diagnostic::new(&RULE, account.span, message));
    }
}
