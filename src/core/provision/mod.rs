//! Provisioning: adding users from arguments, a CSV/JSON batch, or the guided prompt
//! (R1–R6, R19), and reading such batches (also for `users update --from`).
//!
//! `add-users` runs in phases so that a batch is all or nothing and the slow part (argon2)
//! holds no lock: a read resolves the actor and the organization's parts, every row is
//! checked and classified (new account, existing account, already a member), the passwords
//! are hashed on every core outside any transaction, and one write transaction re-checks
//! each row's classification and inserts everything.

mod guided;
pub mod input;

use std::cell::RefCell;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use secrecy::{ExposeSecret, SecretString};

use crate::cli::AddUsersArgs;
use crate::contract::UserResult;
use crate::core::ask::new_password;
use crate::core::audit::{audit, event};
use crate::core::directory::{find_field, find_item, unknown_field};
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
use input::{Header, Origin, RawRow, RowPassword, Sink, Summary};

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
            reset_window: tx.setting_u64("reset_window")?,
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
pub fn add_users(args: &AddUsersArgs, ctx: &mut Ctx) -> Result<()> {
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
        for p in &mut planned {
            p.standing = Standing::of(tx.account_standing(p.email.key(), dir.org().id)?);
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
    let db_path = ctx.db_path()?;
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
                .filter(|(_, r)| r.status != "skipped")
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
                results[*i].instructions = o.status();
            }
        }
        Err(_) => {
            for i in &rows {
                results[*i].instructions = "failed";
            }
        }
    }
    print_results(ctx, &results, None)?;
    explain(ctx, &results, dir.reset_window, mail_settings.is_some());
    mail::failures(&delivered?)
}

/// Flag combinations clap cannot express.
fn check_flag_combinations(args: &AddUsersArgs) -> Result<()> {
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
fn resolve_defaults(args: &AddUsersArgs, dir: &Directory) -> Result<Defaults> {
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
fn read_rows(args: &AddUsersArgs, ctx: &Ctx, sink: &mut dyn Sink) -> Result<(String, Summary)> {
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

/// A `field.<name>` column that names no field is wrong for the whole file.
fn check_field_columns(names: &[String], dir: &Directory, label: &str) -> Result<()> {
    for name in names {
        if find_field(dir.org(), &dir.fields, name).is_err() {
            return Err(Error::invalid(format!(
                "{label}: column \"field.{}\": {}",
                input::quote(name).trim_matches('"'),
                input::limit_quote(unknown_field(dir.org(), &dir.fields, name), name)
            )));
        }
    }
    Ok(())
}

/// The one password of --password-stdin or --password-file, if given. A `password` column
/// with one of them is ambiguous.
fn shared_password(
    args: &AddUsersArgs,
    ctx: &Ctx,
    password_column: bool,
    dir: &Directory,
) -> Result<Option<(SecretString, &'static str)>> {
    let p = &args.password;
    let flag = if p.password_stdin {
        Some("--password-stdin")
    } else if p.password_file.is_some() {
        Some("--password-file")
    } else if p.generate_password {
        Some("--generate-password")
    } else if p.no_password {
        Some("--no-password")
    } else {
        None
    };
    if let (true, Some(flag)) = (password_column, flag) {
        return Err(Error::invalid(format!(
            "the input has a password column and {flag} was given; use one or the other"
        )));
    }
    let secret = if p.password_stdin {
        ctx.read_secret_line("--password-stdin")?
    } else if let Some(path) = &p.password_file {
        read_secret_file(path, "--password-file")?
    } else {
        return Ok(None);
    };
    let flag = flag.unwrap_or("--password-stdin");
    // The parts of the policy that do not depend on the email are checked once, not per row.
    // The stand-in address's local part is shorter than any allowed password.
    let stand_in = Email::parse("nobody@invalid.invalid")?;
    check_policy(secret.expose_secret(), &stand_in, dir.min_len)
        .map_err(|e| Error::invalid(format!("the password from {flag}: {e}")))?;
    Ok(Some((secret, flag)))
}

/// Checks each row against the organization and the flags as it is read, keeping only the
/// compact planned rows (R31); bad rows go to `errors`.
struct Planner<'a> {
    dir: &'a Directory,
    d: &'a Defaults,
    planned: Vec<Planned>,
    errors: Vec<RowError>,
    /// Whether a row chooses a permission set (R2).
    chooses_set: bool,
    /// The input's name, for file-level errors.
    label: String,
}

impl<'a> Planner<'a> {
    fn new(dir: &'a Directory, d: &'a Defaults, label: String) -> Planner<'a> {
        Planner {
            label,
            dir,
            d,
            planned: Vec::new(),
            errors: Vec::new(),
            chooses_set: false,
        }
    }
}

impl Sink for Planner<'_> {
    fn header(&mut self, header: &Header) -> Result<()> {
        check_field_columns(&header.field_columns, self.dir, &self.label)
    }

    fn row(&mut self, row: RawRow) -> Result<()> {
        if row.permission_set.is_some() && !self.chooses_set {
            self.dir.require_permissions()?;
            self.chooses_set = true;
        }
        let before = self.errors.len();
        let parts = check_parts(&row, self.dir, self.d, &mut self.errors);
        if let (Some((email, name, set_id, groups, sites, fields)), true) =
            (parts, self.errors.len() == before)
        {
            let parts =
                (!groups.is_empty() || !sites.is_empty() || !fields.is_empty()).then(|| {
                    Box::new(Assigned {
                        groups,
                        sites,
                        fields,
                    })
                });
            self.planned.push(Planned {
                origin: row.origin,
                email,
                name: name.into_boxed_str(),
                set_id,
                parts,
                password: row.password,
                generated: false,
                standing: Standing::New,
            });
        }
        Ok(())
    }

    fn error(&mut self, e: RowError) {
        self.errors.push(e);
    }
}

