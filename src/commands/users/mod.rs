//! `usermgr users list|show|unlock|remove|set-permission-set|update|disable|enable`: inspect
//! and manage the members of the current organization.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::cli::{
    EmailArg, SetPermissionSetArgs, UsersCommand, UsersListArgs, UsersRemoveArgs, UsersUpdateArgs,
};
use crate::clock;
use crate::contract::{AccountStateJson, DisabledJson, MemberJson, MemberOrgJson, ShowJson};
use crate::core::ask::{confirm_deletion, report_deletion, Go};
use crate::core::audit::{audit, event};
use crate::core::directory::{find_field, find_item};
use crate::core::provision::input::{limit_quote, quote, Origin, Parsed};
use crate::core::provision::{read_from, report_rows};
use crate::ctx::{Actor, Ctx};
use crate::domain::clock::rfc3339;
use crate::domain::email::Email;
use crate::domain::fields::parse_assignment;
use crate::domain::permissions::Permission;
use crate::domain::reset::{is_locked, temp_password_expires_at, RESET_TOKEN_KINDS};
use crate::domain::validate_name;
use crate::error::{Error, Result, RowError};
use crate::output::{yes_no, Records};
use crate::store::{
    Account, Collection, FieldDef, MemberFilter, MemberRow, Membership, NamedItem, PermissionSet,
    Tx,
};

/// Runs `users ...`.
pub fn run(cmd: &UsersCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        UsersCommand::List(a) => list(a, ctx),
        UsersCommand::Show(a) => show(a, ctx),
        UsersCommand::Unlock(a) => unlock(a, ctx),
        UsersCommand::Remove(a) => remove(a, ctx),
        UsersCommand::SetPermissionSet(a) => set_permission_set(a, ctx),
        UsersCommand::Update(a) => update(a, ctx),
        UsersCommand::Disable(a) => disable(a, ctx),
        UsersCommand::Enable(a) => enable(a, ctx),
    }
}

/// The account and membership of a member of the actor's organization (exit 6 otherwise).
fn member(tx: &Tx<'_>, actor: &Actor, email: &str) -> Result<(Account, Membership)> {
    let email = Email::parse(email)?;
    let not_member = || {
        Error::not_found(format!(
            "{} is not a member of {}; see the members with `usermgr users list`",
            email.display(),
            actor.org.name
        ))
    };
    let account = tx.account_by_email(email.key())?.ok_or_else(not_member)?;
    let membership = tx
        .membership(account.id, actor.org.id)?
        .ok_or_else(not_member)?;
    Ok((account, membership))
}

/// Refuses a change that would leave the organization without anyone who can manage
/// permission sets (and so nobody who could undo it).
fn keep_a_permissions_holder(
    tx: &Tx<'_>,
    actor: &Actor,
    m: &Membership,
    doing: &str,
) -> Result<()> {
    if m.grants.has(Permission::Permissions)
        && tx.members_holding(actor.org.id, Permission::Permissions)? <= 1
    {
        return Err(Error::Conflict(format!(
            "cannot {doing}: they are the last member of {} with \"{}\"; give it to someone else first (usermgr users set-permission-set EMAIL Administrator)",
            actor.org.name,
            Permission::Permissions.label()
        )));
    }
    Ok(())
}

/// R34: only members with `platform.users` see other members' account state (lock,
/// failed logins, reset state); everyone sees their own.
fn sees_account_state(actor: &Actor, account_id: i64) -> bool {
    actor.grants.has(Permission::Users) || actor.account.id == account_id
}

