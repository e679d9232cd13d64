//! Package-manager command lines: which packages are installed without a pinned version.
//!
//! The pinning rules (DL3008 apt-get, DL3013 pip, DL3016 npm, DL3018 apk, DL3028 gem, DL3033
//! yum, DL3037 zypper, DL3041 dnf, DL3062 go) share one reading of a command line: find the
//! manager, find its install subcommand, sort the remaining words into options (with the values
//! they take) and package operands, then judge each operand by that manager's pinning syntax.
//! Everything here is a pure function of a [`Command`]; the rules only pick a manager and report
//! the words [`unpinned`] returns.
//!
//! Words whose value is unknown (they contain an expansion) are judged with each expansion read
//! as a version, so `curl=${CURL_VERSION}` is pinned and `python${PY}-dev` is not; a word that
//! starts with an expansion (`$PACKAGES`) names no package a command alone can tell, so it
//! passes here, and the pin rules look its value up in the script and the stage.

use std::borrow::Cow;

use crate::syntax::shell::{Command, Word};

/// A package manager whose install command lines we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Manager {
    /// `apt-get install` and `apt install`. Pinned: `pkg=version`. Not packages to pin: `.deb`
    /// files and words with a `/` (paths, and `pkg/release` selections).
    AptGet,
    /// `apk add`. Pinned: a version constraint, `pkg=1.2`, `pkg~1.2`, `pkg>1.2`, `pkg<1.2`
    /// and their `>=`/`<=` forms. Not packages to pin: `.apk` files and paths. The name given to
    /// `--virtual`/`-t` is an option value, not a package.
    Apk,
    /// `pip install`, `pip3 install`, `python -m pip install` and `uv pip install`. Pinned: a
    /// version specifier (`==`, `===`, `>=`, `<=`, `~=`, `!=`, `<`, `>`), extras included
    /// (`pkg[x]==1`), or a VCS URL with an `@ref`. Not packages to pin: paths, URLs, `.` and
    /// archives (`.whl`, `.tar.gz`, `.zip`), and the files given to `-r`/`-e`. A constraints
    /// file (`-c`/`--constraint`) pins every package of the command. `pip install --upgrade pip`
    /// is unpinned, as in hadolint.
    Pip,
    /// `npm install`, `npm i` and `npm add`. Pinned: `pkg@version` or `@scope/pkg@version`,
    /// except `@latest`; a git URL or GitHub shorthand (`user/repo`) with a `#ref`. Not packages
    /// to pin: local paths, `file:` specs, tarballs and `http(s)` URLs. `npm ci` and a bare
    /// `npm install` install what the lock file says, and are not installs of named packages.
    Npm,
    /// `gem install` and `gem i`. Pinned: `gem:version`, or `-v`/`--version` given on the
    /// command. Not packages to pin: `.gem` files and paths.
    Gem,
    /// `yum install`. Pinned: `pkg-version`, read as for [`Manager::Dnf`].
    Yum,
    /// `yum module install`. Pinned: `module:stream`.
    YumModule,
    /// `dnf install` and `microdnf install`. Pinned: `pkg-version`, where every part after the
    /// first hyphen is made of version characters and one of them starts with a digit
    /// (`nodejs-18.2`, `openssl-1:3.0.7-1.el9`; not `python3-devel`). Not packages to pin:
    /// `.rpm` files, paths, URLs and `@group`s.
    Dnf,
    /// `dnf module install`. Pinned: `module:stream`.
    DnfModule,
    /// `zypper install` and `zypper in`. Pinned: a version constraint, `pkg=1.2`, `pkg>=1.2`,
    /// `pkg<1.2` and the like. Not packages to pin: `.rpm` files, paths, URLs, and operands of
    /// `-t pattern` (or any type but `package`).
    Zypper,
    /// `go install` and `go get`. Pinned: `pkg@version`, where the version is not one of the
    /// moving queries `latest`, `upgrade` and `patch`. Not packages to pin: local packages
    /// (`.`, `./...`, paths, `.go` files) and the meta-packages `all`, `std`, `cmd` and `tool`.
    Go,
}

impl Manager {
    /// The code of the rule that checks this manager's pins.
    pub const fn rule_code(self) -> &'static str {
        match self {
            Manager::AptGet => "DL3008",
            Manager::Pip => "DL3013",
            Manager::Npm => "DL3016",
            Manager::Apk => "DL3018",
            Manager::Gem => "DL3028",
            Manager::Yum | Manager::YumModule => "DL3033",
            Manager::Zypper => "DL3037",
            Manager::Dnf | Manager::DnfModule => "DL3041",
            Manager::Go => "DL3062",
        }
    }
}

/// A package-install command line: which manager, its option words, its package words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Install<'a> {
    pub manager: Manager,
    /// The word that makes this an install: `install`, `add`, `i`, `in` or `get`.
    pub subcommand: &'a Word,
    /// Option words and the values they take, in order, from either side of the subcommand.
    pub options: Vec<&'a Word>,
    /// The operands after the subcommand: packages, but also files, paths and URLs.
    pub packages: Vec<&'a Word>,
}

