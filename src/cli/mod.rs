//! The command line: clap definitions and one module per subcommand.

mod check;
mod config;
mod debug;
mod migrate;
mod rule;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use shiplint::config::FailureThreshold;
use shiplint::{FileKind, Severity};

/// Lint Dockerfiles, Compose files and Kubernetes manifests, with exact positions.
#[derive(Debug, Parser)]
#[command(name = "shiplint", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint files, and the Dockerfiles, Compose files and manifests found in folders (the current
    /// folder by default)
    Check(Box<CheckArgs>),
    /// Show what shiplint understood of a file
    #[command(subcommand)]
    Debug(DebugCommand),
    /// Show a rule's documentation
    Rule {
        /// A rule's code or name, or a ShellCheck code such as SC2086
        #[arg(value_name = "CODE|NAME")]
        rule: String,
    },
    /// List every rule
    Rules {
        /// How to list them
        #[arg(long, value_enum, default_value_t = rule::RulesFormat::Table)]
        format: rule::RulesFormat,
    },
    /// Show the settings that apply
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Convert another linter's config to shiplint's
    #[command(subcommand)]
    Migrate(migrate::MigrateCommand),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to lint; `-` reads standard input
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// How to write the findings
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    format: Format,

    /// Write the report in `--format` to this file; the terminal gets the pretty report
    #[arg(long, short = 'o', value_name = "PATH")]
    output_file: Option<PathBuf>,

    /// The folder SARIF, github and gitlab paths are relative to [default: the git top level,
    /// else the current folder]
    #[arg(long, value_name = "DIR")]
    project_root: Option<PathBuf>,

    /// SARIF's `automationDetails.id` category, so that uploads of one workflow stay apart
    #[arg(long, value_name = "NAME")]
    sarif_category: Option<String>,

    /// When to colour the pretty output
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,

    /// Lint every named file as this kind, whatever its name
    #[arg(long, value_enum)]
    kind: Option<KindArg>,

    /// The name to show for standard input
    #[arg(long, value_name = "NAME", default_value = "-")]
    stdin_filename: String,

    /// The least severity that makes the exit code 1 [default: the config's, else warning]
    #[arg(long, value_enum)]
    failure_threshold: Option<Threshold>,

    /// The build stage that is shipped (the last one by default)
    #[arg(long, value_name = "STAGE")]
    target: Option<String>,

    /// The build context folder (the Dockerfile's folder by default)
    #[arg(long, value_name = "DIR")]
    context: Option<PathBuf>,

    /// A build argument, as `docker build --build-arg` takes it; wins over the ARG's default
    #[arg(long = "build-arg", value_name = "NAME=VALUE", value_parser = parse_build_arg)]
    build_args: Vec<(String, String)>,

    /// Print what is being done to standard error
    #[arg(short, long)]
    verbose: bool,

    #[command(flatten)]
    config: config::ConfigArgs,
}

#[derive(Debug, Subcommand)]
enum DebugCommand {
    /// Print the parsed syntax tree as JSON
    Ast {
        /// The file to parse; `-` reads standard input
        file: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Like cargo and rustc: the source line with the span underlined
    Pretty,
    /// One line a finding: `path:line:col: severity[CODE] message`
    Concise,
    /// One JSON document with every finding and every input error
    Json,
    /// One JSON object a line
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions annotations
    Github,
    /// GitLab Code Quality
    Gitlab,
    /// Checkstyle XML
    Checkstyle,
    /// JUnit XML
    Junit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    fn choice(self) -> anstream::ColorChoice {
        match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum KindArg {
    Dockerfile,
    Compose,
    Kubernetes,
}

impl From<KindArg> for FileKind {
    fn from(kind: KindArg) -> FileKind {
        match kind {
            KindArg::Dockerfile => FileKind::Dockerfile,
            KindArg::Compose => FileKind::Compose,
            KindArg::Kubernetes => FileKind::Kubernetes,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Threshold {
    Error,
    Warning,
    Info,
    Style,
    None,
}

impl From<Threshold> for FailureThreshold {
    fn from(threshold: Threshold) -> FailureThreshold {
        match threshold {
            Threshold::Error => FailureThreshold::At(Severity::Error),
            Threshold::Warning => FailureThreshold::At(Severity::Warning),
            Threshold::Info => FailureThreshold::At(Severity::Info),
            Threshold::Style => FailureThreshold::At(Severity::Style),
            Threshold::None => FailureThreshold::Never,
        }
    }
}

/// Runs the command line and turns its outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse_from(arguments());
    let outcome = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Debug(DebugCommand::Ast { file }) => debug::ast(&file),
        Command::Rule { rule } => rule::rule(&rule),
        Command::Rules { format } => rule::rules(format),
        Command::Config(command) => config::run(&command),
        Command::Migrate(command) => migrate::run(&command),
        Command::Completions { shell } => completions(shell),
    };

    match outcome {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            anstream::eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The command line, without the `shiplint` word cargo puts after the program's name when it
/// runs `cargo shiplint …` as `cargo-shiplint shiplint …`.
fn arguments() -> Vec<std::ffi::OsString> {
    let mut arguments: Vec<_> = std::env::args_os().collect();
    if arguments.get(1).is_some_and(|a| a == "shiplint") {
        arguments.remove(1);
    }
    arguments
}

fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "shiplint", &mut io::stdout().lock());
    Ok(ExitCode::SUCCESS)
}

/// A reader that stopped reading, as `shiplint check | head` does, is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Whether a path argument means standard input.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn parse_build_arg(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(format!("expected NAME=VALUE, got `{text}`")),
    }
}
