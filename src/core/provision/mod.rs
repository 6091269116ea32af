//! Provisioning: adding users from arguments, a CSV/JSON batch, or the guided prompt
//! (R1–R6, R19), and reading such batches (also for `users update --from`).
//!
//! `add-users` runs in phases so that a batch is all or nothing and the slow part (argon2)
//! holds no lock: a read resolves the actor and the organization's parts, every row is
//! checked and classified (new account, existing account, already a member), the passwords
//! are hashed on every core outside any transaction, and one write transaction re-checks
//! each row's classification and inserts everything.

mod guided;
mod hash;
pub mod input;
mod plan;
mod report;
mod write;

use std::cell::RefCell;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use secrecy::{ExposeSecret, SecretString};

use crate::contract::{Instructions, RowStatus, UserResult};
use crate::core::ask::new_password;
use crate::core::audit::{event, Action, Outcome};
use crate::core::directory::{find_field, find_item, unknown_field};
use crate::core::settings::{self, Setting};
use crate::ctx::{read_secret_file, Actor, Ctx};
use crate::domain::duration::describe_duration;
use crate::domain::email::Email;
use crate::domain::fields::parse_assignment;
use crate::domain::password::{self, check_policy, HashParams, Hasher};
use crate::domain::permissions::Permission;
use crate::domain::validate_name;
use crate::error::{Error, Result};
use crate::mail::{self, CustomMessage};
use crate::output::{yes_no, Records};
use crate::store::{Collection, FieldDef, NamedItem, NewAccount, Org, PermissionSet, Tx};

use crate::error::RowError;
use hash::*;
use input::{Header, Origin, RawRow, RowPassword, Sink, Summary};
use plan::*;
pub use report::report_rows;
use report::*;
use write::*;

/// What `add-users` is asked to do, as its flags say it (the command maps them).
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Addresses to add (EMAIL arguments).
    pub emails: Vec<String>,
    /// A CSV or JSON file to read users from, `-` for standard input.
    pub from: Option<String>,
    /// The full name of the one address given.
    pub name: Option<String>,
    /// Where the passwords come from.
    pub password: PasswordChoice,
    /// New accounts must choose a new password at first login (R7).
    pub require_reset: bool,
    /// Email password instructions to each added user (R14).
    pub send_instructions: bool,
    /// The custom message of the instructions.
    pub message: mail::MessageSource,
    /// The permission set of the new members.
    pub permission_set: Option<String>,
    /// Groups of the new members.
    pub groups: Vec<String>,
    /// Sites of the new members.
    pub sites: Vec<String>,
    /// `KEY=VALUE` user fields of the new members.
    pub fields: Vec<String>,
    /// Report existing members as skipped instead of failing.
    pub skip_existing: bool,
    /// Check and show, write nothing.
    pub dry_run: bool,
}

/// Where the passwords of new accounts come from (at most one is set; none means a
/// `password` column, or a question per user on a terminal).
#[derive(Debug, Clone, Default)]
pub struct PasswordChoice {
    /// One password for every new account, from one line of standard input.
    pub password_stdin: bool,
    /// One password for every new account, from the first line of this file.
    pub password_file: Option<std::path::PathBuf>,
    /// A generated password per account, shown once.
    pub generate_password: bool,
    /// No password: the account sets one from an emailed token.
    pub no_password: bool,
}

/// Batches that hash more passwords than this show a progress bar (on a terminal).
const PROGRESS_MIN: usize = 10;

/// The organization as the command sees it: who acts, and the names rows may refer to.
struct Directory {
    actor: Actor,
    sets: Vec<PermissionSet>,
    default_set: i64,
    groups: Vec<NamedItem>,
    sites: Vec<NamedItem>,
    fields: Vec<FieldDef>,
    min_len: usize,
    params: HashParams,
    reset_window: u64,
}

impl Directory {
    fn load(tx: &Tx<'_>, ctx: &Ctx) -> Result<Directory> {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "adding users")?;
        let org = actor.org.id;
        Ok(Directory {
            sets: tx.permission_sets(org)?,
            default_set: tx.default_permission_set(org)?,
            groups: tx.named_items(Collection::Groups, org)?,
            sites: tx.named_items(Collection::Sites, org)?,
            fields: tx.field_defs(org)?,
            min_len: tx.min_password_length()?,
            params: tx.hash_params()?,
            reset_window: settings::number(tx, Setting::ResetWindow)?,
            actor,
        })
    }

