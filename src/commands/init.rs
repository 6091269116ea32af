//! `usermgr init`: create the database, the first organization and its administrator.

use secrecy::SecretString;

use crate::cli::InitArgs;
use crate::core::ask::new_password;
use crate::core::audit::{audit, event, Action, Outcome};
use crate::core::auth;
use crate::core::settings::Setting;
use crate::ctx::Ctx;
use crate::ctx::DbTarget;
use crate::domain::email::Email;
use crate::domain::password::{check_policy, HashParams, Hasher};
use crate::domain::permissions::ADMINISTRATOR;
use crate::domain::{validate_name, validate_org_name};
use crate::error::{Error, Result};
use crate::store::{NewAccount, Store};

/// Runs `init`.
pub fn run(args: &InitArgs, ctx: &mut Ctx) -> Result<()> {
    let org_name = validate_org_name(&args.org)?;
    let email = Email::parse(&args.admin)?;
    let name = validate_name(args.name.as_deref().unwrap_or(""))?;
    let target = ctx.db_target()?;
    let location = ctx.db_location()?;
    if let DbTarget::File(path) = &target {
        if path.exists() {
            return Err(Error::Conflict(format!(
                "a database already exists at {}; use it (usermgr login), or pass another --db",
                path.display()
            )));
        }
    }
    let min_len: usize = Setting::MinPasswordLength
        .def()
        .default
        .parse()
        .unwrap_or(8);
    let password: SecretString = if args.password_stdin {
        ctx.read_secret_line("--password-stdin")?
    } else if ctx.interactive() {
        new_password(ctx, &email, min_len, "Administrator password", None)?
    } else {
        return Err(ctx.missing("administrator password", "--password-stdin"));
    };
    check_policy(
        secrecy::ExposeSecret::expose_secret(&password),
        &email,
        min_len,
    )?;
    let hash = Hasher::new(HashParams::default()).hash(&password)?;
    drop(password);

    let mut store = match &target {
        DbTarget::File(path) => Store::create(path)?,
        DbTarget::Postgres(url) => Store::create_postgres(&ctx.pg_url(url)?)?,
    };
    let now = ctx.now();
    let created = store.write(|tx| {
        // A shared directory may already hold one (another admin's `init`, even one
        // racing this one: write transactions queue, so exactly one finds it empty).
        if !tx.all_orgs()?.is_empty() {
            return Err(Error::Conflict(format!(
                "a usermgr directory already exists in {location}; use it (usermgr login), or pass another --db"
            )));
        }
        let org = tx.create_org(&org_name, now)?;
        let account_id = tx.insert_account(
            &NewAccount {
                email: email.key(),
                display_email: email.display(),
                name: &name,
                password_hash: Some(&hash),
                reset_required: false,
            },
            now,
        )?;
        let admin_set = tx.permission_set_by_name(&org, ADMINISTRATOR)?;
        tx.add_membership(account_id, org.id, admin_set.id, now)?;
        audit(
            tx,
            event(now, email.key(), &org.name, Action::Init, email.key()),
            Outcome::Ok,
            "created database and organization",
        )?;
        let token = auth::start_session(tx, account_id, org.id, now)?;
        audit(
            tx,
            event(now, email.key(), &org.name, Action::Login, email.key()),
            Outcome::Ok,
            "first login after init",
        )?;
        Ok((org, token))
    });
    let (org, token) = match created {
        Ok(v) => v,
        Err(e) => {
            // A database file without its first organization is useless and would make the
            // next `init` say "already exists": remove it. (A PostgreSQL directory keeps
            // its schema; the next `init` finds it empty.)
            drop(store);
            if let DbTarget::File(path) = &target {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            return Err(e);
        }
    };
    let before = ctx.session_before(&mut store);
    ctx.save_session(
        before,
        secrecy::ExposeSecret::expose_secret(&token),
        email.display(),
    )?;
    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::InitJson {
            database: location.clone(),
            org: org.name.clone(),
            email: email.display().to_string(),
            permission_set: ADMINISTRATOR.to_string(),
        })?;
    }
    ctx.say(format!(
        "Created {} with organization {}.",
        location, org.name
    ));
    ctx.say(format!("Logged in to {} as {}.", org.name, email.display()));
    Ok(())
}