/// The parts of a row as checked: email, name, permission set, groups, sites and fields.
type Parts = (Email, String, i64, Vec<i64>, Vec<i64>, Vec<(i64, String)>);

/// Checks the parts of one row; each problem goes to `errors` with its column.
fn check_parts(
    row: &RawRow,
    dir: &Directory,
    d: &Defaults,
    errors: &mut Vec<RowError>,
) -> Option<Parts> {
    let origin = row.origin;
    let mut fail = |column: &str, msg: String, value: &str| {
        errors.push(RowError::at(origin, column, input::limit_quote(msg, value)))
    };
    let email = match Email::parse(&row.email) {
        Ok(e) => Some(e),
        Err(e) => {
            fail("email", e.to_string(), &row.email);
            None
        }
    };
    let name = validate_name(row.name.as_deref().unwrap_or("")).unwrap_or_else(|e| {
        fail("name", e.to_string(), row.name.as_deref().unwrap_or(""));
        String::new()
    });
    let set_id = match &row.permission_set {
        Some(n) => dir.set_by_name(n).map(|s| s.id).unwrap_or_else(|e| {
            fail("permission_set", e.to_string(), n);
            0
        }),
        None => d.set.unwrap_or(dir.default_set),
    };
    let mut groups = d.groups.clone();
    let mut sites = d.sites.clone();
    for (c, column, names, items, ids) in [
        (
            Collection::Groups,
            "groups",
            &row.groups,
            &dir.groups,
            &mut groups,
        ),
        (
            Collection::Sites,
            "sites",
            &row.sites,
            &dir.sites,
            &mut sites,
        ),
    ] {
        for name in names {
            match find_item(c, dir.org(), items, name) {
                Ok(i) if !ids.contains(&i.id) => ids.push(i.id),
                Ok(_) => {}
                Err(e) => fail(column, e.to_string(), name),
            }
        }
    }
    let mut fields = d.fields.clone();
    for (key, value) in &row.fields {
        let column = format!("field.{key}");
        match find_field(dir.org(), &dir.fields, key) {
            Ok(def) => match def.ty.validate(&def.name, value) {
                Ok(v) => {
                    fields.retain(|(id, _)| *id != def.id);
                    fields.push((def.id, v));
                }
                Err(e) => fail(&column, e.to_string(), value),
            },
            Err(e) => fail(&column, e.to_string(), key),
        }
    }
    email.map(|e| (e, name, set_id, groups, sites, fields))
}

/// An email that appears again is an invalid row naming the first (found by sorting, so no
/// second copy of every address is kept).
fn find_duplicates(planned: &[Planned], errors: &mut Vec<RowError>) {
    let mut order: Vec<u32> = (0..planned.len() as u32).collect();
    order.sort_by(|a, b| {
        planned[*a as usize]
            .email
            .key()
            .cmp(planned[*b as usize].email.key())
            .then(a.cmp(b))
    });
    let mut first: Option<&Planned> = None;
    for i in order {
        let p = &planned[i as usize];
        match first {
            Some(f) if f.email.key() == p.email.key() => errors.push(RowError::at(
                p.origin,
                "email",
                format!("{} appears again (first on {})", p.email.key(), f.origin),
            )),
            _ => first = Some(p),
        }
    }
}

