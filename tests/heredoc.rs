//! Heredocs as BuildKit reads them: which words start one, the delimiter's name and whether
//! it was quoted (BuildKit's `Expand`), the exact body, and where each instruction ends.
//! The behaviours are those of BuildKit's heredoc tests, in cases of our own.

use shiplint::source::SourceFile;
use shiplint::syntax::dockerfile::{self, Dockerfile, Heredoc, Instruction};

/// An expected instruction: its keyword as written, its first and last line, and its heredocs
/// as `(name, body)`.
type Expected<'a> = (&'a str, usize, usize, &'a [(&'a str, &'a str)]);

fn parse(text: &str) -> (SourceFile, Dockerfile) {
    (SourceFile::new("Dockerfile", text), dockerfile::parse(text))
}

fn lines(source: &SourceFile, instruction: &Instruction) -> (usize, usize) {
    let start = source.position(instruction.span.start).line;
    let end = source.position(instruction.span.end).line;
    (start, end)
}

/// Checks every instruction of `text` against `expected`, and that the file has no errors.
fn check(text: &str, expected: &[Expected]) {
    let (source, parsed) = parse(text);
    assert_eq!(parsed.errors, [], "{text}");
    let got: Vec<_> = parsed
        .instructions
        .iter()
        .map(|instruction| {
            let (start, end) = lines(&source, instruction);
            let heredocs: Vec<_> = instruction
                .heredocs
                .iter()
                .map(|h| (h.name.clone(), h.body.value.clone()))
                .collect();
            (instruction.keyword_text.value.clone(), start, end, heredocs)
        })
        .collect();
    let want: Vec<_> = expected
        .iter()
        .map(|(keyword, start, end, heredocs)| {
            let heredocs: Vec<_> = heredocs
                .iter()
                .map(|(n, b)| (n.to_string(), b.to_string()))
                .collect();
            (keyword.to_string(), *start, *end, heredocs)
        })
        .collect();
    assert_eq!(got, want, "{text}");
}

/// The single heredoc of the instruction at `index`.
fn only_heredoc(parsed: &Dockerfile, index: usize) -> &Heredoc {
    let heredocs = &parsed.instructions[index].heredocs;
    assert_eq!(heredocs.len(), 1, "{heredocs:?}");
    &heredocs[0]
}

#[test]
fn run_copy_and_add_take_heredocs() {
    check(
        "FROM alpine\nRUN <<EOF\necho hi\nEOF\nCOPY <<EOF /a\nfile a\nEOF\n\
         ADD <<EOF /b\nfile b\nEOF\n",
        &[
            ("FROM", 1, 1, &[]),
            ("RUN", 2, 4, &[("EOF", "echo hi\n")]),
            ("COPY", 5, 7, &[("EOF", "file a\n")]),
            ("ADD", 8, 10, &[("EOF", "file b\n")]),
        ],
    );
}

#[test]
fn other_instructions_and_the_json_form_take_none() {
    check(
        "FROM a\nUSER <<X\nLABEL x=y\nRUN [\"<<EOF\"]\nRUN \"<<QUOTED\" '<<SINGLE'\n",
        &[
            ("FROM", 1, 1, &[]),
            ("USER", 2, 2, &[]),
            ("LABEL", 3, 3, &[]),
            ("RUN", 4, 4, &[]),
            ("RUN", 5, 5, &[]),
        ],
    );
}

#[test]
fn a_marker_anywhere_on_the_line() {
    check(
        "FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\nRUN <<EOF bash\necho\nEOF\n\
         RUN --mount=type=cache,target=/c <<EOF\nls\nEOF\n",
        &[
            ("FROM", 1, 1, &[]),
            ("RUN", 2, 4, &[("EOF", "print(1)\n")]),
            ("RUN", 5, 7, &[("EOF", "echo\n")]),
            ("RUN", 8, 10, &[("EOF", "ls\n")]),
        ],
    );
}

#[test]
fn several_heredocs_are_read_in_order() {
    check(
        "FROM a\nRUN <<A <<B cat\nfirst\nA\nsecond\nB\n\
         RUN <<A cat >/a && <<B cat >/b\nx\nA\ny\nB\n\
         COPY <<X <<Y /dest\nY\nX\nX\nY\n",
        &[
            ("FROM", 1, 1, &[]),
            ("RUN", 2, 6, &[("A", "first\n"), ("B", "second\n")]),
            ("RUN", 7, 11, &[("A", "x\n"), ("B", "y\n")]),
            // Only the current heredoc's name ends it: `Y` is body text of `X`.
            ("COPY", 12, 16, &[("X", "Y\n"), ("Y", "X\n")]),
        ],
    );
}

#[test]
fn file_descriptors() {
    let text = "FROM a\nRUN <<EOF 3<<IN1 4<<IN2 awk -f -\nprog\nEOF\none\nIN1\ntwo\nIN2\n";
    check(
        text,
        &[
            ("FROM", 1, 1, &[]),
            (
                "RUN",
                2,
                8,
                &[("EOF", "prog\n"), ("IN1", "one\n"), ("IN2", "two\n")],
            ),
        ],
    );
    let (_, parsed) = parse(text);
    let fds: Vec<_> = parsed.instructions[1]
        .heredocs
        .iter()
        .map(|h| h.fd)
        .collect();
    assert_eq!(fds, [None, Some(3), Some(4)]);
}

