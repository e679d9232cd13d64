//! Running the real binary in a folder: its exit code and output, with the environment that
//! would change the output (colour, the user's config folder) taken away.

// Each test crate that includes `common` uses some of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::Output;
use std::time::Duration;

/// What one run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// `shiplint ARGS` in `dir`, ready to run or to adjust (standard input, `PATH`).
pub fn command(dir: &Path, args: &[&str]) -> assert_cmd::Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("shiplint");
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("XDG_CONFIG_HOME")
        .timeout(Duration::from_secs(120));
    command
}

/// Runs `shiplint ARGS` in `dir`.
pub fn shiplint(dir: &Path, args: &[&str]) -> Run {
    command(dir, args).output().expect("shiplint runs").into()
}
