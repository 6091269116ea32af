//! Settings stored in the database (SPEC §4): reading them, and changing one, which only an
//! owner of the database may (the Administrator of the organization `init` created).

use std::fmt;

use crate::core::audit::{audit, event, Action, Outcome, ALL_ORGS};
use crate::ctx::Ctx;
use crate::domain::settings::{self as catalogue, SETTINGS};
use crate::error::{Error, Result};
use crate::store::Tx;

/// A setting, by name. The store still keys settings by text: [`Setting::as_str`] is used
/// only where a value is read from or written to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    /// `reset_window`: time to set a new password after logging in with an admin-set one.
    ResetWindow,
    /// `reset_email_ttl`: validity of a reset-email token.
    ResetEmailTtl,
    /// `set_password_ttl`: validity of a set-password token.
    SetPasswordTtl,
    /// `session_ttl`: validity of a login session.
    SessionTtl,
    /// `temp_password_ttl`: how long an unused admin-set password stays valid.
    TempPasswordTtl,
    /// `min_password_length`: shortest password accepted.
    MinPasswordLength,
    /// `lockout_threshold`: consecutive failed logins before a lockout.
    LockoutThreshold,
    /// `lockout_duration`: how long a lockout lasts.
    LockoutDuration,
    /// `argon2.m_cost`: argon2id memory in KiB.
    Argon2MCost,
    /// `argon2.t_cost`: argon2id iterations.
    Argon2TCost,
    /// `argon2.p_cost`: argon2id lanes.
    Argon2PCost,
    /// `email.transport`: how emails are sent.
    EmailTransport,
    /// `email.from`: sender address of emails.
    EmailFrom,
    /// `public_url`: address of the self-service pages.
    PublicUrl,
}

impl Setting {
    /// Every setting, in the order `config list` shows them.
    pub const ALL: [Setting; 14] = [
        Setting::ResetWindow,
        Setting::ResetEmailTtl,
        Setting::SetPasswordTtl,
        Setting::SessionTtl,
        Setting::TempPasswordTtl,
        Setting::MinPasswordLength,
        Setting::LockoutThreshold,
        Setting::LockoutDuration,
        Setting::Argon2MCost,
        Setting::Argon2TCost,
        Setting::Argon2PCost,
        Setting::EmailTransport,
        Setting::EmailFrom,
        Setting::PublicUrl,
    ];

    /// The key used with `config get/set` and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Setting::ResetWindow => "reset_window",
            Setting::ResetEmailTtl => "reset_email_ttl",
            Setting::SetPasswordTtl => "set_password_ttl",
            Setting::SessionTtl => "session_ttl",
            Setting::TempPasswordTtl => "temp_password_ttl",
            Setting::MinPasswordLength => "min_password_length",
            Setting::LockoutThreshold => "lockout_threshold",
            Setting::LockoutDuration => "lockout_duration",
            Setting::Argon2MCost => "argon2.m_cost",
            Setting::Argon2TCost => "argon2.t_cost",
            Setting::Argon2PCost => "argon2.p_cost",
            Setting::EmailTransport => "email.transport",
            Setting::EmailFrom => "email.from",
            Setting::PublicUrl => "public_url",
        }
    }

    /// The setting a key names; an unknown key is an error listing the known ones (exit 6).
    pub fn parse(key: &str) -> Result<Setting> {
        Setting::ALL
            .into_iter()
            .find(|s| s.as_str() == key)
            .ok_or_else(|| {
                let keys: Vec<&str> = Setting::ALL.iter().map(|s| s.as_str()).collect();
                Error::NotFound(format!(
                    "unknown setting {key:?}; settings: {}",
                    keys.join(", ")
                ))
            })
    }

    /// Its default, kind of value and meaning: the catalogue lists the settings in the
    /// order of [`Setting::ALL`] (a test checks it).
    pub fn def(self) -> &'static catalogue::SettingDef {
        &SETTINGS[self as usize]
    }

    /// Whether it is one of the argon2id parameters, which must work together.
    pub fn is_argon2(self) -> bool {
        matches!(
            self,
            Setting::Argon2MCost | Setting::Argon2TCost | Setting::Argon2PCost
        )
    }
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A setting's current value, in stored form.
pub fn value(tx: &Tx<'_>, s: Setting) -> Result<String> {
    tx.setting(s.as_str())
}

/// A numeric setting's current value (durations in seconds).
pub fn number(tx: &Tx<'_>, s: Setting) -> Result<u64> {
    tx.setting_u64(s.as_str())
}

/// Every setting with its current value.
pub fn all(ctx: &Ctx) -> Result<Vec<(Setting, String)>> {
    let mut store = ctx.open_store()?;
    store.read(|tx| {
        ctx.actor(tx)?;
        Setting::ALL
            .into_iter()
            .map(|s| Ok((s, value(tx, s)?)))
            .collect()
    })
}

