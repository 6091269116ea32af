//! `users unlock`, `users remove`, `users disable` and `users enable`: changes to a
//! member's account state.

use super::*;

pub(super) fn unlock(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (email, was_locked) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "unlocking accounts")?;
        let (account, _) = member(tx, &actor, &args.email)?;
        actor.require_power_over_account(tx, &account, "unlocking")?;
        let was_locked = is_locked(&account.state, now);
        tx.clear_login_failures(account.id)?;
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &actor.org.name,
                "unlock",
                &account.email,
            ),
            "ok",
            if was_locked {
                "lock ended"
            } else {
                "was not locked; failure count cleared"
            },
        )?;
        Ok((account.display_email, was_locked))
    })?;
    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::UnlockJson {
            email: email.clone(),
            locked: false,
            failed_logins: 0,
            was_locked,
        })?;
    }
    if was_locked {
        ctx.say(format!("Unlocked {email}; they can log in again."));
    } else {
        ctx.say(format!(
            "{email} was not locked; their failed-login count is cleared."
        ));
    }
    Ok(())
}

/// What `users remove` would do, checked: the member, and whether the account goes too.
pub(super) struct Removal {
    account: Account,
    membership: Membership,
    org: String,
    account_goes: bool,
}

/// Every check of `users remove`, made again in the writing transaction.
pub(super) fn removal(tx: &Tx<'_>, actor: &Actor, email: &str) -> Result<Removal> {
    actor.require(Permission::Users, "removing members")?;
    let (account, m) = member(tx, actor, email)?;
    if account.id == actor.account.id {
        return Err(Error::PermissionDenied(format!(
            "you cannot remove yourself from {}; ask another member with \"{}\"",
            actor.org.name,
            Permission::Users.label()
        )));
    }
    actor.require_power_over(tx, &account, "removing")?;
    keep_a_permissions_holder(tx, actor, &m, &format!("remove {}", account.display_email))?;
    // The account itself goes only when no other organization still has it.
    let account_goes = tx.membership_count(account.id)? <= 1;
    Ok(Removal {
        account,
        membership: m,
        org: actor.org.name.clone(),
        account_goes,
    })
}

pub(super) fn remove(args: &UsersRemoveArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let plan = store.read(|tx| removal(tx, &ctx.actor(tx)?, &args.email))?;
    let email = plan.account.display_email.clone();
    let org = plan.org.clone();
    let what = if plan.account_goes {
        "their membership, groups, sites and field values here, and the account itself (it belongs to no other organization)"
    } else {
        "their membership, groups, sites and field values here; the account stays for its other organizations"
    };
    let go = confirm_deletion(
        ctx,
        args.confirm,
        &format!("Remove {email} from {org}? This deletes {what}"),
        &format!("remove {email} from {org}"),
    )?;
    let json = |account_deleted| crate::contract::RemovedMemberJson {
        email: email.clone(),
        org: org.clone(),
        permission_set: plan.membership.permission_set.clone(),
        account_deleted,
    };
    if go == Go::DryRun {
        return report_deletion(
            ctx,
            go,
            json(plan.account_goes),
            String::new(),
            format!("would remove {email} from {org}: {what}"),
        );
    }
    let now = ctx.now();
    let deleted = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let plan = removal(tx, &actor, &args.email)?;
        let account = plan.account;
        tx.remove_membership(plan.membership.id)?;
        let deleted = tx.delete_account_if_orphan(account.id)?;
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &actor.org.name,
                "remove_user",
                &account.email,
            ),
            "ok",
            if deleted {
                "membership removed; account deleted (no other organization)"
            } else {
                "membership removed; account kept (member of other organizations)"
            },
        )?;
        Ok(deleted)
    })?;
    let done = if deleted {
        format!("Removed {email} from {org} and deleted the account (it belonged to no other organization).")
    } else {
        format!("Removed {email} from {org}; the account stays for its other organizations.")
    };
    report_deletion(ctx, go, json(deleted), done, String::new())
}

/// `users disable` (R28): no login any more, sessions ended, tokens voided; nothing deleted.
pub(super) fn disable(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    set_disabled(args, ctx, true)
}

/// `users enable` (R28): undoes `users disable`.
pub(super) fn enable(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    set_disabled(args, ctx, false)
}

pub(super) fn set_disabled(args: &EmailArg, ctx: &mut Ctx, disable: bool) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (json, changed) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let doing = if disable { "disabling" } else { "enabling" };
        actor.require(Permission::Users, &format!("{doing} accounts"))?;
        let (account, _) = member(tx, &actor, &args.email)?;
        if disable && account.id == actor.account.id {
            return Err(Error::PermissionDenied(format!(
                "you cannot disable your own account; ask another member of {} with \"{}\"",
                actor.org.name,
                Permission::Users.label()
            )));
        }
        actor.require_power_over_account(tx, &account, doing)?;
        let changed = tx.set_disabled(account.id, disable.then_some(now))?;
        // Sessions and tokens are ended even when it was already disabled: any issued
        // since must not work either.
        let (ended, voided) = if disable {
            (
                tx.end_sessions_of(account.id, now)?,
                tx.void_tokens(account.id, &RESET_TOKEN_KINDS, now)?,
            )
        } else {
            (0, 0)
        };
        let detail = match (disable, changed) {
            (true, true) => format!("disabled; {ended} sessions ended; {voided} tokens voided"),
            (true, false) => {
                format!("was already disabled; {ended} sessions ended; {voided} tokens voided")
            }
            (false, true) => "enabled; they can log in again".to_string(),
            (false, false) => "was not disabled".to_string(),
        };
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &actor.org.name,
                if disable {
                    "disable_user"
                } else {
                    "enable_user"
                },
                &account.email,
            ),
            "ok",
            detail,
        )?;
        let fresh = tx.account_by_id(account.id)?;
        Ok((
            DisabledJson {
                email: fresh.display_email,
                disabled: fresh.disabled_at.is_some(),
                disabled_at: fresh.disabled_at.map(rfc3339),
                sessions_ended: ended,
                tokens_voided: voided,
            },
            changed,
        ))
    })?;
    if ctx.out.is_json() {
        ctx.out.json(&json)?;
    }
    let email = &json.email;
    ctx.say(match (disable, changed) {
        (true, true) => format!(
            "Disabled {email}: no login works until `usermgr users enable {email}`; {} session(s) ended, {} token(s) voided. Nothing was deleted.",
            json.sessions_ended, json.tokens_voided
        ),
        (true, false) => format!("{email} was already disabled; {} session(s) ended, {} token(s) voided.", json.sessions_ended, json.tokens_voided),
        (false, true) => format!("Enabled {email}; they can log in again."),
        (false, false) => format!("{email} was not disabled; nothing changed."),
    });
    Ok(())
}
