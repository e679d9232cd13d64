//! Secret detection shared by every target: secret-looking names, credential-shaped values,
//! secret-looking file names, and redaction so that no output shows a secret's value.
//!
//! Each check is a heuristic tuned to stay quiet on real files: names are split into words
//! instead of searched for substrings (hadolint's `token` substring flags
//! `TOKENIZERS_PARALLELISM`), values that are references or placeholders are never secrets,
//! and token formats are matched only in their documented shapes.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Names that hold a secret though the word rules below let them go (`ID` is a plain suffix).
const KNOWN_SECRET_NAMES: &[&str] = &["AWS_ACCESS_KEY_ID"];

/// Names that contain a secret word but hold no secret: the shell's working directory, and
/// Google's variable that holds the *path* of a credentials file.
const KNOWN_PLAIN_NAMES: &[&str] = &["PWD", "OLDPWD", "GOOGLE_APPLICATION_CREDENTIALS"];

/// Words distinctive enough to mark a name even inside a longer word (`PGPASSWORD`, `MYAPIKEY`).
const SECRET_SUBSTRINGS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "apikey",
    "accesskey",
    "privatekey",
    "credential",
];

/// Words that mark a name only as its last word: `DB_PASS` and `NPM_AUTH` hold secrets, while
/// `PASS_MAX_DAYS` and `AUTH_PROVIDER` do not.
const SECRET_LAST_WORDS: &[&str] = &["pass", "pwd", "auth"];

/// Words that make a following `KEY` a secret key. A bare `KEY` or `GPG_KEY` usually holds a
/// public key id (official images set `GPG_KEY` to verify downloads), so `key` alone is no sign.
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "access",
    "secret",
    "private",
    "client",
    "signing",
    "encryption",
    "master",
    "app",
    "application",
    "auth",
    "ssh",
    "deploy",
    "license",
    "service",
    "account",
    "storage",
];

/// Last words that make a name *about* a secret rather than holding one: where it lives
/// (`PASSWORD_FILE`, `TOKEN_URL`), what it is called (`SECRET_NAME`) or how it behaves
/// (`PASSWORD_LENGTH`, `TOKEN_EXPIRY`). A user name is an identity, not a secret, so `_USER`
/// and `_USERNAME` are plain too; hadolint flags `DOCKER_USERNAME` and its users object.
const PLAIN_LAST_WORDS: &[&str] = &[
    "file",
    "files",
    "path",
    "dir",
    "url",
    "uri",
    "endpoint",
    "host",
    "port",
    "user",
    "username",
    "name",
    "id",
    "ref",
    "arn",
    "length",
    "len",
    "size",
    "enabled",
    "enable",
    "disabled",
    "required",
    "expiry",
    "expires",
    "expiration",
    "ttl",
    "timeout",
    "type",
    "mode",
    "method",
    "version",
    "helper",
    "provider",
    "prefix",
    "hash",
    "encryption",
    "algorithm",
    "spec",
];

/// Words that make a name a switch about a secret, holding a boolean rather than the secret:
/// `MYSQL_ALLOW_EMPTY_PASSWORD`, `MYSQL_RANDOM_ROOT_PASSWORD`, `SE_VNC_NO_PASSWORD`.
const FLAG_WORDS: &[&str] = &[
    "no", "allow", "empty", "random", "generate", "skip", "use", "enable", "disable", "require",
];

/// Minimum length of a literal secret; shorter values are defaults such as `root` or `1234`.
const MIN_SECRET_LEN: usize = 8;

/// Values at least this long count as secrets without mixing character classes.
const LONG_SECRET_LEN: usize = 20;

/// Shannon entropy (bits per character) below which a value is too repetitive to be a secret
/// (`aaaaaaaa1` has 0.5). Short values cannot score high whatever they are (any eight distinct
/// characters score 3.0), so short values must also mix character classes.
const MIN_ENTROPY: f64 = 2.5;

/// Shannon entropy of a random token; 36 random alphanumerics score about 4.5.
const MIN_TOKEN_ENTROPY: f64 = 3.0;

