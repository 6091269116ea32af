//! The JSON shapes of the commands' results (their schemas are in `schemas/`).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// What `add-users` did with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowStatus {
    /// A new account.
    Created,
    /// An existing account became a member (R3).
    Added,
    /// Already a member, left alone (R4, --skip-existing).
    Skipped,
}

impl RowStatus {
    /// The word scripts match on.
    pub fn as_str(self) -> &'static str {
        match self {
            RowStatus::Created => "created",
            RowStatus::Added => "added",
            RowStatus::Skipped => "skipped",
        }
    }
}

impl fmt::Display for RowStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What became of a row's instructions email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Instructions {
    /// Delivered.
    Sent,
    /// Queued but not delivered (see the outbox).
    Failed,
    /// None was asked for.
    None,
}

impl Instructions {
    /// The word scripts match on.
    pub fn as_str(self) -> &'static str {
        match self {
            Instructions::Sent => "sent",
            Instructions::Failed => "failed",
            Instructions::None => "none",
        }
    }
}

impl fmt::Display for Instructions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of one row, as printed.
#[derive(Serialize, schemars::JsonSchema)]
pub struct UserResult {
    pub(crate) email: String,
    #[schemars(with = "String", extend("enum" = ["created", "added", "skipped"]))]
    pub(crate) status: RowStatus,
    pub(crate) reset_required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub(crate) generated_password: Option<String>,
    #[schemars(with = "String", extend("enum" = ["sent", "failed", "none"]))]
    pub(crate) instructions: Instructions,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub(crate) reason: Option<String>,
    #[serde(skip)]
    pub(crate) name: String,
}

/// One setting in JSON output: durations and numbers as numbers (seconds), the rest as text.
#[derive(Serialize, schemars::JsonSchema)]
pub struct SettingJson {
    pub(crate) key: &'static str,
    #[schemars(extend("type" = ["integer", "string"]))]
    pub(crate) value: serde_json::Value,
    pub(crate) default: bool,
    pub(crate) help: &'static str,
}

/// A group or site in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ItemJson<'a> {
    pub(crate) name: &'a str,
    pub(crate) members: i64,
}

/// A user field definition in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct FieldJson<'a> {
    pub(crate) name: &'a str,
    #[serde(rename = "type")]
    #[schemars(extend("enum" = ["text", "number", "date", "select"]))]
    pub(crate) kind: &'static str,
    pub(crate) options: &'a [String],
}

/// One organization in `orgs list`.
#[derive(Serialize, schemars::JsonSchema)]
pub struct OrgJson {
    pub(crate) name: String,
    pub(crate) permission_set: String,
    pub(crate) current: bool,
}

/// One email of the outbox in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct MailJson<'a> {
    pub(crate) id: i64,
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
    pub(crate) recipient: &'a str,
    #[schemars(extend("enum" = ["instructions", "reset"]))]
    pub(crate) kind: &'static str,
    pub(crate) subject: &'a str,
    #[schemars(extend("enum" = ["queued", "sent", "failed"]))]
    pub(crate) state: &'static str,
    pub(crate) attempts: i64,
    pub(crate) error: Option<&'a str>,
}

/// A permission set in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct SetJson {
    pub(crate) name: String,
    pub(crate) builtin: bool,
    pub(crate) default: bool,
    pub(crate) permissions: Vec<&'static str>,
    pub(crate) members: i64,
}

/// One email's delivery in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct EmailJson<'a> {
    pub(crate) email: &'a str,
    #[schemars(extend("enum" = ["instructions", "reset"]))]
    pub(crate) kind: &'static str,
    #[schemars(extend("enum" = ["sent", "failed"]))]
    pub(crate) state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub(crate) error: Option<&'a str>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[allow(missing_docs)]
pub struct PermissionJson {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    pub(crate) granted: bool,
}

/// `whoami` in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct WhoamiJson {
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) org: String,
    pub(crate) permission_set: String,
    pub(crate) permissions: Vec<&'static str>,
    pub(crate) all_permissions: Vec<PermissionJson>,
}

/// One member in `users list`.
#[derive(Serialize, schemars::JsonSchema)]
pub struct MemberJson {
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) permission_set: String,
    pub(crate) groups: Vec<String>,
    pub(crate) sites: Vec<String>,
    pub(crate) fields: BTreeMap<String, String>,
    // Account state, shown only to members with platform.users (R34).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reset_required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) locked: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) has_password: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) disabled: Option<bool>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "OrgJson")]
#[allow(missing_docs)]
pub struct MemberOrgJson {
    pub(crate) name: String,
    pub(crate) permission_set: String,
}

/// `users show` in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ShowJson {
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) org: String,
    pub(crate) permission_set: String,
    pub(crate) orgs: Vec<MemberOrgJson>,
    pub(crate) groups: Vec<String>,
    pub(crate) sites: Vec<String>,
    pub(crate) fields: BTreeMap<String, String>,
    /// Left out for members without platform.users (R34).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub(crate) state: Option<AccountStateJson>,
    pub(crate) created_at: String,
}

/// The account state `users show` reports to those who may see it (R22, R34).
#[derive(Serialize, schemars::JsonSchema)]
pub struct AccountStateJson {
    pub(crate) disabled: bool,
    pub(crate) disabled_at: Option<String>,
    pub(crate) has_password: bool,
    pub(crate) reset_required: bool,
    pub(crate) password_set_at: Option<String>,
    pub(crate) temp_password_expires_at: Option<String>,
    pub(crate) reset_window_expires_at: Option<String>,
    pub(crate) locked: bool,
    pub(crate) lock_expires_at: Option<String>,
    pub(crate) failed_logins: u32,
}

/// `users disable` and `users enable`: the account's state as it now is (R28).
#[derive(Serialize, schemars::JsonSchema)]
pub struct DisabledJson {
    /// The member.
    pub(crate) email: String,
    /// Whether no login works.
    pub(crate) disabled: bool,
    /// Since when, while disabled.
    pub(crate) disabled_at: Option<String>,
    /// Sessions this command ended.
    pub(crate) sessions_ended: usize,
    /// Reset and set-password tokens this command voided.
    pub(crate) tokens_voided: usize,
}
