//! `usermgr config list|get|set`: settings stored in the database, read and changed by
//! [`crate::core::settings`].

use crate::cli::ConfigCommand;
use crate::contract::SettingJson;
use crate::contract::SettingsList;
use crate::core::settings::{self, Setting};
use crate::ctx::Ctx;
use crate::domain::settings::Kind;
use crate::error::Result;
use crate::output::Records;

fn setting_json(s: Setting, stored: &str) -> SettingJson {
    let def = s.def();
    SettingJson {
        key: s.as_str(),
        value: json_value(def.kind, stored),
        default: stored == def.default,
        help: def.help,
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
    match cmd {
        ConfigCommand::List => {
            let all = settings::all(ctx)?;
            let list: Vec<SettingJson> = all.iter().map(|(s, v)| setting_json(*s, v)).collect();
            let rows = all
                .iter()
                .map(|(s, v)| {
                    let def = s.def();
                    vec![s.as_str().to_string(), def.display(v), def.help.to_string()]
                })
                .collect();
            ctx.out.records(&Records {
                headers: &["setting", "value", "meaning"],
                rows,
                json: &SettingsList { settings: list },
            })
        }
        ConfigCommand::Get(a) => {
            let (setting, v) = settings::get(ctx, &a.key)?;
            if ctx.out.is_json() {
                ctx.out.json(&setting_json(setting, &v))
            } else {
                ctx.out.line(&setting.def().display(&v))
            }
        }
        ConfigCommand::Set(a) => {
            let done = settings::set(ctx, &a.key, &a.value)?;
            let (setting, value) = (done.setting, &done.value);
            if ctx.out.is_json() {
                ctx.out.json(&setting_json(setting, value))?;
            }
            ctx.say(format!("{setting} = {}", setting.def().display(value)));
            if let Some(w) = done.warning {
                ctx.warn(w);
            }
            Ok(())
        }
    }
}