fn list(args: &UsersListArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let out = ctx.out;
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        let org = &actor.org;
        let state = actor.grants.has(Permission::Users);
        if args.reset_pending {
            actor.require(Permission::Users, "listing members by reset state")?;
        }
        if args.disabled {
            actor.require(Permission::Users, "listing disabled accounts")?;
        }
        let mut filter = MemberFilter {
            reset_pending: args.reset_pending,
            disabled: args.disabled,
            search: args.search.clone().filter(|s| !s.trim().is_empty()),
            ..MemberFilter::default()
        };
        if let Some(g) = &args.group {
            let items = tx.named_items(Collection::Groups, org.id)?;
            filter.group_id = Some(find_item(Collection::Groups, org, &items, g)?.id);
        }
        if let Some(s) = &args.site {
            let items = tx.named_items(Collection::Sites, org.id)?;
            filter.site_id = Some(find_item(Collection::Sites, org, &items, s)?.id);
        }
        let defs = tx.field_defs(org.id)?;
        if out.format() == crate::cli::OutputFormat::Csv {
            let mut headers = vec![
                "email".to_string(),
                "name".into(),
                "permission_set".into(),
                "groups".into(),
                "sites".into(),
            ];
            headers.extend(defs.iter().map(|d| format!("field.{}", d.name)));
            if state {
                headers.extend(["reset_required".into(), "locked".into(), "disabled".into()]);
            }
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let mut w = out.csv_stream(&headers)?;
            tx.each_member(org.id, &defs, &filter, |m| {
                let locked = is_locked_now(&m, now);
                let mut cells: Vec<String> = Vec::with_capacity(headers.len());
                cells.push(m.email);
                cells.push(m.name);
                cells.push(m.permission_set);
                cells.push(m.groups.join(";"));
                cells.push(m.sites.join(";"));
                cells.extend(m.fields.into_iter().map(Option::unwrap_or_default));
                if state {
                    cells.push(m.reset_required.to_string());
                    cells.push(locked.to_string());
                    cells.push(m.disabled.to_string());
                }
                w.row(&cells)
            })?;
            return w.finish();
        }
        let mut members = Vec::new();
        tx.each_member(org.id, &defs, &filter, |m| {
            members.push(MemberJson {
                locked: state.then(|| is_locked_now(&m, now)),
                fields: defs
                    .iter()
                    .zip(m.fields)
                    .filter_map(|(d, v)| v.map(|v| (d.name.clone(), v)))
                    .collect(),
                email: m.email,
                name: m.name,
                permission_set: m.permission_set,
                groups: m.groups,
                sites: m.sites,
                reset_required: state.then_some(m.reset_required),
                has_password: state.then_some(m.has_password),
                disabled: state.then_some(m.disabled),
            });
            Ok(())
        })?;
        let rows = members
            .iter()
            .map(|m| {
                let mut row = vec![
                    m.email.clone(),
                    m.name.clone(),
                    m.permission_set.clone(),
                    m.groups.join(", "),
                    m.sites.join(", "),
                ];
                if let (Some(reset), Some(locked), Some(disabled)) =
                    (m.reset_required, m.locked, m.disabled)
                {
                    row.extend([yes_no(reset), yes_no(locked), yes_no(disabled)]);
                }
                row
            })
            .collect();
        let headers: &[&str] = &[
            "email",
            "name",
            "permission set",
            "groups",
            "sites",
            "reset required",
            "locked",
            "disabled",
        ];
        out.records(&Records {
            headers: if state { headers } else { &headers[..5] },
            rows,
            json: &crate::contract::UsersList { users: members },
        })
    })
}

fn is_locked_now(m: &MemberRow, now: i64) -> bool {
    m.locked_until.is_some_and(|u| now < u)
}

/// The times `users show` reports, in ms (R22).
struct Times {
    password_set_at: Option<i64>,
    expires: Option<i64>,
    window: Option<i64>,
    locked_until: Option<i64>,
    disabled_at: Option<i64>,
    created_at: i64,
}

