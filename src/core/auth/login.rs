//! The password check of `login`: lockout and equal timing (R16, R26), then a session or
//! the start of a required reset (R7).

use secrecy::SecretString;

use super::prompted;
use super::window::{self, Window};
use super::{finish_login, login_org, open_session, Session, BAD_CREDENTIALS};
use crate::clock::human;
use crate::core::audit::{audit, event, Action, Outcome};
use crate::ctx::{Ctx, SessionBefore};
use crate::domain::clock::Clock;
use crate::domain::email::Email;
use crate::domain::password::{HashParams, Hasher};
use crate::domain::reset::{self, is_locked, temp_password_expired, LoginRules, LoginState};
use crate::error::{Error, Result};
use crate::store::{Account, Org, Store, Tx};

/// What a password check concluded.
enum Verdict {
    Bad,
    Locked(i64),
    Disabled,
    Expired,
    ResetRequired,
    Ok,
}

/// What a login with the right password gave: a session, or a reset window to choose a new
/// password in (R7). Every refusal is an error (exit 4 before the password is verified).
pub enum LoginOutcome {
    /// Logged in.
    Session {
        /// The account, as it was read.
        account: Account,
        /// The organization the session acts in.
        org: Org,
        /// The new session.
        session: Session,
    },
    /// The account must choose a new password first: a window is open.
    Window {
        /// The account, as it was read.
        account: Account,
        /// The window just opened.
        window: Window,
    },
}

/// A login read from the store, before its password is checked: the first of the three
/// steps of [`check_login`]. The server runs each step where it belongs: the reads and the
/// write on its store threads, only the hash on its argon2 workers.
pub struct LoginAttempt {
    target: String,
    account: Option<Account>,
    params: HashParams,
    rules: LoginRules,
}

/// A login whose password was checked (the second step): what the write decides on.
pub struct CheckedLogin {
    target: String,
    account: Option<Account>,
    rules: LoginRules,
    matched: bool,
    new_hash: Option<String>,
}

/// Reads what a login needs: the account of an address as typed, the hashing parameters and
/// the lockout rules. A malformed address is an unknown account: same message, same cost.
pub fn read_login(store: &mut Store, raw_email: &str) -> Result<LoginAttempt> {
    let email = Email::parse(raw_email).ok();
    // Input that is not an address may be a password typed into the wrong field: never
    // record it.
    let target = email
        .as_ref()
        .map_or_else(|| "-".to_string(), |e| e.key().to_string());
    let (account, params, rules) = store.read(|tx| {
        let account = match &email {
            Some(e) => tx.account_by_email(e.key())?,
            None => None,
        };
        let (params, rules) = tx.login_settings()?;
        Ok((account, params, rules))
    })?;
    Ok(LoginAttempt {
        target,
        account,
        params,
        rules,
    })
}

impl LoginAttempt {
    /// The one hash of every attempt (R16, R26), and a rehash when the stored one uses old
    /// parameters (R18). `hasher` keeps its buffer; its parameters are set to the configured
    /// ones. Touches no store.
    pub fn check(
        self,
        hasher: &mut Hasher,
        now: i64,
        password: SecretString,
    ) -> Result<CheckedLogin> {
        let LoginAttempt {
            target,
            account,
            params,
            rules,
        } = self;
        hasher.set_params(params);
        // A locked account's password is not checked (a right guess must not tell the
        // guesser anything), but it costs the same one hash as any other attempt (R26).
        let locked = account.as_ref().is_some_and(|a| is_locked(&a.state, now));
        let matched = match account.as_ref().and_then(|a| a.password_hash.as_deref()) {
            Some(phc) if !locked => hasher.verify(&password, phc)?,
            _ => {
                hasher.burn(&password)?;
                false
            }
        };
        let rehash = matched
            && account.as_ref().is_some_and(|a| {
                !a.state.reset_required
                    && a.password_hash
                        .as_deref()
                        .is_some_and(|h| hasher.needs_rehash(h))
            });
        let new_hash = if rehash {
            Some(hasher.hash(&password)?)
        } else {
            None
        };
        Ok(CheckedLogin {
            target,
            account,
            rules,
            matched,
            new_hash,
        })
    }
}

/// Checks an address as typed and its password, the one login operation of the command
/// line and the server: lockout and equal cost (R16, R26), the audit of every attempt
/// (R20), a rehash (R18), then a session or a reset window (R7). `hasher` keeps its buffer;
/// its parameters are set to the configured ones.
pub fn check_login(
    store: &mut Store,
    clock: &dyn Clock,
    hasher: &mut Hasher,
    raw_email: &str,
    password: SecretString,
    wanted_org: Option<&str>,
) -> Result<LoginOutcome> {
    check_login_ahead(
        store,
        clock,
        hasher,
        raw_email,
        password,
        wanted_org,
        |_| (),
    )
    .map(|(outcome, ())| outcome)
}

