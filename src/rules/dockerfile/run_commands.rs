//! What the rules over RUN commands share: the shell scripts of every RUN in file order, and
//! command-line options read the way most Unix programs take them.

use super::Context;
use crate::model::script::Script;
use crate::syntax::shell::{Command, Word};

/// Every script of every RUN (ONBUILD RUN included), in file order, with the index of its
/// instruction. Scripts that no shell runs have no commands and are left out.
pub fn scripts<'a>(cx: &'a Context) -> Vec<(usize, &'a Script)> {
    let mut out: Vec<(usize, &Script)> = cx
        .model
        .scripts
        .iter()
        .flat_map(|(&index, scripts)| scripts.iter().map(move |script| (index, script)))
        .filter(|(_, script)| !script.commands.is_empty())
        .collect();
    out.sort_by_key(|(index, script)| (*index, script.commands[0].span.start));
    out
}

/// Every command of every RUN script, in file order, with the index of its instruction.
pub fn commands<'a>(cx: &'a Context) -> Vec<(usize, &'a Command)> {
    scripts(cx)
        .into_iter()
        .flat_map(|(index, script)| script.commands.iter().map(move |c| (index, c)))
        .collect()
}

/// The program a command runs, without its directory: `/usr/bin/wget` → `wget`.
pub fn program(command: &Command) -> &str {
    let name = command.name.text.as_str();
    name.rsplit('/').next().unwrap_or(name)
}

/// One option of a command line.
#[derive(Debug, PartialEq, Eq)]
pub struct Opt<'a> {
    /// `uid` for `--uid`, `u` for `-u`.
    pub name: String,
    /// The value, from `--name=value`, the rest of a short cluster or the next word.
    pub value: Option<String>,
    /// The word the option is written in.
    pub word: &'a Word,
    /// The word its value is written in: the next word, or the option's own.
    pub value_word: &'a Word,
}

/// Reads the options of `args`: `--name[=value]`, and clusters of short letters (`-xzf`),
/// where a letter of `short_values` takes the rest of the cluster or the next word as its
/// value, as does a long option of `long_values`. Words after `--` are not options.
pub fn options<'a>(args: &'a [Word], short_values: &str, long_values: &[&str]) -> Vec<Opt<'a>> {
    let mut out = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let text = word.text.as_str();
        if text == "--" {
            break;
        }
        if let Some(long) = text.strip_prefix("--") {
            let (name, value, value_word) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned()), word),
                None if long_values.contains(&long) => {
                    let next = words.next();
                    (long, next.map(|w| w.text.clone()), next.unwrap_or(word))
                }
                None => (long, None, word),
            };
            out.push(Opt {
                name: name.to_owned(),
                value,
                word,
                value_word,
            });
            continue;
        }
        let Some(cluster) = text.strip_prefix('-').filter(|c| !c.is_empty()) else {
            continue;
        };
        for (at, letter) in cluster.char_indices() {
            let mut value = None;
            let mut value_word = word;
            if short_values.contains(letter) {
                let rest = &cluster[at + letter.len_utf8()..];
                value = if rest.is_empty() {
                    let next = words.next();
                    value_word = next.unwrap_or(word);
                    next.map(|w| w.text.clone())
                } else {
                    Some(rest.to_owned())
                };
            }
            let ends = value.is_some();
            out.push(Opt {
                name: letter.to_string(),
                value,
                word,
                value_word,
            });
            if ends {
                break;
            }
        }
    }
    out
}

/// True when `options` holds one named in `names`.
pub fn has_any(options: &[Opt], names: &[&str]) -> bool {
    options.iter().any(|o| names.contains(&o.name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::shell::analyze;

    fn read(line: &str, short: &str, long: &[&str]) -> Vec<(String, Option<String>)> {
        let script = analyze(line);
        let command = &script.commands[0];
        options(&command.args, short, long)
            .into_iter()
            .map(|o| (o.name, o.value))
            .collect()
    }

    fn opt(name: &str, value: Option<&str>) -> (String, Option<String>) {
        (name.to_owned(), value.map(str::to_owned))
    }

    #[test]
    fn options_are_read_like_getopt() {
        let cases = [
            ("x -ab", vec![opt("a", None), opt("b", None)]),
            (
                "x -lu 1000 name",
                vec![opt("l", None), opt("u", Some("1000"))],
            ),
            ("x -u1000", vec![opt("u", Some("1000"))]),
            (
                "x --uid=7 --uid 8",
                vec![opt("uid", Some("7")), opt("uid", Some("8"))],
            ),
            ("x --quiet url -- -q", vec![opt("quiet", None)]),
            ("x -qO- url", vec![opt("q", None), opt("O", Some("-"))]),
        ];
        for (line, expected) in cases {
            assert_eq!(read(line, "uO", &["uid"]), expected, "{line}");
        }
    }
}