fn show(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (json, fields, times) = store.read(|tx| {
        let actor = ctx.actor(tx)?;
        let (account, m) = member(tx, &actor, &args.email)?;
        let state = sees_account_state(&actor, account.id);
        let rules = tx.login_rules()?;
        let s = &account.state;
        let locked = is_locked(s, now);
        let orgs = tx
            .memberships_of(account.id)?
            .into_iter()
            .map(|o| MemberOrgJson {
                name: o.org.name,
                permission_set: o.permission_set,
            })
            .collect();
        let values: Vec<(String, String)> = tx.field_values(m.id)?;
        let defs = tx.field_defs(actor.org.id)?;
        let times = Times {
            password_set_at: s.password_set_at,
            expires: temp_password_expires_at(s, &rules),
            window: tx.open_window_deadline(account.id, now)?,
            locked_until: s.locked_until.filter(|_| locked),
            disabled_at: account.disabled_at,
            created_at: account.created_at,
        };
        let json = ShowJson {
            email: account.display_email.clone(),
            name: account.name.clone(),
            org: actor.org.name.clone(),
            permission_set: m.permission_set.clone(),
            orgs,
            groups: tx.assigned(Collection::Groups, m.id)?,
            sites: tx.assigned(Collection::Sites, m.id)?,
            fields: values.into_iter().collect(),
            state: state.then(|| AccountStateJson {
                disabled: account.disabled(),
                disabled_at: account.disabled_at.map(rfc3339),
                has_password: account.password_hash.is_some(),
                reset_required: s.reset_required,
                password_set_at: times.password_set_at.map(rfc3339),
                temp_password_expires_at: times.expires.map(rfc3339),
                reset_window_expires_at: times.window.map(rfc3339),
                locked,
                lock_expires_at: times.locked_until.map(rfc3339),
                failed_logins: s.failed_logins,
            }),
            created_at: rfc3339(account.created_at),
        };
        let field_names: Vec<String> = defs.into_iter().map(|d| d.name).collect();
        Ok((json, field_names, times))
    })?;
    if ctx.out.is_json() {
        return ctx.out.json(&json);
    }
    let at = |v: Option<i64>| v.map_or_else(|| "-".to_string(), |ms| ctx.out.time(ms));
    // A time that ends something says, for people, how long is left.
    let until = |ms: i64| {
        if ctx.out.format() == crate::cli::OutputFormat::Table {
            clock::deadline(ms, now)
        } else {
            ctx.out.time(ms)
        }
    };
    let orgs = json
        .orgs
        .iter()
        .map(|o| format!("{} ({})", o.name, o.permission_set))
        .collect::<Vec<_>>()
        .join(", ");
    let mut pairs: Vec<(&str, String)> = vec![
        ("email", json.email.clone()),
        ("name", json.name.clone()),
        ("organizations", orgs),
        ("permission set", json.permission_set.clone()),
        ("groups", json.groups.join(", ")),
        ("sites", json.sites.join(", ")),
    ];
    let field_rows: Vec<(String, String)> = fields
        .iter()
        .map(|f| {
            (
                format!("field {f}"),
                json.fields.get(f).cloned().unwrap_or_default(),
            )
        })
        .collect();
    pairs.extend(field_rows.iter().map(|(k, v)| (k.as_str(), v.clone())));
    let Some(st) = json.state.as_ref() else {
        pairs.push(("created", ctx.out.time(times.created_at)));
        return ctx.out.pairs(&pairs, &json);
    };
    let password = match (st.has_password, st.reset_required) {
        (false, _) => "none: they set one with an emailed token".to_string(),
        (true, true) => "set by an admin; must be replaced at first login".into(),
        (true, false) => "set".into(),
    };
    let window = match times.window {
        Some(ms) => format!("open until {}", until(ms)),
        None => "none open".into(),
    };
    pairs.extend([
        (
            "disabled",
            match &st.disabled_at {
                Some(_) => format!(
                    "yes, since {}: no login works; `usermgr users enable {}` undoes it",
                    at(times.disabled_at),
                    json.email
                ),
                None => "no".into(),
            },
        ),
        ("password", password),
        ("reset required", yes_no(st.reset_required)),
        ("password set at", at(times.password_set_at)),
        (
            "admin-set password expires",
            times.expires.map_or_else(|| "-".to_string(), until),
        ),
        ("reset window", window),
        (
            "locked",
            if st.locked {
                format!(
                    "until {}",
                    times.locked_until.map_or_else(|| "-".into(), until)
                )
            } else {
                "no".into()
            },
        ),
        ("failed logins", st.failed_logins.to_string()),
        ("created", ctx.out.time(times.created_at)),
    ]);
    ctx.out.pairs(&pairs, &json)
}