/// Parts of a value that show it is a placeholder, searched case-insensitively.
const PLACEHOLDER_PARTS: &[&str] = &[
    "changeme",
    "change_me",
    "change-me",
    "placeholder",
    "example",
    "dummy",
    "redacted",
    "replace",
    "your",
    "xxx",
    "***",
    "...",
    "<",
    ">",
    "{{",
    "test",
    "fake",
    "sample",
    "todo",
    "insert",
];

/// Whole values that are placeholders or well-known defaults, compared case-insensitively.
const PLACEHOLDER_VALUES: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "pw",
    "secret",
    "token",
    "none",
    "null",
    "nil",
    "admin",
    "root",
    "guest",
    "user",
    "postgres",
    "mysql",
    "default",
    "undefined",
    "apikey",
    "key",
];

/// Prefixes of token formats that are safe to show: they name the kind of token, not its value.
/// Longest first, so that `sk-proj-` wins over `sk-`.
const KNOWN_PREFIXES: &[&str] = &[
    "https://hooks.slack.com/services/",
    "github_pat_",
    "sk-proj-",
    "sk_live_",
    "rk_live_",
    "sk-ant-",
    "glpat-",
    "pypi-",
    "xoxa-",
    "xoxb-",
    "xoxp-",
    "xoxr-",
    "xoxs-",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "npm_",
    "AKIA",
    "ASIA",
    "AIza",
    "sk-",
];

/// What [`redact`] shows in place of a secret.
const MASK: &str = "****";

/// One credential format: the regex group holding the secret, the kind shown to users, and the
/// pattern. Patterns are joined into one regex, so each names its group.
struct Format {
    group: &'static str,
    kind: &'static str,
    pattern: &'static str,
}

const FORMATS: &[Format] = &[
    Format {
        group: "private_key",
        kind: "private key",
        // The body is base64 lines (with `\n` escapes in a one-line string) and the headers
        // of an encrypted key; it stops at anything else, so a header in code has no body.
        pattern: concat!(
            r"(?P<private_key>-----BEGIN[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----",
            r"(?:[A-Za-z0-9+/=\s\\]|(?:Proc-Type|DEK-Info):[^\n]*)*",
            r"(?:-----END[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----)?)",
        ),
    },
    Format {
        group: "aws_id",
        kind: "AWS access key ID",
        pattern: r"\b(?P<aws_id>(?:AKIA|ASIA)[A-Z0-9]{16})\b",
    },
    // AWS secret keys are 40 base64 characters, too common a shape to match anywhere: they
    // count only right after a name that says AWS and secret.
    Format {
        group: "aws_secret",
        kind: "AWS secret access key",
        pattern: concat!(
            r#"(?i:aws)[A-Za-z0-9_]{0,30}?(?i:secret)[A-Za-z0-9_]{0,30}["']?\s*[:=]?\s*["']?"#,
            r"(?P<aws_secret>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
        ),
    },
    Format {
        group: "github",
        kind: "GitHub token",
        pattern: r"\b(?P<github>gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b",
    },
    Format {
        group: "gitlab",
        kind: "GitLab token",
        pattern: r"\b(?P<gitlab>glpat-[A-Za-z0-9_\-]{20,})",
    },
    Format {
        group: "slack_webhook",
        kind: "Slack webhook URL",
        pattern: concat!(
            r"(?P<slack_webhook>https://hooks\.slack\.com/services/",
            r"T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,})",
        ),
    },
    Format {
        group: "slack",
        kind: "Slack token",
        pattern: r"\b(?P<slack>xox[abprs]-[A-Za-z0-9\-]{10,})",
    },
    Format {
        group: "stripe",
        kind: "Stripe live key",
        pattern: r"\b(?P<stripe>[sr]k_live_[A-Za-z0-9]{16,})\b",
    },
    Format {
        group: "npm",
        kind: "npm token",
        pattern: r"\b(?P<npm>npm_[A-Za-z0-9]{36})\b",
    },
    Format {
        group: "pypi",
        kind: "PyPI token",
        pattern: r"\b(?P<pypi>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})",
    },
    Format {
        group: "google",
        kind: "Google API key",
        pattern: r"\b(?P<google>AIza[0-9A-Za-z_\-]{35})",
    },
    // OpenAI's project keys and Anthropic's keys have unambiguous prefixes; OpenAI's older
    // `sk-` keys carry `T3BlbkFJ` ("OpenAI" in base64) in the middle.
    Format {
        group: "openai",
        kind: "OpenAI API key",
        pattern: concat!(
            r"\b(?P<openai>sk-proj-[A-Za-z0-9_\-]{40,}",
            r"|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})",
        ),
    },
    Format {
        group: "anthropic",
        kind: "Anthropic API key",
        pattern: r"\b(?P<anthropic>sk-ant-[a-z0-9]{2,10}-[A-Za-z0-9_\-]{40,})",
    },
    Format {
        group: "url_password",
        kind: "password in URL",
        pattern: concat!(
            r#"\b[A-Za-z][A-Za-z0-9+.\-]{0,20}://[^\s:/@'"]+:"#,
            r#"(?P<url_password>[^\s/@'"]+)@[A-Za-z0-9\[]"#,
        ),
    },
];

static CREDENTIAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<&str> = FORMATS.iter().map(|format| format.pattern).collect();
    Regex::new(&alternatives.join("|")).expect("credential patterns are valid")
});

/// Whether an ARG/ENV/env-var name looks like it holds a secret (rule DL3064 and later
/// Compose/Kubernetes rules).
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if KNOWN_SECRET_NAMES.contains(&upper.as_str()) {
        return true;
    }
    if KNOWN_PLAIN_NAMES.contains(&upper.as_str()) {
        return false;
    }

    let words = name_words(name);
    let Some(last) = words.last() else {
        return false;
    };
    if PLAIN_LAST_WORDS.contains(&last.as_str()) || words.iter().any(|word| is_plain_word(word)) {
        return false;
    }

    has_secret_word(&words)
}

/// A credential found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    /// The byte range of the secret itself in the searched text (for a URL, the password only).
    pub span: Range<usize>,
    /// What kind of credential it is, such as `GitHub token` or `password in URL`.
    pub kind: &'static str,
}

/// Credential-shaped literals in any text (whole Dockerfile text, heredoc bodies, YAML values).
pub fn find_credentials(text: &str) -> Vec<Credential> {
    let mut found = Vec::new();
    for captures in CREDENTIAL_RE.captures_iter(text) {
        let Some((format, secret)) = FORMATS
            .iter()
            .find_map(|format| Some((format, captures.name(format.group)?)))
        else {
            continue;
        };
        if is_plausible(format.group, secret.as_str()) {
            found.push(Credential {
                span: secret.range(),
                kind: format.kind,
            });
        }
    }
    found
}

/// Whether a value assigned to a secret-named variable is a literal secret, not a reference or
/// a placeholder. Surrounding quotes are ignored.
pub fn is_literal_secret_value(value: &str) -> bool {
    let value = unquote(value.trim());
    if value.len() < MIN_SECRET_LEN || is_reference(value) || is_placeholder(value) {
        return false;
    }
    if value.chars().any(char::is_whitespace) || is_plain_scalar(value) {
        return false;
    }

    let long = value.chars().count() >= LONG_SECRET_LEN;
    shannon_entropy(value) >= MIN_ENTROPY && (long || character_classes(value) >= 2)
}

/// A redacted form that never shows the secret: a known token prefix (`ghp_****`,
/// `AKIA****`), else `****`.
pub fn redact(secret: &str) -> String {
    let prefix = KNOWN_PREFIXES
        .iter()
        .find(|prefix| secret.len() > prefix.len() && secret.starts_with(*prefix));
    match prefix {
        Some(prefix) => format!("{prefix}{MASK}"),
        None => MASK.to_string(),
    }
}

