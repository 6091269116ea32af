//! The whole command tree as clap data; nothing here runs anything.

mod db;
pub use db::{DbCommand, DbCopyArgs};

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::complete;

/// Manage user accounts kept in a SQLite file or a shared PostgreSQL database.
#[derive(Debug, Parser)]
#[command(
    name = "usermgr",
    version,
    about = "Manage user accounts in a local SQLite database",
    long_about = "Manage the user accounts of one or more organizations kept in a local SQLite \
                  database. Admins can require new users to choose their own password at first \
                  login, inside a timed reset window.",
    propagate_version = true
)]
pub struct Cli {
    #[allow(missing_docs)]
    #[command(flatten)]
    pub global: GlobalArgs,
    #[allow(missing_docs)]
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Database: a SQLite file or a postgres:// URL (default: $USERMGR_DB, else usermgr.db
    /// in the data directory)
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,
    /// Organization to act in (default: the one of the current session)
    #[arg(long, global = true, value_name = "NAME", add = complete::org())]
    pub org: Option<String>,
    /// Output format for results
    #[arg(short = 'o', long = "output", global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
    /// Never prompt; a missing value is an error naming the flag that gives it
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Print no messages on stderr, only results and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// How results are printed on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Human-readable tables
    #[default]
    Table,
    /// One JSON document
    Json,
    /// Comma-separated values with a header (lists)
    Csv,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database, the first organization and its first administrator, and log in
    Init(InitArgs),
    /// Log in; runs the timed password reset when one is required
    Login(LoginArgs),
    /// End the stored session
    Logout,
    /// Show who is logged in, in which organization, with which permissions
    Whoami,
    /// Add users to the current organization (guided on a terminal when no email is given)
    AddUsers(AddUsersArgs),
    /// Set a new password with a token, or (admin) change a member's password
    Reset(ResetArgs),
    /// Change your own password (asks for the current one first)
    Passwd(PasswdArgs),
    /// Email password instructions or reset emails
    SendInstructions(SendInstructionsArgs),
    /// Inspect and manage members
    #[command(subcommand)]
    Users(UsersCommand),
    /// List your organizations or create one
    #[command(subcommand)]
    Orgs(OrgsCommand),
    /// Manage the current organization's permission sets
    #[command(subcommand)]
    PermissionSets(PermissionSetsCommand),
    /// Manage the current organization's groups
    #[command(subcommand)]
    Groups(NamedCommand),
    /// Manage the current organization's sites
    #[command(subcommand)]
    Sites(NamedCommand),
    /// Manage the current organization's user field definitions
    #[command(subcommand)]
    Fields(FieldsCommand),
    /// Read the audit log
    Audit(AuditArgs),
    /// Read the outbox of emails
    Outbox(OutboxArgs),
    /// Read and change settings
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Check the database, settings, session, config file and email transport
    Doctor(DoctorArgs),
    /// Move a directory between databases (SQLite file, PostgreSQL URL)
    #[command(subcommand)]
    Db(DbCommand),
    /// Print a shell's completion script; it also offers names from the database
    Completions(CompletionsArgs),
    /// Print the man page of usermgr or of one of its commands
    Man(ManArgs),
    /// Write completions/ and man/ under DIR (for maintainers)
    #[command(hide = true)]
    Generate(GenerateArgs),
}

/// `usermgr man`
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `users show` (default: usermgr itself)
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// `usermgr generate`
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Directory that receives completions/ and man/
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// `usermgr init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Name of the first organization
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// Email of the first administrator
    #[arg(long, value_name = "EMAIL")]
    pub admin: String,
    /// Full name of the first administrator
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    /// Read the administrator's password from one line of standard input
    #[arg(long)]
    pub password_stdin: bool,
}

/// `usermgr login`
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Email address of the account (asked on a terminal when missing)
    pub email: Option<String>,
    /// Read the password (and, for a required reset, nothing else) from standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// Print the session token on stdout instead of only storing it
    #[arg(long)]
    pub print_token: bool,
}