fn unlock(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (email, was_locked) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "unlocking accounts")?;
        let (account, _) = member(tx, &actor, &args.email)?;
        actor.require_power_over(tx, &account, "unlocking")?;
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
struct Removal {
    account: Account,
    membership: Membership,
    org: String,
    account_goes: bool,
}

/// Every check of `users remove`, made again in the writing transaction.
fn removal(tx: &Tx<'_>, actor: &Actor, email: &str) -> Result<Removal> {
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

fn remove(args: &UsersRemoveArgs, ctx: &mut Ctx) -> Result<()> {
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
fn disable(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    set_disabled(args, ctx, true)
}

/// `users enable` (R28): undoes `users disable`.
fn enable(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    set_disabled(args, ctx, false)
}

fn set_disabled(args: &EmailArg, ctx: &mut Ctx, disable: bool) -> Result<()> {
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
        actor.require_power_over(tx, &account, doing)?;
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

fn set_permission_set(args: &SetPermissionSetArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (email, set, now_json) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(
            Permission::Permissions,
            "choosing a member's permission set",
        )?;
        let (account, m) = member(tx, &actor, &args.email)?;
        let set = tx.permission_set_by_name(&actor.org, &args.permission_set)?;
        let doing = format!(
            "moving {} from {} to {}",
            account.display_email, m.permission_set, set.name
        );
        actor.require_power_over(tx, &account, "changing the permission set of")?;
        actor.require_at_least(&set.grants, &doing)?;
        if !set.grants.has(Permission::Permissions) {
            keep_a_permissions_holder(
                tx,
                &actor,
                &m,
                &format!("move {} to {}", account.display_email, set.name),
            )?;
        }
        tx.set_membership_permission_set(m.id, set.id)?;
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &actor.org.name,
                "set_permission_set",
                &account.email,
            ),
            "ok",
            format!("{} -> {}", m.permission_set, set.name),
        )?;
        let changes = vec![format!(
            "permission set {} -> {}",
            m.permission_set, set.name
        )];
        let now_json = membership_json(tx, &actor, &account, changes)?;
        Ok((account.display_email, set.name, now_json))
    })?;
    if ctx.out.is_json() {
        ctx.out.json(&now_json)?;
    }
    ctx.say(format!("{email} now has permission set {set}."));
    Ok(())
}

/// Whether the actor may make a kind of change to a member: `platform.users` covers every
/// change (as when adding users), the specific permission covers its own part.
fn may_change(actor: &Actor, specific: Permission, what: &str) -> Result<()> {
    if actor.grants.has(Permission::Users) || actor.grants.has(specific) {
        return Ok(());
    }
    Err(Error::PermissionDenied(format!(
        "permission denied: changing a member's {what} needs \"{}\" ({}) or \"{}\" ({}) in {org}; ask an administrator of {org} to grant it",
        specific.label(),
        specific.key(),
        Permission::Users.label(),
        Permission::Users.key(),
        org = actor.org.name
    )))
}

