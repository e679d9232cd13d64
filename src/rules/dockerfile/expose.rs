//! The ports of EXPOSE instructions after variable expansion, for the rules that check
//! their format.

use super::Context;
use crate::source::Span;
use crate::syntax::dockerfile::Keyword;

/// One EXPOSE word, expanded.
pub struct Port {
    pub value: String,
    /// The word as written.
    pub span: Span,
    /// True when the word was written without variables, so `value` maps byte for byte.
    literal: bool,
}

impl Port {
    /// The span of the last `len` bytes of the value, or the whole word when the value
    /// came from a variable.
    pub fn span_of(&self, len: usize) -> Span {
        if !self.literal || len > self.span.len() {
            return self.span;
        }
        Span::new(self.span.end - len, self.span.end)
    }
}

/// Every EXPOSE word whose value is known, variables expanded.
pub fn ports(cx: &Context) -> Vec<Port> {
    let mut ports = Vec::new();
    for (index, instruction) in cx.file.instructions.iter().enumerate() {
        if instruction.keyword != Keyword::Expose {
            continue;
        }
        for word in instruction.words() {
            let literal = !word.value.contains(['$', '"', '\'', cx.file.escape]);
            let value = if literal {
                Some(word.value.clone())
            } else {
                cx.model.expand(index, &word.value)
            };
            let Some(value) = value else { continue };
            ports.push(Port {
                value,
                span: word.span,
                literal: literal && word.value.len() == word.span.len(),
            });
        }
    }
    ports
}
