//! Reporting: invalid rows all at once (R19), the result table, and what it cannot say.

use super::*;

/// Fails with every invalid row at once (R19).
pub(super) fn report_invalid(errors: Vec<RowError>, label: &str) -> Result<()> {
    report_rows(errors, label, "added")
}

/// Fails with every invalid row at once, saying nothing was `done` (R19).
pub fn report_rows(mut errors: Vec<RowError>, label: &str, done: &str) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by_key(|e| e.place);
    let mut bad: Vec<Origin> = errors.iter().map(|e| e.place).collect();
    bad.dedup();
    let n = bad.len();
    let unit = if label == "the command line" {
        "argument"
    } else {
        "row"
    };
    Err(Error::InvalidRows {
        summary: format!(
            "{label} has {n} invalid {unit}{}; nothing was {done}",
            if n == 1 { "" } else { "s" }
        ),
        details: errors,
    })
}

/// R4: members of this organization are a conflict unless --skip-existing.
pub(super) fn check_members(planned: &[Planned], skip: bool, org: &Org) -> Result<()> {
    if skip {
        return Ok(());
    }
    let members: Vec<&str> = planned
        .iter()
        .filter(|p| p.standing == Standing::Member)
        .map(|p| p.email.display())
        .collect();
    match members.as_slice() {
        [] => Ok(()),
        [one] => Err(Error::Conflict(format!(
            "{one} is already a member of {}; nothing was added; pass --skip-existing to skip existing members",
            org.name
        ))),
        many => {
            let mut shown = many.iter().take(10).copied().collect::<Vec<_>>().join(", ");
            if many.len() > 10 {
                shown.push_str(", …");
            }
            Err(Error::Conflict(format!(
                "{} users are already members of {} ({shown}); nothing was added; pass --skip-existing to skip existing members",
                many.len(),
                org.name
            )))
        }
    }
}

/// Prints the result table or JSON. `dry_run` is `Some(whether instructions would be
/// sent)` for a dry run: people then read what would happen (`would be created`), while
/// JSON and CSV keep the status values scripts match on, with `"dry_run": true`.
pub(super) fn print_results(
    ctx: &Ctx,
    results: &[UserResult],
    dry_run: Option<bool>,
) -> Result<()> {
    let would = dry_run.filter(|_| ctx.out.is_table());
    let generated = results.iter().any(|r| r.generated_password.is_some());
    let mut headers = vec!["email", "status", "reset required", "instructions"];
    if generated {
        headers.push("generated password");
    }
    let rows = results
        .iter()
        .map(|r| {
            let (status, instructions) = match would {
                Some(emailing) => (
                    format!("would be {}", r.status),
                    if emailing && r.status != RowStatus::Skipped {
                        "would be sent".to_string()
                    } else {
                        r.instructions.to_string()
                    },
                ),
                None => (r.status.to_string(), r.instructions.to_string()),
            };
            let mut row = vec![
                r.email.clone(),
                status,
                yes_no(r.reset_required),
                instructions,
            ];
            if generated {
                row.push(r.generated_password.clone().unwrap_or_default());
            }
            row
        })
        .collect();
    let json = crate::contract::AddUsersDoc {
        users: results,
        dry_run: dry_run.is_some(),
    };
    ctx.out.records(&Records {
        headers: &headers,
        rows,
        json: &json,
    })
}

/// Says on stderr what the table cannot: who must reset, and why other rows did not.
pub(super) fn explain(ctx: &Ctx, results: &[UserResult], reset_window: u64, emailed: bool) {
    let window = describe_duration(reset_window);
    let resets: Vec<&UserResult> = results.iter().filter(|r| r.reset_required).collect();
    let who: Vec<&str> = resets
        .iter()
        .map(|r| {
            if r.name.is_empty() {
                r.email.as_str()
            } else {
                r.name.as_str()
            }
        })
        .collect();
    let who = match who.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        [first @ .., last] if who.len() <= 3 => Some(format!("{} and {last}", first.join(", "))),
        many => Some(format!("These {} users", many.len())),
    };
    if let Some(who) = who {
        ctx.say(format!(
            "{who} must set a new password within {window} of first logging in."
        ));
    }
    let added = results
        .iter()
        .filter(|r| r.status == RowStatus::Added)
        .count();
    if added > 0 {
        ctx.say(format!(
            "{added} already had an account and became a member with their current password; no reset is required of them."
        ));
    }
    let no_password = results
        .iter()
        .filter(|r| r.status == RowStatus::Created && r.reason.is_some())
        .count();
    if no_password > 0 && !emailed {
        let (accounts, have, them) = if no_password == 1 {
            ("account", "has", "it")
        } else {
            ("accounts", "have", "them")
        };
        ctx.say(format!(
            "{no_password} new {accounts} {have} no password yet; send {them} instructions with `usermgr send-instructions EMAIL` to set one."
        ));
    }
    if results.iter().any(|r| r.generated_password.is_some()) {
        ctx.say("Generated passwords are shown only this once.");
    }
}
