use super::ast::Dockerfile;

pub fn parse(text: &str) -> Dockerfile {
    let _ = text;
    Dockerfile {
        escape: '\\',
        ..Dockerfile::default()
    }
}