/// Whether a path (a COPY/ADD source or a file in the build context, `/`-separated) names a
/// secret-looking file.
///
/// Matched: `.env` and `.env.<stage>` (not the `.example`, `.sample`, `.template`, `.dist`
/// templates), SSH private keys `id_rsa*`, `id_ed25519*`, `id_ecdsa*`, `id_dsa*` (not `.pub`),
/// key and certificate stores `*.pem`, `*.key`, `*.p12`, `*.pfx` (unless the name says it holds
/// a public certificate or signing key, such as `cert.pem` or `nginx_signing.key`), the
/// credential files of npm, PyPI, netrc, git, PostgreSQL, AWS, Docker and kubectl, and
/// `credentials.json`, the usual name of Google service-account and OAuth client secrets.
pub fn is_secret_file(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let name = path.rsplit('/').next().unwrap_or(path);
    if SECRET_PATH_SUFFIXES
        .iter()
        .any(|suffix| path == &suffix[1..] || path.ends_with(suffix))
    {
        return true;
    }
    if SECRET_FILE_NAMES.contains(&name) || is_env_file(name) || is_ssh_private_key(name) {
        return true;
    }

    is_key_store(&name.to_ascii_lowercase())
}

/// Files secret by their name alone.
const SECRET_FILE_NAMES: &[&str] = &[
    ".npmrc",
    ".pypirc",
    ".netrc",
    "_netrc",
    ".git-credentials",
    ".pgpass",
    "kubeconfig",
    "credentials.json",
];

/// Files secret by the directory they sit in; each starts with `/` to anchor the directory name.
const SECRET_PATH_SUFFIXES: &[&str] =
    &["/.aws/credentials", "/.docker/config.json", "/.kube/config"];

/// `.env` suffixes of templates meant to be committed and copied.
const ENV_TEMPLATE_SUFFIXES: &[&str] = &["example", "sample", "template", "dist"];

const SSH_KEY_PREFIXES: &[&str] = &["id_rsa", "id_ed25519", "id_ecdsa", "id_dsa"];

const KEY_STORE_EXTENSIONS: &[&str] = &[".pem", ".key", ".p12", ".pfx"];

/// Parts of a key-store name that say it holds something public: certificates, chains,
/// repository signing keys, and Diffie-Hellman parameters (`dhparam.pem`, RFC 7919's
/// `ffdhe4096.pem`), which are public by design.
const PUBLIC_KEY_STORE_PARTS: &[&str] = &[
    "cert",
    "dhparam",
    "ffdhe",
    "chain",
    "ca-bundle",
    "public",
    "pub.",
    "gpg",
    "pgp",
    "signing",
    "release",
];

fn is_env_file(name: &str) -> bool {
    if name == ".env" {
        return true;
    }
    let Some(suffix) = name.strip_prefix(".env.") else {
        return false;
    };
    !ENV_TEMPLATE_SUFFIXES.contains(&suffix)
}

fn is_ssh_private_key(name: &str) -> bool {
    SSH_KEY_PREFIXES
        .iter()
        .any(|prefix| name.starts_with(prefix))
        && !name.ends_with(".pub")
}

fn is_key_store(lower_name: &str) -> bool {
    if !KEY_STORE_EXTENSIONS
        .iter()
        .any(|ext| lower_name.ends_with(ext))
    {
        return false;
    }
    lower_name != "ca.pem"
        && !PUBLIC_KEY_STORE_PARTS
            .iter()
            .any(|part| lower_name.contains(part))
}

/// The lowercase words of a name: split at `_`, `-`, `.` and camel-case humps.
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = !c.is_alphanumeric() || (previous_lower && c.is_uppercase());
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn is_plain_word(word: &str) -> bool {
    word == "public" || FLAG_WORDS.contains(&word)
}

/// Whether the words hold a secret word. `TOKEN` counts in the singular only: `MAX_TOKENS` and
/// `MAX_INPUT_TOKENS` size language-model requests in ML images.
fn has_secret_word(words: &[String]) -> bool {
    let substring = words
        .iter()
        .any(|word| SECRET_SUBSTRINGS.iter().any(|part| word.contains(part)));
    let token = words.iter().any(|word| word.ends_with("token"));
    let last = words
        .last()
        .is_some_and(|word| SECRET_LAST_WORDS.contains(&word.as_str()));
    let key = words.windows(2).any(|pair| {
        KEY_QUALIFIERS.contains(&pair[0].as_str()) && (pair[1] == "key" || pair[1] == "keys")
    });
    substring || token || last || key
}

