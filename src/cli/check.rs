//! `shiplint check`: find the files and the config of each, lint them in parallel, report in
//! path order.

use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anstream::{AutoStream, ColorChoice};
use anyhow::Context;
use rayon::prelude::*;
use shiplint::config::discover::Finder;
use shiplint::config::{Config, FailureThreshold, ShellCheckMode};
use shiplint::discover::{self, Found};
use shiplint::input::{self, InputError};
use shiplint::report::{self, FileReport, ProjectRoot, SarifOptions};
use shiplint::shellcheck::{self, NotRun, Note};
use shiplint::{FileKind, Linted, Settings, SourceFile, lint_source};

use super::{CheckArgs, Format, is_stdin};

/// A file to lint with the settings that apply to it.
struct Job {
    file: Found,
    settings: Settings,
}

/// Lints what the arguments name, writes the report and says how the run ended.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let threshold = args.failure_threshold.map(FailureThreshold::from);
    let mut finder = args.config.finder(threshold)?;
    let base = Settings {
        context: args.context.clone(),
        target: args.target.clone(),
        build_args: args.build_args.iter().cloned().collect(),
        config: Default::default(),
        inventory: None,
    };
    let (jobs, stdin, mut errors) = plan(args, &mut finder, &base)?;
    require_shellcheck(jobs.iter().map(|j| &j.settings).chain(&stdin))?;
    write_notes(jobs.iter().map(|j| &j.settings).chain(&stdin))?;

    let (mut reports, lint_errors, notes) = lint_all(args, &jobs, stdin.as_ref());
    write_shellcheck_notes(&notes)?;
    errors.extend(lint_errors);
    reports.sort_by(|a, b| a.0.source.path.cmp(&b.0.source.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));

    let (reports, thresholds): (Vec<FileReport>, Vec<FailureThreshold>) =
        reports.into_iter().unzip();
    write_output(args, &reports, &errors)?;
    Ok(exit_code(&reports, &thresholds, &errors))
}

/// Finds the files, the config of each, and drops the excluded ones; the settings of standard
/// input come back apart, when it is read.
fn plan(
    args: &CheckArgs,
    finder: &mut Finder,
    base: &Settings,
) -> anyhow::Result<(Vec<Job>, Option<Settings>, Vec<InputError>)> {
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        args.paths.iter().partition(|p| is_stdin(p));
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let (found, errors) = match (args.paths.is_empty(), paths.is_empty()) {
        (true, _) => discover::walk(&[]),
        (false, true) => (Vec::new(), Vec::new()),
        (false, false) => discover::walk(&paths),
    };
    verbose(
        args,
        format_args!("discover: {} files to lint", found.len()),
    );

    let mut jobs = Vec::new();
    for file in found {
        let config = finder.for_file(&file.path)?;
        let may_exclude = !file.named || args.config.force_exclude;
        if may_exclude && config.is_excluded(Path::new(&file.display)) {
            verbose(args, format_args!("exclude: {}", file.display));
            continue;
        }
        let settings = with_config(base, config);
        jobs.push(Job { file, settings });
    }

    let stdin = match stdin.is_empty() {
        true => None,
        false => Some(with_config(base, stdin_config(args, finder)?)),
    };
    Ok((jobs, stdin, errors))
}

/// Standard input takes the config of `--stdin-filename`'s folder, else the current one's.
fn stdin_config(args: &CheckArgs, finder: &mut Finder) -> anyhow::Result<Arc<Config>> {
    let config = match args.stdin_filename.as_str() {
        "-" => finder.for_dir(Path::new("."))?,
        name => finder.for_file(Path::new(name))?,
    };
    Ok(config)
}

fn with_config(base: &Settings, config: Arc<Config>) -> Settings {
    Settings {
        config,
        ..base.clone()
    }
}

/// One `note:` line for each hadolint config in use, and for what of it is not used.
fn write_notes<'a>(settings: impl Iterator<Item = &'a Settings>) -> io::Result<()> {
    let mut seen = HashSet::new();
    let mut stderr = io::stderr().lock();
    for settings in settings {
        if !seen.insert(Arc::as_ptr(&settings.config)) {
            continue;
        }
        for note in super::config::notes(&settings.config) {
            writeln!(stderr, "note: {note}")?;
        }
    }
    Ok(())
}

