//! The Dockerfile parser, after BuildKit's: directives, continuations, flags, JSON and shell
//! forms, heredocs, with byte spans and error recovery.

pub mod ast;
mod parser;
mod words;

pub use ast::*;
pub use parser::parse;

use serde_json::{Value, json};

use crate::source::{SourceFile, Span};

/// What the parser saw, as JSON, for `shiplint debug ast`.
///
/// Positions are 1-based; columns count characters. `line`/`column` is where a span starts and
/// `end_line`/`end_column` where it ends, the column just after its last character. Keywords
/// are named as BuildKit names them, uppercase; an unknown keyword is given as written.
pub fn debug_json(source: &SourceFile) -> Value {
    let parsed = parse(&source.text);
    let all = |items: Vec<Value>| Value::Array(items);
    let instructions = parsed.instructions.iter();
    json!({
        "escape": parsed.escape.to_string(),
        "directives": all(parsed.directives.iter().map(|d| directive_json(source, d)).collect()),
        "instructions": all(instructions.map(|i| instruction_json(source, i)).collect()),
        "errors": all(parsed.errors.iter().map(|e| error_json(source, e)).collect()),
    })
}

/// The four position fields of `span`, as an object to merge into another.
fn position_json(source: &SourceFile, span: Span) -> serde_json::Map<String, Value> {
    let start = source.position(span.start);
    let end = source.position(span.end);
    let mut map = serde_json::Map::new();
    map.insert("line".into(), start.line.into());
    map.insert("column".into(), start.column.into());
    map.insert("end_line".into(), end.line.into());
    map.insert("end_column".into(), end.column.into());
    map
}

fn with_position(source: &SourceFile, span: Span, value: Value) -> Value {
    let mut map = position_json(source, span);
    if let Value::Object(fields) = value {
        map.extend(fields);
    }
    Value::Object(map)
}

fn directive_json(source: &SourceFile, directive: &Directive) -> Value {
    let fields = json!({ "name": directive.name, "value": directive.value.value });
    with_position(source, directive.span, fields)
}

fn error_json(source: &SourceFile, error: &SyntaxError) -> Value {
    with_position(source, error.span, json!({ "message": error.message }))
}

fn instruction_json(source: &SourceFile, instruction: &Instruction) -> Value {
    let keyword = match instruction.keyword {
        Keyword::Unknown => instruction.keyword_text.value.clone(),
        known => known.as_str().to_owned(),
    };
    let flags: Vec<Value> = instruction
        .flags
        .iter()
        .map(|flag| {
            let value = flag.value.as_ref().map(Text::as_str);
            json!({ "name": flag.name.value, "value": value })
        })
        .collect();
    let heredocs: Vec<Value> = instruction
        .heredocs
        .iter()
        .map(|heredoc| heredoc_json(source, heredoc))
        .collect();
    let fields = json!({
        "keyword": keyword,
        "flags": flags,
        "args": args_json(source, &instruction.args),
        "heredocs": heredocs,
    });
    with_position(source, instruction.span, fields)
}

/// The arguments as an object with one key naming their shape; `null` when there are none.
fn args_json(source: &SourceFile, args: &Args) -> Value {
    let texts = |items: &[Text]| items.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
    match args {
        Args::Empty => Value::Null,
        Args::Exec(items) => json!({ "exec": texts(items) }),
        Args::Shell(text) => json!({ "shell": text.value }),
        Args::Words(items) => json!({ "words": texts(items) }),
        Args::Pairs(pairs) => json!({ "pairs": pairs.iter().map(pair_json).collect::<Vec<_>>() }),
        Args::Healthcheck { kind, command } => json!({
            "healthcheck": { "kind": kind.value, "command": args_json(source, command) }
        }),
        Args::Onbuild(inner) => json!({ "onbuild": instruction_json(source, inner) }),
    }
}

fn pair_json(pair: &Pair) -> Value {
    json!({
        "key": pair.key.value,
        "value": pair.value.as_ref().map(Text::as_str),
        "equals": pair.equals,
    })
}

