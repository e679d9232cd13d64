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
mod add_url_without_checksum;
mod apt_in_script;
mod apt_recommends;
mod cd_instead_of_workdir;
mod consecutive_run;
mod context_sources;

pub use context_sources::copies_from_context;
pub use missing_user::runs_as_nonroot;
mod copied_archive_extracted;
mod copied_ignored_file;
mod copied_secret_file;
mod copy_destination_slash;
mod copy_from;
mod curl_pipe_shell;
mod distro_upgrade;
mod empty_continuation_line;
mod end_of_life_base_image;
mod env_self_reference;
mod expose;
mod expose_invalid_format;
mod expose_protocol_casing;
mod from_as_casing;
mod hardcoded_credential;
mod inconsistent_instruction_casing;
mod inline_ignore_pragma;
mod insecure_run;
mod instruction_before_from;
mod invalid_default_arg_in_from;
mod invalid_definition_description;
mod invalid_image_reference;
mod invalid_label_key;
mod invalid_port;
mod label_formats;
mod label_value;
mod labels;
mod latest_tag;
mod legacy_key_value_format;
mod maintainer;
mod missing_healthcheck;
mod missing_label;
mod missing_user;
mod non_numeric_user;
mod onbuild_trigger;
mod package_caches;
mod package_prompts;
mod paths;
mod pin;
mod pipe_without_pipefail;
mod platform_flag;
mod pointless_command;
mod relative_copy_destination;
mod relative_workdir;
mod repeated_instruction;
mod root_final_user;
mod run_commands;
mod secret_build_arg;
mod secret_in_arg_or_env;
mod shell_form_command;
mod stage_name;
mod stage_name_casing;
mod sudo_in_run;
mod superfluous_label;
mod symlinked_bin_sh;
mod undefined_arg_in_from;
mod undefined_variable;
mod unpinned_base_digest;
mod untagged_image;
mod untrusted_registry;
mod useradd_high_uid;
mod variables;
mod wget_and_curl;
mod wget_without_progress;
mod world_writable_permissions;
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
        meta: &invalid_label_key::RULE,
        check: invalid_label_key::check,
    },
    Rule {
        meta: &missing_label::RULE,
        check: missing_label::check,
    },
    Rule {
        meta: &superfluous_label::RULE,
        check: superfluous_label::check,
    },
    Rule {
        meta: &label_value::EMPTY,
        check: label_value::empty,
    },
    Rule {
        meta: &label_value::URL,
        check: label_value::url,
    },
    Rule {
        meta: &label_value::TIME,
        check: label_value::time,
    },
    Rule {
        meta: &label_value::LICENSE,
        check: label_value::license,
    },
    Rule {
        meta: &label_value::HASH,
        check: label_value::hash,
    },
    Rule {
        meta: &label_value::SEMVER,
        check: label_value::semver,
    },
    Rule {
        meta: &missing_healthcheck::RULE,
        check: missing_healthcheck::check,
    },
    Rule {
        meta: &label_value::EMAIL,
        check: label_value::email,
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
    Rule {
        meta: &stage_name_casing::RULE,
        check: stage_name_casing::check,
    },
    Rule {
        meta: &from_as_casing::RULE,
        check: from_as_casing::check,
    },
    Rule {
        meta: &empty_continuation_line::RULE,
        check: empty_continuation_line::check,
    },
    Rule {
        meta: &inconsistent_instruction_casing::RULE,
        check: inconsistent_instruction_casing::check,
    },
    Rule {
        meta: &undefined_arg_in_from::RULE,
        check: undefined_arg_in_from::check,
    },
    Rule {
        meta: &undefined_variable::RULE,
        check: undefined_variable::check,
    },
    Rule {
        meta: &legacy_key_value_format::RULE,
        check: legacy_key_value_format::check,
    },
    Rule {
        meta: &invalid_default_arg_in_from::RULE,
        check: invalid_default_arg_in_from::check,
    },
    Rule {
        meta: &expose_protocol_casing::RULE,
        check: expose_protocol_casing::check,
    },
    Rule {
        meta: &expose_invalid_format::RULE,
        check: expose_invalid_format::check,
    },
    Rule {
        meta: &invalid_definition_description::RULE,
        check: invalid_definition_description::check,
    },
    Rule {
        meta: &unpinned_base_digest::RULE,
        check: unpinned_base_digest::check,
    },
    Rule {
        meta: &curl_pipe_shell::RULE,
        check: curl_pipe_shell::check,
    },
    Rule {
        meta: &add_url_without_checksum::RULE,
        check: add_url_without_checksum::check,
    },
    Rule {
        meta: &world_writable_permissions::RULE,
        check: world_writable_permissions::check,
    },
    Rule {
        meta: &distro_upgrade::RULE,
        check: distro_upgrade::check,
    },
    Rule {
        meta: &end_of_life_base_image::RULE,
        check: end_of_life_base_image::check,
    },
    Rule {
        meta: &insecure_run::RULE,
        check: insecure_run::check,
    },
    Rule {
        meta: &secret_build_arg::RULE,
        check: secret_build_arg::check,
    },
    Rule {
        meta: &copied_ignored_file::RULE,
        check: copied_ignored_file::check,
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
        meta: &invalid_port::RULE,
        check: invalid_port::check,
    },
    Rule {
        meta: &repeated_instruction::HEALTHCHECK,
        check: repeated_instruction::healthcheck,
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
        meta: &platform_flag::CONSTANT,
        check: platform_flag::constant,
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
        meta: &instruction_before_from::RULE,
        check: instruction_before_from::check,
    },
    Rule {
        meta: &stage_name::RESERVED,
        check: stage_name::reserved,
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
        meta: &pointless_command::RULE,
        check: pointless_command::check,
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
        meta: &copied_archive_extracted::RULE,
        check: copied_archive_extracted::check,
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
        meta: &consecutive_run::RULE,
        check: consecutive_run::check,
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
        meta: &package_caches::APT_LISTS,
        check: package_caches::apt_lists,
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
        meta: &package_caches::APK,
        check: package_caches::apk,
    },
    Rule {
        meta: &apt_in_script::RULE,
        check: apt_in_script::check,
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
        meta: &package_prompts::DNF,
        check: package_prompts::dnf,
    },
    Rule {
        meta: &package_caches::DNF,
        check: package_caches::dnf,
    },
    Rule {
        meta: &package_caches::PIP,
        check: package_caches::pip,
    },
    Rule {
        meta: &package_caches::YARN,
        check: package_caches::yarn,
    },
];
