//! Writing: every planned row in one transaction, re-checked against what is there now.

use super::*;

/// The printed result of a row that is (or would be) written with `standing`.
pub(super) fn outcome(
    p: &Planned,
    standing: Standing,
    require_reset: bool,
    generated: Option<String>,
    org: &Org,
) -> UserResult {
    // Rows still without a password here are asked for one on the terminal before writing.
    let admin_set = !matches!(p.password, RowPassword::None);
    let (status, reset, reason) = match standing {
        Standing::New if admin_set => (RowStatus::Created, require_reset, None),
        Standing::New => (
            RowStatus::Created,
            false,
            Some("no password set".to_string()),
        ),
        Standing::Existing => (
            RowStatus::Added,
            false,
            Some(format!(
                "existing account: added to {}, password unchanged",
                org.name
            )),
        ),
        Standing::Member => (
            RowStatus::Skipped,
            false,
            Some(format!("already a member of {}", org.name)),
        ),
    };
    UserResult {
        email: p.email.display().to_string(),
        status,
        reset_required: reset,
        generated_password: if standing == Standing::New {
            generated
        } else {
            None
        },
        instructions: Instructions::None,
        reason,
        name: p.name.to_string(),
    }
}

/// Writes every row in the caller's transaction, re-checking how each email stands now:
/// another command may have created an account or a membership since the read. Rows go
/// in with a few multi-row statements (see `store::bulk`), not a statement per row.
pub(super) fn write_rows(
    tx: &Tx<'_>,
    actor: &Actor,
    planned: &[Planned],
    hashes: &[Option<String>],
    skip_existing: bool,
    require_reset: bool,
    now: i64,
) -> Result<Vec<UserResult>> {
    let org = &actor.org;
    let keys: Vec<&str> = planned.iter().map(|p| p.email.key()).collect();
    let found = tx.account_standings(&keys, org.id)?;
    // How each row stands now, in order; the first that changed under us stops everything.
    let mut standings = Vec::with_capacity(planned.len());
    for p in planned {
        let now_found = found.get(p.email.key()).copied();
        let standing = Standing::of(now_found);
        match standing {
            Standing::New if p.standing != Standing::New => {
                return Err(Error::Conflict(format!(
                    "the account of {} was deleted while this command ran; nothing was added; run it again",
                    p.email.display()
                )));
            }
            Standing::Member if !skip_existing => {
                return Err(Error::Conflict(format!(
                    "{} became a member of {} while this command ran; nothing was added; run it again with --skip-existing",
                    p.email.display(),
                    org.name
                )));
            }
            _ => {}
        }
        standings.push((standing, now_found.map(|(id, _)| id)));
    }

    let new_accounts: Vec<NewAccount<'_>> = planned
        .iter()
        .zip(hashes)
        .zip(&standings)
        .filter(|(_, (s, _))| *s == Standing::New)
        .map(|((p, hash), _)| NewAccount {
            email: p.email.key(),
            display_email: p.email.display(),
            name: &p.name,
            password_hash: hash.as_deref(),
            reset_required: require_reset,
        })
        .collect();
    let mut new_ids = tx.insert_accounts(&new_accounts, now)?.into_iter();

    // The account of every row that becomes a member, and its permission set.
    let mut joining = Vec::new();
    let mut joins = Vec::with_capacity(planned.len());
    for (p, (standing, existing)) in planned.iter().zip(&standings) {
        let account = match standing {
            Standing::New => new_ids.next(),
            Standing::Existing => *existing,
            Standing::Member => None,
        };
        if let Some(a) = account {
            joins.push(Some(joining.len()));
            joining.push((a, p.set_id));
        } else {
            joins.push(None);
        }
    }
    let membership_ids = tx.add_memberships(&joining, org.id, now)?;

    let (mut groups, mut sites, mut fields) = (Vec::new(), Vec::new(), Vec::new());
    let mut results = Vec::with_capacity(planned.len());
    let mut events = Vec::with_capacity(planned.len());
    for ((p, hash), ((standing, _), join)) in
        planned.iter().zip(hashes).zip(standings.iter().zip(&joins))
    {
        if let (Some(i), Some(parts)) = (join, &p.parts) {
            let m = membership_ids[*i];
            groups.extend(parts.groups.iter().map(|g| (*g, m)));
            sites.extend(parts.sites.iter().map(|s| (*s, m)));
            fields.extend(parts.fields.iter().map(|(f, v)| (*f, m, v.as_str())));
        }
        let generated = match (&p.password, p.standing) {
            (RowPassword::Given(pw), Standing::New) if p.generated => {
                Some(pw.expose_secret().to_string())
            }
            _ => None,
        };
        let result = outcome(
            p,
            *standing,
            require_reset && hash.is_some(),
            generated,
            org,
        );
        let mut e = event(
            now,
            &actor.account.email,
            &org.name,
            Action::AddUser,
            p.email.key(),
        );
        e.outcome = if result.status == RowStatus::Skipped {
            Outcome::Skipped
        } else {
            Outcome::Ok
        }
        .as_str()
        .into();
        e.detail = audit_detail(&result, p);
        events.push(e);
        results.push(result);
    }
    tx.assign_many(Collection::Groups, &groups)?;
    tx.assign_many(Collection::Sites, &sites)?;
    tx.set_field_values_many(&fields)?;
    tx.audit_many(&events)?;
    Ok(results)
}

/// Words for the audit log; never a password.
pub(super) fn audit_detail(r: &UserResult, p: &Planned) -> String {
    match r.status {
        RowStatus::Created => {
            let how = if r.generated_password.is_some() {
                "password generated"
            } else if matches!(p.password, RowPassword::Given(_)) {
                "password set by admin"
            } else {
                "no password"
            };
            let reset = if r.reset_required {
                "; reset required"
            } else {
                ""
            };
            format!("created; {how}{reset}")
        }
        RowStatus::Added => "added existing account; password unchanged".into(),
        RowStatus::Skipped => "already a member".into(),
    }
}
