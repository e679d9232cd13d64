fn main() {
    println!("built with a linted Dockerfile");
}