#[test]
fn a_heredoc_after_a_continuation_line() {
    check(
        "FROM a\nRUN cat <<EOF1 | tr a-z A-Z > /out1; \\\n\tcat <<EOF2 > /out2\n\
         hello\nEOF1\nworld\nEOF2\nRUN true\n",
        &[
            ("FROM", 1, 1, &[]),
            ("RUN", 2, 7, &[("EOF1", "hello\n"), ("EOF2", "world\n")]),
            ("RUN", 8, 8, &[]),
        ],
    );
}

#[test]
fn body_lines_are_kept_as_written() {
    check(
        "FROM a\nRUN <<EOF\n# not a comment\n\n  indented \\\nRUN not an instruction\nEOF\n",
        &[
            ("FROM", 1, 1, &[]),
            (
                "RUN",
                2,
                7,
                &[(
                    "EOF",
                    "# not a comment\n\n  indented \\\nRUN not an instruction\n",
                )],
            ),
        ],
    );
}

#[test]
fn a_comment_after_the_terminator_and_a_run_right_after() {
    let text = "FROM a\nRUN <<EOF\nls\nEOF\n# done\nRUN <<EOF\npwd\nEOF\nRUN id\n";
    check(
        text,
        &[
            ("FROM", 1, 1, &[]),
            ("RUN", 2, 4, &[("EOF", "ls\n")]),
            ("RUN", 6, 8, &[("EOF", "pwd\n")]),
            ("RUN", 9, 9, &[]),
        ],
    );
    let (source, parsed) = parse(text);
    let comment = &parsed.comments[0];
    assert_eq!(source.slice(comment.span), "# done");
    assert_eq!(parsed.instructions[2].comments, [0]);
}

#[test]
fn strip_tabs_matches_a_tab_indented_terminator_and_keeps_the_body() {
    let text = "FROM a\nRUN <<-EOF\n\techo a\n\t\tEOF\nRUN <<EOF\n\techo b\n\tEOF\nEOF\n";
    check(
        text,
        &[
            ("FROM", 1, 1, &[]),
            // BuildKit strips the body's tabs only when it uses it; the parser keeps them.
            ("RUN", 2, 4, &[("EOF", "\techo a\n")]),
            // Without `-`, a tab-indented name is body text.
            ("RUN", 5, 8, &[("EOF", "\techo b\n\tEOF\n")]),
        ],
    );
    let (_, parsed) = parse(text);
    assert!(only_heredoc(&parsed, 1).strip_tabs);
    assert!(!only_heredoc(&parsed, 2).strip_tabs);
}

#[test]
fn spaces_before_the_terminator_do_not_end_a_strip_tabs_heredoc() {
    check(
        "FROM a\nRUN <<-EOF\n  EOF\n\tEOF\n",
        &[("FROM", 1, 1, &[]), ("RUN", 2, 4, &[("EOF", "  EOF\n")])],
    );
}

#[test]
fn quoted_is_buildkit_s_expand_flag_negated() {
    // (marker, name, quoted): an escaped character is not a quote, as in BuildKit.
    let cases = [
        ("<<EOF", "EOF", false),
        ("<<\"EOF\"", "EOF", true),
        ("<<'EOF'", "EOF", true),
        ("<<-'EOF'", "EOF", true),
        ("<<\\EOF", "EOF", false),
        ("<<eo'f'", "eof", true),
        ("<<eo\\'f", "eo'f", false),
        ("<<'e'o\\'f", "eo'f", true),
        ("<<'one two'", "one two", true),
        ("<<$EOF", "$EOF", false),
        ("<<file.txt", "file.txt", false),
        ("<<EOF;", "EOF;", false),
    ];
    for (marker, name, quoted) in cases {
        let text = format!("FROM a\nRUN {marker} cat\nbody\n{name}\n");
        let (_, parsed) = parse(&text);
        assert_eq!(parsed.errors, [], "{marker}");
        let heredoc = only_heredoc(&parsed, 1);
        assert_eq!(
            (heredoc.name.as_str(), heredoc.quoted),
            (name, quoted),
            "{marker}"
        );
        assert_eq!(heredoc.body.value, "body\n", "{marker}");
    }
}

#[test]
fn words_that_are_not_markers() {
    for line in [
        "RUN cat<<EOF",
        "RUN <<<EOF",
        "RUN <<",
        "RUN <<- EOF",
        "RUN <<'EOF",
        "RUN echo '<<EOF'",
        "RUN echo \"a <<EOF\"",
        "RUN echo \\<<EOF",
    ] {
        let text = format!("FROM a\n{line}\n");
        let (_, parsed) = parse(&text);
        assert_eq!(parsed.instructions[1].heredocs, [], "{line}");
    }
}