/// Reads `command` as a package install, or `None` when it is not one.
pub fn install(command: &Command) -> Option<Install<'_>> {
    let (manager, args) = invocation(command)?;
    let grammar = grammar(manager);
    let items = sort_words(args, &grammar);
    read_install(&grammar, &items)
}

/// A package-manager command line read for its subcommand, whatever that is: `apt-get update`,
/// `yum clean all`, `zypper dist-upgrade`, as well as installs. The hygiene rules (prompts,
/// caches) read command lines this way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call<'a> {
    pub manager: Manager,
    /// The first operand, usually the subcommand; `None` when the line has only options.
    pub subcommand: Option<&'a Word>,
    /// Every option word and the values they take, before and after the subcommand.
    pub options: Vec<&'a Word>,
    /// The operands after the subcommand.
    pub operands: Vec<&'a Word>,
}

impl Call<'_> {
    /// The subcommand's text, or `""` when there is none.
    pub fn subcommand_text(&self) -> &str {
        self.subcommand.map_or("", |word| word.text.as_str())
    }

    /// The subcommand as a reader names it: `install`, or `group install` and
    /// `module install`, whose action is the next word.
    pub fn action(&self) -> String {
        let subcommand = self.subcommand_text();
        let grouped = matches!(subcommand, "group" | "groups" | "module");
        match self.operands.first() {
            Some(action) if grouped => format!("{subcommand} {}", action.text),
            _ => subcommand.to_owned(),
        }
    }

    /// Whether any of `names` is among the options, alone or as `--name=value`.
    pub fn has_option(&self, names: &[&str]) -> bool {
        has_option(&self.options, names)
    }

    /// Whether a cluster of single-letter options (`-y`, `-qy`) holds `letter`. Words with
    /// other characters than letters are option values (`-oKey=yes`), not clusters.
    pub fn has_short(&self, letter: char) -> bool {
        self.short_count(letter) > 0
    }

    /// How many times `letter` appears in clusters of single-letter options: `-qq` is 2.
    pub fn short_count(&self, letter: char) -> usize {
        self.options
            .iter()
            .filter_map(|word| word.text.strip_prefix('-'))
            .filter(|rest| !rest.starts_with('-'))
            .filter(|rest| rest.chars().all(|c| c.is_ascii_alphabetic()))
            .map(|rest| rest.chars().filter(|&c| c == letter).count())
            .sum()
    }
}

/// The program a command runs, without its directory: `/usr/bin/apt-get` is `apt-get`.
pub fn program(command: &Command) -> &str {
    basename(&command.name.text)
}

/// Reads `command` as a call of a package manager, or `None` when it runs none.
pub fn call(command: &Command) -> Option<Call<'_>> {
    let (manager, args) = invocation(command)?;
    let grammar = grammar(manager);
    let mut call = Call {
        manager,
        subcommand: None,
        options: Vec::new(),
        operands: Vec::new(),
    };
    for item in sort_words(args, &grammar) {
        match item {
            Item::Option(word) => call.options.push(word),
            Item::Operand(word) if call.subcommand.is_none() => call.subcommand = Some(word),
            Item::Operand(word) => call.operands.push(word),
        }
    }
    Some(call)
}

/// Whether a package word pins a version, by that manager's syntax. Operands that name no
/// registry package (files, paths, URLs) and words whose package is unknown count as pinned,
/// since there is nothing to pin. `options` are the command's options, for the managers where
/// an option pins (`gem -v`, `pip -c`).
pub fn is_pinned(manager: Manager, package: &Word, options: &[&Word]) -> bool {
    let Some(text) = known_text(package) else {
        return true;
    };
    let text = text.as_ref();
    match manager {
        Manager::AptGet => apt_pinned(text),
        Manager::Apk => apk_pinned(text),
        Manager::Pip => has_option(options, &["-c", "--constraint"]) || pip_pinned(text),
        Manager::Npm => npm_pinned(text),
        Manager::Gem => has_option(options, &["-v", "--version"]) || gem_pinned(text),
        Manager::Yum | Manager::Dnf => rpm_pinned(text),
        Manager::YumModule | Manager::DnfModule => text.contains(':'),
        Manager::Zypper => zypper_skips_type(options) || zypper_pinned(text),
        Manager::Go => go_pinned(text),
    }
}

/// The unpinned package words of a command (empty when none or not an install), judged by the
/// command alone; the pin rules also look variables up.
#[cfg(test)]
pub fn unpinned(command: &Command) -> Vec<&Word> {
    let Some(install) = install(command) else {
        return Vec::new();
    };
    let manager = install.manager;
    let options = &install.options;
    install
        .packages
        .into_iter()
        .filter(|word| !is_pinned(manager, word, options))
        .collect()
}

/// How one manager's command line reads.
struct Grammar {
    manager: Manager,
    /// The words that start an install.
    subcommands: &'static [&'static str],
    /// The manager that `module install` selects instead, for yum and dnf.
    module: Option<Manager>,
    /// Options whose value is the next word, unless given as `--option=value`.
    takes_value: &'static [&'static str],
}