/// Decides each new account's password (R5) and checks it against the policy (R10).
fn assign_passwords(
    args: &AddUsersArgs,
    ctx: &Ctx,
    planned: &mut [Planned],
    shared: Option<(SecretString, &'static str)>,
    column: bool,
    dir: &Directory,
    errors: &mut Vec<RowError>,
) -> Result<()> {
    let mut missing = false;
    for p in planned.iter_mut().filter(|p| p.standing == Standing::New) {
        if matches!(p.password, RowPassword::Unspecified) {
            p.password = match &shared {
                Some((pw, _)) => RowPassword::Given(pw.clone()),
                None if args.password.generate_password => RowPassword::Generate,
                None if args.password.no_password => RowPassword::None,
                None if column => {
                    errors.push(RowError::at(
                        p.origin,
                        "password",
                        "the password is empty; every new account in the input needs one",
                    ));
                    continue;
                }
                None => {
                    missing = true;
                    continue;
                }
            };
        }
        if let RowPassword::Given(pw) = &p.password {
            if let Err(e) = check_policy(pw.expose_secret(), &p.email, dir.min_len) {
                match &shared {
                    Some((_, flag)) => errors.push(RowError::new(
                        p.origin,
                        format!("the password from {flag}: {e}"),
                    )),
                    None => errors.push(RowError::at(p.origin, "password", e.to_string())),
                }
            }
        }
    }
    if missing && !ctx.interactive() {
        return Err(ctx.missing(
            "password source for the new accounts",
            "--password-stdin, --password-file F, --generate-password or --no-password (or a password column in --from)",
        ));
    }
    Ok(())
}

/// Fails with every invalid row at once (R19).
fn report_invalid(errors: Vec<RowError>, label: &str) -> Result<()> {
    report_rows(errors, label, "added")
}

/// Fails with every invalid row at once, saying nothing was `done` (R19).
pub fn report_rows(mut errors: Vec<RowError>, label: &str, done: &str) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by_key(|e| e.place);
    let mut bad: Vec<Origin> = errors.iter().map(|e| e.place).collect();
    bad.dedup();
    let n = bad.len();
    let unit = if label == "the command line" {
        "argument"
    } else {
        "row"
    };
    Err(Error::InvalidRows {
        summary: format!(
            "{label} has {n} invalid {unit}{}; nothing was {done}",
            if n == 1 { "" } else { "s" }
        ),
        details: errors,
    })
}

/// R4: members of this organization are a conflict unless --skip-existing.
fn check_members(planned: &[Planned], skip: bool, org: &Org) -> Result<()> {
    if skip {
        return Ok(());
    }
    let members: Vec<&str> = planned
        .iter()
        .filter(|p| p.standing == Standing::Member)
        .map(|p| p.email.display())
        .collect();
    match members.as_slice() {
        [] => Ok(()),
        [one] => Err(Error::Conflict(format!(
            "{one} is already a member of {}; nothing was added; pass --skip-existing to skip existing members",
            org.name
        ))),
        many => {
            let mut shown = many.iter().take(10).copied().collect::<Vec<_>>().join(", ");
            if many.len() > 10 {
                shown.push_str(", …");
            }
            Err(Error::Conflict(format!(
                "{} users are already members of {} ({shown}); nothing was added; pass --skip-existing to skip existing members",
                many.len(),
                org.name
            )))
        }
    }
}

/// On a terminal without a password flag: asks each new account's password, twice.
fn ask_passwords(ctx: &mut Ctx, planned: &mut [Planned], dir: &Directory) -> Result<()> {
    for p in planned
        .iter_mut()
        .filter(|p| p.standing == Standing::New && matches!(p.password, RowPassword::Unspecified))
    {
        let label = format!("Password for {}", p.email.display());
        p.password = RowPassword::Given(new_password(ctx, &p.email, dir.min_len, &label, None)?);
    }
    Ok(())
}

/// Turns "generate" into a fresh password for each new account.
fn generate_passwords(planned: &mut [Planned]) {
    for p in planned.iter_mut().filter(|p| p.standing == Standing::New) {
        if matches!(p.password, RowPassword::Generate) {
            p.password = RowPassword::Given(password::generate());
            p.generated = true;
        }
    }
}