/// `usermgr passwd`
#[derive(Debug, Args)]
#[command(after_help = "Ends your other sessions; this one stays logged in. \
A wrong current password counts toward the lockout like a failed login.\n\n\
In a script: printf '%s\\n%s\\n' \"$CURRENT\" \"$NEW\" | usermgr passwd --password-stdin")]
pub struct PasswdArgs {
    /// Read the current password from the first line of standard input and the new one
    /// from the second
    #[arg(long)]
    pub password_stdin: bool,
}

/// How a new account gets its password.
#[derive(Debug, Args, Default)]
#[group(multiple = false)]
#[command(next_help_heading = "Password (choose one)")]
pub struct PasswordSource {
    /// Read one password (for every new account) from one line of standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// Read one password (for every new account) from the first line of a file
    #[arg(long, value_name = "F")]
    pub password_file: Option<PathBuf>,
    /// Generate a password of at least 20 characters for each new account, shown once
    #[arg(long)]
    pub generate_password: bool,
    /// Create accounts without a password; they set one from an emailed token
    #[arg(long)]
    pub no_password: bool,
}

/// `usermgr add-users`
#[derive(Debug, Args)]
pub struct AddUsersArgs {
    /// Email addresses to add
    pub emails: Vec<String>,
    /// Read users from a CSV or JSON file (`-` for standard input)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub from: Option<String>,
    /// Full name (for a single email)
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub password: PasswordSource,
    /// Require each new account to choose a new password at first login
    // (`help_heading = None`: under "Options" again, after the flattened heading above.)
    #[arg(long, help_heading = None::<&str>)]
    pub require_reset: bool,
    /// Email password instructions to each added user
    #[arg(long, help_heading = "Email")]
    pub send_instructions: bool,
    #[allow(missing_docs)]
    #[command(flatten, next_help_heading = "Email")]
    pub message: MessageArgs,
    /// Permission set of the new members (needs Platform management: Permissions)
    #[arg(long, value_name = "NAME", help_heading = "Membership", add = complete::permission_set())]
    pub permission_set: Option<String>,
    /// Add the new members to this group (repeatable)
    #[arg(long = "group", value_name = "G", help_heading = "Membership", add = complete::group())]
    pub groups: Vec<String>,
    /// Add the new members to this site (repeatable)
    #[arg(long = "site", value_name = "S", help_heading = "Membership", add = complete::site())]
    pub sites: Vec<String>,
    /// Set a user field (repeatable)
    #[arg(long = "field", value_name = "KEY=VALUE", help_heading = "Membership")]
    pub fields: Vec<String>,
    /// Report users who are already members as skipped instead of failing
    #[arg(long, help_heading = None::<&str>)]
    pub skip_existing: bool,
    /// Validate and show what would happen, write nothing
    #[arg(long, help_heading = None::<&str>)]
    pub dry_run: bool,
}

/// A custom message for an email.
#[derive(Debug, Args, Default)]
#[group(multiple = false)]
pub struct MessageArgs {
    /// Custom message included verbatim in the email
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    /// Read the custom message from a file
    #[arg(long, value_name = "F")]
    pub message_file: Option<PathBuf>,
}

/// `usermgr reset`
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Member whose password an admin changes (single-organization members only); without
    /// it, the token is asked for on a terminal
    #[arg(conflicts_with_all = ["token", "token_stdin"], add = complete::member_email())]
    pub email: Option<String>,
    /// Read the reset-window, reset-email or set-password token from the first line of
    /// standard input (with --password-stdin the password is the next line)
    #[arg(long, conflicts_with = "token")]
    pub token_stdin: bool,
    /// The token on the command line, where other local users can see it (ps, shell
    /// history): prefer --token-stdin or the prompt
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Read the new password from one line of standard input
    #[arg(long, conflicts_with = "generate_password")]
    pub password_stdin: bool,
    /// Generate the new password (admin change only), shown once
    #[arg(long, requires = "email")]
    pub generate_password: bool,
}

/// `usermgr send-instructions`
#[derive(Debug, Args)]
pub struct SendInstructionsArgs {
    /// Members to email
    #[arg(
        required_unless_present = "retry_failed",
        conflicts_with = "retry_failed",
        add = complete::member_email()
    )]
    pub emails: Vec<String>,
    /// Send reset emails instead of instructions
    #[arg(long)]
    pub reset: bool,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub message: MessageArgs,
    /// Send again every email of this organization whose delivery failed (fresh tokens)
    #[arg(long, conflicts_with_all = ["reset", "message", "message_file"])]
    pub retry_failed: bool,
}

