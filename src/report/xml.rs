//! Escaping for the XML formats (Checkstyle, JUnit): text and attribute values that any XML
//! 1.0 parser reads back as written.

/// The text with `&`, `<`, `>`, `"` and `'` as entities, tabs and line breaks as character
/// references (so attribute values keep them), and the characters XML 1.0 forbids as U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's `Char` production, less the white space handled above.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_breaks_and_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c\"'d'\n\te\u{0}\u{1b}ü"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#10;&#9;e\u{FFFD}\u{FFFD}ü"
        );
    }
}
