//! What a Dockerfile builds: its stages, the ARG and ENV values in scope at each instruction,
//! each stage's effective USER, SHELL, WORKDIR and HEALTHCHECK (inherited from a parent stage),
//! the stage graph, RUN mounts, and the shell commands of each RUN.
//!
//! Values follow BuildKit: a global ARG (before the first FROM) is visible in FROM lines, and
//! inside a stage only once re-declared; an ARG's default counts as its value unless the build
//! args say otherwise; ENV values carry into child stages, ARGs do not. A value that cannot be
//! known (an ARG without default, the platform ARGs) is unknown, and rules stay silent on it.

use std::collections::HashMap;
use std::sync::Arc;

use super::expand::{self, Value};
use super::image::{self, ImageRef};
use super::script::{self, Interpreter, Script};
use crate::source::Span;
use crate::syntax::dockerfile::{Args, Dockerfile, Instruction, Keyword, Text};

/// ARGs every build has without declaring them; their values depend on the build.
const PLATFORM_ARGS: [&str; 8] = [
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
];

/// Proxy ARGs usable in RUN without a declaration.
const PROXY_ARGS: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// What the model needs from outside the file.
#[derive(Clone, Debug, Default)]
pub struct BuildInputs {
    /// `--build-arg` values.
    pub build_args: HashMap<String, String>,
    /// The stage that is built; the last one when `None`.
    pub target: Option<String>,
}

/// A variable's value at one point of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Var {
    Known(String),
    Unknown,
}

/// The variables in scope at one instruction.
pub type Scope = Arc<HashMap<String, Var>>;

/// The model of one Dockerfile.
#[derive(Debug)]
pub struct Model {
    pub stages: Vec<Stage>,
    /// The index of the stage that is built and shipped.
    pub final_stage: Option<usize>,
    /// For each instruction of the file, its stage (`None` before the first FROM).
    pub stage_of: Vec<Option<usize>>,
    /// For each instruction, the variables in scope when it runs.
    pub scopes: Vec<Scope>,
    /// The shell analysis of each RUN instruction, by instruction index.
    pub scripts: HashMap<usize, Vec<Script>>,
    /// Problems BuildKit would reject the build for, found while building the model.
    pub errors: Vec<(Span, String)>,
    /// FROM images written without variables that are not valid references.
    pub invalid_images: Vec<(Span, String)>,
    pub escape: char,
}

/// One build stage, from its FROM to the next.
#[derive(Debug)]
pub struct Stage {
    pub index: usize,
    /// The index of its FROM instruction.
    pub from: usize,
    /// The instructions of the stage, FROM excluded.
    pub body: std::ops::Range<usize>,
    /// The `AS` name, lowercased as BuildKit compares it.
    pub name: Option<String>,
    /// The FROM image word as written.
    pub base_text: Text,
    pub base: Base,
    /// The effective USER: the last one of this stage or of its ancestors.
    pub user: Option<Effective>,
    /// The effective HEALTHCHECK instruction index.
    pub healthcheck: Option<usize>,
    /// The effective SHELL, as its JSON words.
    pub shell: Vec<String>,
    /// True when the base image, or an ancestor's, is a Windows image.
    pub windows: bool,
    /// Stages this one copies or mounts files from.
    pub uses: Vec<usize>,
}

/// What a stage is built on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// An image, after ARG expansion; the string is the expanded reference.
    Image(ImageRef, String),
    Scratch,
    /// An earlier stage.
    Stage(usize),
    /// The reference depends on an unknown value.
    Unknown,
    /// The expanded reference is not valid.
    Invalid,
}

/// A USER (or similar) instruction that is in effect, with its expanded value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effective {
    pub instruction: usize,
    /// The expanded value; `None` when it depends on an unknown value.
    pub value: Option<String>,
}

impl Model {
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.get(self.final_stage?)
    }

    /// Expands `word` with the variables in scope at instruction `index`.
    pub fn expand(&self, index: usize, word: &str) -> Option<String> {
        let scope = self.scopes.get(index)?;
        expand::expand(word, self.escape, &|name| lookup(scope, name))
    }

    /// The stages that end up in the final image: the final stage and its ancestors.
    pub fn shipped_stages(&self) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut next = self.final_stage;
        while let Some(index) = next {
            if chain.contains(&index) {
                break;
            }
            chain.push(index);
            next = match self.stages[index].base {
                Base::Stage(parent) => Some(parent),
                _ => None,
            };
        }
        chain
    }
}

fn lookup<'a>(scope: &'a HashMap<String, Var>, name: &str) -> Value<'a> {
    match scope.get(name) {
        Some(Var::Known(value)) => Value::Set(value),
        Some(Var::Unknown) => Value::Unknown,
        None => Value::Unset,
    }
}