/// `usermgr users ...`
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List members of the current organization
    List(UsersListArgs),
    /// Show one member, including the state of a required reset
    Show(EmailArg),
    /// End a lockout after too many failed logins
    Unlock(EmailArg),
    /// Remove a member from the current organization (asks first; --yes in scripts)
    Remove(UsersRemoveArgs),
    /// Change a member's permission set (needs Platform management: Permissions)
    SetPermissionSet(SetPermissionSetArgs),
    /// Change a member's groups, sites and field values, or many members' with --from
    ///
    /// Needs "Platform management: Users", which covers every change (as when adding users),
    /// or the permission of the part that changes: Groups for --add-group/--remove-group,
    /// Sites for --add-site/--remove-site, User fields for --field/--clear-field.
    /// With --from FILE (CSV or JSON, the columns of add-users and of `users list -o csv`)
    /// every row names a member; the columns present replace that member's name,
    /// permission set, groups, sites and fields (an empty field cell clears it). All rows
    /// are checked first: one bad row and nothing is changed.
    Update(UsersUpdateArgs),
    /// Stop every login of a member's account, end its sessions and void its tokens
    ///
    /// Nothing is deleted; `usermgr users enable EMAIL` undoes it.
    Disable(EmailArg),
    /// Let a disabled account log in again
    Enable(EmailArg),
}

/// `users list`
#[derive(Debug, Args)]
pub struct UsersListArgs {
    /// Only members of this group
    #[arg(long, value_name = "G", add = complete::group())]
    pub group: Option<String>,
    /// Only members of this site
    #[arg(long, value_name = "S", add = complete::site())]
    pub site: Option<String>,
    /// Only accounts whose required reset is still pending
    #[arg(long)]
    pub reset_pending: bool,
    /// Only members whose email or name contains this text
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only disabled accounts
    #[arg(long)]
    pub disabled: bool,
}

/// One email address.
#[derive(Debug, Args)]
pub struct EmailArg {
    /// Email address of the member
    #[arg(add = complete::member_email())]
    pub email: String,
}

/// How a destructive command is confirmed (R29).
#[derive(Debug, Args, Clone, Copy)]
pub struct ConfirmArgs {
    /// Do it without asking (needed when there is no terminal to ask on)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Say what would be deleted, and delete nothing
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
}

