//! `users unlock`, `users remove`, `users disable` and `users enable`: changes to a
//! member's account state, made by [`crate::core::members`].

use super::*;

pub(super) fn unlock(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    let Unlocked { email, was_locked } = members::unlock(ctx, &args.email)?;
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

pub(super) fn remove(args: &UsersRemoveArgs, ctx: &mut Ctx) -> Result<()> {
    let plan = members::removal(ctx, &args.email)?;
    let email = plan.email.clone();
    let org = plan.org.clone();
    let what = if plan.account_goes {
        "their membership, groups, sites and field values here, and the account itself (it belongs to no other organization)"
    } else {
        "their membership, groups, sites and field values here; the account stays for its other organizations"
    };
    let go = confirm_deletion(
        ctx,
        args.confirm.into(),
        &format!("Remove {email} from {org}? This deletes {what}"),
        &format!("remove {email} from {org}"),
    )?;
    let json = |account_deleted| crate::contract::RemovedMemberJson {
        email: email.clone(),
        org: org.clone(),
        permission_set: plan.permission_set.clone(),
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
    let deleted = members::remove(ctx, &args.email)?;
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

fn set_disabled(args: &EmailArg, ctx: &mut Ctx, disable: bool) -> Result<()> {
    let Disabled { json, changed } = members::set_disabled(ctx, &args.email, disable)?;
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