fn grammar(manager: Manager) -> Grammar {
    let (subcommands, takes_value): (&[&str], &[&str]) = match manager {
        Manager::AptGet => (&["install"], APT_VALUES),
        Manager::Apk => (&["add"], APK_VALUES),
        Manager::Pip => (&["install"], PIP_VALUES),
        Manager::Npm => (&["install", "i", "add"], NPM_VALUES),
        Manager::Gem => (&["install", "i"], GEM_VALUES),
        Manager::Yum | Manager::YumModule | Manager::Dnf | Manager::DnfModule => {
            (&["install"], RPM_VALUES)
        }
        Manager::Zypper => (&["install", "in"], ZYPPER_VALUES),
        Manager::Go => (&["install", "get"], GO_VALUES),
    };
    let module = match manager {
        Manager::Yum => Some(Manager::YumModule),
        Manager::Dnf => Some(Manager::DnfModule),
        _ => None,
    };
    Grammar {
        manager,
        subcommands,
        module,
        takes_value,
    }
}

const APT_VALUES: &[&str] = &[
    "-o",
    "--option",
    "-c",
    "--config-file",
    "-t",
    "--target-release",
    "--default-release",
    "-a",
    "--host-architecture",
];

const APK_VALUES: &[&str] = &[
    "-t",
    "--virtual",
    "-X",
    "--repository",
    "-p",
    "--root",
    "--arch",
    "--keys-dir",
    "--repositories-file",
    "--cache-dir",
    "--cache-max-age",
    "--progress-fd",
    "--timeout",
];

const PIP_VALUES: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "--trusted-host",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--src",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--upgrade-strategy",
    "-C",
    "--config-settings",
    "--global-option",
    "--install-option",
    "--no-binary",
    "--only-binary",
    "--progress-bar",
    "--root-user-action",
    "--report",
    "--proxy",
    "--log",
    "--log-file",
    "--cache-dir",
    "--timeout",
    "--retries",
    "--exists-action",
    "--cert",
    "--client-cert",
    "--use-feature",
    "--use-deprecated",
    "--keyring-provider",
    "-b",
    "--build",
    // uv pip
    "-p",
    "--python",
    "--index",
    "--default-index",
    "--index-strategy",
    "--resolution",
    "--prerelease",
    "--override",
    "--overrides",
    "--exclude-newer",
    "-P",
    "--upgrade-package",
    "--reinstall-package",
    "--link-mode",
    "--python-platform",
    "--extra",
    "--config-file",
    "--directory",
    "--project",
    "--color",
    "--torch-backend",
];

const NPM_VALUES: &[&str] = &[
    "--prefix",
    "-C",
    "--registry",
    "--cache",
    "--userconfig",
    "--globalconfig",
    "--loglevel",
    "--tag",
    "-w",
    "--workspace",
    "--omit",
    "--include",
    "--install-strategy",
    "--location",
    "--before",
    "--script-shell",
];

const GEM_VALUES: &[&str] = &[
    "-v",
    "--version",
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "-s",
    "--source",
    "-P",
    "--trust-policy",
    "--platform",
    "-g",
    "--file",
    "--without",
    "--build-root",
];

const RPM_VALUES: &[&str] = &[
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "--repofrompath",
    "--setopt",
    "-c",
    "--config",
    "--installroot",
    "--releasever",
    "-x",
    "--exclude",
    "-d",
    "--debuglevel",
    "-e",
    "--errorlevel",
    "--rpmverbosity",
    "--downloaddir",
    "--destdir",
    "--forcearch",
    "--color",
    "--comment",
    "--advisory",
    "--bz",
    "--cve",
    "--sec-severity",
    "--secseverity",
    "--disableplugin",
    "--enableplugin",
];

const ZYPPER_VALUES: &[&str] = &[
    "-R",
    "--root",
    "-c",
    "--config",
    "-D",
    "--reposd-dir",
    "-C",
    "--cache-dir",
    "--raw-cache-dir",
    "--solv-cache-dir",
    "--pkg-cache-dir",
    "--userdata",
    "-t",
    "--type",
    "-r",
    "--repo",
    "--from",
    "--download",
];

/// Go flags, written with one dash; go accepts two as well.
const GO_VALUES: &[&str] = &[
    "-ldflags",
    "-gcflags",
    "-asmflags",
    "-gccgoflags",
    "-tags",
    "-mod",
    "-modfile",
    "-o",
    "-p",
    "-pkgdir",
    "-toolexec",
    "-overlay",
    "-pgo",
    "-installsuffix",
    "-compiler",
    "-buildmode",
    "-C",
    "-exec",
    "-coverpkg",
    "-covermode",
];

/// The manager a command runs and the arguments it reads, after `-m pip` or `uv pip`.
fn invocation(command: &Command) -> Option<(Manager, &[Word])> {
    let name = basename(&command.name.text);
    let args = command.args.as_slice();
    let manager = match name {
        "apt-get" | "apt" => Manager::AptGet,
        "apk" => Manager::Apk,
        "npm" => Manager::Npm,
        "gem" => Manager::Gem,
        "yum" => Manager::Yum,
        "dnf" | "dnf5" | "microdnf" => Manager::Dnf,
        "zypper" => Manager::Zypper,
        "go" => Manager::Go,
        "uv" => return uv_pip_args(args).map(|rest| (Manager::Pip, rest)),
        _ if is_versioned(name, "pip") => Manager::Pip,
        _ if is_versioned(name, "python") => {
            return python_pip_args(args).map(|rest| (Manager::Pip, rest));
        }
        _ => return None,
    };
    Some((manager, args))
}

