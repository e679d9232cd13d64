//! Secret detection shared by every target: secret-looking names, credential-shaped values,
//! secret-looking file names, and redaction so that no output shows a secret's value.
