//! The output contract for scripts: the typed documents `-o json` prints, and the JSON
//! Schemas published in `schemas/`, generated from these same types so they cannot drift.
//!
//! Names, fixed here once for every command:
//! - keys are snake_case; an organization is `org`, a member's address `email`;
//! - every time is an RFC 3339 UTC string whose key ends in `_at`: `created_at` is when a
//!   record was written (an account, an outbox email, an audit event), `updated_at` when it
//!   last changed, `expires_at` when a window, token or password stops being valid;
//! - an email's delivery is `state` (`queued`, `sent`, `failed`); `status` is what a command
//!   did (`created`, `added`, `skipped`, `ok`, `reset_required`);
//! - a delete prints what was deleted under `deleted`.

use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::error::Result;

pub mod doctor;
mod views;

pub use views::*;

/// What a failure prints: `{"error":{"exit_code","message","details"}}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorDoc {
    /// The failure.
    pub error: ErrorBody,
}

/// The body of [`ErrorDoc`].
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorBody {
    /// The process's exit code (SPEC §5).
    pub exit_code: u8,
    /// What went wrong and what to do.
    pub message: String,
    /// One entry per bad input row or item.
    pub details: Vec<ErrorDetail>,
    /// Exit 5 that one permission would lift: its key (e.g. `platform.users`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub needed: Option<String>,
}

/// One bad row (`line`, as `grep -n` counts) or JSON item (`item`, from 1).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(extend("anyOf" = [{"required": ["line"]}, {"required": ["item"]}]))]
pub struct ErrorDetail {
    /// Line number in a CSV input.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u64")]
    pub line: Option<u64>,
    /// Item number in a JSON input.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u64")]
    pub item: Option<u64>,
    /// The column or key at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub column: Option<String>,
    /// What is wrong with it.
    pub message: String,
}

/// `init`: the database, organization and administrator it created.
#[derive(Debug, Serialize, JsonSchema)]
pub struct InitJson {
    /// Path of the database file.
    pub database: String,
    /// The first organization.
    pub org: String,
    /// The first administrator's email.
    pub email: String,
    /// Their permission set (Administrator).
    pub permission_set: String,
}

/// `db copy`: what was copied where.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DbCopyJson {
    /// The source, a file path or a URL without its password.
    pub source: String,
    /// The destination, the same way.
    pub destination: String,
    /// Rows copied per table (the same count in both databases).
    pub tables: Vec<TableCountJson>,
}

/// One table of a copy.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TableCountJson {
    /// The table.
    pub table: String,
    /// Its rows.
    pub rows: u64,
}

/// A session given by `login` or a completed reset.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SessionJson {
    /// Always `ok`.
    #[schemars(extend("const" = "ok"))]
    pub status: &'static str,
    /// Who is logged in.
    pub email: String,
    /// The organization the session acts in.
    pub org: String,
    /// Whether this command set a new password.
    pub password_changed: bool,
    /// The session token, only with `--print-token`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub session_token: Option<String>,
}

/// A login that opened a reset window instead of giving a session (exit 10).
#[derive(Debug, Serialize, JsonSchema)]
pub struct ResetRequiredJson {
    /// Always `reset_required`.
    #[schemars(extend("const" = "reset_required"))]
    pub status: &'static str,
    /// The reset-window token, for `usermgr reset --token-stdin`.
    pub reset_token: String,
    /// When the window closes.
    pub expires_at: String,
}

/// `login`: a session, or a required reset.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum LoginDoc {
    /// Logged in.
    Session(SessionJson),
    /// A reset is required first.
    ResetRequired(ResetRequiredJson),
}

/// `serve`: where it listens, printed once when it is ready.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ServeJson {
    /// The bound address (`127.0.0.1:8080`; the real port when 0 was asked for).
    pub listening: String,
    /// The base URL of the pages.
    pub url: String,
}

/// An administrator's password change (`reset EMAIL`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct AdminResetJson {
    /// The member whose password changed.
    pub email: String,
    /// Always true.
    pub password_changed: bool,
    /// Always false: an admin change never requires a reset (R12).
    pub reset_required: bool,
    /// How many of their sessions were ended.
    pub sessions_ended: u64,
    /// The new password, only with `--generate-password` (shown once).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub generated_password: Option<String>,
}

/// `reset`: a completed reset with a token (a session), or an admin change.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ResetDoc {
    /// A token redeemed: the new password is set and a session given.
    Session(SessionJson),
    /// An administrator changed a member's password.
    Admin(AdminResetJson),
}