/// The last path component, so `/usr/bin/apt-get` reads as `apt-get`.
fn basename(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// Whether `name` is `stem` with an optional version: `pip`, `pip3`, `python3.11`.
fn is_versioned(name: &str, stem: &str) -> bool {
    let Some(version) = name.strip_prefix(stem) else {
        return false;
    };
    version.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The arguments after `-m pip` in `python [flags] -m pip …`.
fn python_pip_args(args: &[Word]) -> Option<&[Word]> {
    let mut index = 0;
    while let Some(word) = args.get(index) {
        match word.text.as_str() {
            "-mpip" => return args.get(index + 1..),
            "-m" => return (args.get(index + 1)?.text == "pip").then(|| &args[index + 2..]),
            // These interpreter flags take the next word as their value.
            "-W" | "-X" => index += 2,
            text if text.starts_with('-') => index += 1,
            _ => return None,
        }
    }
    None
}

/// The arguments after `pip` in `uv pip …`.
fn uv_pip_args(args: &[Word]) -> Option<&[Word]> {
    let (first, rest) = args.split_first()?;
    (first.text == "pip").then_some(rest)
}

/// One argument, sorted: an option (or an option's value), or an operand.
#[derive(Clone, Copy)]
enum Item<'a> {
    Option(&'a Word),
    Operand(&'a Word),
}

/// Sorts arguments into options, with the values they swallow, and operands; every word after
/// `--` is an operand.
fn sort_words<'a>(args: &'a [Word], grammar: &Grammar) -> Vec<Item<'a>> {
    let mut items = Vec::with_capacity(args.len());
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let text = word.text.as_str();
        if text == "--" {
            items.push(Item::Option(word));
            items.extend(words.by_ref().map(Item::Operand));
        } else if text.len() > 1 && text.starts_with('-') {
            items.push(Item::Option(word));
            if takes_value(grammar, text) {
                items.extend(words.next().map(Item::Option));
            }
        } else {
            items.push(Item::Operand(word));
        }
    }
    items
}

fn takes_value(grammar: &Grammar, option: &str) -> bool {
    if grammar.takes_value.contains(&option) {
        return true;
    }
    // Go's flag package reads `--tags` as `-tags`.
    let single_dash = option
        .strip_prefix('-')
        .filter(|rest| rest.starts_with('-'));
    grammar.manager == Manager::Go && single_dash.is_some_and(|o| grammar.takes_value.contains(&o))
}

/// Finds the subcommand among sorted words and gathers the options and packages around it.
fn read_install<'a>(grammar: &Grammar, items: &[Item<'a>]) -> Option<Install<'a>> {
    let mut manager = grammar.manager;
    let mut options = Vec::new();
    let mut rest = items.iter();
    let subcommand = loop {
        match rest.next()? {
            Item::Option(word) => options.push(*word),
            Item::Operand(word) if word.text == "module" && grammar.module.is_some() => {
                manager = grammar.module?;
            }
            Item::Operand(word) if grammar.subcommands.contains(&word.text.as_str()) => {
                break *word;
            }
            Item::Operand(_) => return None,
        }
    };

    let mut packages = Vec::new();
    for item in rest {
        match item {
            Item::Option(word) => options.push(*word),
            Item::Operand(word) => packages.push(*word),
        }
    }
    Some(Install {
        manager,
        subcommand,
        options,
        packages,
    })
}

/// Whether any of `names` is among the options, alone or as `--name=value`.
fn has_option(options: &[&Word], names: &[&str]) -> bool {
    options
        .iter()
        .any(|word| names.iter().any(|name| is_option(&word.text, name)))
}

fn is_option(text: &str, name: &str) -> bool {
    let Some(rest) = text.strip_prefix(name) else {
        return false;
    };
    rest.is_empty() || (name.starts_with("--") && rest.starts_with('='))
}

/// The word's text with each expansion read as `1`, a stand-in for a version; `None` when the
/// word starts with an expansion, so that not even its package name is known.
fn known_text(word: &Word) -> Option<Cow<'_, str>> {
    if word.literal {
        return Some(Cow::Borrowed(&word.text));
    }
    let text = word.text.as_str();
    if text.starts_with('$') || text.starts_with('`') {
        return None;
    }
    Some(Cow::Owned(replace_expansions(text)))
}

/// Replaces `$NAME`, `${…}`, `$(…)` and `` `…` `` with `1`.
fn replace_expansions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('$', Some('{')) => skip_balanced(&mut chars, '{', '}'),
            ('$', Some('(')) => skip_balanced(&mut chars, '(', ')'),
            ('$', Some(n)) if n.is_ascii_alphanumeric() || *n == '_' => {
                while chars
                    .next_if(|n| n.is_ascii_alphanumeric() || *n == '_')
                    .is_some()
                {}
            }
            ('`', _) => while chars.next().is_some_and(|n| n != '`') {},
            _ => {
                out.push(c);
                continue;
            }
        }
        out.push('1');
    }
    out
}

/// Consumes an opening delimiter and everything up to its matching close.
fn skip_balanced(chars: &mut impl Iterator<Item = char>, open: char, close: char) {
    let mut depth = 0usize;
    for c in chars {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return;
            }
        }
    }
}

