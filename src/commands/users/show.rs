//! `users show`: one member, their organizations and times (R22).

use super::*;

/// The times `users show` reports, in ms (R22).
pub(super) struct Times {
    password_set_at: Option<i64>,
    expires: Option<i64>,
    window: Option<i64>,
    locked_until: Option<i64>,
    disabled_at: Option<i64>,
    created_at: i64,
}

pub(super) fn show(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (json, fields, times) = store.read(|tx| {
        let actor = ctx.actor(tx)?;
        let (account, m) = member(tx, &actor, &args.email)?;
        let state = sees_account_state(&actor, account.id);
        let rules = tx.login_rules()?;
        let s = &account.state;
        let locked = is_locked(s, now);
        // Only the organizations the actor belongs to as well: an admin of one tenant
        // learns nothing of where else (and with which powers) the account is a member.
        let shared: Vec<i64> = tx
            .memberships_of(actor.account.id)?
            .iter()
            .map(|m| m.org.id)
            .collect();
        let orgs = tx
            .memberships_of(account.id)?
            .into_iter()
            .filter(|o| shared.contains(&o.org.id))
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
