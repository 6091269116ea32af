use super::deliver::GIVE_UP_AFTER;
use super::*;
use crate::clock::human;
use crate::ctx::Actor;
use crate::domain::token::{self, TokenKind};
use crate::store::Store;

#[test]
fn config_file_sets_the_transport_and_rejects_mistakes() {
    let c = FileConfig::parse(
        "[email]\ntransport = \"smtp://mail.acme.test?tls=tls\"\nfrom = \"it@acme.test\"\n",
    )
    .unwrap();
    assert_eq!(
        c.transport.as_deref(),
        Some("smtp://mail.acme.test?tls=tls")
    );
    assert_eq!(c.from.as_deref(), Some("it@acme.test"));
    assert_eq!(FileConfig::parse("").unwrap(), FileConfig::default());
    assert!(FileConfig::parse("[email]\ntransport = \"pigeon\"\n")
        .unwrap_err()
        .contains("not a transport"));
    assert!(
        FileConfig::parse("[email]\ntransprot = \"sendmail\"\n").is_err(),
        "typos are caught"
    );
    assert!(FileConfig::parse("[email\n").is_err());
}

use crate::domain::permissions::Grants;
use crate::store::{NewAccount, Org};

/// Keeps every message; fails for addresses listed in `refuse`.
#[derive(Default)]
struct Recorder {
    sent: Vec<Message>,
    refuse: Vec<String>,
}

impl Mailer for Recorder {
    fn send(&mut self, msg: &Message) -> Result<(), String> {
        let to = msg.envelope().to()[0].to_string();
        if self.refuse.contains(&to) {
            return Err(format!("550 mailbox {to} unavailable\r\nmore"));
        }
        self.sent.push(msg.clone());
        Ok(())
    }
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    org: Org,
    actor: Actor,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut store = Store::create(&path).unwrap();
    let (org, admin) = store
        .write(|tx| {
            let org = tx.create_org("Acme", 1)?;
            let id = tx.insert_account(&account("admin@acme.test", "", Some("h"), false), 1)?;
            Ok((org, tx.account_by_id(id)?))
        })
        .unwrap();
    let actor = Actor {
        account: admin,
        org: org.clone(),
        grants: Grants::default(),
        permission_set: "Administrator".into(),
        session_id: 0,
    };
    World {
        _dir: dir,
        store,
        org,
        actor,
    }
}

fn account<'a>(
    email: &'a str,
    name: &'a str,
    hash: Option<&'a str>,
    reset: bool,
) -> NewAccount<'a> {
    NewAccount {
        email,
        display_email: email,
        name,
        password_hash: hash,
        reset_required: reset,
    }
}

fn body(m: &Message) -> String {
    // The body is quoted-printable for non-ASCII text; these tests keep to ASCII.
    let raw = String::from_utf8(m.formatted()).unwrap();
    raw.split_once("\r\n\r\n").unwrap().1.replace("\r\n", "\n")
}

/// The token an email body shows (`sp_…`, `re_…`).
fn token_in(body: &str) -> String {
    body.split_whitespace()
        .find(|w| w.starts_with("sp_") || w.starts_with("re_"))
        .unwrap()
        .to_string()
}

/// A server that is down: every attempt fails the same way.
#[derive(Default)]
struct Down {
    attempts: usize,
}

impl Mailer for Down {
    fn send(&mut self, _: &Message) -> Result<(), String> {
        self.attempts += 1;
        Err("connection refused".into())
    }
}

#[test]
fn a_server_that_is_down_is_given_up_on_after_a_few_attempts() {
    let mut w = world();
    let now = 1_764_000_000_000;
    let settings = w
        .store
        .read(|tx| Settings::load(tx, Path::new("/tmp/x/t.db"), &Env::default()))
        .unwrap();
    let pendings = w
        .store
        .write(|tx| {
            (0..6)
                .map(|i| {
                    let id = tx.insert_account(
                        &account(&format!("u{i}@acme.test"), "", None, false),
                        now,
                    )?;
                    queue_instructions(tx, &settings, &w.actor, &tx.account_by_id(id)?, None, now)
                })
                .collect::<Result<Vec<_>>>()
        })
        .unwrap();
    let mut down = Down::default();
    let outcomes = send_all(&mut down, pendings);
    assert_eq!(down.attempts, GIVE_UP_AFTER);
    assert_eq!(outcomes.len(), 6);
    assert!(outcomes
        .iter()
        .all(|o| o.error.as_deref() == Some("connection refused")));
}