/// Whether the operand is a path or URL rather than a package name.
fn is_path(text: &str) -> bool {
    text.contains('/') || text == "." || text == ".."
}

fn apt_pinned(text: &str) -> bool {
    text.contains('=') || is_path(text) || text.ends_with(".deb")
}

fn apk_pinned(text: &str) -> bool {
    text.contains(['=', '~', '<', '>']) || is_path(text) || text.ends_with(".apk")
}

fn pip_pinned(text: &str) -> bool {
    if is_vcs_url(text) {
        return vcs_has_ref(text);
    }
    let specifier =
        text.contains(['<', '>']) || ["==", "~=", "!="].iter().any(|s| text.contains(s));
    let archive = [".whl", ".tar.gz", ".tgz", ".tar.bz2", ".zip"]
        .iter()
        .any(|s| text.ends_with(s));
    specifier || archive || is_path(text) || text.starts_with('.')
}

/// Whether the operand is a pip VCS URL: `git+https://…`, `hg+ssh://…`, `git://…`.
fn is_vcs_url(text: &str) -> bool {
    ["git+", "hg+", "svn+", "bzr+", "git://", "svn://"]
        .iter()
        .any(|p| text.starts_with(p))
}

/// Whether a VCS URL names a revision (`…/repo.git@v1.2`), not counting `user@` in the host.
fn vcs_has_ref(url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = match after_scheme.split_once('/') {
        Some((_, path)) => path,
        None => after_scheme,
    };
    path.contains('@')
}

fn npm_pinned(text: &str) -> bool {
    let local = ["/", "./", "../", "~/", "file:"]
        .iter()
        .any(|p| text.starts_with(p));
    let tarball = [".tar", ".tar.gz", ".tgz"]
        .iter()
        .any(|s| text.ends_with(s));
    let web = text.starts_with("http://") || text.starts_with("https://");
    if local || tarball || web || text == "." || text == ".." {
        return true;
    }
    if is_npm_git(text) {
        return text.contains('#');
    }
    npm_version(text).is_some_and(|version| !version.is_empty() && version != "latest")
}

/// Whether the operand is a git repository: a git URL, a hosted shorthand, or `user/repo`.
fn is_npm_git(text: &str) -> bool {
    let prefixes = ["git:", "git+", "github:", "gitlab:", "bitbucket:", "gist:"];
    prefixes.iter().any(|p| text.starts_with(p)) || (text.contains('/') && !text.starts_with('@'))
}

/// The part after the `@` that ends the package name, skipping a scope's leading `@`.
fn npm_version(text: &str) -> Option<&str> {
    let name_start = if text.starts_with('@') {
        text.find('/')?
    } else {
        0
    };
    let at = text.get(name_start..)?.find('@')? + name_start;
    text.get(at + 1..)
}

fn gem_pinned(text: &str) -> bool {
    text.contains(':') || is_path(text) || text.ends_with(".gem")
}

/// An RPM `name-version`: after the first hyphen, parts of version characters, one of them
/// starting with a digit.
fn rpm_pinned(text: &str) -> bool {
    if text.ends_with(".rpm") || text.starts_with('@') || is_path(text) {
        return true;
    }
    let Some((_, version)) = text.split_once('-') else {
        return false;
    };
    let parts = version.split('-');
    let version_char = |c: char| c.is_ascii_alphanumeric() || ".~^_:+".contains(c);
    parts.clone().all(|part| part.chars().all(version_char))
        && parts
            .clone()
            .any(|part| part.starts_with(|c: char| c.is_ascii_digit()))
}

fn zypper_pinned(text: &str) -> bool {
    text.contains(['=', '<', '>']) || is_path(text) || text.ends_with(".rpm")
}

/// Whether `-t`/`--type` selects something other than packages (a pattern, patch or product),
/// which carries no version to pin.
fn zypper_skips_type(options: &[&Word]) -> bool {
    let mut words = options.iter().map(|word| word.text.as_str());
    while let Some(text) = words.next() {
        let kind = match text {
            "-t" | "--type" => words.next(),
            _ => text.strip_prefix("--type="),
        };
        if kind.is_some_and(|kind| kind != "package") {
            return true;
        }
    }
    false
}