thread_local! {
    /// One argon2 buffer per worker thread, reused for every hash it computes.
    static HASHER: RefCell<Option<Hasher>> = const { RefCell::new(None) };
}

/// Hashes with this thread's reusable hasher.
fn hash_on_this_thread(params: HashParams, pw: &SecretString) -> Result<String> {
    HASHER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let hasher = match slot.as_mut() {
            Some(h) if h.params() == params => h,
            _ => slot.insert(Hasher::new(params)),
        };
        hasher.hash(pw)
    })
}

/// Hashes the passwords of new accounts on every core; `None` for rows that keep none.
fn hash_new_passwords(
    ctx: &Ctx,
    planned: &[Planned],
    params: HashParams,
) -> Result<Vec<Option<String>>> {
    let count = planned
        .iter()
        .filter(|p| p.standing == Standing::New && matches!(p.password, RowPassword::Given(_)))
        .count();
    let bar = (ctx.stderr_tty && !ctx.global.quiet && count > PROGRESS_MIN).then(|| {
        let bar = ProgressBar::new(count as u64);
        if let Ok(style) =
            ProgressStyle::with_template("Hashing passwords {bar:30} {pos}/{len} ({elapsed})")
        {
            bar.set_style(style);
        }
        bar
    });
    let hashes = planned
        .par_iter()
        .map(|p| match (&p.password, p.standing) {
            (RowPassword::Given(pw), Standing::New) => {
                let h = hash_on_this_thread(params, pw)?;
                if let Some(b) = &bar {
                    b.inc(1);
                }
                Ok(Some(h))
            }
            _ => Ok(None),
        })
        .collect::<Result<Vec<_>>>();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    hashes
}

/// The printed result of a row that is (or would be) written with `standing`.
fn outcome(
    p: &Planned,
    standing: Standing,
    require_reset: bool,
    generated: Option<String>,
    org: &Org,
) -> UserResult {
    // Rows still without a password here are asked for one on the terminal before writing.
    let admin_set = !matches!(p.password, RowPassword::None);
    let (status, reset, reason) = match standing {
        Standing::New if admin_set => ("created", require_reset, None),
        Standing::New => ("created", false, Some("no password set".to_string())),
        Standing::Existing => (
            "added",
            false,
            Some(format!(
                "existing account: added to {}, password unchanged",
                org.name
            )),
        ),
        Standing::Member => (
            "skipped",
            false,
            Some(format!("already a member of {}", org.name)),
        ),
    };
    UserResult {
        email: p.email.display().to_string(),
        status,
        reset_required: reset,
        generated_password: if standing == Standing::New {
            generated
        } else {
            None
        },
        instructions: "none",
        reason,
        name: p.name.to_string(),
    }
}

/// Writes every row in the caller's transaction, re-checking how each email stands now:
/// another command may have created an account or a membership since the read.
fn write_rows(
    tx: &Tx<'_>,
    actor: &Actor,
    planned: &[Planned],
    hashes: &[Option<String>],
    skip_existing: bool,
    require_reset: bool,
    now: i64,
) -> Result<Vec<UserResult>> {
    let org = &actor.org;
    let mut results = Vec::with_capacity(planned.len());
    for (p, hash) in planned.iter().zip(hashes) {
        let found = tx.account_standing(p.email.key(), org.id)?;
        let standing = Standing::of(found);
        let membership = match (standing, found) {
            (Standing::New, _) => {
                if p.standing != Standing::New {
                    return Err(Error::Conflict(format!(
                        "the account of {} was deleted while this command ran; nothing was added; run it again",
                        p.email.display()
                    )));
                }
                let account_id = tx.insert_account(
                    &NewAccount {
                        email: p.email.key(),
                        display_email: p.email.display(),
                        name: &p.name,
                        password_hash: hash.as_deref(),
                        reset_required: require_reset,
                    },
                    now,
                )?;
                Some(tx.add_membership(account_id, org.id, p.set_id, now)?)
            }
            (Standing::Existing, Some((account_id, _))) => {
                Some(tx.add_membership(account_id, org.id, p.set_id, now)?)
            }
            (Standing::Member, _) if skip_existing => None,
            _ => {
                return Err(Error::Conflict(format!(
                    "{} became a member of {} while this command ran; nothing was added; run it again with --skip-existing",
                    p.email.display(),
                    org.name
                )))
            }
        };
        if let Some(m) = membership {
            if let Some(parts) = &p.parts {
                for g in &parts.groups {
                    tx.assign(Collection::Groups, *g, m)?;
                }
                for s in &parts.sites {
                    tx.assign(Collection::Sites, *s, m)?;
                }
                for (f, v) in &parts.fields {
                    tx.set_field_value(*f, m, v)?;
                }
            }
        }
        let generated = match (&p.password, p.standing) {
            (RowPassword::Given(pw), Standing::New) if p.generated => {
                Some(pw.expose_secret().to_string())
            }
            _ => None,
        };
        let result = outcome(p, standing, require_reset && hash.is_some(), generated, org);
        let detail = audit_detail(&result, p);
        let outcome_word = if result.status == "skipped" {
            "skipped"
        } else {
            "ok"
        };
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &org.name,
                "add_user",
                p.email.key(),
            ),
            outcome_word,
            detail,
        )?;
        results.push(result);
    }
    Ok(results)
}

