//! `shiplint check`: find the files, lint them in parallel, report in path order.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anstream::{AutoStream, ColorChoice};
use rayon::prelude::*;
use shiplint::discover::{self, Found};
use shiplint::input::{self, InputError};
use shiplint::report::{self, FileReport};
use shiplint::{FileKind, Settings, check_source};

use super::{CheckArgs, Format, is_stdin};

/// Lints what the arguments name, writes the report and says how the run ended.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings {
        context: args.context.clone(),
        target: args.target.clone(),
        build_args: args.build_args.iter().cloned().collect(),
        config: Default::default(),
    };
    let (reports, errors) = lint_all(args, &settings);

    write_output(args, &reports, &errors)?;
    Ok(exit_code(args, &reports, &errors))
}

fn lint_all(args: &CheckArgs, settings: &Settings) -> (Vec<FileReport>, Vec<InputError>) {
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        args.paths.iter().partition(|p| is_stdin(p));
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let (found, mut errors) = match (args.paths.is_empty(), paths.is_empty()) {
        (true, _) => discover::walk(&[]),
        (false, true) => (Vec::new(), Vec::new()),
        (false, false) => discover::walk(&paths),
    };
    verbose(
        args,
        format_args!("discover: {} files to lint", found.len()),
    );

    let results: Vec<Result<FileReport, InputError>> = found
        .par_iter()
        .map(|file| lint_found(args, settings, file))
        .collect();
    let mut reports = Vec::new();
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(error) => errors.push(error),
        }
    }
    if !stdin.is_empty() {
        match lint_stdin(args, settings) {
            Ok(report) => reports.push(report),
            Err(error) => errors.push(error),
        }
    }

    reports.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (reports, errors)
}

fn lint_found(
    args: &CheckArgs,
    settings: &Settings,
    file: &Found,
) -> Result<FileReport, InputError> {
    let kind = match (file.named, args.kind) {
        (true, Some(kind)) => kind.into(),
        _ => file.kind,
    };
    let source = input::read_source(&file.path, &file.display)?;
    let diagnostics = check_source(&source, kind, settings);

    verbose(
        args,
        format_args!("check: {} ({} findings)", file.display, diagnostics.len()),
    );
    Ok(FileReport {
        source,
        diagnostics,
    })
}

fn lint_stdin(args: &CheckArgs, settings: &Settings) -> Result<FileReport, InputError> {
    let source = input::read_from(io::stdin().lock(), &args.stdin_filename)?;
    let kind = args.kind.map_or(FileKind::Dockerfile, FileKind::from);
    let diagnostics = check_source(&source, kind, settings);

    verbose(
        args,
        format_args!("check: {} ({} findings)", source.path, diagnostics.len()),
    );
    Ok(FileReport {
        source,
        diagnostics,
    })
}

fn write_output(args: &CheckArgs, reports: &[FileReport], errors: &[InputError]) -> io::Result<()> {
    if args.format == Format::Json {
        let mut out = BufWriter::new(io::stdout().lock());
        report::write_json(&mut out, reports, errors)?;
        return out.flush();
    }

    let mut stderr = io::stderr().lock();
    for error in errors {
        writeln!(stderr, "error: {error}")?;
    }
    if args.format == Format::Concise {
        let mut out = BufWriter::new(io::stdout().lock());
        report::write_concise(&mut out, reports)?;
        return out.flush();
    }

    let mut out = AutoStream::new(io::stdout().lock(), args.color.choice());
    let color = out.current_choice() != ColorChoice::Never;
    report::write_pretty(&mut out, reports, color)?;
    out.flush()
}

/// 2 when an input could not be linted, 1 when a finding reaches the threshold, else 0.
fn exit_code(args: &CheckArgs, reports: &[FileReport], errors: &[InputError]) -> ExitCode {
    if !errors.is_empty() {
        return ExitCode::from(2);
    }
    let Some(threshold) = args.failure_threshold.severity() else {
        return ExitCode::SUCCESS;
    };

    let failed = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= threshold);
    ExitCode::from(u8::from(failed))
}

/// A `-v` line on standard error, starting with its subject.
fn verbose(args: &CheckArgs, line: std::fmt::Arguments) {
    if args.verbose {
        eprintln!("{line}");
    }
}
