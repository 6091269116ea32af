//! `usermgr doctor`: checks what a command needs (database, settings, session, config file,
//! email transport) without changing anything, and names what to fix. With
//! `--send-test-email ADDRESS` it also sends one email, recorded in the outbox.

use crate::cli::DoctorArgs;
use crate::clock::human;
use crate::contract::doctor::{
    ConfigFileJson, DatabaseJson, DoctorJson, EmailJson, SessionJson, SettingJson, TestEmailJson,
};
use crate::core::doctor::{self, Inspection};
use crate::core::settings::Setting;
use crate::ctx::Ctx;
use crate::domain::clock::rfc3339;
use crate::error::{Error, Result};
use crate::mail::{self, FileConfig};
use crate::store::Store;

/// Runs `doctor`.
pub fn run(args: &DoctorArgs, ctx: &mut Ctx) -> Result<()> {
    // Each problem keeps the error a command would have met: the first decides the exit code.
    let mut problems: Vec<Error> = Vec::new();

    let config = FileConfig::check(&ctx.env);
    let config_json = ConfigFileJson {
        path: config.path.as_ref().map(|p| p.display().to_string()),
        source: config.source,
        exists: config.exists,
        ok: config.problems.is_empty(),
        problems: config.problems.clone(),
    };

    let db_path = ctx.mail_anchor()?;
    let db_kind = match ctx.db_target()? {
        crate::ctx::DbTarget::File(_) => "sqlite",
        crate::ctx::DbTarget::Postgres(_) => "postgres",
    };
    let db_location = ctx.db_location()?;
    let location_source = if ctx.global.db.is_some() {
        "--db"
    } else if ctx.env.get("USERMGR_DB").is_some() {
        "environment (USERMGR_DB)"
    } else {
        "default"
    };
    let mut database = DatabaseJson {
        kind: db_kind,
        location: db_location.clone(),
        location_source,
        schema_version: None,
        latest_schema_version: Store::latest_version(),
        ok: false,
        problem: None,
    };
    let mut settings = vec![
        SettingJson {
            key: "database".into(),
            value: db_location,
            source: location_source,
        },
        SettingJson {
            key: "config_file".into(),
            value: config_json.path.clone().unwrap_or_default(),
            source: config.source,
        },
        SettingJson {
            key: "smtp_password".into(),
            value: if ctx.env.get("USERMGR_SMTP_PASSWORD").is_some() {
                "set".into()
            } else {
                "not set".into()
            },
            source: "environment (USERMGR_SMTP_PASSWORD)",
        },
    ];
    let token_from_env = ctx.env.get("USERMGR_TOKEN").is_some();
    let mut session = SessionJson {
        logged_in: false,
        email: None,
        org: None,
        permission_set: None,
        expires_at: None,
        token_from_environment: token_from_env,
        problem: None,
    };
    let mut email = EmailJson {
        transport: None,
        from: None,
        ok: false,
        checked: None,
        problem: None,
    };
    let mut test_email = None;

    match ctx.open_store() {
        Err(e) => {
            let e = match e {
                Error::NotFound(m) => Error::Busy(m),
                e => e,
            };
            database.problem = Some(e.to_string());
            email.problem = Some("not checked: the database cannot be opened".into());
            problems.push(e);
        }
        Ok(mut store) => {
            database.schema_version = Some(store.schema_version()?);
            database.ok = true;
            let Inspection {
                settings: all,
                session: actor,
                email: loaded,
            } = doctor::inspect(ctx, &mut store, &db_path)?;
            for (s, value) in &all {
                let setting = Setting::parse(s.key).ok();
                let from_file = match setting {
                    // A config file may hold a mistyped URL with a password in it.
                    Some(Setting::EmailTransport) => config
                        .config
                        .transport
                        .as_deref()
                        .map(crate::mail::transport::redact_userinfo),
                    Some(Setting::EmailFrom) => config.config.from.clone(),
                    _ => None,
                };
                let (value, source) = match from_file {
                    Some(v) => (v, "config file"),
                    None if *value == s.default => (s.display(value), "default"),
                    None => (s.display(value), "database"),
                };
                match setting {
                    Some(Setting::EmailTransport) => email.transport = Some(value.clone()),
                    Some(Setting::EmailFrom) => email.from = Some(value.clone()),
                    _ => {}
                }
                settings.push(SettingJson {
                    key: s.key.to_string(),
                    value,
                    source,
                });
            }
            let actor = match actor {
                Ok((a, expires)) => {
                    session.logged_in = true;
                    session.email = Some(a.account.display_email.clone());
                    session.org = Some(a.org.name.clone());
                    session.permission_set = Some(a.permission_set.clone());
                    session.expires_at = Some(rfc3339(expires));
                    Some(a)
                }
                // No session is not a fault of the installation; it is reported, not failed.
                Err(e @ Error::Auth(_)) => {
                    session.problem = Some(e.to_string());
                    None
                }
                Err(e) => {
                    session.problem = Some(e.to_string());
                    problems.push(e);
                    None
                }
            };
            match loaded {
                Err(e) => {
                    email.problem = Some(e.to_string());
                    if config.problems.is_empty() {
                        problems.push(e);
                    }
                }
                Ok(mail_settings) => match mail_settings.check_connection() {
                    Ok(checked) => {
                        email.ok = true;
                        email.checked = Some(format!("{}: {checked}", mail_settings.describe()));
                    }
                    Err(why) => {
                        email.problem = Some(why.clone());
                        problems.push(Error::Delivery(format!("email cannot be delivered: {why}")));
                    }
                },
            }
            if let Some(address) = &args.send_test_email {
                let sent = send_test(ctx, &mut store, &db_path, actor.as_ref(), address);
                match sent {
                    Ok(t) => {
                        if let Some(err) = &t.error {
                            problems.push(Error::Delivery(format!(
                                "the test email to {} failed: {err}",
                                t.to
                            )));
                        }
                        test_email = Some(t);
                    }
                    Err(e) => {
                        test_email = Some(TestEmailJson {
                            to: address.clone(),
                            status: "not sent",
                            outbox_id: None,
                            error: Some(e.to_string()),
                        });
                        problems.push(e);
                    }
                }
            }
        }
    }
    if let Some(s) = config.summary() {
        // A broken config file stops every command that sends email: exit 3.
        // Named right after the database, before what it breaks.
        let e = Error::invalid(format!("config file {s}; fix the file"));
        let at = usize::from(!database.ok).min(problems.len());
        problems.insert(at, e);
    }

    let report = DoctorJson {
        ok: problems.is_empty(),
        database,
        settings,
        session,
        config_file: config_json,
        email,
        test_email,
        problems: problems.iter().map(ToString::to_string).collect(),
    };
    print(ctx, &report)?;
    match problems.len() {
        0 => {
            ctx.say("Everything checked is fine.");
            Ok(())
        }
        1 => Err(problems.remove(0)),
        n => {
            let first = problems.remove(0);
            let rest: Vec<String> = problems.iter().map(ToString::to_string).collect();
            Err(with_message(first, |m| {
                format!("{m} (and {} more: {})", n - 1, rest.join("; "))
            }))
        }
    }
}