#[test]
fn queued_emails_carry_tokens_that_only_the_message_holds() {
    let mut w = world();
    let now = 1_764_000_000_000;
    let settings = w
        .store
        .read(|tx| Settings::load(tx, Path::new("/tmp/x/t.db"), &Env::default()))
        .unwrap();
    let msg = CustomMessage::parse("Welcome aboard", "--message").unwrap();
    let pendings = w
        .store
        .write(|tx| {
            let a = tx.insert_account(&account("new@acme.test", "New", None, false), now)?;
            let b = tx.insert_account(&account("tmp@acme.test", "", Some("h"), true), now)?;
            let (a, b) = (tx.account_by_id(a)?, tx.account_by_id(b)?);
            Ok(vec![
                queue_instructions(tx, &settings, &w.actor, &a, msg.as_ref(), now)?,
                queue_instructions(tx, &settings, &w.actor, &b, msg.as_ref(), now)?,
                queue_reset(tx, &settings, &w.actor, &b, None, now)?,
            ])
        })
        .unwrap();
    let mut rec = Recorder {
        refuse: vec!["tmp@acme.test".into()],
        ..Recorder::default()
    };
    let outcomes = send_all(&mut rec, pendings);
    assert_eq!(
        outcomes.iter().map(Outcome::status).collect::<Vec<_>>(),
        ["sent", "failed", "failed"]
    );
    assert_eq!(
        outcomes[1].error.as_deref(),
        Some("550 mailbox tmp@acme.test unavailable more")
    );
    let text = body(&rec.sent[0]);
    assert!(text.contains("Welcome aboard"), "{text}");
    let token = token_in(&text);
    assert!(token.starts_with("sp_"));

    let actor = w.actor.clone();
    w.store
        .write(|tx| {
            record(tx, &actor, &outcomes, now + 5)?;
            let row = tx.token_by_hash(&token::hash(&token))?.unwrap();
            assert_eq!(row.kind, TokenKind::SetPassword);
            assert_eq!(row.expires_at, now + 259_200_000);
            let rows = tx.outbox(w.org.id, false)?;
            assert_eq!(rows.len(), 3);
            assert!(rows
                .iter()
                .all(|r| r.attempts == 1 && r.updated_at == now + 5));
            assert_eq!(rows[0].state, MailState::Sent);
            assert_eq!(rows[0].message, "Welcome aboard");
            assert_eq!(rows[2].kind, MailKind::Reset);
            assert_eq!(tx.outbox(w.org.id, true)?.len(), 2);
            Ok(())
        })
        .unwrap();
    assert_eq!(failures(&outcomes).unwrap_err().exit_code(), 9);
    let many: Vec<Outcome> = (0..7)
        .map(|i| Outcome {
            outbox_id: i,
            email: format!("u{i}@acme.test"),
            kind: MailKind::Instructions,
            error: Some("refused".into()),
        })
        .collect();
    let msg = failures(&many).unwrap_err().to_string();
    assert!(
        msg.starts_with("7 of 7 emails") && msg.contains("u4@acme.test and 2 more"),
        "{msg}"
    );
    assert!(failures(&outcomes[..1]).is_ok());
}