fn go_pinned(text: &str) -> bool {
    let local = text.starts_with(['.', '/']) || text.ends_with(".go");
    if local || ["all", "std", "cmd", "tool"].contains(&text) {
        return true;
    }
    let Some((_, version)) = text.rsplit_once('@') else {
        return false;
    };
    !["", "latest", "upgrade", "patch"].contains(&version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    /// A command from a line split on whitespace; words holding `$` or a backtick are not
    /// literal.
    fn command(line: &str) -> Command {
        let mut words = line.split_whitespace().map(|text| {
            let start = text.as_ptr() as usize - line.as_ptr() as usize;
            Word {
                text: text.to_string(),
                span: Span::new(start, start + text.len()),
                literal: !text.contains(['$', '`']),
            }
        });
        let name = words.next().expect("a command name");
        let args: Vec<Word> = words.collect();
        Command {
            span: Span::new(
                name.span.start,
                args.last().map_or(name.span.end, |w| w.span.end),
            ),
            name,
            args,
            wrappers: Vec::new(),
            pipe_to: None,
            wraps: None,
        }
    }

    /// Each line with the words it must report, for one manager's table.
    fn check(table: &[(&str, &[&str])]) {
        for (line, expected) in table {
            let command = command(line);
            let found: Vec<&str> = unpinned(&command).iter().map(|w| w.text.as_str()).collect();
            assert_eq!(&found, expected, "{line}");
        }
    }

    #[test]
    fn apt_get() {
        check(&[
            ("apt-get install -y curl", &["curl"]),
            (
                "apt-get install -y --no-install-recommends curl=7.88 git",
                &["git"],
            ),
            (
                "apt-get -y --no-install-recommends install curl wget=1.21",
                &["curl"],
            ),
            ("apt install -y vim", &["vim"]),
            ("/usr/bin/apt-get install vim", &["vim"]),
            (
                "apt-get install -y -t bookworm-backports golang",
                &["golang"],
            ),
            ("apt-get install --target-release=sid golang", &["golang"]),
            (
                "apt-get -o Dpkg::Options::=--force-confold install -y tzdata",
                &["tzdata"],
            ),
            ("apt-get install -y curl=${CURL_VERSION}", &[]),
            ("apt-get install -y python${PY}-dev", &["python${PY}-dev"]),
            ("apt-get install -y $PACKAGES", &[]),
            (
                "apt-get install -y ./foo.deb /tmp/bar_1.0_amd64.deb baz.deb",
                &[],
            ),
            ("apt-get install -y foo/bookworm-backports", &[]),
            ("apt-get install -y -- curl", &["curl"]),
            ("apt-get update", &[]),
            ("apt-get upgrade -y", &[]),
            ("apt-get remove -y curl", &[]),
            ("apt-get download curl", &[]),
        ]);
    }

    #[test]
    fn apk() {
        check(&[
            ("apk add curl", &["curl"]),
            ("apk add --no-cache curl=8.5.0-r0 git", &["git"]),
            ("apk --no-cache add bash", &["bash"]),
            ("apk add curl~8.5 git>2.40 make<5 gcc>=12 musl<=2", &[]),
            ("apk add --virtual .build-deps gcc=12.2", &[]),
            ("apk add -t build-deps gcc", &["gcc"]),
            ("apk add --virtual=.build-deps gcc", &["gcc"]),
            (
                "apk add --repository http://dl-cdn.alpinelinux.org/alpine/edge bash",
                &["bash"],
            ),
            ("apk add -X https://example.org/alpine bash=5.2", &[]),
            ("apk add --allow-untrusted /tmp/foo.apk bar.apk", &[]),
            ("apk add curl=${CURL_VERSION}", &[]),
            ("apk add $PKGS", &[]),
            ("apk update", &[]),
            ("apk del curl", &[]),
        ]);
    }

    #[test]
    fn pip() {
        check(&[
            ("pip install flask", &["flask"]),
            (
                "pip3 install --no-cache-dir flask==3.0 gunicorn",
                &["gunicorn"],
            ),
            ("pip3.11 install requests", &["requests"]),
            ("pip3 --no-cache-dir install bandit", &["bandit"]),
            ("python3 -m pip --no-cache-dir install radian", &["radian"]),
            ("${VENV}/bin/pip install flake8", &["flake8"]),
            ("python -m pip install flask", &["flask"]),
            ("python3 -m pip install --upgrade pip", &["pip"]),
            ("python3.11 -u -m pip install flask", &["flask"]),
            ("/opt/venv/bin/python -m pip install flask>=2", &[]),
            ("uv pip install --system ruff", &["ruff"]),
            ("uv pip install --python 3.12 ruff==0.4", &[]),
            (
                "pip install -U pip setuptools wheel",
                &["pip", "setuptools", "wheel"],
            ),
            (
                "pip install a==1 b>=1 c<=2 d~=1.0 e!=3 f<2 g>1 h===1.0",
                &[],
            ),
            ("pip install apache-beam[gcp]", &["apache-beam[gcp]"]),
            ("pip install apache-beam[gcp]==2.50", &[]),
            ("pip install -r requirements.txt", &[]),
            ("pip install --requirement requirements.txt", &[]),
            ("pip install -r requirements.txt gunicorn", &["gunicorn"]),
            ("pip install -c constraints.txt flask", &[]),
            ("pip install --constraint=constraints.txt flask", &[]),
            ("pip install -e .", &[]),
            ("pip install --editable ./src", &[]),
            ("pip install . ./pkg /tmp/x .[dev]", &[]),
            (
                "pip install dist/app-1.0-py3-none-any.whl app.tar.gz app.zip",
                &[],
            ),
            ("pip install https://example.org/app.tar.gz", &[]),
            (
                "pip install git+https://github.com/org/repo.git@v1.0#egg=repo",
                &[],
            ),
            (
                "pip install git+https://github.com/org/repo.git",
                &["git+https://github.com/org/repo.git"],
            ),
            (
                "pip install git+ssh://git@github.com/org/repo.git",
                &["git+ssh://git@github.com/org/repo.git"],
            ),
            (
                "pip install -i https://pypi.example.org/simple flask",
                &["flask"],
            ),
            (
                "pip install --index-url https://pypi.example.org/simple flask==3",
                &[],
            ),
            (
                "pip install --extra-index-url https://x.org/simple --trusted-host x.org a",
                &["a"],
            ),
            (
                "pip install --target /opt/lib --prefix /usr --root / -f /wheels flask",
                &["flask"],
            ),
            (
                "pip install --platform manylinux2014 --python-version 3.11 numpy",
                &["numpy"],
            ),
            ("pip install flask==${FLASK_VERSION}", &[]),
            (
                "pip install tensorflow${TF_POSTFIX}",
                &["tensorflow${TF_POSTFIX}"],
            ),
            ("pip install $PIP_PACKAGES", &[]),
            ("pip download flask", &[]),
            ("pip freeze", &[]),
            ("pipenv install flask", &[]),
            ("python -c print(1)", &[]),
            ("python -m venv /opt/venv", &[]),
        ]);
    }

    #[test]
    fn npm() {
        check(&[
            ("npm install express", &["express"]),
            ("npm install -g firebase-tools", &["firebase-tools"]),
            ("npm i -g typescript@5.4.5 eslint", &["eslint"]),
            ("npm add express@4", &[]),
            ("npm install --global imagemin-cli", &["imagemin-cli"]),
            ("npm install -g @appthreat/cdxgen", &["@appthreat/cdxgen"]),
            ("npm install -g @angular/cli@17.3.0", &[]),
            (
                "npm install express@latest @scope/pkg@latest",
                &["express@latest", "@scope/pkg@latest"],
            ),
            ("npm install express@next", &[]),
            ("npm install", &[]),
            ("npm install --production", &[]),
            ("npm ci", &[]),
            ("npm ci --omit=dev", &[]),
            (
                "npm install --prefix /app --registry https://registry.example.org left-pad",
                &["left-pad"],
            ),
            ("npm install --omit dev serve@14", &[]),
            (
                "npm install ./local ../other /abs ~/home . file:../lib",
                &[],
            ),
            (
                "npm install pkg.tgz pkg.tar.gz pkg.tar https://example.org/pkg.tgz",
                &[],
            ),
            (
                "npm install git+https://github.com/npm/cli.git#v10.0.0",
                &[],
            ),
            (
                "npm install git://github.com/npm/cli.git",
                &["git://github.com/npm/cli.git"],
            ),
            ("npm install expressjs/express", &["expressjs/express"]),
            (
                "npm install expressjs/express#4.18.2 github:npm/cli#v10",
                &[],
            ),
            ("npm install lodash@${LODASH_VERSION}", &[]),
            ("npm install ${NPM_CLI_PACKAGE} --global", &[]),
            ("npm run build", &[]),
            ("npm config set registry https://example.org", &[]),
        ]);
    }

    #[test]
    fn gem() {
        check(&[
            ("gem install bundler", &["bundler"]),
            ("gem i fastlane", &["fastlane"]),
            ("gem install bundler:2.5.6 rails", &["rails"]),
            ("gem install bundler -v 2.5.6", &[]),
            ("gem install bundler --version 2.5.6", &[]),
            ("gem install bundler --version=2.5.6", &[]),
            ("gem install cloudapp --no-document", &["cloudapp"]),
            ("gem install -N -i /usr/local/bundle rake", &["rake"]),
            (
                "gem install --source https://rubygems.org -n /usr/local/bin rake:13.1",
                &[],
            ),
            ("gem install ./vendor/app-1.0.gem app.gem", &[]),
            ("gem install rake:${RAKE_VERSION}", &[]),
            ("gem install $GEMS", &[]),
            ("gem install -- rake", &["rake"]),
            ("gem update --system", &[]),
            ("gem list", &[]),
        ]);
    }

    #[test]
    fn yum_and_dnf() {
        check(&[
            ("yum install -y httpd", &["httpd"]),
            ("yum -y install httpd-2.4.57", &[]),
            ("yum install -y python3-devel", &["python3-devel"]),
            ("yum install -y python3-devel-3.9.16 gcc-c++", &["gcc-c++"]),
            ("yum install -y java-1.8.0-openjdk", &[]),
            ("yum install -y openssl-1:3.0.7-1.el9.x86_64", &[]),
            (
                "yum install -y --enablerepo epel --setopt tsflags=nodocs jq",
                &["jq"],
            ),
            ("yum install -y --enablerepo=epel jq-1.6", &[]),
            (
                "yum install -y -c /etc/yum.conf --installroot /mnt/root jq",
                &["jq"],
            ),
            (
                "yum install -y ./local.rpm /tmp/x.rpm https://example.org/x.rpm @development",
                &[],
            ),
            ("yum install -y nodejs-${NODE_VERSION}", &[]),
            ("yum install -y $PACKAGES", &[]),
            ("yum module install -y nodejs:18", &[]),
            ("yum module install -y nodejs", &["nodejs"]),
            ("yum groupinstall -y Development", &[]),
            ("yum update -y", &[]),
            ("yum clean all", &[]),
            ("dnf install -y httpd", &["httpd"]),
            ("dnf install -y httpd-2.4.57-5.el9", &[]),
            ("dnf -y module install php:8.1", &[]),
            ("dnf module enable -y nodejs:18", &[]),
            (
                "microdnf install -y --nodocs shadow-utils",
                &["shadow-utils"],
            ),
            ("microdnf install -y shadow-utils-4.9", &[]),
            ("microdnf install -y MariaDB-server-${MARIADB_VERSION}", &[]),
            ("dnf group install -y Development", &[]),
        ]);
    }

    #[test]
    fn zypper() {
        check(&[
            ("zypper install -y curl", &["curl"]),
            ("zypper --non-interactive in curl=8.0 git", &["git"]),
            ("zypper in -y curl>=8.0 git<3 make>4 gcc<=13", &[]),
            ("zypper --root /mnt install -y vim", &["vim"]),
            ("zypper install -r oss --from oss vim", &["vim"]),
            ("zypper install -t pattern devel_basis", &[]),
            ("zypper install --type=package vim", &["vim"]),
            ("zypper install ./local.rpm /tmp/x.rpm", &[]),
            ("zypper install vim=${VIM_VERSION}", &[]),
            ("zypper refresh", &[]),
            ("zypper remove vim", &[]),
        ]);
    }

    #[test]
    fn go() {
        check(&[
            ("go install example.com/cmd/tool", &["example.com/cmd/tool"]),
            (
                "go install example.com/cmd/tool@latest",
                &["example.com/cmd/tool@latest"],
            ),
            ("go install example.com/cmd/tool@v1.2.3", &[]),
            ("go install example.com/cmd/tool@8f2e3a1", &[]),
            (
                "go get -u github.com/golang/dep/cmd/dep",
                &["github.com/golang/dep/cmd/dep"],
            ),
            (
                "go get -d example.com/lib@upgrade",
                &["example.com/lib@upgrade"],
            ),
            (
                "go install --tags extended github.com/gohugoio/hugo",
                &["github.com/gohugoio/hugo"],
            ),
            ("go install -ldflags -s -tags netgo example.com/x@v1", &[]),
            ("go install -tags=netgo example.com/x", &["example.com/x"]),
            ("go install", &[]),
            ("go install ./...", &[]),
            ("go install . ./cmd/app /src/app main.go", &[]),
            (
                "go install -ldflags -X=a.b=$v ./cmd/tailscale ./cmd/tailscaled",
                &[],
            ),
            ("go install tool", &[]),
            ("go install example.com/x@${X_VERSION}", &[]),
            ("go install $TOOL", &[]),
            ("go build ./...", &[]),
            ("go mod download", &[]),
            ("go run make.go", &[]),
        ]);
    }

    #[test]
    fn call_reads_any_subcommand() {
        let command = command("apt-get -qq -o Acquire::Retries=3 update --fix-missing");
        let call = call(&command).expect("a call");

        assert_eq!(call.manager, Manager::AptGet);
        assert_eq!(call.subcommand_text(), "update");
        assert_eq!(call.short_count('q'), 2);
        assert!(call.has_option(&["--fix-missing"]));
        assert!(call.operands.is_empty());
    }

    #[test]
    fn clusters_are_letters_only() {
        let command = command("yum -qy -oDebug=yes install jq");
        let call = call(&command).expect("a call");

        assert!(call.has_short('y'));
        assert_eq!(call.short_count('e'), 0);
        assert_eq!(call.operands.len(), 1);
        assert_eq!(program(&command), "yum");
    }

    #[test]
    fn install_reads_the_command_line() {
        let command = command("apt-get -q install -y -o Acquire::Retries=3 curl");
        let install = install(&command).expect("an install");
        let options: Vec<&str> = install.options.iter().map(|w| w.text.as_str()).collect();
        let packages: Vec<&str> = install.packages.iter().map(|w| w.text.as_str()).collect();

        assert_eq!(install.manager, Manager::AptGet);
        assert_eq!(install.subcommand.text, "install");
        assert_eq!(options, ["-q", "-y", "-o", "Acquire::Retries=3"]);
        assert_eq!(packages, ["curl"]);
    }

    #[test]
    fn unpinned_words_keep_their_spans() {
        let line = "apk add --no-cache curl=8.5 git";
        let command = command(line);
        let words = unpinned(&command);

        assert_eq!(words.len(), 1);
        assert_eq!(&line[words[0].span.range()], "git");
    }

    #[test]
    fn module_installs_have_their_own_manager() {
        let yum = command("yum module install nodejs:18");
        let dnf = command("dnf module install nodejs:18");

        assert_eq!(install(&yum).map(|i| i.manager), Some(Manager::YumModule));
        assert_eq!(install(&dnf).map(|i| i.manager), Some(Manager::DnfModule));
        assert_eq!(Manager::DnfModule.rule_code(), "DL3041");
    }

    #[test]
    fn expansions_read_as_versions() {
        let cases = [
            ("a=${V}", "a=1"),
            ("a-$V.$W", "a-1.1"),
            ("a@$(cat v)", "a@1"),
            ("a=${V:-${W}}x", "a=1x"),
            ("a`v`b", "a1b"),
            ("a$", "a$"),
            ("é=${ü}", "é=1"),
        ];
        for (text, expected) in cases {
            assert_eq!(replace_expansions(text), expected, "{text}");
        }
    }
}