/// The same kind of error (so the same exit code) with another message.
fn with_message(e: Error, f: impl FnOnce(String) -> String) -> Error {
    match e {
        Error::Invalid(m) => Error::Invalid(f(m)),
        Error::Auth(m) => Error::Auth(f(m)),
        Error::PermissionDenied(d) => Error::denied(f(d.to_string())),
        Error::NotFound(m) => Error::NotFound(f(m)),
        Error::Delivery(m) => Error::Delivery(f(m)),
        Error::Busy(m) => Error::Busy(f(m)),
        other => other,
    }
}

/// Sends the test email through [`mail::send_test`]; needs a session.
fn send_test(
    ctx: &Ctx,
    store: &mut Store,
    db_path: &std::path::Path,
    actor: Option<&crate::ctx::Actor>,
    address: &str,
) -> Result<TestEmailJson> {
    let Some(actor) = actor else {
        return Err(Error::Auth(
            "--send-test-email needs a session: run `usermgr login EMAIL` (or set USERMGR_TOKEN)"
                .into(),
        ));
    };
    let outcome = mail::send_test(ctx, store, db_path, actor, address)?;
    Ok(TestEmailJson {
        status: outcome.status(),
        to: outcome.email,
        outbox_id: Some(outcome.outbox_id),
        error: outcome.error,
    })
}

fn print(ctx: &Ctx, r: &DoctorJson) -> Result<()> {
    if ctx.out.is_json() {
        return ctx.out.json(r);
    }
    let status = |ok: bool| if ok { "ok" } else { "PROBLEM" }.to_string();
    let db = &r.database;
    let db_detail = match (&db.problem, db.schema_version) {
        (Some(p), _) => p.clone(),
        (None, Some(v)) => format!(
            "{} {} ({}), schema version {v} of {}",
            db.kind, db.location, db.location_source, db.latest_schema_version
        ),
        (None, None) => db.location.clone(),
    };
    let cfg = &r.config_file;
    let cfg_detail = match (&cfg.path, cfg.exists, cfg.problems.is_empty()) {
        (None, _, _) => "no config directory".to_string(),
        (Some(p), false, true) => format!("{p} ({}): not present, nothing overridden", cfg.source),
        (Some(p), _, true) => format!("{p} ({}): fine", cfg.source),
        (Some(p), _, false) => format!(
            "{p}: {}",
            cfg.problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    let s = &r.session;
    let session_detail = if s.logged_in {
        format!(
            "{} in {} ({}), until {}{}",
            s.email.as_deref().unwrap_or(""),
            s.org.as_deref().unwrap_or(""),
            s.permission_set.as_deref().unwrap_or(""),
            s.expires_at
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| human(t.timestamp_millis()))
                .unwrap_or_default(),
            if s.token_from_environment {
                ", from USERMGR_TOKEN"
            } else {
                ", stored by `usermgr login`"
            }
        )
    } else {
        s.problem.clone().unwrap_or_else(|| "not checked".into())
    };
    let e = &r.email;
    let email_detail = match (&e.checked, &e.problem) {
        (Some(c), _) => c.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => String::new(),
    };
    let mut rows = vec![
        vec!["database".into(), status(db.ok), db_detail],
        vec!["config file".into(), status(cfg.ok), cfg_detail],
        vec![
            "session".into(),
            if s.logged_in {
                "ok".into()
            } else if s.problem.is_some()
                && r.problems.iter().any(|p| Some(p) == s.problem.as_ref())
            {
                "PROBLEM".into()
            } else {
                "none".into()
            },
            session_detail,
        ],
        vec!["email".into(), status(e.ok), email_detail],
    ];
    if let Some(t) = &r.test_email {
        rows.push(vec![
            "test email".into(),
            status(t.error.is_none()),
            match &t.error {
                None => format!(
                    "sent to {} (outbox #{})",
                    t.to,
                    t.outbox_id.unwrap_or_default()
                ),
                Some(err) => format!("to {}: {err}", t.to),
            },
        ]);
    }
    ctx.out.table(&["check", "status", "detail"], &rows)?;
    let settings: Vec<Vec<String>> = r
        .settings
        .iter()
        .map(|s| vec![s.key.clone(), s.value.clone(), s.source.to_string()])
        .collect();
    ctx.out.table(&["setting", "value", "source"], &settings)
}
