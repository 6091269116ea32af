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
/// another command may have created an account or a membership since the read.
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
    let mut results = Vec::with_capacity(planned.len());
    for (p, hash) in planned.iter().zip(hashes) {
        let found = tx.account_standing(p.email.key(), org.id)?;
        let standing = Standing::of(found);
        let membership = match (standing, found) {
            (Standing::New, _) => {
                if p.standing != Standing::New {
                    return Err(Error::Conflict(format!(
                        "the account of {} was deleted while this command ran; nothing was added; run it again",
                        p.email.display()
                    )));
                }
                let account_id = tx.insert_account(
                    &NewAccount {
                        email: p.email.key(),
                        display_email: p.email.display(),
                        name: &p.name,
                        password_hash: hash.as_deref(),
                        reset_required: require_reset,
                    },
                    now,
                )?;
                Some(tx.add_membership(account_id, org.id, p.set_id, now)?)
            }
            (Standing::Existing, Some((account_id, _))) => {
                Some(tx.add_membership(account_id, org.id, p.set_id, now)?)
            }
            (Standing::Member, _) if skip_existing => None,
            _ => {
                return Err(Error::Conflict(format!(
                    "{} became a member of {} while this command ran; nothing was added; run it again with --skip-existing",
                    p.email.display(),
                    org.name
                )))
            }
        };
        if let Some(m) = membership {
            if let Some(parts) = &p.parts {
                for g in &parts.groups {
                    tx.assign(Collection::Groups, *g, m)?;
                }
                for s in &parts.sites {
                    tx.assign(Collection::Sites, *s, m)?;
                }
                for (f, v) in &parts.fields {
                    tx.set_field_value(*f, m, v)?;
                }
            }
        }
        let generated = match (&p.password, p.standing) {
            (RowPassword::Given(pw), Standing::New) if p.generated => {
                Some(pw.expose_secret().to_string())
            }
            _ => None,
        };
        let result = outcome(p, standing, require_reset && hash.is_some(), generated, org);
        let detail = audit_detail(&result, p);
        let outcome_word = if result.status == RowStatus::Skipped {
            "skipped"
        } else {
            "ok"
        };
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &org.name,
                "add_user",
                p.email.key(),
            ),
            outcome_word,
            detail,
        )?;
        results.push(result);
    }
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