/// `logout`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LogoutJson {
    /// Whether a session was open and is now ended.
    pub session_ended: bool,
    /// Whose session it was.
    pub email: Option<String>,
}

/// `passwd`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PasswdJson {
    /// Whose password changed.
    pub email: String,
    /// Always true: a failure prints the error document.
    pub password_changed: bool,
    /// How many other sessions of the account were ended.
    pub other_sessions_ended: usize,
}

/// What a delete removed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted<T> {
    /// The resource as it was (or, after `--dry-run`, still is).
    pub deleted: T,
    /// True when `--dry-run` only said what would be deleted; left out otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `users unlock`: the member's lock state as it now is.
#[derive(Debug, Serialize, JsonSchema)]
pub struct UnlockJson {
    /// The member.
    pub email: String,
    /// Always false now.
    pub locked: bool,
    /// Always 0 now.
    pub failed_logins: u32,
    /// Whether a lock was ended.
    pub was_locked: bool,
}

/// `users remove`: the membership that was removed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RemovedMemberJson {
    /// The member.
    pub email: String,
    /// The organization they left.
    pub org: String,
    /// Their permission set there.
    pub permission_set: String,
    /// Whether the account went too (it belonged to no other organization).
    pub account_deleted: bool,
}

/// `users set-permission-set` and `users update`: the member's membership as it now is.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MembershipJson {
    /// The member.
    pub email: String,
    /// The organization.
    pub org: String,
    /// Their permission set.
    pub permission_set: String,
    /// Their groups.
    pub groups: Vec<String>,
    /// Their sites.
    pub sites: Vec<String>,
    /// Their user field values.
    pub fields: std::collections::BTreeMap<String, String>,
    /// What this command changed (empty when it already was as asked).
    pub changes: Vec<String>,
}

/// `orgs create`: the new organization.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OrgCreatedJson {
    /// Its name.
    pub name: String,
    /// The creator's permission set in it (Administrator).
    pub permission_set: String,
}

/// `completions SHELL`: the script, as data.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CompletionsJson {
    /// The shell.
    pub shell: String,
    /// The completion script.
    pub script: String,
}

/// `man`: the page, as data.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ManJson {
    /// The man page in roff.
    pub roff: String,
}

/// The hidden `generate DIR`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GenerateJson {
    /// Where completions/, man/ and schemas/ were written.
    pub dir: String,
}

/// One audit event.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AuditEventJson {
    /// When it happened.
    pub created_at: String,
    /// Email of who acted, or `-`.
    pub actor: String,
    /// Organization, `-` when none applies, `*` for database-wide changes.
    pub org: String,
    /// What was done, e.g. `login`, `add_user`.
    pub action: String,
    /// Whom or what it was done to.
    pub target: String,
    /// `ok`, `failed`, `denied`, ...
    pub outcome: String,
    /// Extra words, never a secret.
    pub detail: String,
}

/// `audit`: events, newest first, and how many matched in all.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AuditDoc {
    /// At most `--limit` events.
    pub events: Vec<AuditEventJson>,
    /// How many events matched the filters (more than `events` when truncated).
    pub total: u64,
}

/// `users list`.
#[derive(Serialize, JsonSchema)]
pub struct UsersList {
    /// The members.
    pub users: Vec<MemberJson>,
}

/// `add-users`.
#[derive(Serialize, JsonSchema)]
pub struct AddUsersDoc<'a> {
    /// One result per user.
    pub users: &'a [UserResult],
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
}

/// `orgs list`.
#[derive(Serialize, JsonSchema)]
pub struct OrgsList {
    /// The organizations the actor belongs to.
    pub orgs: Vec<OrgJson>,
}

/// `permission-sets list`.
#[derive(Serialize, JsonSchema)]
pub struct PermissionSetsList {
    /// The permission sets.
    pub permission_sets: Vec<SetJson>,
}

/// `groups list`.
#[derive(Serialize, JsonSchema)]
pub struct GroupsList<'a> {
    /// The groups.
    pub groups: Vec<ItemJson<'a>>,
}

/// `sites list`.
#[derive(Serialize, JsonSchema)]
pub struct SitesList<'a> {
    /// The sites.
    pub sites: Vec<ItemJson<'a>>,
}