/// `shellcheck = "on"` asks for ShellCheck: linting without it would pass scripts unchecked.
fn require_shellcheck<'a>(mut settings: impl Iterator<Item = &'a Settings>) -> anyhow::Result<()> {
    let wanted = settings.any(|s| s.config.shellcheck == ShellCheckMode::On);
    if wanted && shellcheck::binary().is_none() {
        anyhow::bail!(
            "shellcheck is on, but no `shellcheck` program is on PATH; \
             install ShellCheck or set `--shellcheck auto`"
        );
    }
    Ok(())
}

/// One `note:` line for the SC codes named while ShellCheck does not run, and one for each
/// file ShellCheck did not fully check.
fn write_shellcheck_notes(notes: &[Note]) -> io::Result<()> {
    let mut not_run: Option<NotRun> = None;
    let mut codes = BTreeSet::new();
    let mut failures = BTreeSet::new();
    for note in notes {
        match note {
            Note::NotRun {
                reason,
                codes: named,
            } => {
                not_run = not_run.max(Some(*reason));
                codes.extend(named.iter().map(String::as_str));
            }
            Note::Incomplete(message) => {
                failures.insert(message.as_str());
            }
        }
    }
    let mut stderr = io::stderr().lock();
    if let Some(reason) = not_run {
        let why = match reason {
            NotRun::Off => "ShellCheck is off",
            NotRun::Missing => "ShellCheck is not installed (no `shellcheck` on PATH)",
        };
        let verb = if codes.len() == 1 { "checks" } else { "check" };
        let codes: Vec<&str> = codes.into_iter().collect();
        writeln!(
            stderr,
            "note: {why}, so {} {verb} nothing",
            codes.join(", ")
        )?;
    }
    for failure in failures {
        writeln!(stderr, "note: {failure}")?;
    }
    Ok(())
}

/// The reports of one linted source (none when it was skipped), its threshold and its notes.
type Outcome = (Vec<FileReport>, FailureThreshold, Vec<Note>);

fn lint_all(
    args: &CheckArgs,
    jobs: &[Job],
    stdin: Option<&Settings>,
) -> (
    Vec<(FileReport, FailureThreshold)>,
    Vec<InputError>,
    Vec<Note>,
) {
    let results: Vec<Result<Outcome, InputError>> = jobs
        .par_iter()
        .map(|job| lint_found(args, &job.settings, &job.file))
        .chain(stdin.map(|settings| lint_stdin(args, settings)))
        .collect();

    let mut reports = Vec::new();
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    for result in results {
        match result {
            Ok((linted, threshold, linted_notes)) => {
                reports.extend(linted.into_iter().map(|report| (report, threshold)));
                notes.extend(linted_notes);
            }
            Err(error) => errors.push(error),
        }
    }
    (merge_reports(reports), errors, notes)
}

fn lint_found(args: &CheckArgs, settings: &Settings, file: &Found) -> Result<Outcome, InputError> {
    let kind = match (file.named, args.kind) {
        (true, Some(kind)) => kind.into(),
        _ => file.kind,
    };
    let source = input::read_source(&file.path, &file.display)?;
    Ok(outcome(args, settings, source, kind))
}

fn lint_stdin(args: &CheckArgs, settings: &Settings) -> Result<Outcome, InputError> {
    let source = input::read_from(io::stdin().lock(), &args.stdin_filename)?;
    let named = Path::new(&args.stdin_filename)
        .file_name()
        .and_then(|name| discover::kind_of_name(&name.to_string_lossy()));
    let kind = args
        .kind
        .map(FileKind::from)
        .or(named)
        .unwrap_or(FileKind::Dockerfile);
    Ok(outcome(args, settings, source, kind))
}

/// Lints one source: its report first, then those of the files it reached; none when the file
/// was skipped.
fn outcome(args: &CheckArgs, settings: &Settings, source: SourceFile, kind: FileKind) -> Outcome {
    let Linted {
        diagnostics,
        notes,
        skipped,
        related,
    } = lint_source(&source, kind, settings);
    let threshold = settings.config.failure_threshold();
    if let Some(reason) = skipped {
        verbose(args, format_args!("skip: {} ({reason})", source.path));
        return (Vec::new(), threshold, notes);
    }

    verbose(
        args,
        format_args!("check: {} ({} findings)", source.path, diagnostics.len()),
    );
    let mut reports = vec![FileReport {
        source,
        diagnostics,
    }];
    reports.extend(related);
    (reports, threshold, notes)
}