fn update(args: &UsersUpdateArgs, ctx: &mut Ctx) -> Result<()> {
    if let Some(from) = &args.from {
        return update_from(from, ctx);
    }
    let Some(email) = &args.email else {
        return Err(Error::Usage(
            "users update needs an EMAIL or --from FILE".into(),
        ));
    };
    let assignments = args
        .fields
        .iter()
        .map(|f| parse_assignment(f))
        .collect::<Result<Vec<_>>>()?;
    let nothing = args.add_groups.is_empty()
        && args.remove_groups.is_empty()
        && args.add_sites.is_empty()
        && args.remove_sites.is_empty()
        && assignments.is_empty()
        && args.clear_fields.is_empty();
    if nothing {
        return Err(Error::invalid(
            "nothing to change: pass --add-group, --remove-group, --add-site, --remove-site, --field KEY=VALUE or --clear-field KEY",
        ));
    }
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (email, changes, now_json) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let org = &actor.org;
        let (account, m) = member(tx, &actor, email)?;
        actor.require_power_over(tx, &account, "updating")?;
        let mut changes: Vec<String> = Vec::new();
        for (c, add, del, perm) in [
            (
                Collection::Groups,
                &args.add_groups,
                &args.remove_groups,
                Permission::Groups,
            ),
            (
                Collection::Sites,
                &args.add_sites,
                &args.remove_sites,
                Permission::Sites,
            ),
        ] {
            if add.is_empty() && del.is_empty() {
                continue;
            }
            may_change(&actor, perm, c.plural())?;
            let items = tx.named_items(c, org.id)?;
            for name in add {
                let item = find_item(c, org, &items, name)?;
                tx.assign(c, item.id, m.id)?;
                changes.push(format!("+{} {}", c.noun(), item.name));
            }
            for name in del {
                let item = find_item(c, org, &items, name)?;
                if tx.unassign(c, item.id, m.id)? {
                    changes.push(format!("-{} {}", c.noun(), item.name));
                }
            }
        }
        if !assignments.is_empty() || !args.clear_fields.is_empty() {
            may_change(&actor, Permission::Fields, "user fields")?;
            let defs = tx.field_defs(org.id)?;
            for (key, value) in &assignments {
                let def = find_field(org, &defs, key)?;
                let v = def.ty.validate(&def.name, value)?;
                tx.set_field_value(def.id, m.id, &v)?;
                changes.push(format!("field {}", def.name));
            }
            for key in &args.clear_fields {
                let def = find_field(org, &defs, key)?;
                if tx.clear_field_value(def.id, m.id)? {
                    changes.push(format!("cleared field {}", def.name));
                }
            }
        }
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &org.name,
                "update_user",
                &account.email,
            ),
            "ok",
            changes.join("; "),
        )?;
        let now_json = membership_json(tx, &actor, &account, changes.clone())?;
        Ok((account.display_email, changes, now_json))
    })?;
    if ctx.out.is_json() {
        ctx.out.json(&now_json)?;
    }
    if changes.is_empty() {
        ctx.say(format!("{email} already was as asked; nothing changed."));
    } else {
        ctx.say(format!("Updated {email}: {}.", changes.join(", ")));
    }
    Ok(())
}

/// A member's membership as it is now, read inside the transaction that changed it.
fn membership_json(
    tx: &Tx<'_>,
    actor: &Actor,
    account: &Account,
    changes: Vec<String>,
) -> Result<crate::contract::MembershipJson> {
    let m = tx
        .membership(account.id, actor.org.id)?
        .ok_or_else(|| Error::internal("the membership just changed is gone"))?;
    Ok(crate::contract::MembershipJson {
        email: account.display_email.clone(),
        org: actor.org.name.clone(),
        permission_set: m.permission_set.clone(),
        groups: tx.assigned(Collection::Groups, m.id)?,
        sites: tx.assigned(Collection::Sites, m.id)?,
        fields: tx.field_values(m.id)?.into_iter().collect(),
        changes,
    })
}

/// One row of `users update --from`, checked: the member and what changes.
struct RowUpdate {
    origin: Origin,
    account: Account,
    membership: Membership,
    name: Option<String>,
    set: Option<PermissionSet>,
    groups: Option<Vec<NamedItem>>,
    sites: Option<Vec<NamedItem>>,
    fields: Vec<(FieldDef, Option<String>)>,
}

