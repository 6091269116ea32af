//! What a command asks at the terminal before it acts: a new password, typed twice, and the
//! confirmation of a destructive change (R29).

use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// How a destructive command is confirmed (R29): `--yes`, `--dry-run`, or neither (ask).
#[derive(Debug, Clone, Copy, Default)]
pub struct Confirm {
    /// Do it without asking.
    pub yes: bool,
    /// Say what would go, and delete nothing.
    pub dry_run: bool,
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
    confirm: Confirm,
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
