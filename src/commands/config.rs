//! `usermgr config list|get|set`: settings stored in the database.

use crate::cli::ConfigCommand;
use crate::contract::SettingJson;
use crate::contract::SettingsList;
use crate::core::audit::{audit, event, ALL_ORGS};
use crate::ctx::Ctx;
use crate::domain::settings::{find, Kind, Setting};
use crate::error::Result;
use crate::output::Records;

fn setting_json(s: &Setting, stored: &str) -> SettingJson {
    SettingJson {
        key: s.key,
        value: json_value(s.kind, stored),
        default: stored == s.default,
        help: s.help,
    }
}

fn json_value(kind: Kind, stored: &str) -> serde_json::Value {
    match (kind, stored.parse::<u64>()) {
        (Kind::Duration | Kind::Number { .. }, Ok(n)) => n.into(),
        _ => stored.into(),
    }
}

/// Runs `config ...`.
pub fn run(cmd: &ConfigCommand, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    match cmd {
        ConfigCommand::List => {
            let all = store.read(|tx| {
                ctx.actor(tx)?;
                tx.all_settings()
            })?;
            let list: Vec<SettingJson> = all.iter().map(|(s, v)| setting_json(s, v)).collect();
            let rows = all
                .iter()
                .map(|(s, v)| vec![s.key.to_string(), s.display(v), s.help.to_string()])
                .collect();
            ctx.out.records(&Records {
                headers: &["setting", "value", "meaning"],
                rows,
                json: &SettingsList { settings: list },
            })
        }
        ConfigCommand::Get(a) => {
            let setting = find(&a.key)?;
            let v = store.read(|tx| {
                ctx.actor(tx)?;
                tx.setting(setting.key)
            })?;
            if ctx.out.is_json() {
                ctx.out.json(&setting_json(setting, &v))
            } else {
                ctx.out.line(&setting.display(&v))
            }
        }
        ConfigCommand::Set(a) => {
            let setting = find(&a.key)?;
            let value = setting.normalise(&a.value)?;
            if setting.key == "email.transport" {
                validate_transport(&value)?;
            }
            if setting.key == "email.from" {
                crate::mail::sender(&value)?;
            }
            let now = ctx.now();
            store.write(|tx| {
                let actor = ctx.actor(tx)?;
                actor.require_owner(tx, "changing settings")?;
                let old = tx.setting(setting.key)?;
                tx.set_setting(setting.key, &value)?;
                if setting.key.starts_with("argon2.") {
                    // The three parameters must work together, or every login would fail.
                    tx.hash_params()?.validate()?;
                }
                audit(
                    tx,
                    event(
                        now,
                        &actor.account.email,
                        ALL_ORGS,
                        "config_set",
                        setting.key,
                    ),
                    "ok",
                    format!("{} -> {}", setting.display(&old), setting.display(&value)),
                )
            })?;
            if ctx.out.is_json() {
                ctx.out.json(&setting_json(setting, &value))?;
            }
            ctx.say(format!("{} = {}", setting.key, setting.display(&value)));
            if setting.key == "email.transport" {
                // A quick look, warning only: the server may be down just now.
                let spec = crate::mail::TransportSpec::parse(&value)?;
                if let Err(why) = crate::mail::reachable(&spec) {
                    ctx.warn(format!(
                        "{why}; emails will fail until it can be reached (check with `usermgr doctor`)"
                    ));
                }
            }
            Ok(())
        }
    }
}

/// Checks the form of an email transport setting (the same parser the mail module uses).
pub fn validate_transport(value: &str) -> Result<()> {
    crate::mail::TransportSpec::parse(value).map(|_| ())
}
