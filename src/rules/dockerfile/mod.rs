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

mod apt_in_script;
mod apt_recommends;
mod copied_secret_file;
mod hardcoded_credential;
mod invalid_image_reference;
mod latest_tag;
mod missing_healthcheck;
mod missing_user;
mod package_caches;
mod package_prompts;
mod pin;
mod root_final_user;
mod secret_in_arg_or_env;
mod untagged_image;
mod zypper_dist_upgrade;

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
        meta: &root_final_user::RULE,
        check: root_final_user::check,
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
        meta: &pin::APT_GET,
        check: pin::apt_get,
    },
    Rule {
        meta: &package_caches::APT_LISTS,
        check: package_caches::apt_lists,
    },
    Rule {
        meta: &pin::PIP,
        check: pin::pip,
    },
    Rule {
        meta: &package_prompts::APT_GET,
        check: package_prompts::apt_get,
    },
    Rule {
        meta: &apt_recommends::RULE,
        check: apt_recommends::check,
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
        meta: &package_caches::APK,
        check: package_caches::apk,
    },
    Rule {
        meta: &apt_in_script::RULE,
        check: apt_in_script::check,
    },
    Rule {
        meta: &pin::GEM,
        check: pin::gem,
    },
    Rule {
        meta: &package_prompts::YUM,
        check: package_prompts::yum,
    },
    Rule {
        meta: &package_caches::YUM,
        check: package_caches::yum,
    },
    Rule {
        meta: &pin::YUM,
        check: pin::yum,
    },
    Rule {
        meta: &package_prompts::ZYPPER,
        check: package_prompts::zypper,
    },
    Rule {
        meta: &zypper_dist_upgrade::RULE,
        check: zypper_dist_upgrade::check,
    },
    Rule {
        meta: &package_caches::ZYPPER,
        check: package_caches::zypper,
    },
    Rule {
        meta: &pin::ZYPPER,
        check: pin::zypper,
    },
    Rule {
        meta: &package_prompts::DNF,
        check: package_prompts::dnf,
    },
    Rule {
        meta: &package_caches::DNF,
        check: package_caches::dnf,
    },
    Rule {
        meta: &pin::DNF,
        check: pin::dnf,
    },
    Rule {
        meta: &package_caches::PIP,
        check: package_caches::pip,
    },
    Rule {
        meta: &missing_healthcheck::RULE,
        check: missing_healthcheck::check,
    },
    Rule {
        meta: &package_caches::YARN,
        check: package_caches::yarn,
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