/// Whether a matched credential is more than its shape: not a placeholder, not a repeated
/// character, and for a private key, a block with a body.
fn is_plausible(group: &str, secret: &str) -> bool {
    match group {
        "private_key" => private_key_body_len(secret) >= 64,
        "url_password" => is_url_password(secret),
        _ => !is_placeholder(secret) && shannon_entropy(secret) >= MIN_TOKEN_ENTROPY,
    }
}

/// The number of base64 characters after the `BEGIN` line; a bare header (a `grep` pattern,
/// a comment) has none.
fn private_key_body_len(block: &str) -> usize {
    let body = block.splitn(3, "-----").nth(2).unwrap_or("");
    let body = body.split("-----END").next().unwrap_or(body);
    body.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .count()
}

/// Whether the password part of a URL is a literal, not a variable, a format directive, a
/// placeholder or a port number taken for a password.
fn is_url_password(password: &str) -> bool {
    let templated = password.contains(['$', '{', '}']) || password.contains("%s");
    let port = password.len() <= 5 && password.chars().all(|c| c.is_ascii_digit());
    !templated && !port && !is_placeholder(password)
}

/// Whether a value is a placeholder: a known part (`changeme`, `<token>`), a default
/// (`password`, `admin`), or a default behind a possessive (`mypassword`, `some_password`).
fn is_placeholder(value: &str) -> bool {
    let lower = value.to_lowercase();
    if PLACEHOLDER_PARTS.iter().any(|part| lower.contains(part)) {
        return true;
    }

    let squashed: String = lower.chars().filter(|c| !matches!(c, '_' | '-')).collect();
    let bare = ["my", "some", "the"]
        .iter()
        .find_map(|owner| squashed.strip_prefix(owner))
        .unwrap_or(&squashed);
    let bare = bare
        .strip_prefix("secret")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(bare);
    PLACEHOLDER_VALUES.contains(&bare)
}

/// Whether a value points elsewhere: a variable, a command substitution, a path or a URL.
fn is_reference(value: &str) -> bool {
    let path = ["/", "./", "../", "~/"]
        .iter()
        .any(|prefix| value.starts_with(prefix));
    path || value.contains('$') || value.contains("://")
}

