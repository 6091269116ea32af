//! `users show`: one member, their organizations and times (R22), as
//! [`crate::core::members::show`] finds them.

use super::*;

pub(super) fn show(args: &EmailArg, ctx: &mut Ctx) -> Result<()> {
    let Shown {
        json,
        fields,
        times,
        now,
    } = members::show(ctx, &args.email)?;
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