/// [`check_login`], running `ahead` on the store on another core while this one hashes,
/// after readying the write there ([`Store::warm_up_login`], [`rehearse_write`]); returns
/// what `ahead` found.
pub fn check_login_ahead<A: Send>(
    store: &mut Store,
    clock: &dyn Clock,
    hasher: &mut Hasher,
    raw_email: &str,
    password: SecretString,
    wanted_org: Option<&str>,
    ahead: impl FnOnce(&mut Store) -> A + Send,
) -> Result<(LoginOutcome, A)> {
    let attempt = read_login(store, raw_email)?;
    let account_id = attempt.account.as_ref().map(|a| a.id);
    let (checked, found) = std::thread::scope(|s| {
        let found = s.spawn(|| {
            store.warm_up_login(account_id);
            if let Some(id) = account_id {
                rehearse_write(store, id);
            }
            ahead(store)
        });
        let checked = attempt.check(hasher, clock.now_ms(), password);
        (checked, found.join())
    });
    let found = found.map_err(|_| Error::internal("the work beside the hash panicked"))?;
    Ok((record_login(store, clock, checked?, wanted_org)?, found))
}

/// Makes, ahead of [`record_login`], the reads its write makes (the account, its
/// organizations, the session lifetime) so their statements are ready when it comes
/// ([`Store::rehearse`]). Its findings are not used: the write reads again under its lock.
fn rehearse_write(store: &mut Store, account_id: i64) {
    store.rehearse(|store| {
        let _ = store.read(|tx| {
            tx.account_by_id(account_id)?;
            tx.orgs_of(account_id)?;
            tx.setting_u64("session_ttl")
        });
    });
}

/// The last step of a login: decides on the account as it is at the moment of writing and
/// writes the outcome with its audit row (R20).
pub fn record_login(
    store: &mut Store,
    clock: &dyn Clock,
    checked: CheckedLogin,
    wanted_org: Option<&str>,
) -> Result<LoginOutcome> {
    let CheckedLogin {
        target,
        account,
        rules,
        matched,
        new_hash,
    } = checked;
    let now = clock.now_ms();
    let Some(account) = account else {
        store.write(|tx| {
            audit(
                tx,
                event(now, "-", "-", Action::Login, &target),
                Outcome::Failed,
                "unknown account",
            )
        })?;
        return Err(Error::Auth(BAD_CREDENTIALS.into()));
    };
    // Decide on the account as it is now, inside the transaction that writes the outcome:
    // a password changed, a lock taken or a reset completed since it was read must count.
    let outcome = store.write(|tx| {
        let fresh = tx.account_by_id(account.id)?;
        let still_matches = matched && fresh.password_hash == account.password_hash;
        let verdict = verdict(&fresh.state, fresh.disabled(), still_matches, &rules, now);
        let login_event = || event(now, "-", "-", Action::Login, &account.email);
        Ok(match verdict {
            Verdict::Bad => {
                let (count, locked_until) = reset::after_failure(&fresh.state, &rules, now);
                tx.record_login_failure(account.id, count, locked_until)?;
                let detail = match locked_until {
                    Some(u) if !is_locked(&fresh.state, now) => format!("wrong password; locked until {}", human(u)),
                    _ => format!("wrong password ({count} consecutive)"),
                };
                audit(tx, login_event(), Outcome::Failed, detail)?;
                Decision::Refused(Error::Auth(BAD_CREDENTIALS.into()))
            }
            Verdict::Locked(until) => {
                // Only admins learn that it was the lock (audit, `users show`): the person
                // at the prompt sees what an unknown email or a wrong password shows (R26).
                audit(
                    tx,
                    login_event(),
                    Outcome::Denied,
                    format!("account locked until {}; password not checked", human(until)),
                )?;
                Decision::Refused(Error::Auth(BAD_CREDENTIALS.into()))
            }
            Verdict::Disabled => {
                // Said only after the right password (R26): only its holder learns it.
                audit(tx, login_event(), Outcome::Denied, "account disabled")?;
                Decision::Refused(Error::Auth(format!(
                    "the account {} is disabled: the password is right, but no login is allowed; ask an administrator of your organization to enable it (usermgr users enable {})",
                    account.display_email, account.display_email
                )))
            }
            Verdict::Expired => {
                audit(tx, login_event(), Outcome::Denied, "admin-set password expired unused")?;
                Decision::Refused(Error::Auth(format!(
                    "the password your administrator set for {} expired before it was used; ask an administrator to send you a reset email (usermgr send-instructions {} --reset)",
                    account.display_email, account.display_email
                )))
            }
            Verdict::ResetRequired => {
                // Open the window, void any earlier one (R8) and record the attempt; the
                // failure count starts over as after any right password.
                let org = match audited_login_org(tx, &fresh, wanted_org, now)? {
                    Ok(org) => org,
                    Err(e) => return Ok(Decision::Refused(e)),
                };
                tx.clear_login_failures(account.id)?;
                let window = window::open_window(tx, account.id, Some(org.id), now)?;
                audit(
                    tx,
                    event(now, &account.email, &org.name, Action::Login, &account.email),
                    Outcome::ResetRequired,
                    format!("reset window open until {}", human(window.deadline)),
                )?;
                Decision::Window(window)
            }
            Verdict::Ok => {
                let org = match audited_login_org(tx, &fresh, wanted_org, now)? {
                    Ok(org) => org,
                    Err(e) => return Ok(Decision::Refused(e)),
                };
                tx.clear_login_failures(account.id)?;
                if let Some(h) = &new_hash {
                    tx.rehash_password(account.id, h)?;
                }
                let secret = open_session(tx, account.id, org.id, now)?;
                let detail = if new_hash.is_some() { "password rehashed with current parameters" } else { "" };
                audit(tx, event(now, &account.email, &org.name, Action::Login, &account.email), Outcome::Ok, detail)?;
                Decision::Session(org, secret)
            }
        })
    })?;
    match outcome {
        Decision::Refused(e) => Err(e),
        Decision::Window(window) => Ok(LoginOutcome::Window { account, window }),
        Decision::Session(org, session) => Ok(LoginOutcome::Session {
            account,
            org,
            session,
        }),
    }
}

