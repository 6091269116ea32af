//! Passwords: which each new account gets (R5, R10), asked, generated, and hashed on every
//! core outside any transaction.

use super::*;

/// The one password of --password-stdin or --password-file, if given. A `password` column
/// with one of them is ambiguous.
pub(super) fn shared_password(
    args: &Request,
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

/// Decides each new account's password (R5) and checks it against the policy (R10).
pub(super) fn assign_passwords(
    args: &Request,
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

/// On a terminal without a password flag: asks each new account's password, twice.
pub(super) fn ask_passwords(ctx: &mut Ctx, planned: &mut [Planned], dir: &Directory) -> Result<()> {
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
pub(super) fn generate_passwords(planned: &mut [Planned]) {
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
pub(super) fn hash_on_this_thread(params: HashParams, pw: &SecretString) -> Result<String> {
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
pub(super) fn hash_new_passwords(
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