/// `users remove`
#[derive(Debug, Args)]
pub struct UsersRemoveArgs {
    /// Email address of the member
    #[arg(add = complete::member_email())]
    pub email: String,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

/// A name to delete.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The name
    pub name: String,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

/// `users set-permission-set`
#[derive(Debug, Args)]
pub struct SetPermissionSetArgs {
    /// Email address of the member
    #[arg(add = complete::member_email())]
    pub email: String,
    /// Name of the permission set
    #[arg(add = complete::permission_set())]
    pub permission_set: String,
}

/// `users update`
#[derive(Debug, Args)]
pub struct UsersUpdateArgs {
    /// Email address of the member
    #[arg(required_unless_present = "from", add = complete::member_email())]
    pub email: Option<String>,
    /// Update many members from a CSV or JSON file (- for standard input)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with_all = ["email", "add_groups", "remove_groups", "add_sites", "remove_sites", "fields", "clear_fields"])]
    pub from: Option<String>,
    /// Add to this group (repeatable)
    #[arg(long = "add-group", value_name = "G", add = complete::group())]
    pub add_groups: Vec<String>,
    /// Remove from this group (repeatable)
    #[arg(long = "remove-group", value_name = "G", add = complete::group())]
    pub remove_groups: Vec<String>,
    /// Add to this site (repeatable)
    #[arg(long = "add-site", value_name = "S", add = complete::site())]
    pub add_sites: Vec<String>,
    /// Remove from this site (repeatable)
    #[arg(long = "remove-site", value_name = "S", add = complete::site())]
    pub remove_sites: Vec<String>,
    /// Set a user field (repeatable)
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// Clear a user field (repeatable)
    #[arg(long = "clear-field", value_name = "KEY")]
    pub clear_fields: Vec<String>,
}

/// `usermgr orgs ...`
#[derive(Debug, Subcommand)]
pub enum OrgsCommand {
    /// List the organizations you belong to
    List,
    /// Create an organization; you become its Administrator
    Create(NameArg),
}

/// One name.
#[derive(Debug, Args)]
pub struct NameArg {
    /// The name
    pub name: String,
}

/// `usermgr permission-sets ...`
#[derive(Debug, Subcommand)]
pub enum PermissionSetsCommand {
    /// List permission sets and their permissions
    List,
    /// Create a permission set
    Create(PermissionSetCreateArgs),
    /// Delete a permission set that no member uses (asks first; --yes in scripts)
    Delete(DeleteArgs),
}

/// `permission-sets create`
#[derive(Debug, Args)]
pub struct PermissionSetCreateArgs {
    /// Name of the new set
    pub name: String,
    /// A permission (platform.users, platform.permissions, platform.groups, platform.sites, platform.fields); repeatable
    #[arg(long = "permission", value_name = "P")]
    pub permissions: Vec<String>,
}

/// `groups ...` and `sites ...`
#[derive(Debug, Subcommand)]
pub enum NamedCommand {
    /// List them with their member counts
    List,
    /// Create one
    Create(NameArg),
    /// Delete one; its members stay members of the organization (asks first; --yes in scripts)
    Delete(DeleteArgs),
}

/// `usermgr fields ...`
#[derive(Debug, Subcommand)]
pub enum FieldsCommand {
    /// List user field definitions
    List,
    /// Define a user field
    Create(FieldCreateArgs),
    /// Delete a user field and its values (asks first; --yes in scripts)
    Delete(DeleteArgs),
}

/// Type of a user field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FieldKind {
    /// Free text
    Text,
    /// A number
    Number,
    /// A date, YYYY-MM-DD
    Date,
    /// One of a fixed list of options
    Select,
}

/// `fields create`
#[derive(Debug, Args)]
pub struct FieldCreateArgs {
    /// Name of the field
    pub name: String,
    /// Type of the field
    #[arg(long = "type", value_enum, default_value_t = FieldKind::Text)]
    pub kind: FieldKind,
    /// An allowed value of a select field (repeatable)
    #[arg(long = "option", value_name = "VALUE")]
    pub options: Vec<String>,
}

/// `usermgr audit`
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only events about or by this account
    #[arg(long, value_name = "EMAIL", add = complete::member_email())]
    pub user: Option<String>,
    /// Only events with this action (e.g. login, add_user, reset; a wrong one lists them)
    #[arg(long, value_name = "A")]
    pub action: Option<String>,
    /// Only events with this outcome (ok, failed, denied, reset_required, skipped, sent)
    #[arg(long, value_name = "O")]
    pub outcome: Option<String>,
    /// Only events since this time (RFC 3339, YYYY-MM-DD, or a duration ago such as 1h)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only events before this time (RFC 3339, YYYY-MM-DD, or a duration ago such as 1h)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// At most this many events (newest first)
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: u32,
}

/// `usermgr outbox`
#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// Only emails whose delivery failed
    #[arg(long)]
    pub failed: bool,
}

/// `usermgr config ...`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// List every setting with its value
    List,
    /// Print one setting
    Get(ConfigKeyArg),
    /// Change one setting
    Set(ConfigSetArgs),
}

/// A setting's name.
#[derive(Debug, Args)]
pub struct ConfigKeyArg {
    /// Setting name, e.g. reset_window
    #[arg(add = complete::setting_key())]
    pub key: String,
}

/// `config set`
#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// Setting name, e.g. reset_window
    #[arg(add = complete::setting_key())]
    pub key: String,
    /// New value; durations take 300, 90s, 5m, 12h or 7d
    pub value: String,
}

/// `usermgr doctor`
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Also send a test email to ADDRESS (recorded in the outbox like any email)
    #[arg(long, value_name = "ADDRESS")]
    pub send_test_email: Option<String>,
}

/// `usermgr completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to print the script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