/// `usermgr login`: [`check_login`], then the timed prompt of a required reset or the
/// stored session. `password_stdin` and `print_token` say how a window or a session is
/// handed out.
pub fn login(
    ctx: &mut Ctx,
    raw_email: &str,
    password: SecretString,
    password_stdin: bool,
    print_token: bool,
) -> Result<()> {
    // The hash's buffer is made ready on another core while the database opens and the
    // login is read.
    let prepared = std::thread::spawn(|| Hasher::prepared(HashParams::default()));
    let mut store = ctx.open_store()?;
    let mut hasher = prepared
        .join()
        .map_err(|_| Error::internal("readying the hash's buffer panicked"))?;
    let wanted = ctx.global.org.clone();
    // While the password hashes, the stored session this login may replace is looked up.
    let (stored, now) = (ctx.stored_session(), ctx.now());
    let (outcome, before) = check_login_ahead(
        &mut store,
        ctx.clock(),
        &mut hasher,
        raw_email,
        password,
        wanted.as_deref(),
        |store| SessionBefore::lookup(store, stored, now),
    )?;
    match outcome {
        LoginOutcome::Window { account, window } => prompted::after_login(
            ctx,
            &mut store,
            &account,
            &window,
            &mut hasher,
            password_stdin,
            print_token,
        ),
        LoginOutcome::Session {
            account,
            org,
            session,
        } => finish_login(
            ctx,
            before,
            &account,
            &org,
            &session.secret,
            print_token,
            false,
        ),
    }
}

/// [`login_org`] after a right password: a refusal (an organization the account is not in)
/// is audited like every login attempt (R26) and returned as the inner error, so the audit
/// row commits alone.
fn audited_login_org(
    tx: &Tx<'_>,
    account: &Account,
    wanted: Option<&str>,
    now: i64,
) -> Result<Result<Org, Error>> {
    match login_org(tx, account, wanted) {
        Ok(org) => Ok(Ok(org)),
        Err(e @ Error::PermissionDenied(_)) => {
            audit(
                tx,
                event(now, "-", "-", Action::Login, &account.email),
                Outcome::Denied,
                format!("right password; {e}"),
            )?;
            Ok(Err(e))
        }
        Err(e) => Err(e),
    }
}

/// What a login attempt concluded, from the account's state at the moment of writing.
/// A disabled account is told so only after its right password (R26, R28).
fn verdict(
    state: &LoginState,
    disabled: bool,
    password_matches: bool,
    rules: &LoginRules,
    now: i64,
) -> Verdict {
    if is_locked(state, now) {
        Verdict::Locked(state.locked_until.unwrap_or(now))
    } else if !password_matches {
        Verdict::Bad
    } else if disabled {
        Verdict::Disabled
    } else if state.reset_required && temp_password_expired(state, rules, now) {
        Verdict::Expired
    } else if state.reset_required {
        Verdict::ResetRequired
    } else {
        Verdict::Ok
    }
}

/// What the login's write transaction decided.
enum Decision {
    Refused(Error),
    Window(Window),
    Session(Org, Session),
}