/// Builds the model of a parsed Dockerfile.
pub fn build(file: &Dockerfile, text: &str, inputs: &BuildInputs) -> Model {
    let mut builder = Builder::new(file, inputs);
    for (index, instruction) in file.instructions.iter().enumerate() {
        builder.instruction(index, instruction);
    }
    builder.finish(text)
}

struct Builder<'a> {
    file: &'a Dockerfile,
    inputs: &'a BuildInputs,
    model: Model,
    /// Global ARGs (before the first FROM), visible to FROM lines.
    global: HashMap<String, Var>,
    /// The variables of the current stage.
    current: HashMap<String, Var>,
    /// ENV values per stage, inherited by child stages.
    stage_env: Vec<HashMap<String, Var>>,
    /// `# hadolint shell=…` in force.
    pragma_shell: Option<String>,
}

impl<'a> Builder<'a> {
    fn new(file: &'a Dockerfile, inputs: &'a BuildInputs) -> Self {
        let mut global = HashMap::new();
        for name in PLATFORM_ARGS {
            global.insert(name.to_owned(), Var::Unknown);
        }
        Builder {
            file,
            inputs,
            model: Model {
                stages: Vec::new(),
                final_stage: None,
                stage_of: Vec::new(),
                scopes: Vec::new(),
                scripts: HashMap::new(),
                errors: Vec::new(),
                invalid_images: Vec::new(),
                escape: file.escape,
            },
            global,
            current: HashMap::new(),
            stage_env: Vec::new(),
            pragma_shell: None,
        }
    }

    fn instruction(&mut self, index: usize, instruction: &Instruction) {
        self.note_shell_pragmas(instruction);
        if instruction.keyword == Keyword::From {
            self.from(index, instruction);
        }
        let stage = self.model.stages.len().checked_sub(1);
        self.model.stage_of.push(stage);
        let scope = if stage.is_some() {
            &self.current
        } else {
            &self.global
        };
        self.model.scopes.push(Arc::new(scope.clone()));
        let Some(stage) = stage else {
            self.before_first_stage(instruction);
            return;
        };
        self.in_stage(index, stage, instruction);
    }

    /// Other instructions before the first FROM are DL3061's to report.
    fn before_first_stage(&mut self, instruction: &Instruction) {
        if instruction.keyword == Keyword::Arg {
            self.declare_args(instruction, true);
        }
    }

    fn from(&mut self, index: usize, instruction: &Instruction) {
        let words = instruction.words();
        let Some(image_word) = words.first().cloned() else {
            return;
        };
        let name = (words.len() == 3).then(|| words[2].value.to_ascii_lowercase());
        let base = self.resolve_base(&image_word);
        let parent = match base {
            Base::Stage(parent) => Some(parent),
            _ => None,
        };
        let stage_index = self.model.stages.len();
        let windows = parent.is_some_and(|p| self.model.stages[p].windows)
            || matches!(&base, Base::Image(_, reference) if is_windows_image(reference))
            || self.file.escape == '`';
        let shell = match parent {
            Some(p) => self.model.stages[p].shell.clone(),
            None => default_shell(windows),
        };
        self.model.stages.push(Stage {
            index: stage_index,
            from: index,
            body: index + 1..index + 1,
            name,
            base_text: image_word,
            base,
            user: parent.and_then(|p| self.model.stages[p].user.clone()),
            healthcheck: parent.and_then(|p| self.model.stages[p].healthcheck),
            shell,
            windows,
            uses: parent.into_iter().collect(),
        });
        let inherited = parent
            .map(|p| self.stage_env[p].clone())
            .unwrap_or_default();
        self.current = inherited.clone();
        for name in PROXY_ARGS {
            self.current.entry(name.to_owned()).or_insert(Var::Unknown);
        }
        self.stage_env.push(inherited);
    }

    fn resolve_base(&mut self, word: &Text) -> Base {
        let global = &self.global;
        let Some(expanded) = expand::expand(&word.value, self.file.escape, &|n| lookup(global, n))
        else {
            return Base::Unknown;
        };
        let lowered = expanded.to_ascii_lowercase();
        if let Some(stage) = self
            .model
            .stages
            .iter()
            .find(|s| s.name.as_deref() == Some(&lowered))
        {
            return Base::Stage(stage.index);
        }
        match image::parse(&expanded) {
            Ok(reference) if reference.is_scratch() => Base::Scratch,
            Ok(reference) => Base::Image(reference, expanded),
            // A reference made invalid by a variable (`ARG VERSION=` left empty) is meant to
            // be completed with a build arg, so it counts as unknown.
            Err(_) if expanded != word.value => Base::Unknown,
            Err(error) => {
                let message = format!("Image reference `{expanded}` is not valid: {error}");
                self.model.invalid_images.push((word.span, message));
                Base::Invalid
            }
        }
    }

