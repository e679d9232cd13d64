//! SL1109: an EXPOSE protocol not in lowercase, as `80/TCP` (BuildKit's ExposeProtoCasing).

use super::Context;
use super::expose::ports;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL1109;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for port in ports(cx) {
        let Some((_, protocol)) = port.value.split_once('/') else {
            continue;
        };
        if protocol == protocol.to_ascii_lowercase() {
            continue;
        }

        let span = port.span_of(protocol.len());
        let message = format!("Protocol in `EXPOSE {}` is not lowercase", port.value);
        let help = format!("Write `{}`", protocol.to_ascii_lowercase());
        out.push(Diagnostic::new(&RULE, span, message).with_help(help));
    }
}
