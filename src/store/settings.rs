//! Settings: stored values over the defaults of the domain's catalogue.

use std::time::Duration;

use super::sql::params;
use super::Tx;
use crate::domain::password::HashParams;
use crate::domain::reset::LoginRules;
use crate::domain::settings::{find, SettingDef, SETTINGS};
use crate::error::{Error, Result};

impl Tx<'_> {
    /// The stored value of a setting, or its default.
    pub fn setting(&self, key: &str) -> Result<String> {
        let s = find(key)?;
        let v: Option<String> = self.opt(
            "SELECT value FROM settings WHERE key = ?1",
            params![key],
            |r| r.get(0),
        )?;
        Ok(v.unwrap_or_else(|| s.default.to_string()))
    }

    /// A numeric setting (durations in seconds).
    pub fn setting_u64(&self, key: &str) -> Result<u64> {
        let v = self.setting(key)?;
        v.parse().map_err(|_| {
            Error::internal(format!(
                "setting {key} holds {v:?}, not a number; fix it with usermgr config set"
            ))
        })
    }

    /// Stores a value already normalised by [`SettingDef::normalise`].
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.exec(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Every setting with its current value.
    pub fn all_settings(&self) -> Result<Vec<(&'static SettingDef, String)>> {
        SETTINGS
            .iter()
            .map(|s| Ok((s, self.setting(s.key)?)))
            .collect()
    }
}

impl Tx<'_> {
    /// Numeric settings read in one statement (a login reads several: one round trip to a
    /// PostgreSQL server instead of one each), in the order of `keys`.
    fn settings_u64<const N: usize>(&self, keys: [&str; N]) -> Result<[u64; N]> {
        let mut stored: Vec<(String, String)> = Vec::new();
        self.each(
            &format!(
                "SELECT key, value FROM settings WHERE key IN ({})",
                (1..=N)
                    .map(|i| format!("?{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            &keys.map(super::sql::Value::from),
            |r| {
                stored.push((r.get(0)?, r.get(1)?));
                Ok(())
            },
        )?;
        let mut out = [0; N];
        for (slot, key) in out.iter_mut().zip(keys) {
            let v = match stored.iter().find(|(k, _)| k == key) {
                Some((_, v)) => v.clone(),
                None => find(key)?.default.to_string(),
            };
            *slot = v.parse().map_err(|_| {
                Error::internal(format!(
                    "setting {key} holds {v:?}, not a number; fix it with usermgr config set"
                ))
            })?;
        }
        Ok(out)
    }

    /// The lockout, expiry and window settings as the domain's rules.
    pub fn login_rules(&self) -> Result<LoginRules> {
        Ok(rules_of(self.settings_u64(RULE_KEYS)?))
    }

    /// The configured argon2id parameters.
    pub fn hash_params(&self) -> Result<HashParams> {
        params_of(self.settings_u64(PARAM_KEYS)?)
    }

    /// Both, as a login needs them: one statement.
    pub fn login_settings(&self) -> Result<(HashParams, LoginRules)> {
        let [m, t, p, threshold, lockout, ttl, window] = self.settings_u64([
            PARAM_KEYS[0],
            PARAM_KEYS[1],
            PARAM_KEYS[2],
            RULE_KEYS[0],
            RULE_KEYS[1],
            RULE_KEYS[2],
            RULE_KEYS[3],
        ])?;
        Ok((
            params_of([m, t, p])?,
            rules_of([threshold, lockout, ttl, window]),
        ))
    }

    /// The shortest password accepted.
    pub fn min_password_length(&self) -> Result<usize> {
        Ok(usize::try_from(self.setting_u64("min_password_length")?).unwrap_or(usize::MAX))
    }
}

const PARAM_KEYS: [&str; 3] = ["argon2.m_cost", "argon2.t_cost", "argon2.p_cost"];
const RULE_KEYS: [&str; 4] = [
    "lockout_threshold",
    "lockout_duration",
    "temp_password_ttl",
    "reset_window",
];

fn rules_of(
    [threshold, lockout_duration, temp_password_ttl, reset_window]: [u64; 4],
) -> LoginRules {
    LoginRules {
        lockout_threshold: u32::try_from(threshold).unwrap_or(u32::MAX),
        lockout_duration: Duration::from_secs(lockout_duration),
        temp_password_ttl: Duration::from_secs(temp_password_ttl),
        reset_window: Duration::from_secs(reset_window),
    }
}

fn params_of([m, t, p]: [u64; 3]) -> Result<HashParams> {
    let fit = |k: &str, v: u64| -> Result<u32> {
        u32::try_from(v).map_err(|_| Error::internal(format!("setting {k} is out of range")))
    };
    Ok(HashParams {
        m_cost: fit(PARAM_KEYS[0], m)?,
        t_cost: fit(PARAM_KEYS[1], t)?,
        p_cost: fit(PARAM_KEYS[2], p)?,
    })
}