/// `users update --from FILE`: the columns of add-users (and of an export) for existing
/// members, all or nothing (R19), with the permissions of the single update and R23.
fn update_from(from: &str, ctx: &mut Ctx) -> Result<()> {
    let mut parsed = Parsed::default();
    let (label, summary) = read_from(from, &mut parsed)?;
    if summary.password_column {
        return Err(Error::invalid(format!(
            "{label}: users update does not change passwords; remove the password column (an admin sets one with `usermgr reset EMAIL`)"
        )));
    }
    if let Some(note) = summary.note() {
        ctx.say(note);
    }
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let results = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let org = actor.org.clone();
        let sets = tx.permission_sets(org.id)?;
        let groups = tx.named_items(Collection::Groups, org.id)?;
        let sites = tx.named_items(Collection::Sites, org.id)?;
        let defs = tx.field_defs(org.id)?;
        let mut errors = std::mem::take(&mut parsed.errors);
        for name in &parsed.field_columns {
            if let Err(e) = find_field(&org, &defs, name) {
                return Err(Error::invalid(format!(
                    "{label}: column \"field.{name}\": {}",
                    limit_quote(e.to_string(), name)
                )));
            }
        }
        // Permissions are asked for where a row really changes something (apply_update),
        // so an export fed back by someone who may change only groups still works.
        let rows = std::mem::take(&mut parsed.rows);
        let mut seen: HashMap<String, Origin> = HashMap::new();
        let mut updates = Vec::with_capacity(rows.len());
        for row in rows {
            let o = row.origin;
            let before = errors.len();
            let mut fail = |column: &str, msg: String, value: &str| {
                errors.push(RowError::at(o, column, limit_quote(msg, value)))
            };
            let email = match Email::parse(&row.email) {
                Ok(e) => e,
                Err(e) => {
                    fail("email", e.to_string(), &row.email);
                    continue;
                }
            };
            if let Some(first) = seen.insert(email.key().to_string(), o) {
                fail(
                    "email",
                    format!("{} appears again (first on {first})", email.key()),
                    "",
                );
                continue;
            }
            let found = match tx.account_by_email(email.key())? {
                Some(a) => tx.membership(a.id, org.id)?.map(|m| (a, m)),
                None => None,
            };
            let Some((account, membership)) = found else {
                fail(
                    "email",
                    format!(
                        "{} is not a member of {}; add them with `usermgr add-users`",
                        email.display(),
                        org.name
                    ),
                    "",
                );
                continue;
            };
            let name = if row.stated.name {
                match validate_name(row.name.as_deref().unwrap_or("")) {
                    Ok(n) => Some(n),
                    Err(e) => {
                        fail("name", e.to_string(), row.name.as_deref().unwrap_or(""));
                        None
                    }
                }
            } else {
                None
            };
            let set = match &row.permission_set {
                Some(n) => match sets.iter().find(|s| s.name.eq_ignore_ascii_case(n.trim())) {
                    Some(s) => Some(s.clone()),
                    None => {
                        let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
                        fail(
                            "permission_set",
                            format!(
                                "permission set {} does not exist in {} (permission sets: {})",
                                quote(n.trim()),
                                org.name,
                                names.join(", ")
                            ),
                            n,
                        );
                        None
                    }
                },
                None => None,
            };
            let mut lists = [None, None];
            for (slot, (c, column, stated, names, items)) in lists.iter_mut().zip([
                (
                    Collection::Groups,
                    "groups",
                    row.stated.groups,
                    &row.groups,
                    &groups,
                ),
                (
                    Collection::Sites,
                    "sites",
                    row.stated.sites,
                    &row.sites,
                    &sites,
                ),
            ]) {
                if !stated {
                    continue;
                }
                let mut chosen: Vec<NamedItem> = Vec::new();
                for n in names {
                    match find_item(c, &org, items, n) {
                        Ok(i) if !chosen.iter().any(|x| x.id == i.id) => chosen.push(i.clone()),
                        Ok(_) => {}
                        Err(e) => fail(column, e.to_string(), n),
                    }
                }
                *slot = Some(chosen);
            }
            let [group_list, site_list] = lists;
            let mut fields = Vec::new();
            for (key, value) in &row.fields {
                let column = format!("field.{key}");
                match find_field(&org, &defs, key) {
                    Ok(def) => match def.ty.validate(&def.name, value) {
                        Ok(v) => fields.push((def.clone(), Some(v))),
                        Err(e) => fail(&column, e.to_string(), value),
                    },
                    Err(e) => fail(&column, e.to_string(), key),
                }
            }
            for key in &row.empty_fields {
                match find_field(&org, &defs, key) {
                    Ok(def) => fields.push((def.clone(), None)),
                    Err(e) => fail(&format!("field.{key}"), e.to_string(), key),
                }
            }
            if errors.len() == before {
                updates.push(RowUpdate {
                    origin: o,
                    account,
                    membership,
                    name,
                    set,
                    groups: group_list,
                    sites: site_list,
                    fields,
                });
            }
        }
        report_rows(errors, &label, "updated")?;
        let mut results = Vec::with_capacity(updates.len());
        for u in updates {
            let who = u.account.display_email.clone();
            let changes = apply_update(tx, &actor, &u)?;
            audit(
                tx,
                event(
                    now,
                    &actor.account.email,
                    &org.name,
                    "update_user",
                    &u.account.email,
                ),
                "ok",
                changes.join("; "),
            )?;
            results.push(UpdateJson {
                email: who,
                changes,
            });
        }
        Ok(results)
    })?;
    let changed = results.iter().filter(|r| !r.changes.is_empty()).count();
    let rows = results
        .iter()
        .map(|r| vec![r.email.clone(), r.changes.join(", ")])
        .collect();
    ctx.out.records(&Records {
        headers: &["email", "changes"],
        rows,
        json: &serde_json::json!({ "users": results }),
    })?;
    ctx.say(format!(
        "Updated {changed} member(s); {} already were as asked.",
        results.len() - changed
    ));
    Ok(())
}

