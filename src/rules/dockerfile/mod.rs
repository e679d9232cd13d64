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

mod add_instead_of_copy;
mod copied_secret_file;
mod copy_destination_slash;
mod copy_from;
mod env_self_reference;
mod hardcoded_credential;
mod inline_ignore_pragma;
mod instruction_before_from;
mod invalid_image_reference;
mod invalid_port;
mod latest_tag;
mod maintainer;
mod missing_healthcheck;
mod missing_user;
mod non_numeric_user;
mod onbuild_trigger;
mod paths;
mod pin;
mod platform_flag;
mod relative_copy_destination;
mod relative_workdir;
mod repeated_instruction;
mod root_final_user;
mod secret_in_arg_or_env;
mod shell_form_command;
mod stage_name;
mod untagged_image;
mod untrusted_registry;

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
        meta: &inline_ignore_pragma::RULE,
        check: inline_ignore_pragma::check,
    },
    Rule {
        meta: &relative_workdir::RULE,
        check: relative_workdir::check,
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
        meta: &invalid_port::RULE,
        check: invalid_port::check,
    },
    Rule {
        meta: &repeated_instruction::HEALTHCHECK,
        check: repeated_instruction::healthcheck,
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
        meta: &add_instead_of_copy::RULE,
        check: add_instead_of_copy::check,
    },
    Rule {
        meta: &copy_destination_slash::RULE,
        check: copy_destination_slash::check,
    },
    Rule {
        meta: &copy_from::UNKNOWN_STAGE,
        check: copy_from::unknown_stage,
    },
    Rule {
        meta: &copy_from::OWN_STAGE,
        check: copy_from::own_stage,
    },
    Rule {
        meta: &stage_name::DUPLICATE,
        check: stage_name::duplicate,
    },
    Rule {
        meta: &shell_form_command::RULE,
        check: shell_form_command::check,
    },
    Rule {
        meta: &untrusted_registry::RULE,
        check: untrusted_registry::check,
    },
    Rule {
        meta: &pin::GEM,
        check: pin::gem,
    },
    Rule {
        meta: &platform_flag::CONSTANT,
        check: platform_flag::constant,
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
        meta: &onbuild_trigger::RULE,
        check: onbuild_trigger::check,
    },
    Rule {
        meta: &env_self_reference::RULE,
        check: env_self_reference::check,
    },
    Rule {
        meta: &relative_copy_destination::RULE,
        check: relative_copy_destination::check,
    },
    Rule {
        meta: &missing_healthcheck::RULE,
        check: missing_healthcheck::check,
    },
    Rule {
        meta: &instruction_before_from::RULE,
        check: instruction_before_from::check,
    },
    Rule {
        meta: &pin::GO,
        check: pin::go,
    },
    Rule {
        meta: &stage_name::RESERVED,
        check: stage_name::reserved,
    },
    Rule {
        meta: &secret_in_arg_or_env::RULE,
        check: secret_in_arg_or_env::check,
    },
    Rule {
        meta: &platform_flag::REDUNDANT,
        check: platform_flag::redundant,
    },
    Rule {
        meta: &non_numeric_user::RULE,
        check: non_numeric_user::check,
    },
    Rule {
        meta: &copy_from::WHOLE_FILESYSTEM,
        check: copy_from::whole_filesystem,
    },
    Rule {
        meta: &maintainer::RULE,
        check: maintainer::check,
    },
    Rule {
        meta: &repeated_instruction::CMD,
        check: repeated_instruction::cmd,
    },
    Rule {
        meta: &repeated_instruction::ENTRYPOINT,
        check: repeated_instruction::entrypoint,
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
