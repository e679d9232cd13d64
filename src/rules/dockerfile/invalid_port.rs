//! DL3011: an EXPOSE port outside 0-65535.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, catalog};
use crate::syntax::dockerfile::Keyword;

pub const RULE: RuleMeta = catalog::DL3011;

const HIGHEST_PORT: u64 = 65535;

/// Ports are read after ARG and ENV expansion; a word that is not a number or a range of
/// numbers is a format problem, not this rule's, and a value that cannot be known is skipped.
pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::Expose {
            continue;
        }
        for word in instruction.words() {
            let Some(value) = cx.model.expand(index, &word.value) else {
                continue;
            };
            let Some(port) = value.split_whitespace().find(|p| out_of_range(p)) else {
                continue;
            };
            let message = format!("Port `{port}` is outside 0-65535");
            out.push(Diagnostic::new(&RULE, word.span, message));
        }
    }
}

/// `70000`, `80-70000/tcp`: a number above the highest port.
fn out_of_range(port: &str) -> bool {
    let numbers = port.split('/').next().unwrap_or(port);
    numbers.split('-').any(|n| {
        let all_digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        // Digits too many for u64 are out of range too.
        all_digits && n.parse::<u64>().map_or(true, |n| n > HIGHEST_PORT)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports() {
        for port in ["65536", "80-65536", "70000/udp", "99999999999999999999999"] {
            assert!(out_of_range(port), "{port}");
        }
        for port in [
            "0",
            "65535",
            "80/tcp",
            "8000-8010/udp",
            "http",
            "",
            "-",
            "80-",
        ] {
            assert!(!out_of_range(port), "{port}");
        }
    }
}