    fn org(&self) -> &Org {
        &self.actor.org
    }

    /// A permission set new members may be given: it exists, and grants nothing the actor
    /// lacks.
    fn set_by_name(&self, name: &str) -> Result<&PermissionSet> {
        let set = self
            .sets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = self.sets.iter().map(|s| s.name.as_str()).collect();
                Error::invalid(format!(
                    "permission set {:?} does not exist in {} (permission sets: {})",
                    name.trim(),
                    self.org().name,
                    names.join(", ")
                ))
            })?;
        self.actor.require_at_least(
            &set.grants,
            &format!("giving new members permission set {}", set.name),
        )?;
        Ok(set)
    }

    fn require_permissions(&self) -> Result<()> {
        self.actor.require(
            Permission::Permissions,
            "choosing the permission set of new members",
        )
    }
}

/// What the command's flags say for every row.
#[derive(Default)]
struct Defaults {
    set: Option<i64>,
    groups: Vec<i64>,
    sites: Vec<i64>,
    fields: Vec<(i64, String)>,
}

/// How an existing email stands in the organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// No account: one is created.
    New,
    /// An account that is a member elsewhere only: a membership is added (R3).
    Existing,
    /// Already a member of this organization (R4).
    Member,
}

impl Standing {
    fn of(found: Option<(i64, bool)>) -> Standing {
        match found {
            None => Standing::New,
            Some((_, false)) => Standing::Existing,
            Some((_, true)) => Standing::Member,
        }
    }
}

/// A checked row, ready to be written.
///
/// A million of them are held at once for a large file (R31), so it is kept compact: the
/// name as a boxed string, and groups, sites and fields boxed apart, only when there are any.
struct Planned {
    origin: Origin,
    email: Email,
    name: Box<str>,
    set_id: i64,
    parts: Option<Box<Assigned>>,
    password: RowPassword,
    /// Whether this command generated the password (so it is shown, once).
    generated: bool,
    standing: Standing,
}

/// The groups, sites and field values of a planned row.
struct Assigned {
    groups: Vec<i64>,
    sites: Vec<i64>,
    fields: Vec<(i64, String)>,
}

/// The choices of the final step: from flags, or from the guided prompt.
struct Finish {
    require_reset: bool,
    send_instructions: bool,
    message: Option<CustomMessage>,
}