/// Whether a value is a boolean or a number, which only toggles or sizes a secret.
fn is_plain_scalar(value: &str) -> bool {
    let booleans = ["true", "false", "yes", "no", "on", "off"];
    booleans.contains(&value.to_ascii_lowercase().as_str())
        || value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

/// How many of lowercase letters, uppercase letters, digits and other characters a value uses.
fn character_classes(value: &str) -> usize {
    let classes = [
        value.chars().any(|c| c.is_lowercase()),
        value.chars().any(|c| c.is_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
        value.chars().any(|c| !c.is_alphanumeric()),
    ];
    classes.into_iter().filter(|&class| class).count()
}

/// Shannon entropy in bits per character.
fn shannon_entropy(text: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for c in text.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let total = text.chars().count() as f64;
    counts
        .values()
        .map(|&count| {
            let p = count as f64 / total;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        let cases: &[(&str, bool)] = &[
            // Secret words anywhere or as whole words.
            ("POSTGRES_PASSWORD", true),
            ("PGPASSWORD", true),
            ("MYSQL_ROOT_PASSWORD", true),
            ("DB_PASSWD", true),
            ("GPG_PASSPHRASE", true),
            ("APP_SECRET", true),
            ("SECRET_KEY_BASE", true),
            ("OKTA_OAUTH2_CLIENTSECRET", true),
            ("AWS_SECRET_ACCESS_KEY", true),
            ("AWS_ACCESS_KEY_ID", true),
            ("AWS_SESSION_TOKEN", true),
            ("GITHUB_TOKEN", true),
            ("NPM_AUTH_TOKEN", true),
            ("NPMTOKEN", true),
            ("HF_TOKEN", true),
            ("OPENAI_API_KEY", true),
            ("MY_APIKEY", true),
            ("SSH_PRIVATE_KEY", true),
            ("DEPLOY_KEY", true),
            ("GOOGLE_CREDENTIALS", true),
            ("DB_PASS", true),
            ("SMTP_PWD", true),
            ("NPM_AUTH", true),
            ("apiKey", true),
            ("accessToken", true),
            ("db.password", true),
            // Quiet: names that contain a secret word but hold no secret.
            ("TOKENIZERS_PARALLELISM", false),
            ("MAX_TOTAL_TOKENS", false),
            ("MYSQL_ALLOW_EMPTY_PASSWORD", false),
            ("MYSQL_RANDOM_ROOT_PASSWORD", false),
            ("SE_VNC_NO_PASSWORD", false),
            ("enablePasswordDB", false),
            ("ADMIN_PASSWORD_HASH", false),
            ("password_encryption", false),
            ("GPG_KEY", false),
            ("GPG_KEYS", false),
            ("KEY", false),
            ("PUBLIC_KEY", false),
            ("NEXT_PUBLIC_API_KEY", false),
            ("PASSWORD_FILE", false),
            ("POSTGRES_PASSWORD_FILE", false),
            ("SECRETS_DIR", false),
            ("TOKEN_URL", false),
            ("VAULT_SECRET_PATH", false),
            ("DB_SECRET_NAME", false),
            ("PASSWORD_LENGTH", false),
            ("TOKEN_EXPIRY", false),
            ("AUTH_ENABLED", false),
            ("AUTH_PROVIDER", false),
            ("PASS_MAX_DAYS", false),
            ("PWD", false),
            ("GOOGLE_APPLICATION_CREDENTIALS", false),
            ("DOCKER_CREDENTIAL_HELPER", false),
            ("CLIENT_SECRET_ID", false),
            // User names identify, they do not authenticate (hadolint flags these).
            ("DOCKER_USERNAME", false),
            ("POSTGRES_USER", false),
            ("DB_PASSWORD_USER", false),
            ("USERNAME", false),
            // Unrelated names.
            ("PATH", false),
            ("NODE_ENV", false),
            ("PRIVATE_REGISTRY", false),
            ("", false),
            ("_", false),
        ];
        for &(name, expected) in cases {
            assert_eq!(is_secret_name(name), expected, "{name}");
        }
    }

    #[test]
    fn credentials_found() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "ENV K=AKIAQWERTYUIOPASDFGH",
                "AWS access key ID",
                "AKIAQWERTYUIOPASDFGH",
            ),
            (
                "ASIAZ3X5C7V9B1N3M5Q7 x",
                "AWS access key ID",
                "ASIAZ3X5C7V9B1N3M5Q7",
            ),
            (
                "AWS_SECRET_ACCESS_KEY=Zx9/Qw3+Er5tYu7Io0PaSd2Fg4Hj6Kl8MnBv1Cx3 ",
                "AWS secret access key",
                "Zx9/Qw3+Er5tYu7Io0PaSd2Fg4Hj6Kl8MnBv1Cx3",
            ),
            (
                "aws_secret_access_key: \"Zx9/Qw3+Er5tYu7Io0PaSd2Fg4Hj6Kl8MnBv1Cx3\"",
                "AWS secret access key",
                "Zx9/Qw3+Er5tYu7Io0PaSd2Fg4Hj6Kl8MnBv1Cx3",
            ),
            (
                "token ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5 end",
                "GitHub token",
                "ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5",
            ),
            (
                "github_pat_11ABCDE2F0aB3dE5gH7jK9_mN1pQ3sT5vW7yZ9bC1dF3hJ5",
                "GitHub token",
                "github_pat_11ABCDE2F0aB3dE5gH7jK9_mN1pQ3sT5vW7yZ9bC1dF3hJ5",
            ),
            (
                "glpat-aB3dE5gH7jK9mN1pQ3sT",
                "GitLab token",
                "glpat-aB3dE5gH7jK9mN1pQ3sT",
            ),
            (
                "xoxb-1234567890-abcdefGHIJK",
                "Slack token",
                "xoxb-1234567890-abcdefGHIJK",
            ),
            (
                "curl https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/aB3dE5gH7jK9mN1pQ3sT",
                "Slack webhook URL",
                "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/aB3dE5gH7jK9mN1pQ3sT",
            ),
            (
                "sk_live_aB3dE5gH7jK9mN1pQ3sT5v",
                "Stripe live key",
                "sk_live_aB3dE5gH7jK9mN1pQ3sT5v",
            ),
            (
                "//registry.npmjs.org/:_authToken=npm_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5",
                "npm token",
                "npm_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5",
            ),
            (
                "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
                "Google API key",
                "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
            ),
            (
                "sk-ant-api03-aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7mN9pQ",
                "Anthropic API key",
                "sk-ant-api03-aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7mN9pQ",
            ),
            (
                "git clone https://bob:Tr0ub4dor3@github.com/x/y",
                "password in URL",
                "Tr0ub4dor3",
            ),
            (
                "postgres://app:s3cr3tP4ss@db:5432/app",
                "password in URL",
                "s3cr3tP4ss",
            ),
        ];
        for &(text, kind, secret) in cases {
            let found = find_credentials(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].kind, kind, "{text}");
            assert_eq!(&text[found[0].span.clone()], secret, "{text}");
        }
    }

    #[test]
    fn private_key_blocks_are_found_whole() {
        let body = "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6Z5XqMNmIVKx4hXvh6h5rT8Zw\n";
        let text = format!(
            "RUN echo '-----BEGIN RSA PRIVATE KEY-----\n{body}{body}-----END RSA PRIVATE KEY-----'"
        );
        let found = find_credentials(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, "private key");
        assert!(text[found[0].span.clone()].ends_with("-----END RSA PRIVATE KEY-----"));
    }

    #[test]
    fn credentials_quiet() {
        let texts = [
            // AWS's documented example key and placeholders.
            "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "AKIAAAAAAAAAAAAAAAAA",
            // A 40-character base64 run without an AWS secret name before it.
            "sha1=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",
            // Private-key headers without a body.
            "grep -q 'BEGIN RSA PRIVATE KEY' key.pem",
            "if line == '-----BEGIN PRIVATE KEY-----': pass",
            // URLs whose password is a variable, a template, a placeholder or a port.
            "https://$USER:$PASS@example.com",
            "https://${GIT_USER}:${GIT_TOKEN}@github.com/x",
            "postgres://user:{password}@db/x",
            "mysql://root:password@db/x",
            "https://user:<token>@host/x",
            "amqp://guest:guest@rabbit:5672/",
            "https://myacct:mypass@localhost:4430",
            "postgresql://conduktor:some_password@postgresql:5432/db",
            "http://%s:%s@%s/",
            "https://host:8080@other",
            "https://github.com/x/y.git",
            // Shapes that are too short or not tokens.
            "ghp_short",
            "npm_config_cache=/tmp",
            "sk-1234",
        ];
        for text in texts {
            assert_eq!(find_credentials(text), vec![], "{text}");
        }
    }

    #[test]
    fn literal_secret_values() {
        let cases: &[(&str, bool)] = &[
            ("s3cr3tP4ss!", true),
            ("\"kX9#mP2$\"", false),
            ("kX9#mP2@qL", true),
            ("'aB3dE5gH7jK9mN1pQ3sT5vW7'", true),
            ("correcthorsebatterystaple", true),
            ("d41d8cd98f00b204e9800998ecf8427e", true),
            // References.
            ("$DB_PASSWORD", false),
            ("${DB_PASSWORD}", false),
            ("${DB_PASSWORD:-x}", false),
            ("$(cat /run/secrets/db)", false),
            ("/run/secrets/db_password", false),
            ("./secrets/token.txt", false),
            ("https://vault.internal/v1/secret", false),
            // Empty, short, boolean and numeric values.
            ("", false),
            ("\"\"", false),
            ("hunter2", false),
            ("postgres", false),
            ("true", false),
            ("12345678901", false),
            ("aaaaaaaaaaaaaaaaaaaaaaaa", false),
            // Placeholders.
            ("changeme", false),
            ("mysecretpassword", false),
            ("My_Secret_Token", false),
            ("CHANGE_ME_PLEASE", false),
            ("your-token-here", false),
            ("<token>", false),
            ("xxxxxxxxxx", false),
            ("example-password", false),
            ("dummy-value-123", false),
            ("test1234567", false),
            ("{{ .Values.password }}", false),
            ("set me at runtime", false),
        ];
        for &(value, expected) in cases {
            assert_eq!(is_literal_secret_value(value), expected, "{value}");
        }
    }

    #[test]
    fn redaction() {
        let cases: &[(&str, &str)] = &[
            ("ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5", "ghp_****"),
            ("AKIAQWERTYUIOPASDFGH", "AKIA****"),
            ("sk_live_aB3dE5gH7jK9mN1pQ3sT5v", "sk_live_****"),
            ("sk-proj-aB3dE5gH7jK9mN1pQ3sT5v", "sk-proj-****"),
            (
                "https://hooks.slack.com/services/T0/B0/x",
                "https://hooks.slack.com/services/****",
            ),
            ("s3cr3tP4ss", "****"),
            ("ghp_", "****"),
            ("", "****"),
            ("é", "****"),
        ];
        for &(secret, expected) in cases {
            assert_eq!(redact(secret), expected, "{secret}");
        }
    }

    #[test]
    fn redaction_shows_no_more_than_a_known_prefix() {
        let secrets = [
            "ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5",
            "github_pat_11ABCDE2F0aB3dE5gH7jK9",
            "AKIAQWERTYUIOPASDFGH",
            "xoxb-1234567890-abcdefGHIJK",
            "glpat-aB3dE5gH7jK9mN1pQ3sT",
            "hunter2",
            "sk-",
            "a",
        ];
        for secret in secrets {
            let redacted = redact(secret);
            let shown = redacted.strip_suffix(MASK).expect("ends with the mask");
            assert!(secret.starts_with(shown), "{secret} -> {redacted}");
            assert!(
                shown.is_empty() || KNOWN_PREFIXES.contains(&shown),
                "{redacted}"
            );
            assert!(shown.len() < secret.len(), "{secret} -> {redacted}");
        }
    }

    #[test]
    fn secret_files() {
        let cases: &[(&str, bool)] = &[
            (".env", true),
            ("app/.env", true),
            ("./.env.production", true),
            (".env.local", true),
            (".env.example", false),
            (".env.sample", false),
            (".env.template", false),
            (".env.dist", false),
            ("env", false),
            (".envrc", false),
            ("id_rsa", true),
            ("home/.ssh/id_ed25519", true),
            ("id_ecdsa_deploy", true),
            ("id_dsa", true),
            ("id_rsa.pub", false),
            ("id_ed25519.pub", false),
            ("server.key", true),
            ("tls/private.pem", true),
            ("keystore.p12", true),
            ("cert.PFX", false),
            ("client.pfx", true),
            ("cert.pem", false),
            ("ca.pem", false),
            ("fullchain.pem", false),
            ("ffdhe4096.pem", false),
            ("dhparam.pem", false),
            ("nginx_signing.key", false),
            ("repo.gpg.key", false),
            ("Release.key", false),
            ("public.key", false),
            (".npmrc", true),
            (".pypirc", true),
            (".netrc", true),
            (".git-credentials", true),
            (".pgpass", true),
            (".aws/credentials", true),
            ("root/.aws/credentials", true),
            ("credentials", false),
            (".docker/config.json", true),
            ("config.json", false),
            (".kube/config", true),
            ("kubeconfig", true),
            ("config", false),
            ("credentials.json", true),
            ("secrets/", false),
            ("package.json", false),
            ("", false),
        ];
        for &(path, expected) in cases {
            assert_eq!(is_secret_file(path), expected, "{path}");
        }
    }

    #[test]
    fn entropy_reference_points() {
        assert!(shannon_entropy("aaaaaaaa1") < MIN_ENTROPY);
        assert!(shannon_entropy("s3cr3tP4ss!") >= MIN_ENTROPY);
        assert!(shannon_entropy("AKIAAAAAAAAAAAAAAAAA") < MIN_TOKEN_ENTROPY);
        assert_eq!(shannon_entropy(""), 0.0);
    }
}