    fn in_stage(&mut self, index: usize, stage: usize, instruction: &Instruction) {
        self.model.stages[stage].body.end = index + 1;
        match instruction.keyword {
            Keyword::Arg => self.declare_args(instruction, false),
            Keyword::Env => self.set_env(index, stage, instruction),
            Keyword::User => {
                let value = self.expand_single(index, instruction);
                self.model.stages[stage].user = Some(Effective {
                    instruction: index,
                    value,
                });
            }
            Keyword::Healthcheck => self.model.stages[stage].healthcheck = Some(index),
            Keyword::Shell => {
                if let Args::Exec(words) = &instruction.args {
                    self.model.stages[stage].shell =
                        words.iter().map(|w| w.value.clone()).collect();
                }
            }
            Keyword::Run => self.run(index, stage, instruction),
            // The RUN an ONBUILD triggers runs in a child image, with the same shell rules.
            Keyword::Onbuild => match &instruction.args {
                Args::Onbuild(inner) if inner.keyword == Keyword::Run => {
                    self.run(index, stage, inner)
                }
                _ => {}
            },
            Keyword::Copy | Keyword::Add => self.copy_from(stage, instruction),
            _ => {}
        }
    }

    fn expand_single(&self, index: usize, instruction: &Instruction) -> Option<String> {
        let word = instruction.words().first()?;
        self.model.expand(index, &word.value)
    }

    /// `ARG a b=c`: each name declared, with the build arg, the default, the global value (for
    /// a re-declared global ARG without default) or unknown.
    fn declare_args(&mut self, instruction: &Instruction, global: bool) {
        let Args::Pairs(pairs) = &instruction.args else {
            return;
        };
        for pair in pairs {
            let name = pair.key.value.clone();
            let scope = if global { &self.global } else { &self.current };
            let value = match (self.inputs.build_args.get(&name), &pair.value) {
                (Some(given), _) => Var::Known(given.clone()),
                (None, Some(default)) => expand_var(&default.value, self.file.escape, scope),
                (None, None) if !global => self.global.get(&name).cloned().unwrap_or(Var::Unknown),
                (None, None) => Var::Unknown,
            };
            if global {
                self.global.insert(name, value);
            } else {
                self.current.insert(name, value);
            }
        }
    }

    fn set_env(&mut self, index: usize, stage: usize, instruction: &Instruction) {
        let Args::Pairs(pairs) = &instruction.args else {
            return;
        };
        let before = Arc::clone(&self.model.scopes[index]);
        for pair in pairs {
            let raw = pair.value.as_ref().map_or("", |v| v.value.as_str());
            let value = if pair.equals {
                expand_var(raw, self.file.escape, &before)
            } else {
                // The legacy `ENV key value words` form keeps the rest of the line as one
                // value, quotes processed word by word.
                expand::expand_words(raw, self.file.escape, &|n| lookup(&before, n))
                    .map_or(Var::Unknown, |words| Var::Known(words.join(" ")))
            };
            self.current.insert(pair.key.value.clone(), value.clone());
            self.stage_env[stage].insert(pair.key.value.clone(), value);
        }
    }

    fn run(&mut self, index: usize, stage: usize, instruction: &Instruction) {
        for mount in script::mounts(instruction) {
            let from = mount.from.as_deref().and_then(|f| self.stage_named(f));
            if let Some(from) = from {
                self.model.stages[stage].uses.push(from);
            }
        }
        let shell = match &self.pragma_shell {
            Some(pragma) => vec![pragma.clone()],
            None => self.model.stages[stage].shell.clone(),
        };
        let interpreter = Interpreter::of_shell(&shell);
        let scripts = script::scripts(instruction, interpreter);
        self.model.scripts.insert(index, scripts);
    }

    fn copy_from(&mut self, stage: usize, instruction: &Instruction) {
        let Some(from) = instruction.flag_value("from") else {
            return;
        };
        if let Some(source) = self.stage_named(from) {
            self.model.stages[stage].uses.push(source);
        }
    }

    fn stage_named(&self, name: &str) -> Option<usize> {
        let lowered = name.to_ascii_lowercase();
        let by_name = self
            .model
            .stages
            .iter()
            .find(|s| s.name.as_deref() == Some(&lowered));
        by_name.map(|s| s.index).or_else(|| {
            let number: usize = name.parse().ok()?;
            (number < self.model.stages.len()).then_some(number)
        })
    }

