//! SL1110: an EXPOSE port with an IP address or a host port, as `8080:80` (BuildKit's
//! ExposeInvalidFormat).

use super::Context;
use super::expose::ports;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::SL1110;

/// EXPOSE only documents container ports; publishing to a host address or port is decided
/// by `docker run -p`, and BuildKit drops that part of the word.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for port in ports(cx) {
        let number = port.value.split('/').next().unwrap_or_default();
        let Some((_, container)) = number.rsplit_once(':') else {
            continue;
        };

        let message = format!(
            "`EXPOSE {}` names a host address or port, which EXPOSE cannot publish",
            port.value
        );
        let help =
            format!("Write only the container port `{container}`; publish with `docker run -p`");
        out.push(Diagnostic::new(&RULE, port.span, message).with_help(help));
    }
}
