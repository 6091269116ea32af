//! One file per command; `dispatch` routes a parsed command line to its `run`.

pub mod add_users;
pub mod audit;
pub mod config;
pub mod directory;
pub mod doctor;
pub mod generate;
pub mod init;
pub mod login;
pub mod orgs;
pub mod outbox;
pub mod passwd;
pub mod permission_sets;
pub mod reset;
pub mod send_instructions;
pub mod session;
pub mod users;

use serde::Serialize;

use crate::cli::{Command, ConfirmArgs};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::store::{AuditEvent, Tx};

/// Runs one command.
pub fn dispatch(command: Command, ctx: &mut Ctx) -> Result<()> {
    if !matches!(command, Command::Doctor(_)) {
        crate::mail::warn_about_config_file(ctx);
    }
    match command {
        Command::Init(args) => init::run(&args, ctx),
        Command::Login(args) => login::run(&args, ctx),
        Command::Logout => session::logout(ctx),
        Command::Whoami => session::whoami(ctx),
        Command::Orgs(cmd) => orgs::run(&cmd, ctx),
        Command::PermissionSets(cmd) => permission_sets::run(&cmd, ctx),
        Command::Config(cmd) => config::run(&cmd, ctx),
        Command::Audit(args) => audit::run(&args, ctx),
        Command::Completions(args) => generate::completions(&args, ctx),
        Command::Man(args) => generate::man(&args, ctx),
        Command::Generate(args) => generate::generate(&args.dir, ctx),
        Command::AddUsers(args) => add_users::run(&args, ctx),
        Command::Reset(args) => reset::run(&args, ctx),
        Command::Passwd(args) => passwd::run(&args, ctx),
        Command::SendInstructions(args) => send_instructions::run(&args, ctx),
        Command::Users(cmd) => users::run(&cmd, ctx),
        Command::Groups(cmd) => directory::run_named(crate::store::Collection::Groups, &cmd, ctx),
        Command::Sites(cmd) => directory::run_named(crate::store::Collection::Sites, &cmd, ctx),
        Command::Fields(cmd) => directory::run_fields(&cmd, ctx),
        Command::Outbox(args) => outbox::run(&args, ctx),
        Command::Doctor(args) => doctor::run(&args, ctx),
    }
}

/// The organization column of audit events that apply to the whole database.
pub const ALL_ORGS: &str = "*";

/// Builds an audit event for the current time.
pub fn event(now: i64, actor: &str, org: &str, action: &str, target: &str) -> AuditEvent {
    AuditEvent {
        at: now,
        actor: actor.to_string(),
        org: org.to_string(),
        action: action.to_string(),
        target: target.to_string(),
        outcome: "ok".into(),
        detail: String::new(),
    }
}

/// Writes an audit event with an outcome and detail.
pub fn audit(
    tx: &Tx<'_>,
    mut e: AuditEvent,
    outcome: &str,
    detail: impl Into<String>,
) -> Result<()> {
    e.outcome = outcome.to_string();
    e.detail = detail.into();
    tx.audit(&e)
}

/// An extra check of a chosen password.
pub type PasswordCheck = dyn Fn(&secrecy::SecretString) -> Result<()>;

/// Asks for a new password twice on the terminal, repeating until it meets the policy (R10)
/// and both entries match. `extra` adds a check (e.g. "not the current password").
pub fn new_password(
    ctx: &mut Ctx,
    email: &crate::domain::email::Email,
    min_len: usize,
    label: &str,
    extra: Option<&PasswordCheck>,
) -> Result<secrecy::SecretString> {
    use secrecy::ExposeSecret;
    loop {
        let pw = ctx.prompt.password(label)?;
        if let Err(e) = crate::domain::password::check_policy(pw.expose_secret(), email, min_len)
            .and_then(|()| extra.map_or(Ok(()), |f| f(&pw)))
        {
            ctx.tell(format!("{e}; try again"));
            continue;
        }
        let again = ctx
            .prompt
            .password(&format!("Confirm {}", label.to_lowercase()))?;
        if again.expose_secret() != pw.expose_secret() {
            ctx.tell("the two passwords differ; try again");
            continue;
        }
        return Ok(pw);
    }
}

/// What a destructive command decided to do after [`confirm_deletion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    /// Delete it.
    Delete,
    /// `--dry-run`: only say what would go.
    DryRun,
}

/// R29: a destructive command goes ahead only with `--yes` or a "y" at the terminal's
/// question; `--dry-run` only reports. Without a terminal (or with --no-input) and without
/// `--yes` it is exit 3 naming `--yes`; declining is exit 130, like any cancelled prompt.
/// `doing` completes "refusing to …" (e.g. "remove jo@acme.test from Acme").
pub fn confirm_deletion(
    ctx: &mut Ctx,
    confirm: ConfirmArgs,
    question: &str,
    doing: &str,
) -> Result<Go> {
    if confirm.dry_run {
        return Ok(Go::DryRun);
    }
    if confirm.yes {
        return Ok(Go::Delete);
    }
    if !ctx.interactive() {
        return Err(Error::invalid(format!(
            "refusing to {doing} without confirmation: pass --yes to do it, or --dry-run to see what would go (no question is asked without a terminal or with --no-input)"
        )));
    }
    if ctx.prompt.confirm(question, false)? {
        Ok(Go::Delete)
    } else {
        Err(Error::Cancelled("cancelled: nothing was changed".into()))
    }
}

/// Reports a delete: `-o json` prints [`crate::contract::Deleted`]; people read `done` or, after a dry
/// run, `would` on stderr.
pub fn report_deletion<T: Serialize>(
    ctx: &Ctx,
    go: Go,
    deleted: T,
    done: String,
    would: String,
) -> Result<()> {
    let dry_run = go == Go::DryRun;
    if ctx.out.is_json() {
        ctx.out
            .json(&crate::contract::Deleted { deleted, dry_run })?;
    }
    if dry_run {
        // What would go is this command's result: stdout, even with --quiet.
        if !ctx.out.is_json() {
            ctx.out
                .line(&format!("Dry run: {would}; nothing was changed."))?;
        }
    } else {
        ctx.say(done);
    }
    Ok(())
}