/// Words for the audit log; never a password.
fn audit_detail(r: &UserResult, p: &Planned) -> String {
    match r.status {
        "created" => {
            let how = if r.generated_password.is_some() {
                "password generated"
            } else if matches!(p.password, RowPassword::Given(_)) {
                "password set by admin"
            } else {
                "no password"
            };
            let reset = if r.reset_required {
                "; reset required"
            } else {
                ""
            };
            format!("created; {how}{reset}")
        }
        "added" => "added existing account; password unchanged".into(),
        _ => "already a member".into(),
    }
}

/// Prints the result table or JSON. `dry_run` is `Some(whether instructions would be
/// sent)` for a dry run: people then read what would happen (`would be created`), while
/// JSON and CSV keep the status values scripts match on, with `"dry_run": true`.
fn print_results(ctx: &Ctx, results: &[UserResult], dry_run: Option<bool>) -> Result<()> {
    let would = dry_run.filter(|_| ctx.out.format() == crate::cli::OutputFormat::Table);
    let generated = results.iter().any(|r| r.generated_password.is_some());
    let mut headers = vec!["email", "status", "reset required", "instructions"];
    if generated {
        headers.push("generated password");
    }
    let rows = results
        .iter()
        .map(|r| {
            let (status, instructions) = match would {
                Some(emailing) => (
                    format!("would be {}", r.status),
                    if emailing && r.status != "skipped" {
                        "would be sent".to_string()
                    } else {
                        r.instructions.to_string()
                    },
                ),
                None => (r.status.to_string(), r.instructions.to_string()),
            };
            let mut row = vec![
                r.email.clone(),
                status,
                yes_no(r.reset_required),
                instructions,
            ];
            if generated {
                row.push(r.generated_password.clone().unwrap_or_default());
            }
            row
        })
        .collect();
    let json = crate::contract::AddUsersDoc {
        users: results,
        dry_run: dry_run.is_some(),
    };
    ctx.out.records(&Records {
        headers: &headers,
        rows,
        json: &json,
    })
}

/// Says on stderr what the table cannot: who must reset, and why other rows did not.
fn explain(ctx: &Ctx, results: &[UserResult], reset_window: u64, emailed: bool) {
    let window = describe_duration(reset_window);
    let resets: Vec<&UserResult> = results.iter().filter(|r| r.reset_required).collect();
    let who: Vec<&str> = resets
        .iter()
        .map(|r| {
            if r.name.is_empty() {
                r.email.as_str()
            } else {
                r.name.as_str()
            }
        })
        .collect();
    let who = match who.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        [first @ .., last] if who.len() <= 3 => Some(format!("{} and {last}", first.join(", "))),
        many => Some(format!("These {} users", many.len())),
    };
    if let Some(who) = who {
        ctx.say(format!(
            "{who} must set a new password within {window} of first logging in."
        ));
    }
    let added = results.iter().filter(|r| r.status == "added").count();
    if added > 0 {
        ctx.say(format!(
            "{added} already had an account and became a member with their current password; no reset is required of them."
        ));
    }
    let no_password = results
        .iter()
        .filter(|r| r.status == "created" && r.reason.is_some())
        .count();
    if no_password > 0 && !emailed {
        let (accounts, have, them) = if no_password == 1 {
            ("account", "has", "it")
        } else {
            ("accounts", "have", "them")
        };
        ctx.say(format!(
            "{no_password} new {accounts} {have} no password yet; send {them} instructions with `usermgr send-instructions EMAIL` to set one."
        ));
    }
    if results.iter().any(|r| r.generated_password.is_some()) {
        ctx.say("Generated passwords are shown only this once.");
    }
}
