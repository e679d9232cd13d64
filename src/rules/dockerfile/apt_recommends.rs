//! DL3015: `apt-get install` without `--no-install-recommends`, which installs every package
//! the requested ones recommend as well.

use super::Context;
use super::packages::{self, Manager};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};

pub const RULE: RuleMeta = catalog::DL3015;

/// Reports each `apt-get install` (or `apt install`) that neither passes
/// `--no-install-recommends` nor sets `APT::Install-Recommends` off with `-o`.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let commands = cx
        .model
        .scripts
        .values()
        .flatten()
        .flat_map(|script| &script.commands);
    for command in commands {
        let Some(call) = packages::call(command) else {
            continue;
        };
        let Some(install) = call.subcommand.filter(|word| word.text == "install") else {
            continue;
        };
        if call.manager != Manager::AptGet || call.has_option(&["--no-install-recommends"]) {
            continue;
        }
        if call
            .options
            .iter()
            .any(|word| turns_recommends_off(&word.text))
        {
            continue;
        }
        let program = packages::program(command);
        let message = format!("`{program} install` runs without `--no-install-recommends`");
        out.push(Diagnostic::new(&RULE, install.span, message));
    }
}

/// Whether an option value (or `-oKey=value`) sets `APT::Install-Recommends` to false.
fn turns_recommends_off(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    let Some((key, value)) = text.split_once('=') else {
        return false;
    };
    key.ends_with("apt::install-recommends") && matches!(value, "false" | "0" | "no" | "off")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommends_settings() {
        assert!(turns_recommends_off("APT::Install-Recommends=false"));
        assert!(turns_recommends_off("-oAPT::Install-Recommends=0"));
        assert!(!turns_recommends_off("APT::Install-Recommends=true"));
        assert!(!turns_recommends_off("APT::Install-Suggests=false"));
    }
}
