//! `shiplint config show`, and the options that choose a config and override its settings,
//! which `check` shares.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use shiplint::config::discover::{Finder, Lookup};
use shiplint::config::show::{self, Detail};
use shiplint::config::{Config, FailureThreshold, Overrides, ShellCheckMode, Source};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the settings that apply to a file or folder, as TOML
    Show {
        /// The file or folder (the current folder by default)
        path: Option<PathBuf>,

        #[command(flatten)]
        lookup: LookupArgs,
    },
}

/// Which config applies.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// Use this config for every file instead of each file's nearest one
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,

    /// Use no config file: only the defaults and the command line
    #[arg(long)]
    isolated: bool,
}

impl LookupArgs {
    fn lookup(&self) -> Lookup {
        match (&self.config, self.isolated) {
            (Some(path), _) => Lookup::File(path.clone()),
            (None, true) => Lookup::Isolated,
            (None, false) => Lookup::Nearest,
        }
    }
}

/// The settings of a config that make sense on a command line; they win over the file's.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    lookup: LookupArgs,

    /// Rules to run instead of the default set: codes, code prefixes, names or `all`
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Option<Vec<String>>,

    /// Rules to run beyond the selected ones
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    extend_select: Vec<String>,

    /// Rules not to run
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,

    /// A rule's severity: error, warning, info or style
    #[arg(long, value_name = "RULE=LEVEL", value_parser = parse_severity)]
    severity: Vec<(String, String)>,

    /// Globs of files not to lint, instead of the config's `exclude`
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    exclude: Option<Vec<String>>,

    /// Globs of files not to lint, beyond `exclude`
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    extend_exclude: Vec<String>,

    /// Exclude files named on the command line too, as pre-commit hooks need
    #[arg(long)]
    pub force_exclude: bool,

    /// Ignore suppression comments in the linted files
    #[arg(long)]
    no_inline_suppressions: bool,

    /// A folder of `*.toml` user rules, beyond the config's `rule-dirs`
    #[arg(long = "rule-dir", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,

    /// When ShellCheck checks RUN scripts: `auto` (when it is on PATH), `on` or `off`
    #[arg(long, value_name = "WHEN", value_parser = ["auto", "on", "off"])]
    shellcheck: Option<String>,
}

impl ConfigArgs {
    /// The config finder for these options, with `--failure-threshold` if it was given.
    pub fn finder(&self, failure_threshold: Option<FailureThreshold>) -> anyhow::Result<Finder> {
        let overrides = Overrides {
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
            severity: self.severity.clone(),
            failure_threshold,
            exclude: self.exclude.clone(),
            extend_exclude: self.extend_exclude.clone(),
            no_inline_suppressions: self.no_inline_suppressions,
            rule_dirs: self.rule_dirs.clone(),
            shellcheck: self.shellcheck.as_deref().and_then(ShellCheckMode::parse),
        };
        Ok(Finder::new(self.lookup.lookup(), overrides)?)
    }
}

fn parse_severity(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((rule, level)) if !rule.is_empty() => Ok((rule.to_owned(), level.to_owned())),
        _ => Err(format!("expected RULE=LEVEL, got `{text}`")),
    }
}

/// The notes a config brings: that a hadolint config is used, and what of it is not.
pub fn notes(config: &Config) -> Vec<String> {
    let Source::Hadolint(path) = &config.source else {
        return Vec::new();
    };
    let mut notes = vec![format!(
        "using hadolint config {} (shiplint migrate hadolint writes shiplint.toml)",
        path.display()
    )];
    notes.extend(config.notes.iter().cloned());
    notes
}

pub fn run(command: &ConfigCommand) -> anyhow::Result<ExitCode> {
    let ConfigCommand::Show { path, lookup } = command;
    let path = path.as_deref().unwrap_or(Path::new("."));
    let mut finder = Finder::new(lookup.lookup(), Overrides::default())?;
    let config = if path.is_dir() {
        finder.for_dir(path)?
    } else {
        finder.for_file(path)?
    };

    let mut stderr = io::stderr().lock();
    for note in notes(&config) {
        writeln!(stderr, "note: {note}")?;
    }
    let sample = if path.is_dir() {
        path.join("Dockerfile")
    } else {
        path.to_path_buf()
    };
    let enabled = show::enabled_rules(&config, &sample).join(", ");
    let mut out = io::stdout().lock();
    writeln!(out, "{}", show::source_comment(&config))?;
    write!(out, "{}", show::to_toml(&config, Detail::Effective))?;
    writeln!(out, "\n# rules that run on {}: {enabled}", sample.display())
        .context("cannot write the settings")?;
    Ok(ExitCode::SUCCESS)
}