/// One setting, by key as typed, with its current value.
pub fn get(ctx: &Ctx, key: &str) -> Result<(Setting, String)> {
    let mut store = ctx.open_store()?;
    let setting = Setting::parse(key)?;
    let v = store.read(|tx| {
        ctx.actor(tx)?;
        value(tx, setting)
    })?;
    Ok((setting, v))
}

/// What changing a setting did.
#[derive(Debug, Clone)]
pub struct Changed {
    /// The setting.
    pub setting: Setting,
    /// Its new value, in stored form.
    pub value: String,
    /// A problem met after the change that does not undo it (an email server that cannot
    /// be reached just now).
    pub warning: Option<String>,
}

/// Checks and stores a setting's new value; key and value as an admin typed them.
pub fn set(ctx: &Ctx, key: &str, typed: &str) -> Result<Changed> {
    let mut store = ctx.open_store()?;
    let setting = Setting::parse(key)?;
    let def = setting.def();
    let value = def.normalise(typed)?;
    match setting {
        Setting::EmailTransport => validate_transport(&value)?,
        Setting::EmailFrom => {
            crate::mail::sender(&value)?;
        }
        _ => {}
    }
    let now = ctx.now();
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require_owner(tx, "changing settings")?;
        let old = self::value(tx, setting)?;
        tx.set_setting(setting.as_str(), &value)?;
        if setting.is_argon2() {
            // The three parameters must work together, or every login would fail.
            tx.hash_params()?.validate()?;
        }
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                ALL_ORGS,
                Action::ConfigSet,
                setting.as_str(),
            ),
            Outcome::Ok,
            format!("{} -> {}", def.display(&old), def.display(&value)),
        )
    })?;
    let mut warning = None;
    if setting == Setting::EmailTransport {
        // A quick look, warning only: the server may be down just now.
        let spec = crate::mail::TransportSpec::parse(&value)?;
        if let Err(why) = crate::mail::reachable(&spec) {
            warning = Some(format!(
                "{why}; emails will fail until it can be reached (check with `usermgr doctor`)"
            ));
        }
    }
    Ok(Changed {
        setting,
        value,
        warning,
    })
}

/// Checks the form of an email transport setting (the same parser the mail module uses).
pub fn validate_transport(value: &str) -> Result<()> {
    crate::mail::TransportSpec::parse(value).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_one_key_in_the_catalogue() {
        assert_eq!(Setting::ALL.len(), SETTINGS.len());
        for (s, def) in Setting::ALL.into_iter().zip(SETTINGS) {
            assert_eq!(
                s.as_str(),
                def.key,
                "config list keeps the catalogue's order"
            );
            assert_eq!(Setting::parse(s.as_str()).unwrap(), s);
            assert_eq!(s.def().key, s.as_str());
            assert_eq!(s.to_string(), s.as_str());
        }
    }

    #[test]
    fn an_unknown_key_names_the_known_ones() {
        let err = Setting::parse("reset-window").unwrap_err();
        assert_eq!(err.exit_code(), 6);
        let msg = err.to_string();
        assert!(msg.contains("unknown setting \"reset-window\""), "{msg}");
        assert!(msg.contains("reset_window, reset_email_ttl"), "{msg}");
        assert_eq!(
            msg,
            catalogue::find("reset-window").unwrap_err().to_string()
        );
    }

    #[test]
    fn set_stores_the_canonical_form_and_refuses_argon2_parameters_that_clash() {
        let w = crate::testkit::World::with_admin();
        let ctx = w.ctx();
        let done = set(&ctx, "reset_window", "2m").unwrap();
        assert_eq!(
            (done.setting, done.value.as_str()),
            (Setting::ResetWindow, "120")
        );
        assert_eq!(
            get(&ctx, "reset_window").unwrap(),
            (Setting::ResetWindow, "120".into())
        );
        // 16 lanes need at least 128 KiB; the world runs with 64.
        assert_eq!(set(&ctx, "argon2.p_cost", "16").unwrap_err().exit_code(), 3);
        assert_eq!(
            get(&ctx, "argon2.p_cost").unwrap().1,
            "1",
            "nothing was written"
        );
        assert_eq!(set(&ctx, "nope", "1").unwrap_err().exit_code(), 6);
    }

    #[test]
    fn only_the_argon2_parameters_are_argon2() {
        let argon: Vec<Setting> = Setting::ALL.into_iter().filter(|s| s.is_argon2()).collect();
        assert_eq!(
            argon,
            [
                Setting::Argon2MCost,
                Setting::Argon2TCost,
                Setting::Argon2PCost
            ]
        );
        assert!(argon.iter().all(|s| s.as_str().starts_with("argon2.")));
    }
}