    /// `# hadolint shell=powershell` sets the shell of the RUN instructions that follow.
    fn note_shell_pragmas(&mut self, instruction: &Instruction) {
        for &comment in &instruction.comments {
            let text = self.file.comments[comment].text.as_str();
            let Some(rest) = text.strip_prefix("hadolint") else {
                continue;
            };
            if let Some(shell) = rest.trim().strip_prefix("shell=") {
                self.pragma_shell = Some(shell.trim().to_owned());
            }
        }
    }

    fn finish(mut self, text: &str) -> Model {
        let _ = text;
        self.model.final_stage = match &self.inputs.target {
            Some(target) => self.stage_named(target),
            None => self.model.stages.len().checked_sub(1),
        };
        self.model
    }
}

fn expand_var(raw: &str, escape: char, scope: &HashMap<String, Var>) -> Var {
    expand::expand(raw, escape, &|n| lookup(scope, n)).map_or(Var::Unknown, Var::Known)
}

fn default_shell(windows: bool) -> Vec<String> {
    let words: &[&str] = if windows {
        &["cmd", "/S", "/C"]
    } else {
        &["/bin/sh", "-c"]
    };
    words.iter().map(|w| (*w).to_owned()).collect()
}

/// Windows base images, by the names Microsoft publishes them under.
fn is_windows_image(reference: &str) -> bool {
    let lower = reference.to_ascii_lowercase();
    [
        "windows/",
        "nanoserver",
        "servercore",
        "windowsservercore",
        "windows:",
    ]
    .iter()
    .any(|marker| lower.contains(marker))
}

/// Whether a USER value names root: `root`, `0`, `root:x`, `0:x`.
pub fn is_root_user(value: &str) -> bool {
    let user = value.split(':').next().unwrap_or(value).trim();
    user == "root" || user == "0"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::dockerfile::parse;

    fn model(text: &str) -> Model {
        build(&parse(text), text, &BuildInputs::default())
    }

    fn bases(model: &Model) -> Vec<String> {
        model
            .stages
            .iter()
            .map(|s| match &s.base {
                Base::Image(_, reference) => reference.clone(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn global_args_resolve_in_from_lines() {
        let m = model("ARG BASE=alpine\nARG TAG=3.19\nFROM ${BASE}:${TAG} AS build\nFROM build\n");

        assert_eq!(bases(&m), ["alpine:3.19", "Stage(0)"]);
        assert_eq!(m.final_stage, Some(1));
    }

    #[test]
    fn a_global_arg_is_visible_in_a_stage_only_when_redeclared() {
        let m = model("ARG V=1\nFROM a\nRUN echo\nARG V\nRUN echo\n");

        assert_eq!(m.expand(2, "x$V").as_deref(), Some("x"));
        assert_eq!(m.expand(4, "x$V").as_deref(), Some("x1"));
    }

    #[test]
    fn unknown_values_stay_unknown() {
        let m =
            model("ARG TAG\nFROM alpine:$TAG\nFROM --platform=$BUILDPLATFORM golang:$TARGETARCH\n");

        assert_eq!(bases(&m), ["Unknown", "Unknown"]);
    }

    #[test]
    fn several_args_on_one_line_and_env_inherited_by_child_stages() {
        let m = model("FROM a AS base\nARG a b=c\nENV D=$b\nFROM base\nRUN x\n");

        assert_eq!(m.expand(2, "$a|$b").as_deref(), None);
        assert_eq!(m.expand(2, "$b").as_deref(), Some("c"));
        assert_eq!(m.expand(4, "$D").as_deref(), Some("c"));
        assert_eq!(m.expand(4, "[$b]").as_deref(), Some("[]"));
    }

    #[test]
    fn effective_user_is_inherited_from_the_parent_stage() {
        let m = model("FROM a AS base\nUSER app\nFROM base\nRUN x\n");
        let user = m.final_stage().unwrap().user.clone().unwrap();

        assert_eq!((user.instruction, user.value.as_deref()), (1, Some("app")));
    }

    #[test]
    fn target_selects_the_final_stage() {
        let text = "FROM a AS one\nFROM b AS two\n";
        let inputs = BuildInputs {
            target: Some("one".into()),
            ..BuildInputs::default()
        };
        let m = build(&parse(text), text, &inputs);

        assert_eq!(m.final_stage, Some(0));
    }

    #[test]
    fn root_users() {
        for value in ["root", "0", "root:root", "0:0", "root:1000"] {
            assert!(is_root_user(value), "{value}");
        }
        for value in ["app", "1000", "1000:0", "rootless", ""] {
            assert!(!is_root_user(value), "{value}");
        }
    }
}