/// Adds users as `add-users` asks: plan every row, hash outside any transaction, write all
/// or nothing, then send instructions and report.
pub fn add_users(args: &Request, ctx: &mut Ctx) -> Result<()> {
    check_flag_combinations(args)?;
    let guided = args.emails.is_empty() && args.from.is_none();
    if guided && !ctx.interactive() {
        return Err(ctx.missing(
            "users to add",
            "EMAIL arguments or --from FILE (CSV or JSON, - for standard input)",
        ));
    }
    let mut store = ctx.open_store()?;
    let dir = store.read(|tx| Directory::load(tx, ctx))?;
    if args.permission_set.is_some() {
        dir.require_permissions()?;
    }
    let defaults = resolve_defaults(args, &dir)?;

    let from_label = match args.from.as_deref() {
        Some("-") => "standard input".to_string(),
        Some(f) => f.to_string(),
        None => "the input".to_string(),
    };
    let mut planner = Planner::new(&dir, &defaults, from_label);
    let (label, summary, finish) = if guided {
        let g = guided::run(ctx, &mut store, &dir, args)?;
        for row in g.rows {
            planner.row(row)?;
        }
        ("the prompt".to_string(), Summary::default(), g.finish)
    } else {
        let (label, summary) = read_rows(args, ctx, &mut planner)?;
        let finish = Finish {
            require_reset: args.require_reset,
            send_instructions: args.send_instructions,
            message: mail::read_message(&args.message)?,
        };
        (label, summary, finish)
    };
    if let Some(note) = summary.note() {
        ctx.say(note);
    }
    // R2: choosing a permission set, by flag or column, is never silently ignored.
    let chooses_set = defaults.set.is_some() || planner.chooses_set;
    let Planner {
        mut planned,
        mut errors,
        ..
    } = planner;
    find_duplicates(&planned, &mut errors);
    let shared = shared_password(args, ctx, summary.password_column, &dir)?;
    store.read(|tx| {
        let keys: Vec<&str> = planned.iter().map(|p| p.email.key()).collect();
        let found = tx.account_standings(&keys, dir.org().id)?;
        for p in &mut planned {
            p.standing = Standing::of(found.get(p.email.key()).copied());
        }
        Ok(())
    })?;
    assign_passwords(
        args,
        ctx,
        &mut planned,
        shared,
        summary.password_column,
        &dir,
        &mut errors,
    )?;
    report_invalid(errors, &label)?;
    check_members(&planned, args.skip_existing, dir.org())?;

    // Bad mail settings are found before any password is asked for or anything written (a dry run checks them too).
    let db_path = ctx.mail_anchor()?;
    let mail_settings = if finish.send_instructions {
        Some(store.read(|tx| mail::Settings::load(tx, &db_path, &ctx.env))?)
    } else {
        None
    };

    if args.dry_run {
        let results: Vec<UserResult> = planned
            .iter()
            .map(|p| outcome(p, p.standing, finish.require_reset, None, dir.org()))
            .collect();
        print_results(ctx, &results, Some(finish.send_instructions))?;
        ctx.say("Dry run: nothing was written.");
        return Ok(());
    }

    ask_passwords(ctx, &mut planned, &dir)?;
    generate_passwords(&mut planned);
    let hashes = hash_new_passwords(ctx, &planned, dir.params)?;
    let now = ctx.now();
    let (mut results, actor, pendings) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "adding users")?;
        if chooses_set {
            actor.require(
                Permission::Permissions,
                "choosing the permission set of new members",
            )?;
        }
        let results = write_rows(
            tx,
            &actor,
            &planned,
            &hashes,
            args.skip_existing,
            finish.require_reset,
            now,
        )?;
        // R14/R15: the emails are queued in this same transaction (tokens and outbox rows
        // commit with the accounts) and delivered after it.
        let mut pendings = Vec::new();
        if let Some(settings) = &mail_settings {
            for (i, r) in results
                .iter()
                .enumerate()
                .filter(|(_, r)| r.status != RowStatus::Skipped)
            {
                let key = r.email.to_lowercase();
                let account = tx
                    .account_by_email(&key)?
                    .ok_or_else(|| Error::internal(format!("{key} vanished while being added")))?;
                pendings.push((
                    i,
                    mail::queue_instructions(
                        tx,
                        settings,
                        &actor,
                        &account,
                        finish.message.as_ref(),
                        now,
                    )?,
                ));
            }
        }
        Ok((results, actor, pendings))
    })?;
    let (rows, pendings): (Vec<usize>, Vec<mail::Pending>) = pendings.into_iter().unzip();
    // The accounts are committed: whatever happens to the emails, the results (and any
    // generated password, shown only now) are printed before an error is returned.
    let delivered = match &mail_settings {
        Some(settings) => mail::deliver(ctx, &mut store, settings, &actor, pendings),
        None => Ok(Vec::new()),
    };
    match &delivered {
        // deliver returns one outcome per pending email, in order.
        Ok(outcomes) => {
            for (i, o) in rows.iter().zip(outcomes) {
                results[*i].instructions = if o.sent() {
                    Instructions::Sent
                } else {
                    Instructions::Failed
                };
            }
        }
        Err(_) => {
            for i in &rows {
                results[*i].instructions = Instructions::Failed;
            }
        }
    }
    print_results(ctx, &results, None)?;
    explain(ctx, &results, dir.reset_window, mail_settings.is_some());
    mail::failures(&delivered?)
}

/// Flag combinations clap cannot express.
fn check_flag_combinations(args: &Request) -> Result<()> {
    // The command line's argument groups allow one of each; a request built another way
    // gets the same rule here rather than a silent choice.
    let p = &args.password;
    let sources = [
        p.password_stdin,
        p.password_file.is_some(),
        p.generate_password,
        p.no_password,
    ];
    if sources.iter().filter(|s| **s).count() > 1 {
        return Err(Error::Usage(
            "choose one of --password-stdin, --password-file, --generate-password and --no-password".into(),
        ));
    }
    if args.message.message.is_some() && args.message.message_file.is_some() {
        return Err(Error::Usage(
            "choose one of --message and --message-file".into(),
        ));
    }
    if args.from.is_some() && !args.emails.is_empty() {
        return Err(Error::invalid(
            "give users either as EMAIL arguments or with --from FILE, not both",
        ));
    }
    if args.name.is_some() && args.emails.len() != 1 {
        return Err(Error::invalid(
            "--name is for a single EMAIL argument; for several users use --from FILE with a name column",
        ));
    }
    if args.password.password_stdin && args.from.as_deref() == Some("-") {
        return Err(Error::invalid(
            "--password-stdin cannot be used with --from -: standard input holds the users; use --password-file F or a password column",
        ));
    }
    let has_message = args.message.message.is_some() || args.message.message_file.is_some();
    if has_message && !args.send_instructions {
        return Err(Error::invalid(
            "--message and --message-file are for the instructions email; add --send-instructions",
        ));
    }
    Ok(())
}