/// One report per file: a file reached twice (by the walk and by a Compose service, say) has
/// each finding once.
fn merge_reports(
    reports: Vec<(FileReport, FailureThreshold)>,
) -> Vec<(FileReport, FailureThreshold)> {
    let mut merged: Vec<(FileReport, FailureThreshold)> = Vec::new();
    for (report, threshold) in reports {
        // The first report of a file is the one linted for itself, under its own config.
        match merged
            .iter_mut()
            .find(|(r, _)| r.source.path == report.source.path)
        {
            Some((existing, _)) => {
                for diagnostic in report.diagnostics {
                    if !existing.diagnostics.contains(&diagnostic) {
                        existing.diagnostics.push(diagnostic);
                    }
                }
            }
            None => merged.push((report, threshold)),
        }
    }
    for (report, _) in &mut merged {
        report
            .diagnostics
            .sort_by(|a, b| (a.span, &a.code).cmp(&(b.span, &b.code)));
    }
    merged
}

/// The report in `--format` to standard output, or to `--output-file` with the pretty report
/// on the terminal.
fn write_output(
    args: &CheckArgs,
    reports: &[FileReport],
    errors: &[InputError],
) -> anyhow::Result<()> {
    let Some(path) = &args.output_file else {
        return write_stdout(args, args.format, reports, errors);
    };

    let file = File::create(path).with_context(|| format!("{}: cannot write", path.display()))?;
    let mut out = BufWriter::new(file);
    write_document(args, args.format, &mut out, reports, errors)?;
    out.flush()
        .with_context(|| format!("{}: cannot write", path.display()))?;
    write_stdout(args, Format::Pretty, reports, errors)
}

fn write_stdout(
    args: &CheckArgs,
    format: Format,
    reports: &[FileReport],
    errors: &[InputError],
) -> anyhow::Result<()> {
    if !carries_errors(format) {
        let mut stderr = io::stderr().lock();
        for error in errors {
            writeln!(stderr, "error: {error}")?;
        }
    }
    if format == Format::Pretty {
        let mut out = AutoStream::new(io::stdout().lock(), args.color.choice());
        let color = out.current_choice() != ColorChoice::Never;
        report::write_pretty(&mut out, reports, color)?;
        return Ok(out.flush()?);
    }

    let mut out = BufWriter::new(io::stdout().lock());
    write_document(args, format, &mut out, reports, errors)?;
    Ok(out.flush()?)
}

/// The formats with a place for inputs that could not be linted; the others leave them to
/// standard error.
fn carries_errors(format: Format) -> bool {
    matches!(
        format,
        Format::Json | Format::JsonLines | Format::Sarif | Format::Github | Format::Junit
    )
}

/// The report in one format, without colour.
fn write_document(
    args: &CheckArgs,
    format: Format,
    out: &mut impl Write,
    reports: &[FileReport],
    errors: &[InputError],
) -> anyhow::Result<()> {
    match format {
        Format::Pretty => report::write_pretty(out, reports, false)?,
        Format::Concise => report::write_concise(out, reports)?,
        Format::Json => report::write_json(out, reports, errors)?,
        Format::JsonLines => report::write_json_lines(out, reports, errors)?,
        Format::Checkstyle => report::write_checkstyle(out, reports)?,
        Format::Junit => report::write_junit(out, reports, errors)?,
        Format::Sarif => {
            let root = project_root(args)?;
            let options = SarifOptions {
                root: &root,
                category: args.sarif_category.as_deref(),
            };
            report::write_sarif(out, reports, errors, &options)?;
        }
        Format::Github => report::write_github(out, reports, errors, &project_root(args)?)?,
        Format::Gitlab => report::write_gitlab(out, reports, &project_root(args)?)?,
    }
    Ok(())
}

fn project_root(args: &CheckArgs) -> anyhow::Result<ProjectRoot> {
    ProjectRoot::find(args.project_root.as_deref()).context("project root")
}

/// 2 when an input could not be linted, 1 when a finding reaches the threshold of its file's
/// config, else 0.
fn exit_code(
    reports: &[FileReport],
    thresholds: &[FailureThreshold],
    errors: &[InputError],
) -> ExitCode {
    if !errors.is_empty() {
        return ExitCode::from(2);
    }

    let failed = reports.iter().zip(thresholds).any(|(report, threshold)| {
        report
            .diagnostics
            .iter()
            .any(|d| threshold.fails(d.severity))
    });
    ExitCode::from(u8::from(failed))
}

/// A `-v` line on standard error, starting with its subject.
fn verbose(args: &CheckArgs, line: std::fmt::Arguments) {
    if args.verbose {
        eprintln!("{line}");
    }
}
