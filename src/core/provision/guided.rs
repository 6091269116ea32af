//! The guided `add-users` on a terminal: details of each user, then what applies to all of
//! them (permission set, groups, sites, fields), then the final step (required reset,
//! instructions email, custom message). The answers become rows like those of a file, so
//! they pass the same checks.

use super::input::{Origin, RawRow, RowPassword};
use super::{check_message, Directory, Finish, Request, Standing};
use crate::core::ask::new_password;
use crate::ctx::read_secret_file;
use crate::ctx::Ctx;
use crate::domain::email::Email;
use crate::domain::fields::FieldType;
use crate::domain::password::check_policy;
use crate::domain::permissions::Permission;
use crate::domain::validate_name;
use crate::error::{Error, Result};
use crate::mail::CustomMessage;
use crate::store::{NamedItem, Store};
use secrecy::ExposeSecret;

/// What the prompt gathered.
pub(super) struct Guided {
    /// One row per user.
    pub rows: Vec<RawRow>,
    /// The answers of the final step.
    pub finish: Finish,
}

const PASSWORD_CHOICES: [&str; 3] = [
    "Set a password",
    "Generate one",
    "None — the user sets it from an email",
];

/// Asks until the answer is a new email address for this organization. The answer is
/// checked inside the prompt, so a refused address shows its error and is asked again
/// before the prompt marks it as given.
fn ask_email(
    ctx: &mut Ctx,
    store: &mut Store,
    dir: &Directory,
    taken: &[String],
) -> Result<(Email, Standing)> {
    let mut accepted: Option<(Email, Standing)> = None;
    let mut failure: Option<Error> = None;
    ctx.prompt.input_checked("Email", &mut |answer| {
        let email = Email::parse(answer).map_err(|e| e.to_string())?;
        if taken.iter().any(|t| t == email.key()) {
            return Err(format!("{} is already in this list", email.key()));
        }
        let standing = match store.read(|tx| tx.account_standing(email.key(), dir.org().id)) {
            Ok(s) => Standing::of(s),
            Err(e) => {
                // Not the admin's mistake: end the question and report it.
                failure = Some(e);
                return Ok(());
            }
        };
        if standing == Standing::Member {
            return Err(format!(
                "{} is already a member of {}; try another address",
                email.display(),
                dir.org().name
            ));
        }
        accepted = Some((email, standing));
        Ok(())
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    let (email, standing) =
        accepted.ok_or_else(|| Error::internal("the email prompt ended without an answer"))?;
    if standing == Standing::Existing {
        ctx.say(format!(
            "{} already has an account: they will be added to {} and keep their password.",
            email.display(),
            dir.org().name
        ));
    }
    Ok((email, standing))
}

/// Asks a line of text until `check` accepts it.
fn ask_checked(
    ctx: &mut Ctx,
    prompt: &str,
    check: impl Fn(&str) -> Result<String>,
) -> Result<String> {
    loop {
        let answer = ctx.prompt.input(prompt, true)?;
        match check(&answer) {
            Ok(v) => return Ok(v),
            Err(e) => ctx.say(format!("{e}; try again")),
        }
    }
}

/// Lets the admin pick any of `items`; asks nothing when there are none.
fn ask_many(ctx: &mut Ctx, label: &str, items: &[NamedItem]) -> Result<Vec<String>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let names: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
    Ok(ctx
        .prompt
        .multi_select(label, &names)?
        .into_iter()
        .filter_map(|i| names.get(i).cloned())
        .collect())
}

/// Runs the guided prompt.
pub(super) fn run(
    ctx: &mut Ctx,
    store: &mut Store,
    dir: &Directory,
    args: &Request,
) -> Result<Guided> {
    if args.password.password_stdin {
        return Err(Error::invalid(
            "--password-stdin needs users given as EMAIL arguments or --from; in the guided prompt the password is asked for",
        ));
    }
    ctx.say(format!("Adding users to {}.", dir.org().name));
    let mut rows: Vec<RawRow> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    loop {
        let (email, standing) = ask_email(ctx, store, dir, &taken)?;
        let mut row = RawRow::new(Origin::Prompted(rows.len() + 1), email.display());
        if standing == Standing::New {
            row.name = Some(ask_checked(ctx, "Full name", validate_name)?);
            // A password flag answers this question for every user of the prompt.
            let pw = &args.password;
            row.password = if pw.generate_password {
                RowPassword::Generate
            } else if pw.no_password {
                RowPassword::None
            } else if let Some(path) = &pw.password_file {
                let given = read_secret_file(path, "--password-file")?;
                check_policy(given.expose_secret(), &email, dir.min_len)?;
                RowPassword::Given(given)
            } else {
                let choices: Vec<String> = PASSWORD_CHOICES.iter().map(|c| c.to_string()).collect();
                match ctx.prompt.select("Password", &choices, 0)? {
                    0 => RowPassword::Given(new_password(
                        ctx,
                        &email,
                        dir.min_len,
                        "Password",
                        None,
                    )?),
                    1 => RowPassword::Generate,
                    _ => RowPassword::None,
                }
            };
        }
        taken.push(email.key().to_string());
        rows.push(row);
        if !ctx.prompt.confirm("Add another user?", false)? {
            break;
        }
    }

    // Only an actor who may choose permission sets is asked for one (R2).
    if dir.actor.grants.has(Permission::Permissions) {
        let names: Vec<String> = dir.sets.iter().map(|s| s.name.clone()).collect();
        let default = dir
            .sets
            .iter()
            .position(|s| s.id == dir.default_set)
            .unwrap_or(0);
        let chosen = ctx.prompt.select("Permission set", &names, default)?;
        if chosen != default {
            for row in &mut rows {
                row.permission_set = Some(names[chosen].clone());
            }
        }
    }
    let groups = ask_many(ctx, "Groups", &dir.groups)?;
    let sites = ask_many(ctx, "Sites", &dir.sites)?;
    for row in &mut rows {
        row.groups.clone_from(&groups);
        row.sites.clone_from(&sites);
    }
    for def in &dir.fields {
        let value = match &def.ty {
            FieldType::Select(options) => {
                let mut items = vec!["(none)".to_string()];
                items.extend(options.iter().cloned());
                let i = ctx.prompt.select(&def.name, &items, 0)?;
                (i > 0).then(|| items[i].clone())
            }
            ty => {
                let prompt = format!("{} ({}, optional)", def.name, ty.kind());
                let v = ask_checked(ctx, &prompt, |s| {
                    if s.trim().is_empty() {
                        Ok(String::new())
                    } else {
                        ty.validate(&def.name, s)
                    }
                })?;
                (!v.is_empty()).then_some(v)
            }
        };
        if let Some(v) = value {
            for row in &mut rows {
                row.fields.push((def.name.clone(), v.clone()));
            }
        }
    }

    let n = rows.len();
    ctx.say(format!(
        "Ready to add {n} user{}.",
        if n == 1 { "" } else { "s" }
    ));
    // A required reset means something only for new accounts with an admin-set password (R6).
    let admin_set = rows
        .iter()
        .any(|r| matches!(r.password, RowPassword::Given(_) | RowPassword::Generate));
    // The final step's flags answer its questions.
    let require_reset = admin_set
        && (args.require_reset
            || ctx
                .prompt
                .confirm("Require password reset at first login?", true)?);
    let send_instructions = args.send_instructions
        || ctx
            .prompt
            .confirm("Send password instructions via email?", !admin_set)?;
    let flag_message = crate::mail::read_message(&args.message)?;
    let message = if flag_message.is_some() {
        flag_message
    } else if send_instructions {
        let text = ask_checked(
            ctx,
            "Custom message (optional, Enter to skip)",
            check_message,
        )?;
        CustomMessage::parse(&text, "the custom message")?
    } else {
        None
    };
    Ok(Guided {
        rows,
        finish: Finish {
            require_reset,
            send_instructions,
            message,
        },
    })
}
