//! `init`: a new directory with its first organization, whose administrator is logged in.

use secrecy::{ExposeSecret, SecretString};

use crate::core::audit::{audit, event, Action, Outcome};
use crate::core::auth;
use crate::core::settings::Setting;
use crate::ctx::{Ctx, DbTarget};
use crate::domain::email::Email;
use crate::domain::password::{check_policy, HashParams, Hasher};
use crate::domain::permissions::ADMINISTRATOR;
use crate::error::{Error, Result};
use crate::store::{NewAccount, Org, Store};

/// The first organization and its administrator, checked.
#[derive(Debug)]
pub struct FirstAdmin {
    /// The organization's name, as [`crate::domain::validate_org_name`] accepted it.
    pub org: String,
    /// The administrator's address.
    pub email: Email,
    /// The administrator's name, checked (may be empty).
    pub name: String,
}

/// The shortest administrator password `init` accepts: the default of the policy, since no
/// setting exists yet.
pub fn min_password_length() -> usize {
    Setting::MinPasswordLength
        .def()
        .default
        .parse()
        .unwrap_or(8)
}

/// Fails when the database is not one `init` can create, before a password is asked for:
/// a URL that does not parse (exit 3), a file that already exists (exit 7). A PostgreSQL
/// directory is checked for organizations by [`create`], under its write lock.
pub fn refuse_existing(ctx: &Ctx) -> Result<()> {
    ctx.db_location()?;
    if let DbTarget::File(path) = ctx.db_target()? {
        if path.exists() {
            return Err(Error::Conflict(format!(
                "a database already exists at {}; use it (usermgr login), or pass another --db",
                path.display()
            )));
        }
    }
    Ok(())
}

/// What `init` created: where, and the organization.
#[derive(Debug)]
pub struct Created {
    /// The database, as people read it (a path, or a URL without its password).
    pub location: String,
    /// The first organization.
    pub org: Org,
}

/// Creates the database (a file, or the schema of a PostgreSQL directory), the organization
/// and its administrator with the `Administrator` permission set, audits both, and stores
/// the administrator's first session. A file whose organization could not be written is
/// removed again, so the next `init` does not find a useless database.
pub fn create(ctx: &Ctx, first: &FirstAdmin, password: SecretString) -> Result<Created> {
    let target = ctx.db_target()?;
    let location = ctx.db_location()?;
    let email = &first.email;
    check_policy(password.expose_secret(), email, min_password_length())?;
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
        let org = tx.create_org(&first.org, now)?;
        let account_id = tx.insert_account(
            &NewAccount {
                email: email.key(),
                display_email: email.display(),
                name: &first.name,
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
    ctx.save_session(before, token.expose_secret(), email.display())?;
    Ok(Created { location, org })
}
