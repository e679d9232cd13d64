//! Rules over Dockerfiles. Each rule sees the parsed file and its model, never the file system
//! or the report.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::context::BuildContext;
use crate::model::dockerfile::Model;
use crate::rules::RuleMeta;
use crate::source::{SourceFile, Span};
use crate::syntax::dockerfile::Dockerfile;

pub mod packages;

mod cd_instead_of_workdir;
mod consecutive_run;
mod copied_archive_extracted;
mod copied_secret_file;
mod hardcoded_credential;
mod invalid_image_reference;
mod latest_tag;
mod missing_healthcheck;
mod missing_user;
mod pin;
mod pipe_without_pipefail;
mod pointless_command;
mod root_final_user;
mod run_commands;
mod secret_in_arg_or_env;
mod sudo_in_run;
mod symlinked_bin_sh;
mod untagged_image;
mod useradd_high_uid;
mod wget_and_curl;
mod wget_without_progress;

/// What a Dockerfile rule may look at.
pub struct Context<'a> {
    pub source: &'a SourceFile,
    pub file: &'a Dockerfile,
    pub model: &'a Model,
    /// The files of the build context, when it could be read.
    pub build_context: Option<&'a BuildContext>,
    /// The settings that apply to the file, for the rules that take options.
    pub config: &'a Config,
}

impl Context<'_> {
    /// The span of the final stage's FROM image, where findings about something absent from
    /// the final stage point.
    pub fn final_from_span(&self) -> Option<Span> {
        Some(self.model.final_stage()?.base_text.span)
    }
}

/// A rule: its metadata and its check.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

/// Every built-in Dockerfile rule, by code.
pub const RULES: &[Rule] = &[
    Rule {
        meta: &invalid_image_reference::RULE,
        check: invalid_image_reference::check,
    },
    Rule {
        meta: &pointless_command::RULE,
        check: pointless_command::check,
    },
    Rule {
        meta: &root_final_user::RULE,
        check: root_final_user::check,
    },
    Rule {
        meta: &cd_instead_of_workdir::RULE,
        check: cd_instead_of_workdir::check,
    },
    Rule {
        meta: &sudo_in_run::RULE,
        check: sudo_in_run::check,
    },
    Rule {
        meta: &untagged_image::RULE,
        check: untagged_image::check,
    },
    Rule {
        meta: &latest_tag::RULE,
        check: latest_tag::check,
    },
    Rule {
        meta: &copied_archive_extracted::RULE,
        check: copied_archive_extracted::check,
    },
    Rule {
        meta: &pin::APT_GET,
        check: pin::apt_get,
    },
    Rule {
        meta: &pin::PIP,
        check: pin::pip,
    },
    Rule {
        meta: &pin::NPM,
        check: pin::npm,
    },
    Rule {
        meta: &pin::APK,
        check: pin::apk,
    },
    Rule {
        meta: &pin::GEM,
        check: pin::gem,
    },
    Rule {
        meta: &pin::YUM,
        check: pin::yum,
    },
    Rule {
        meta: &pin::ZYPPER,
        check: pin::zypper,
    },
    Rule {
        meta: &pin::DNF,
        check: pin::dnf,
    },
    Rule {
        meta: &useradd_high_uid::RULE,
        check: useradd_high_uid::check,
    },
    Rule {
        meta: &wget_without_progress::RULE,
        check: wget_without_progress::check,
    },
    Rule {
        meta: &missing_healthcheck::RULE,
        check: missing_healthcheck::check,
    },
    Rule {
        meta: &consecutive_run::RULE,
        check: consecutive_run::check,
    },
    Rule {
        meta: &pin::GO,
        check: pin::go,
    },
    Rule {
        meta: &secret_in_arg_or_env::RULE,
        check: secret_in_arg_or_env::check,
    },
    Rule {
        meta: &wget_and_curl::RULE,
        check: wget_and_curl::check,
    },
    Rule {
        meta: &symlinked_bin_sh::RULE,
        check: symlinked_bin_sh::check,
    },
    Rule {
        meta: &pipe_without_pipefail::RULE,
        check: pipe_without_pipefail::check,
    },
    Rule {
        meta: &missing_user::RULE,
        check: missing_user::check,
    },
    Rule {
        meta: &hardcoded_credential::RULE,
        check: hardcoded_credential::check,
    },
    Rule {
        meta: &copied_secret_file::RULE,
        check: copied_secret_file::check,
    },
];