/// Checks a custom message typed at the prompt with the mail module's rules.
fn check_message(text: &str) -> Result<String> {
    Ok(CustomMessage::parse(text, "the custom message")?
        .map(|m| m.as_str().to_string())
        .unwrap_or_default())
}

/// Checks --permission-set, --group, --site and --field once, for every row.
fn resolve_defaults(args: &Request, dir: &Directory) -> Result<Defaults> {
    let mut d = Defaults::default();
    if let Some(name) = &args.permission_set {
        d.set = Some(dir.set_by_name(name)?.id);
    }
    for g in &args.groups {
        d.groups
            .push(find_item(Collection::Groups, dir.org(), &dir.groups, g)?.id);
    }
    for s in &args.sites {
        d.sites
            .push(find_item(Collection::Sites, dir.org(), &dir.sites, s)?.id);
    }
    for f in &args.fields {
        let (key, value) = parse_assignment(f)?;
        let def = find_field(dir.org(), &dir.fields, &key)?;
        let value = def.ty.validate(&def.name, &value)?;
        d.fields.retain(|(id, _)| *id != def.id);
        d.fields.push((def.id, value));
    }
    Ok(d)
}

/// Streams the rows of the command line or of --from into `sink`.
fn read_rows(args: &Request, ctx: &Ctx, sink: &mut dyn Sink) -> Result<(String, Summary)> {
    let Some(from) = &args.from else {
        for (i, e) in args.emails.iter().enumerate() {
            let mut row = RawRow::new(Origin::Argument(i + 1), e.clone());
            row.name = args.name.clone();
            sink.row(row)?;
        }
        return Ok(("the command line".into(), Summary::default()));
    };
    let _ = ctx;
    read_from(from, sink)
}

/// Streams the users of `--from FILE` (or `-`, standard input) into `sink`, never holding
/// the whole input (R31).
pub fn read_from(from: &str, sink: &mut dyn Sink) -> Result<(String, Summary)> {
    use std::io::BufRead;
    let (label, mut reader): (String, Box<dyn BufRead>) = if from == "-" {
        (
            "standard input".to_string(),
            Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin())),
        )
    } else {
        let file = std::fs::File::open(Path::new(from))
            .map_err(|e| Error::invalid(format!("--from {from}: cannot read it: {e}")))?;
        (
            from.to_string(),
            Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
        )
    };
    let start = reader.fill_buf()?;
    let format = input::detect(from, start);
    let summary = input::read(reader, format, &label, sink)?;
    if summary.rows == 0 {
        return Err(Error::invalid(format!("{label} holds no users")));
    }
    Ok((label, summary))
}

#[cfg(test)]
mod request_tests {
    use super::*;

    #[test]
    fn a_request_with_two_password_or_message_sources_is_refused() {
        let two_passwords = Request {
            emails: vec!["jo@acme.test".into()],
            password: PasswordChoice {
                generate_password: true,
                no_password: true,
                ..PasswordChoice::default()
            },
            ..Request::default()
        };
        assert_eq!(
            check_flag_combinations(&two_passwords)
                .unwrap_err()
                .exit_code(),
            2
        );
        let two_messages = Request {
            emails: vec!["jo@acme.test".into()],
            send_instructions: true,
            message: mail::MessageSource {
                message: Some("hi".into()),
                message_file: Some("hi.txt".into()),
            },
            ..Request::default()
        };
        assert_eq!(
            check_flag_combinations(&two_messages)
                .unwrap_err()
                .exit_code(),
            2
        );
        let one_each = Request {
            emails: vec!["jo@acme.test".into()],
            send_instructions: true,
            message: mail::MessageSource {
                message: Some("hi".into()),
                message_file: None,
            },
            password: PasswordChoice {
                no_password: true,
                ..PasswordChoice::default()
            },
            ..Request::default()
        };
        assert!(check_flag_combinations(&one_each).is_ok());
    }
}