#[test]
fn requeue_voids_the_old_token_and_reuses_the_row() {
    let mut w = world();
    let now = 1_764_000_000_000;
    let settings = w
        .store
        .read(|tx| Settings::load(tx, Path::new("t.db"), &Env::default()))
        .unwrap();
    let (first, second, acc) = w
        .store
        .write(|tx| {
            let id = tx.insert_account(&account("jo@acme.test", "Jo", Some("h"), false), now)?;
            let acc = tx.account_by_id(id)?;
            let first = queue_reset(tx, &settings, &w.actor, &acc, None, now)?;
            tx.finish_mail(first.outbox_id, Some("refused"), now)?;
            let row = tx.outbox(w.org.id, true)?.remove(0);
            let second = requeue(tx, &settings, &w.actor, &acc, &row, now + 1)?;
            Ok((first, second, acc))
        })
        .unwrap();
    assert_eq!(first.outbox_id, second.outbox_id);
    let mut rec = Recorder::default();
    send_all(&mut rec, vec![first, second]);
    let tokens: Vec<String> = rec
        .sent
        .iter()
        .map(|m| {
            let b = body(m);
            assert!(
                b.contains(&human(now + 86_400_000)) || b.contains(&human(now + 1 + 86_400_000))
            );
            token_in(&b)
        })
        .collect();
    w.store
        .read(|tx| {
            let old = tx.token_by_hash(&token::hash(&tokens[0]))?.unwrap();
            let new = tx.token_by_hash(&token::hash(&tokens[1]))?.unwrap();
            assert!(old.used_at.is_some(), "old token still valid");
            assert_eq!(new.used_at, None);
            assert_eq!((new.kind, new.account_id), (TokenKind::ResetEmail, acc.id));
            assert_eq!(tx.outbox(w.org.id, false)?[0].state, MailState::Queued);
            Ok(())
        })
        .unwrap();
}

#[test]
fn unsafe_sender_or_name_fails_before_anything_is_written() {
    let mut w = world();
    let settings_err = w.store.write(|tx| {
        tx.set_setting("email.from", "it@acme.test\r\nBcc: x@evil.test")?;
        Settings::load(tx, Path::new("t.db"), &Env::default()).map(|_| ())
    });
    assert_eq!(settings_err.unwrap_err().exit_code(), 3);
    let settings = w
        .store
        .read(|tx| Settings::load(tx, Path::new("t.db"), &Env::default()))
        .unwrap();
    let org = w.org.clone();
    let actor = w.actor.clone();
    let err = w
        .store
        .write(|tx| {
            let id = tx.insert_account(
                &account("x@acme.test", "X\nBcc: y@evil.test", None, false),
                1,
            )?;
            let acc = tx.account_by_id(id)?;
            queue_instructions(tx, &settings, &actor, &acc, None, 1).map(|_| ())
        })
        .unwrap_err();
    assert_eq!(err.exit_code(), 3);
    let (tokens, mails) = w
        .store
        .read(|tx| {
            Ok((
                tx.outbox(org.id, false)?.len(),
                tx.account_by_email("x@acme.test")?,
            ))
        })
        .unwrap();
    assert_eq!((tokens, mails), (0, None));
}

#[test]
fn smtp_user_without_password_is_a_setting_error() {
    let mut w = world();
    w.store
        .write(|tx| tx.set_setting("email.transport", "smtp://bot@mail.acme.test"))
        .unwrap();
    let load = |store: &mut Store, env: Env| {
        store.read(|tx| Settings::load(tx, Path::new("t.db"), &env).map(|s| s.describe()))
    };
    let err = load(&mut w.store, Env::default()).unwrap_err();
    assert_eq!(err.exit_code(), 3);
    assert!(err.to_string().contains("USERMGR_SMTP_PASSWORD"), "{err}");
    let ok = load(
        &mut w.store,
        Env::from_pairs(&[("USERMGR_SMTP_PASSWORD", "pw")]),
    )
    .unwrap();
    assert_eq!(ok, "SMTP server mail.acme.test:587");
}

#[test]
fn sending_to_members_checks_every_address_first_and_sends_each_once() {
    use crate::domain::email::Email;
    use crate::testkit::World as Sandbox;
    let w = Sandbox::with_admin();
    w.ok(&["add-users", "jo@acme.test", "--no-password"]);
    let ctx = w.ctx();
    let jo = Email::parse("Jo@Acme.test").unwrap();
    let stranger = Email::parse("nobody@acme.test").unwrap();

    let err = send_to_members(&ctx, &[jo.clone(), stranger], Sending::Reset, None).unwrap_err();
    assert_eq!(err.exit_code(), 6);
    assert!(err.to_string().contains("nobody@acme.test"), "{err}");
    let outbox = w.ok(&["-o", "json", "outbox"]);
    assert!(outbox.contains("\"emails\": []"), "{outbox}");

    let sent = send_to_members(&ctx, &[jo.clone(), jo], Sending::Reset, None).unwrap();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].sent() && sent[0].kind == MailKind::Reset);
    assert!(w.emailed_token().starts_with("re_"));

    let retried = retry_failed(&ctx).unwrap();
    assert!(retried.nothing() && retried.org == "Acme");
}