#[derive(Serialize)]
struct UpdateJson {
    email: String,
    changes: Vec<String>,
}

/// Writes one checked row; returns what changed, in words. Each change first checks the
/// permission it needs and (R23) that the member holds no permission the actor lacks.
fn apply_update(tx: &Tx<'_>, actor: &Actor, u: &RowUpdate) -> Result<Vec<String>> {
    let m = &u.membership;
    let power = || {
        actor.require_power_over(
            tx,
            &u.account,
            &format!("updating {} on {}", u.account.display_email, u.origin),
        )
    };
    let mut changes = Vec::new();
    if let Some(name) = &u.name {
        if *name != u.account.name {
            actor.require(Permission::Users, "changing members' names")?;
            power()?;
            tx.set_account_name(u.account.id, name)?;
            changes.push("name".to_string());
        }
    }
    if let Some(set) = &u.set {
        if set.id != m.permission_set_id {
            actor.require(
                Permission::Permissions,
                "choosing a member's permission set",
            )?;
            power()?;
            let doing = format!(
                "moving {} from {} to {}",
                u.account.display_email, m.permission_set, set.name
            );
            actor.require_at_least(&set.grants, &doing)?;
            if !set.grants.has(Permission::Permissions) {
                keep_a_permissions_holder(
                    tx,
                    actor,
                    m,
                    &format!("move {} to {}", u.account.display_email, set.name),
                )?;
            }
            tx.set_membership_permission_set(m.id, set.id)?;
            changes.push(format!("permission set {}", set.name));
        }
    }
    for (c, wanted, perm) in [
        (Collection::Groups, &u.groups, Permission::Groups),
        (Collection::Sites, &u.sites, Permission::Sites),
    ] {
        let Some(wanted) = wanted else { continue };
        let items = tx.named_items(c, actor.org.id)?;
        let current = tx.assigned(c, m.id)?;
        let same =
            current.len() == wanted.len() && wanted.iter().all(|w| current.contains(&w.name));
        if same {
            continue;
        }
        may_change(actor, perm, c.plural())?;
        power()?;
        for name in &current {
            if !wanted.iter().any(|w| w.name == *name) {
                if let Some(item) = items.iter().find(|i| i.name == *name) {
                    tx.unassign(c, item.id, m.id)?;
                    changes.push(format!("-{} {}", c.noun(), item.name));
                }
            }
        }
        for item in wanted {
            if !current.contains(&item.name) {
                tx.assign(c, item.id, m.id)?;
                changes.push(format!("+{} {}", c.noun(), item.name));
            }
        }
    }
    let values: BTreeMap<String, String> = tx.field_values(m.id)?.into_iter().collect();
    for (def, value) in &u.fields {
        let differs = values.get(&def.name) != value.as_ref();
        if differs {
            may_change(actor, Permission::Fields, "user fields")?;
            power()?;
        }
        match value {
            Some(v) if differs => {
                tx.set_field_value(def.id, m.id, v)?;
                changes.push(format!("field {}", def.name));
            }
            None if differs && tx.clear_field_value(def.id, m.id)? => {
                changes.push(format!("cleared field {}", def.name));
            }
            _ => {}
        }
    }
    Ok(changes)
}