/// `fields list`.
#[derive(Serialize, JsonSchema)]
pub struct FieldsList<'a> {
    /// The user field definitions.
    pub fields: Vec<FieldJson<'a>>,
}

/// `config list`.
#[derive(Serialize, JsonSchema)]
pub struct SettingsList {
    /// Every setting.
    pub settings: Vec<SettingJson>,
}

/// `outbox`.
#[derive(Serialize, JsonSchema)]
pub struct OutboxList<'a> {
    /// The emails, newest first.
    pub emails: Vec<MailJson<'a>>,
}

/// `send-instructions`.
#[derive(Serialize, JsonSchema)]
pub struct SentList<'a> {
    /// One entry per email.
    pub emails: Vec<EmailJson<'a>>,
}

fn schema<T: JsonSchema>() -> Value {
    let s = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut v = s.to_value();
    close_objects(&mut v);
    v
}

/// Every object with declared properties allows no other keys, so a stray key in real
/// output fails validation; every `*_at` text is an RFC 3339 `date-time`.
fn close_objects(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                for (key, prop) in props.iter_mut() {
                    if let Value::Object(p) = prop {
                        let text = match p.get("type") {
                            Some(Value::String(t)) => t == "string",
                            Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                            _ => false,
                        };
                        if key.ends_with("_at") && text {
                            p.insert("format".into(), Value::String("date-time".into()));
                        }
                    }
                }
            }
            for (_, child) in map.iter_mut() {
                close_objects(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// Every published schema: `(name, schema)`, where the name is the command's path joined
/// by `-` (`groups-create`), or `error` for the failure document.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        ("error", schema::<ErrorDoc>()),
        ("init", schema::<InitJson>()),
        ("db-copy", schema::<DbCopyJson>()),
        ("login", schema::<LoginDoc>()),
        ("logout", schema::<LogoutJson>()),
        ("whoami", schema::<WhoamiJson>()),
        ("add-users", schema::<AddUsersDoc<'static>>()),
        ("reset", schema::<ResetDoc>()),
        ("send-instructions", schema::<SentList<'static>>()),
        ("users-list", schema::<UsersList>()),
        ("users-show", schema::<ShowJson>()),
        ("users-unlock", schema::<UnlockJson>()),
        ("users-remove", schema::<Deleted<RemovedMemberJson>>()),
        ("users-disable", schema::<DisabledJson>()),
        ("users-enable", schema::<DisabledJson>()),
        ("users-set-permission-set", schema::<MembershipJson>()),
        ("users-update", schema::<MembershipJson>()),
        ("orgs-list", schema::<OrgsList>()),
        ("orgs-create", schema::<OrgCreatedJson>()),
        ("permission-sets-list", schema::<PermissionSetsList>()),
        ("permission-sets-create", schema::<SetJson>()),
        ("permission-sets-delete", schema::<Deleted<SetJson>>()),
        ("groups-list", schema::<GroupsList<'static>>()),
        ("groups-create", schema::<ItemJson<'static>>()),
        ("groups-delete", schema::<Deleted<ItemJson<'static>>>()),
        ("sites-list", schema::<SitesList<'static>>()),
        ("sites-create", schema::<ItemJson<'static>>()),
        ("sites-delete", schema::<Deleted<ItemJson<'static>>>()),
        ("fields-list", schema::<FieldsList<'static>>()),
        ("fields-create", schema::<FieldJson<'static>>()),
        ("fields-delete", schema::<Deleted<FieldJson<'static>>>()),
        ("audit", schema::<AuditDoc>()),
        ("outbox", schema::<OutboxList<'static>>()),
        ("config-list", schema::<SettingsList>()),
        ("config-get", schema::<SettingJson>()),
        ("config-set", schema::<SettingJson>()),
        ("completions", schema::<CompletionsJson>()),
        ("man", schema::<ManJson>()),
        ("passwd", schema::<PasswdJson>()),
        ("doctor", schema::<doctor::DoctorJson>()),
        ("serve", schema::<ServeJson>()),
        ("generate", schema::<GenerateJson>()),
    ]
}

/// The text of one schema file.
pub fn schema_text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes `schemas/<name>.json` under `root`.
pub fn write_schemas(root: &Path) -> Result<()> {
    let dir = root.join("schemas");
    std::fs::create_dir_all(&dir)?;
    for (name, s) in schemas() {
        std::fs::write(dir.join(format!("{name}.json")), schema_text(&s))?;
    }
    Ok(())
}
