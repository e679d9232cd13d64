fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let df = shiplint::syntax::dockerfile::parse(&text);
        println!(
            "{path}: {} instructions, errors: {:?}",
            df.instructions.len(),
            df.errors
        );
    }
}