#[test]
fn blanks_after_the_angle_brackets_belong_to_the_marker() {
    // Current BuildKit's lexer keeps `<<  EOF` one word, so it is a heredoc named `EOF`.
    let text = "FROM a\nRUN <<  EOF  > foo\nbody\nEOF\nRUN << -EOF\n-EOF\n";
    check(
        text,
        &[
            ("FROM", 1, 1, &[]),
            ("RUN", 2, 4, &[("EOF", "body\n")]),
            ("RUN", 5, 6, &[("-EOF", "")]),
        ],
    );
    let (source, parsed) = parse(text);
    assert_eq!(source.slice(only_heredoc(&parsed, 1).marker), "<<  EOF");
}

#[test]
fn spans_of_marker_body_and_terminator() {
    let text = "FROM a\nCOPY --chmod=755 <<-\"END\" /x\n\tline 1\nline 2\n\tEND\nRUN ls\n";
    let (source, parsed) = parse(text);
    let copy = &parsed.instructions[1];
    let heredoc = only_heredoc(&parsed, 1);

    assert_eq!(source.slice(heredoc.marker), "<<-\"END\"");
    assert_eq!(source.slice(heredoc.body.span), "\tline 1\nline 2\n");
    assert_eq!(heredoc.body.value, "\tline 1\nline 2\n");
    assert_eq!(heredoc.terminator.map(|t| source.slice(t)), Some("\tEND"));
    assert_eq!(
        source.slice(copy.span),
        "COPY --chmod=755 <<-\"END\" /x\n\tline 1\nline 2\n\tEND"
    );
    assert_eq!(copy.flag_value("chmod"), Some("755"));
    assert!(heredoc.quoted && heredoc.strip_tabs);
}

#[test]
fn empty_bodies() {
    check(
        "FROM a\nRUN <<EMPTY\nEMPTY\nRUN 3<<E2\nE2\n",
        &[
            ("FROM", 1, 1, &[]),
            ("RUN", 2, 3, &[("EMPTY", "")]),
            ("RUN", 4, 5, &[("E2", "")]),
        ],
    );
}

#[test]
fn onbuild_run_takes_a_heredoc() {
    let text = "FROM a\nONBUILD RUN <<EOF\necho hello\nEOF\nRUN ls\n";
    check(
        text,
        &[
            ("FROM", 1, 1, &[]),
            ("ONBUILD", 2, 4, &[("EOF", "echo hello\n")]),
            ("RUN", 5, 5, &[]),
        ],
    );
    let (_, parsed) = parse(text);
    let dockerfile::Args::Onbuild(inner) = &parsed.instructions[1].args else {
        panic!("not an ONBUILD");
    };
    assert_eq!(inner.heredocs, parsed.instructions[1].heredocs);
}

#[test]
fn crlf_line_ends() {
    let text = "FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nRUN ls\r\n";
    check(
        text,
        &[
            ("FROM", 1, 1, &[]),
            // The body is the file's bytes, line ends included, as BuildKit keeps them.
            ("RUN", 2, 4, &[("EOF", "echo hi\r\n")]),
            ("RUN", 5, 5, &[]),
        ],
    );
    let (source, parsed) = parse(text);
    let heredoc = only_heredoc(&parsed, 1);
    assert_eq!(heredoc.terminator.map(|t| source.slice(t)), Some("EOF"));
}

#[test]
fn a_byte_order_mark() {
    let text = "\u{feff}FROM a\nRUN <<EOF\nx\nEOF\n";
    check(
        text,
        &[("FROM", 1, 1, &[]), ("RUN", 2, 4, &[("EOF", "x\n")])],
    );
    let (source, parsed) = parse(text);
    assert_eq!(
        source.slice(parsed.instructions[0].keyword_text.span),
        "FROM"
    );
}

#[test]
fn no_line_break_after_the_terminator() {
    check(
        "FROM a\nRUN <<EOF\nx\nEOF",
        &[("FROM", 1, 1, &[]), ("RUN", 2, 4, &[("EOF", "x\n")])],
    );
}

#[test]
fn an_unterminated_heredoc_is_an_error_at_its_marker_and_nothing_after_is_lost() {
    let text = "FROM a\nRUN <<EOF cat\nRUN ls\nCOPY x /y\n";
    let (source, parsed) = parse(text);

    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert_eq!(source.slice(parsed.errors[0].span), "<<EOF");
    assert!(parsed.errors[0].message.contains("unterminated heredoc"));
    let keywords: Vec<_> = parsed
        .instructions
        .iter()
        .map(|i| (i.keyword_text.value.as_str(), lines(&source, i)))
        .collect();
    assert_eq!(
        keywords,
        [
            ("FROM", (1, 1)),
            ("RUN", (2, 2)),
            ("RUN", (3, 3)),
            ("COPY", (4, 4))
        ]
    );
    let heredoc = only_heredoc(&parsed, 1);
    assert_eq!(
        (heredoc.terminator, heredoc.body.value.as_str()),
        (None, "")
    );
}

#[test]
fn an_escape_directive_does_not_change_heredoc_words() {
    check(
        "# escape=`\nFROM a\nRUN <<EOF `\n  && echo\nbody\nEOF\n",
        &[("FROM", 2, 2, &[]), ("RUN", 3, 6, &[("EOF", "body\n")])],
    );
}