/// `lines` is the first line of the body and the terminator's line (the last line read when
/// the heredoc is unterminated).
fn heredoc_json(source: &SourceFile, heredoc: &Heredoc) -> Value {
    let first = source.position(heredoc.body.span.start).line;
    let last = match heredoc.terminator {
        Some(terminator) => source.position(terminator.start).line,
        None => first,
    };
    json!({
        "name": heredoc.name,
        "strip_tabs": heredoc.strip_tabs,
        "quoted": heredoc.quoted,
        "fd": heredoc.fd,
        "body": heredoc.body.value,
        "lines": [first, last],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debug(text: &str) -> Value {
        debug_json(&SourceFile::new("Dockerfile", text))
    }

    #[test]
    fn instructions_carry_positions_flags_and_args() {
        let text = "# syntax=docker/dockerfile:1\nFROM alpine AS base\n\
                    RUN --mount=type=cache,target=/c \\\n  apk add curl\n";
        let json = debug(text);

        assert_eq!(json["escape"], "\\");
        assert_eq!(json["directives"][0]["name"], "syntax");
        assert_eq!(json["directives"][0]["value"], "docker/dockerfile:1");
        let run = &json["instructions"][1];
        assert_eq!(run["keyword"], "RUN");
        assert_eq!(
            [
                &run["line"],
                &run["column"],
                &run["end_line"],
                &run["end_column"]
            ],
            [3, 1, 4, 15]
        );
        assert_eq!(run["flags"][0]["name"], "mount");
        assert_eq!(run["flags"][0]["value"], "type=cache,target=/c");
        assert_eq!(run["args"]["shell"], "apk add curl");
        assert_eq!(json["instructions"][0]["args"]["words"][2], "base");
        assert_eq!(json["errors"], json!([]));
    }

    #[test]
    fn columns_count_characters() {
        let json = debug("FROM scratch\nLABEL é=\"ü\"\n");
        let label = &json["instructions"][1];

        assert_eq!(label["end_column"], 12);
        assert_eq!(label["args"]["pairs"][0]["key"], "é");
        assert_eq!(label["args"]["pairs"][0]["value"], "\"ü\"");
        assert_eq!(label["args"]["pairs"][0]["equals"], true);
    }

    #[test]
    fn nested_shapes() {
        let text = "FROM a\nONBUILD RUN [\"make\"]\nHEALTHCHECK --interval=5s CMD curl -f x\n";
        let json = debug(text);

        let onbuild = &json["instructions"][1]["args"]["onbuild"];
        assert_eq!(onbuild["keyword"], "RUN");
        assert_eq!(onbuild["args"]["exec"], json!(["make"]));
        let health = &json["instructions"][2];
        assert_eq!(health["flags"][0]["name"], "interval");
        assert_eq!(health["args"]["healthcheck"]["kind"], "CMD");
        assert_eq!(
            health["args"]["healthcheck"]["command"]["shell"],
            "curl -f x"
        );
    }

    #[test]
    fn heredocs_and_errors() {
        let text = "FROM a\nRUN <<-'EOF' bash\n\techo $HOME\n\tEOF\nBOGUS x\n";
        let json = debug(text);

        let heredoc = &json["instructions"][1]["heredocs"][0];
        assert_eq!(heredoc["name"], "EOF");
        assert_eq!(heredoc["strip_tabs"], true);
        assert_eq!(heredoc["quoted"], true);
        assert_eq!(heredoc["body"], "\techo $HOME\n");
        assert_eq!(heredoc["lines"], json!([3, 4]));
        assert_eq!(json["instructions"][1]["end_line"], 4);
        assert_eq!(json["instructions"][2]["keyword"], "BOGUS");
        assert_eq!(json["errors"][0]["message"], "unknown instruction `BOGUS`");
        assert_eq!(
            [&json["errors"][0]["line"], &json["errors"][0]["column"]],
            [5, 1]
        );
    }

    #[test]
    fn empty_arguments_are_null() {
        let json = debug("FROM a\nHEALTHCHECK\n");

        assert_eq!(json["instructions"][1]["args"], Value::Null);
    }
}
