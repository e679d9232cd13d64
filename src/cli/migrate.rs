//! `shiplint migrate hadolint`: write the `shiplint.toml` equivalent to a `.hadolint.yaml`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use shiplint::config::discover::HADOLINT_NAMES;
use shiplint::config::hadolint;
use shiplint::config::show::{self, Detail};

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Write the shiplint.toml equivalent to a hadolint config
    Hadolint(HadolintArgs),
}

#[derive(Debug, Args)]
pub struct HadolintArgs {
    /// The hadolint config (`.hadolint.yaml` or `.hadolint.yml` by default)
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,

    /// Where to write; `-` writes to standard output
    #[arg(long, value_name = "FILE", default_value = "shiplint.toml")]
    output: PathBuf,

    /// Overwrite the output file if it exists
    #[arg(long)]
    force: bool,
}

pub fn run(command: &MigrateCommand) -> anyhow::Result<ExitCode> {
    let MigrateCommand::Hadolint(args) = command;
    let input = match &args.input {
        Some(input) => input.clone(),
        None => default_input()?,
    };
    let config = hadolint::read(&input)?;
    let text = format!(
        "# Converted from {} by `shiplint migrate hadolint`.\n{}",
        input.display(),
        show::to_toml(&config, Detail::Set)
    );

    let mut stderr = io::stderr().lock();
    for note in &config.notes {
        writeln!(stderr, "note: {note}")?;
    }
    if args.output.as_os_str() == "-" {
        io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    write_new(&args.output, &text, args.force)?;
    writeln!(stderr, "wrote {}", args.output.display())?;
    Ok(ExitCode::SUCCESS)
}

fn default_input() -> anyhow::Result<PathBuf> {
    let found = HADOLINT_NAMES
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    match found {
        Some(path) => Ok(path),
        None => bail!("no .hadolint.yaml or .hadolint.yml here; name one with --input"),
    }
}

fn write_new(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    if path.exists() && !force {
        bail!("{} exists; pass --force to overwrite it", path.display());
    }
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
