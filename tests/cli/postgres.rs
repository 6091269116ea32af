//! SPEC §8 on PostgreSQL: rules that span rows hold when many processes write at once, a
//! lost server is exit 11 with nothing half-written, connection failures name the host and
//! never the password, and `db copy` moves a directory to PostgreSQL and back intact.
//!
//! These run in the PostgreSQL pass of scripts/test (`USERMGR_TEST_DB=postgres`); on SQLite
//! they return at once, saying so.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use mail_parser::MessageParser;

use crate::support::{on_postgres, pg_url_with_db, Cell, Sandbox, ADMIN, ADMIN_PW};

/// Whether this PostgreSQL test runs; on SQLite says why not.
fn postgres_only() -> bool {
    if !on_postgres() {
        eprintln!(
            "skipped on SQLite: a PostgreSQL test (scripts/test runs it with USERMGR_TEST_DB=postgres)"
        );
    }
    on_postgres()
}

fn text(out: &Output) -> String {
    format!(
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Starts usermgr in the sandbox with these arguments, stdin written then closed.
fn spawn(sb: &Sandbox, env: &[(&str, &str)], args: &[&str], stdin: &str) -> Child {
    let mut c = sb.std_cmd();
    c.envs(env.iter().copied())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn usermgr");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    child
}

/// Waits for every process; returns their outputs in order.
fn wait_all(children: Vec<Child>) -> Vec<Output> {
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait usermgr"))
        .collect()
}

/// Number of members whose permission set is Administrator.
fn administrators(sb: &Sandbox) -> i64 {
    sb.sql(
        "SELECT count(*) FROM memberships m JOIN permission_sets p ON p.id = m.permission_set_id \
         WHERE p.name = 'Administrator'",
    )
}

/// The token (`sp_…` or `re_…`) in the newest email of the sandbox's default outbox.
fn token_in_newest_email(sb: &Sandbox) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(sb.outbox_dir())
        .expect("the outbox folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
    let raw = std::fs::read(files.last().expect("an email")).unwrap();
    let message = MessageParser::default().parse(&raw).expect("an email");
    let body = message.body_text(0).expect("a text part").into_owned();
    body.split_whitespace()
        .find(|w| w.starts_with("sp_") || w.starts_with("re_"))
        .unwrap_or_else(|| panic!("no token in:\n{body}"))
        .to_string()
}

#[test]
fn eight_processes_adding_users_at_once_lose_nothing() {
    if !postgres_only() {
        return;
    }
    let sb = Sandbox::with_admin();
    let token = sb.login(ADMIN, ADMIN_PW);
    let mut children = Vec::new();
    for p in 0..8 {
        let file = sb.path().join(format!("batch{p}.csv"));
        let mut csv = String::from("email,name\n");
        for i in 0..60 {
            csv.push_str(&format!("p{p}u{i}@load.test,User {p} {i}\n"));
        }
        std::fs::write(&file, csv).unwrap();
        // Half of them hash generated passwords, so the writers overlap with hashing.
        let mode = if p % 2 == 0 {
            "--no-password"
        } else {
            "--generate-password"
        };
        let file = file.to_str().unwrap().to_string();
        children.push(spawn(
            &sb,
            &[("USERMGR_TOKEN", &token)],
            &["-o", "json", "add-users", "--from", &file, mode],
            "",
        ));
    }
    for (p, out) in wait_all(children).iter().enumerate() {
        assert!(out.status.success(), "process {p}: {}", text(out));
    }
    assert_eq!(sb.count("accounts"), 1 + 8 * 60);
    assert_eq!(sb.count("memberships"), 1 + 8 * 60);
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM accounts WHERE password_hash IS NOT NULL"),
        1 + 4 * 60
    );
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM audit_log WHERE action = 'add_user'"),
        8 * 60
    );
}

#[test]
fn one_token_redeemed_by_twenty_processes_at_once_is_redeemed_once() {
    if !postgres_only() {
        return;
    }
    let sb = Sandbox::with_admin();
    sb.ok(
        &[
            "add-users",
            "nia@acme.test",
            "--no-password",
            "--send-instructions",
        ],
        None,
    );
    let token = token_in_newest_email(&sb);
    assert!(token.starts_with("sp_"), "{token}");
    let passwords: Vec<String> = (0..20).map(|i| format!("nias-password-{i:02}-x")).collect();
    let children = passwords
        .iter()
        .map(|pw| {
            spawn(
                &sb,
                &[],
                &["reset", "--token", &token, "--password-stdin"],
                &format!("{pw}\n"),
            )
        })
        .collect();
    let outs = wait_all(children);
    let winners: Vec<usize> = (0..20).filter(|&i| outs[i].status.success()).collect();
    assert_eq!(winners.len(), 1, "winners {winners:?}");
    for (i, out) in outs.iter().enumerate() {
        if i != winners[0] {
            assert_eq!(out.status.code(), Some(4), "process {i}: {}", text(out));
        }
    }
    assert_eq!(
        sb.sql::<i64>(
            "SELECT count(*) FROM tokens WHERE kind = 'set_password' AND used_at IS NOT NULL"
        ),
        1
    );
    let audited = |outcome: &str| -> i64 {
        sb.sql(&format!(
            "SELECT count(*) FROM audit_log WHERE target = 'nia@acme.test' AND action = 'reset' AND outcome = '{outcome}'"
        ))
    };
    assert_eq!((audited("ok"), audited("denied")), (1, 19));
    // The password that won is the one stored; another one is not.
    sb.login("nia@acme.test", &passwords[winners[0]]);
    let loser = passwords[(winners[0] + 1) % 20].as_str();
    sb.fails(
        4,
        &["login", "nia@acme.test", "--password-stdin"],
        Some(loser),
    );
}

#[test]
fn two_admins_demoting_each_other_at_once_leave_one_administrator() {
    if !postgres_only() {
        return;
    }
    const TOM: &str = "tom@acme.test";
    const TOM_PW: &str = "toms-admin-password-1";
    let sb = Sandbox::with_admin();
    sb.ok(
        &[
            "add-users",
            TOM,
            "--password-stdin",
            "--permission-set",
            "Administrator",
        ],
        Some(TOM_PW),
    );
    let tom = sb.login(TOM, TOM_PW);
    let admin = sb.login(ADMIN, ADMIN_PW);
    // Several rounds: each time both start together; one wins, the other is no longer an
    // administrator (or would leave none) and is refused.
    for round in 0..4 {
        assert_eq!(administrators(&sb), 2, "round {round} starts with two");
        let children = vec![
            spawn(
                &sb,
                &[("USERMGR_TOKEN", &admin)],
                &["users", "set-permission-set", TOM, "Standard"],
                "",
            ),
            spawn(
                &sb,
                &[("USERMGR_TOKEN", &tom)],
                &["users", "set-permission-set", ADMIN, "Standard"],
                "",
            ),
        ];
        let outs = wait_all(children);
        let ok = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(
            ok,
            1,
            "round {round}: {}\n{}",
            text(&outs[0]),
            text(&outs[1])
        );
        let refused = outs.iter().find(|o| !o.status.success()).unwrap();
        assert_eq!(refused.status.code(), Some(5), "{}", text(refused));
        assert_eq!(administrators(&sb), 1, "round {round}");
        // The one still an administrator promotes the other back.
        let (winner, loser) = if outs[0].status.success() {
            (&admin, TOM)
        } else {
            (&tom, ADMIN)
        };
        sb.ok_as(
            winner,
            &["users", "set-permission-set", loser, "Administrator"],
            None,
        );
    }
}

/// SPEC §8: a deadlock is retried. usermgr's own writers queue on one lock, so the
/// deadlock here is with a session outside usermgr: it holds a row usermgr's write needs,
/// then asks for usermgr's write lock. The server aborts usermgr's transaction (it waited
/// first); usermgr runs it again and succeeds once the other session commits.
#[test]
fn a_write_that_deadlocks_with_another_session_is_run_again_and_succeeds() {
    if !postgres_only() {
        return;
    }
    const ANN: &str = "ann@acme.test";
    let sb = Sandbox::with_admin();
    sb.ok(&["add-users", ANN, "--no-password"], None);
    let connect = || postgres::Client::connect(&sb.db_arg(), postgres::NoTls).expect("connect");
    let (mut other, mut monitor) = (connect(), connect());
    let mut tx = other.transaction().expect("begin");
    tx.execute("UPDATE accounts SET name = name WHERE email = $1", &[&ANN])
        .expect("lock ann's row");
    let child = spawn(&sb, &[], &["users", "disable", ANN], "");
    // Wait until usermgr holds its write lock and waits for ann's row.
    let start = Instant::now();
    loop {
        let waiting: i64 = monitor
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND wait_event_type = 'Lock' AND query LIKE '%accounts%'",
                &[],
            )
            .expect("pg_stat_activity")
            .get(0);
        if waiting == 1 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "usermgr never waited for the row"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The cycle: this session now waits for usermgr's write lock. The server finds the
    // deadlock in usermgr's backend, which waited first, and aborts its transaction; this
    // session then gets the lock.
    tx.batch_execute("SELECT pg_advisory_xact_lock(33059451823810418)")
        .expect("this session is not the one aborted");
    tx.commit().expect("commit");
    let out = wait_all(vec![child]).remove(0);
    assert!(out.status.success(), "{}", text(&out));
    let disabled: i64 = sb.sql(&format!(
        "SELECT count(*) FROM accounts WHERE email = '{ANN}' AND disabled_at IS NOT NULL"
    ));
    assert_eq!(disabled, 1, "the write ran again and committed");
}

#[test]
fn four_processes_migrating_an_empty_database_at_once_leave_one_schema() {
    if !postgres_only() {
        return;
    }
    // The schema a single process makes, to compare with.
    let single = Sandbox::with_admin();
    let schema = |sb: &Sandbox| -> Vec<Vec<Cell>> {
        sb.rows(
            "SELECT table_name::text, column_name::text, data_type::text \
             FROM information_schema.columns \
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema') \
             ORDER BY 1, 2",
        )
    };
    let indexes = |sb: &Sandbox| -> i64 {
        sb.sql("SELECT count(*) FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
    };
    for round in 0..3 {
        let sb = Sandbox::new();
        assert!(!sb.db_created());
        // Four `init`s at once: each migrates the empty database (under the lock), one
        // makes the directory, the others find it made.
        let children = (0..4)
            .map(|_| {
                spawn(
                    &sb,
                    &[],
                    &[
                        "init",
                        "--org",
                        "Acme",
                        "--admin",
                        ADMIN,
                        "--password-stdin",
                    ],
                    &format!("{ADMIN_PW}\n"),
                )
            })
            .collect();
        let outs = wait_all(children);
        let made = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(made, 1, "round {round}: one init makes the directory");
        for out in outs.iter().filter(|o| !o.status.success()) {
            assert_eq!(out.status.code(), Some(7), "round {round}: {}", text(out));
        }
        assert_eq!(
            sb.sql::<i64>("SELECT version FROM usermgr_schema"),
            single.sql::<i64>("SELECT version FROM usermgr_schema"),
        );
        assert_eq!(sb.count("usermgr_schema"), 1);
        assert_eq!(schema(&sb), schema(&single), "round {round}");
        assert_eq!(indexes(&sb), indexes(&single), "round {round}");
        assert_eq!(sb.count("organizations"), 1);
        assert_eq!(sb.count("accounts"), 1);
        let doctor = sb.json(&["doctor"], None);
        assert!(
            !doctor.to_string().contains("\"error\""),
            "round {round}: {doctor}"
        );
        sb.login(ADMIN, ADMIN_PW);
        assert_eq!(
            sb.json(&["users", "list"], None)["users"][0]["email"],
            ADMIN
        );
    }
}

#[test]
fn wrong_password_in_the_url_is_exit_11_without_the_password() {
    if !postgres_only() {
        return;
    }
    let sb = Sandbox::with_admin();
    const WRONG: &str = "Wrong-Secret-Pass-42";
    let url = sb.db_arg();
    let (head, rest) = url.split_once('@').expect("a URL with a user");
    let user = head.rsplit_once(':').expect("user:password").0;
    let wrong = format!("{user}:{WRONG}@{rest}");
    for args in [
        &["users", "list"][..],
        &["-o", "json", "doctor"][..],
        &["login", ADMIN, "--password-stdin"][..],
        &[
            "init",
            "--org",
            "Beta",
            "--admin",
            "b@beta.test",
            "--password-stdin",
        ][..],
    ] {
        let out = sb
            .cmd()
            .env("USERMGR_DB", &wrong)
            .args(args)
            .write_stdin(format!("{ADMIN_PW}\n"))
            .output()
            .unwrap();
        let all = text(&out);
        assert_eq!(out.status.code(), Some(11), "{args:?}: {all}");
        assert!(!all.contains(WRONG), "{args:?} shows the password: {all}");
        assert!(all.contains("127.0.0.1"), "{args:?} names the host: {all}");
    }
    // Nothing was written with the right one either.
    assert_eq!(sb.count("organizations"), 1);
}

#[test]
fn unreachable_server_is_exit_11_within_six_seconds_naming_the_host() {
    if !postgres_only() {
        return;
    }
    let sb = Sandbox::new();
    // A closed loopback port (refused at once) and an address nothing answers (TEST-NET-1).
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for (host, url) in [
        (
            "127.0.0.1",
            format!("postgres://usermgr:Hidden-Pass-7@127.0.0.1:{closed}/usermgr"),
        ),
        (
            "192.0.2.1",
            "postgresql://usermgr:Hidden-Pass-7@192.0.2.1:5432/usermgr".to_string(),
        ),
    ] {
        let started = Instant::now();
        let out = sb
            .cmd()
            .env("USERMGR_DB", &url)
            .args(["users", "list"])
            .output()
            .unwrap();
        let took = started.elapsed();
        let all = text(&out);
        assert_eq!(out.status.code(), Some(11), "{host}: {all}");
        assert!(all.contains(host), "names {host}: {all}");
        assert!(!all.contains("Hidden-Pass-7"), "{all}");
        assert!(
            took < Duration::from_millis(6_500),
            "{host}: gave up after {took:?}"
        );
    }
}

/// A PostgreSQL server of the test's own (scripts/pg-throwaway), removed on drop.
struct OwnServer {
    dir: tempfile::TempDir,
}

const THROWAWAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/pg-throwaway");

impl OwnServer {
    fn start() -> (OwnServer, String) {
        let dir = tempfile::Builder::new()
            .prefix("usermgr-pg-own")
            .tempdir()
            .unwrap();
        let server = OwnServer { dir };
        let url = server.run("start");
        (server, url)
    }

    fn run(&self, what: &str) -> String {
        let out = Command::new(THROWAWAY)
            .arg(what)
            .arg(self.dir.path())
            .output()
            .expect("run scripts/pg-throwaway");
        assert!(out.status.success(), "pg-throwaway {what}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let _ = Command::new(THROWAWAY)
            .arg("stop")
            .arg(self.dir.path())
            .output();
    }
}

#[test]
fn server_killed_mid_batch_leaves_no_partial_rows_and_exit_11() {
    if !postgres_only() {
        return;
    }
    let (server, base) = OwnServer::start();
    let url = pg_url_with_db(&base, "usermgr");
    let password = base
        .split_once("://")
        .and_then(|(_, r)| r.split_once('@'))
        .and_then(|(u, _)| u.split_once(':'))
        .map(|(_, p)| p.to_string())
        .expect("a password in the URL");
    let mut admin = postgres::Client::connect(&base, postgres::NoTls).unwrap();
    admin.batch_execute("CREATE DATABASE usermgr").unwrap();
    let mut watch = postgres::Client::connect(&url, postgres::NoTls).unwrap();

    let sb = Sandbox::new_on(false);
    let with_url = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["--db".to_string(), url.clone()];
        full.extend(args.iter().map(|s| s.to_string()));
        full
    };
    let init = with_url(&[
        "init",
        "--org",
        "Acme",
        "--admin",
        ADMIN,
        "--password-stdin",
    ]);
    let init: Vec<&str> = init.iter().map(String::as_str).collect();
    sb.ok(&init, Some(ADMIN_PW));

    let file = sb.path().join("big.csv");
    let mut csv = String::from("email,name\n");
    for i in 0..30_000 {
        csv.push_str(&format!("u{i}@load.test,User {i}\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let add = with_url(&[
        "add-users",
        "--no-password",
        "--from",
        file.to_str().unwrap(),
    ]);
    let add: Vec<&str> = add.iter().map(String::as_str).collect();
    let mut child = spawn(&sb, &[], &add, "");

    // As soon as the batch's transaction has written (it holds a transaction id), the
    // server stops at once.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let writing: i64 = watch
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL",
                &[],
            )
            .unwrap()
            .get(0);
        if writing > 0 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the batch finished before it was seen writing"
        );
        assert!(Instant::now() < deadline, "the batch never started writing");
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(watch);
    drop(admin);
    server.run("stop");
    let out = child.wait_with_output().unwrap();
    let all = text(&out);
    assert_eq!(out.status.code(), Some(11), "{all}");
    assert!(all.contains("127.0.0.1"), "names the host: {all}");
    assert!(!all.contains(&password), "shows the password: {all}");

    // Back up: not one row of the batch, and the directory works.
    server.run("start");
    let mut check = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let count = |c: &mut postgres::Client, table: &str| -> i64 {
        c.query_one(&format!("SELECT count(*) FROM {table}"), &[])
            .unwrap()
            .get(0)
    };
    assert_eq!(count(&mut check, "accounts"), 1);
    assert_eq!(count(&mut check, "memberships"), 1);
    let audit: i64 = check
        .query_one(
            "SELECT count(*) FROM audit_log WHERE action = 'add_user'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(audit, 0);
    let list = with_url(&["-o", "json", "users", "list"]);
    let list: Vec<&str> = list.iter().map(String::as_str).collect();
    let v: serde_json::Value = serde_json::from_str(&sb.ok(&list, None)).unwrap();
    assert_eq!(v["users"].as_array().unwrap().len(), 1, "{v}");
}

/// Every row of every usermgr table, normalised (flags as integers) and sorted, so a SQLite
/// and a PostgreSQL directory compare equal when they hold the same data.
fn contents(
    sb: &Sandbox,
    tables: &[String],
    columns: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let mut all = Vec::new();
    for t in tables {
        let cols = &columns[t];
        let mut rows: Vec<String> = sb
            .rows(&format!("SELECT {} FROM {t}", cols.join(", ")))
            .into_iter()
            .map(|r| {
                let r: Vec<Cell> = r
                    .into_iter()
                    .map(|c| match c {
                        Cell::Bool(b) => Cell::Int(i64::from(b)),
                        other => other,
                    })
                    .collect();
                format!("{t}: {r:?}")
            })
            .collect();
        rows.sort();
        all.extend(rows);
    }
    all
}

/// Runs `usermgr db copy SRC DEST` in the sandbox.
fn db_copy(sb: &Sandbox, src: &str, dest: &str) {
    sb.ok(&["db", "copy", src, dest], None);
}

#[test]
fn db_copy_of_ten_thousand_members_to_postgres_and_back_keeps_logins_resets_and_audit() {
    if std::env::var_os("USERMGR_TEST_PG").is_none() {
        eprintln!("skipped: needs a PostgreSQL server (USERMGR_TEST_PG; scripts/test starts one)");
        return;
    }
    let src = Sandbox::with_admin_on(false);
    // 10,000 members: 30 with their own password from a CSV, the rest without.
    let with_pw = src.path().join("with-passwords.csv");
    let without = src.path().join("members.csv");
    let (mut csv_pw, mut csv) = (
        String::from("email,name,password\n"),
        String::from("email,name\n"),
    );
    let mut logins = Vec::new();
    for i in 0..10_000 {
        if i % 333 == 0 {
            let pw = format!("member-{i}-password-x");
            csv_pw.push_str(&format!("m{i}@acme.test,Member {i},{pw}\n"));
            logins.push((format!("m{i}@acme.test"), pw));
        } else {
            csv.push_str(&format!("m{i}@acme.test,Member {i}\n"));
        }
    }
    std::fs::write(&with_pw, csv_pw).unwrap();
    std::fs::write(&without, csv).unwrap();
    src.ok(&["add-users", "--from", with_pw.to_str().unwrap()], None);
    src.ok(
        &[
            "add-users",
            "--from",
            without.to_str().unwrap(),
            "--no-password",
        ],
        None,
    );
    // A member who must change the password at the next login, and a pending reset email.
    src.ok(
        &[
            "add-users",
            "jo@acme.test",
            "--password-stdin",
            "--require-reset",
        ],
        Some("jos-temporary-pass-1"),
    );
    src.ok(
        &["add-users", "sam@acme.test", "--password-stdin"],
        Some("sams-old-password-1"),
    );
    src.ok(&["send-instructions", "sam@acme.test", "--reset"], None);
    let reset_token = token_in_newest_email(&src);
    src.ok(&["groups", "create", "Ops"], None);
    src.ok(&["users", "disable", "m1@acme.test"], None);
    assert_eq!(src.count("accounts"), 10_003);

    let tables: Vec<String> =
        src.column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    let columns: BTreeMap<String, Vec<String>> = tables
        .iter()
        .map(|t| {
            (
                t.clone(),
                src.column(&format!(
                    "SELECT name FROM pragma_table_info('{t}') ORDER BY cid"
                )),
            )
        })
        .collect();
    let before = contents(&src, &tables, &columns);

    // To PostgreSQL: the same rows.
    let pg = Sandbox::new_on(true);
    db_copy(&src, &src.db_arg(), &pg.db_arg());
    assert!(
        contents(&pg, &tables, &columns) == before,
        "SQLite → PostgreSQL changed rows"
    );

    // And back to a new SQLite file: the same rows again.
    let back = Sandbox::new_on(false);
    db_copy(&src, &pg.db_arg(), &back.db_arg());
    assert!(
        contents(&back, &tables, &columns) == before,
        "PostgreSQL → SQLite changed rows"
    );

    // On both copies: every login works, the required reset is still required, and the
    // emailed reset token still resets (once).
    for copy in [&pg, &back] {
        for (email, pw) in &logins {
            copy.login(email, pw);
        }
        copy.fails(
            10,
            &["login", "jo@acme.test", "--password-stdin"],
            Some("jos-temporary-pass-1"),
        );
        copy.fails(
            4,
            &["login", "m1@acme.test", "--password-stdin"],
            Some("whatever-password-1"),
        );
        copy.ok(
            &["reset", "--token", &reset_token, "--password-stdin"],
            Some("sams-new-password-1"),
        );
        copy.login("sam@acme.test", "sams-new-password-1");
        copy.fails(
            4,
            &["reset", "--token", &reset_token, "--password-stdin"],
            Some("sams-other-password-1"),
        );
    }
}

#[test]
fn db_copy_into_a_directory_that_is_not_empty_is_refused_and_changes_nothing() {
    if !postgres_only() {
        return;
    }
    let src = Sandbox::with_admin_on(false);
    src.ok(&["add-users", "kim@acme.test", "--no-password"], None);
    let dest = Sandbox::with_admin_on(true);
    let before = dest.db_bytes();
    let out = src.run(&["db", "copy", &src.db_arg(), &dest.db_arg()], None);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(dest.db_bytes() == before, "DEST changed");
}

/// A PgBouncer in session mode in front of the test server, stopped when dropped.
struct Bouncer {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl Drop for Bouncer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Bouncer {
    /// Starts one that passes connections for `url`'s user on to `url`'s server: SCRAM
    /// between client and pooler, a server connection per client session, reset with
    /// `DISCARD ALL` when the client leaves. Run as the `postgres` account under root
    /// (PgBouncer refuses root).
    fn start(url: &str) -> Bouncer {
        use std::os::unix::process::CommandExt;
        let bin = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
            .expect(
                "pgbouncer is not installed: apt-get install -y pgbouncer (.ci/run installs it)",
            );
        let rest = url.split_once("://").expect("a URL").1;
        let (userinfo, hostpart) = rest.rsplit_once('@').expect("a URL with a user");
        let (user, password) = userinfo.split_once(':').expect("user:password");
        let (hostport, db) = hostpart.split_once('/').expect("a URL with a database");
        let (host, port) = hostport.rsplit_once(':').expect("host:port");
        let listen = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pgbouncer.ini"),
            format!(
                "[databases]\n* = host={host} port={port}\n[pgbouncer]\nlisten_addr = 127.0.0.1\n\
                 listen_port = {listen}\nunix_socket_dir =\nauth_type = scram-sha-256\n\
                 auth_file = {}\npool_mode = session\ndefault_pool_size = 4\n",
                dir.path().join("userlist.txt").display()
            ),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("userlist.txt"),
            format!("\"{user}\" \"{password}\"\n"),
        )
        .unwrap();
        let mut cmd = Command::new(bin);
        cmd.arg(dir.path().join("pgbouncer.ini"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
        if root {
            let id = |flag: &str| -> u32 {
                let out = Command::new("id")
                    .args([flag, "postgres"])
                    .output()
                    .unwrap();
                String::from_utf8(out.stdout)
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap()
            };
            let (uid, gid) = (id("-u"), id("-g"));
            for p in [
                dir.path().to_path_buf(),
                dir.path().join("pgbouncer.ini"),
                dir.path().join("userlist.txt"),
            ] {
                std::os::unix::fs::chown(&p, Some(uid), Some(gid)).unwrap();
            }
            cmd.uid(uid).gid(gid);
        }
        let child = cmd.spawn().expect("start pgbouncer");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", listen)).is_err() {
            assert!(
                Instant::now() < deadline,
                "pgbouncer did not start listening on {listen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Bouncer {
            child,
            url: format!("postgres://{user}:{password}@127.0.0.1:{listen}/{db}"),
            _dir: dir,
        }
    }
}

#[test]
fn every_command_works_through_pgbouncer_in_session_mode() {
    if !postgres_only() {
        return;
    }
    // A pooler refuses startup parameters it does not know (PgBouncer: `options`), and hands
    // a server connection that another client used, its prepared statements discarded.
    let sb = Sandbox::new();
    let bouncer = Bouncer::start(&sb.db_arg());
    let run = |args: &[&str], stdin: &str| {
        let out = sb
            .cmd()
            .env("USERMGR_DB", &bouncer.url)
            .args(args)
            .write_stdin(stdin.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?} through pgbouncer: {}",
            text(&out)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let pw = format!("{ADMIN_PW}\n");
    run(
        &[
            "init",
            "--org",
            "Pooled",
            "--admin",
            ADMIN,
            "--password-stdin",
        ],
        &pw,
    );
    for _ in 0..3 {
        // Each login is a new client on a server connection the one before used.
        run(&["login", ADMIN, "--password-stdin"], &pw);
    }
    run(
        &["add-users", "--from", "-", "--no-password"],
        "email\na@pool.test\nb@pool.test\n",
    );
    let list = run(&["-o", "json", "users", "list"], "");
    for who in [ADMIN, "a@pool.test", "b@pool.test"] {
        assert!(list.contains(who), "{who} missing from: {list}");
    }
    // What went through the pooler is on the server.
    assert_eq!(sb.count("accounts"), 3);
    assert_eq!(sb.count("sessions"), 4);
}

#[test]
fn a_login_of_an_account_with_nothing_to_clear_does_not_write_its_row() {
    if !postgres_only() {
        return;
    }
    let sb = Sandbox::with_admin();
    let version = || -> String {
        sb.sql(&format!(
            "SELECT CAST(xmin AS TEXT) || ':' || CAST(failed_logins AS TEXT) FROM accounts WHERE email = '{ADMIN}'"
        ))
    };
    sb.ok(&["login", ADMIN, "--password-stdin"], Some(ADMIN_PW));
    let before = version();
    sb.ok(&["login", ADMIN, "--password-stdin"], Some(ADMIN_PW));
    assert_eq!(
        version(),
        before,
        "a login rewrote an account with no failures to clear"
    );
    // A failure is counted, and the next right password clears it.
    sb.fails(
        4,
        &["login", ADMIN, "--password-stdin"],
        Some("wrong-password-1"),
    );
    assert!(version().ends_with(":1"), "{}", version());
    sb.ok(&["login", ADMIN, "--password-stdin"], Some(ADMIN_PW));
    assert!(version().ends_with(":0"), "{}", version());
    // Each login readied its write with one it rolled back: none of it stays.
    let rehearsed: i64 = sb.sql(
        "SELECT (SELECT count(*) FROM sessions WHERE id < 0 OR token_hash LIKE 'rehearsal:%')
              + (SELECT count(*) FROM audit_log WHERE id < 0 OR action = '')",
    );
    assert_eq!(rehearsed, 0);
}

/// The schema's shape on PostgreSQL: columns, constraints, indexes, triggers and functions.
fn shape(sb: &Sandbox) -> Vec<Vec<Cell>> {
    sb.rows(
        "SELECT 'column', table_name::text || '.' || column_name::text, data_type::text
           FROM information_schema.columns WHERE table_schema = 'public'
         UNION ALL
         SELECT 'constraint', conrelid::regclass::text || '.' || conname::text, pg_get_constraintdef(oid)
           FROM pg_constraint WHERE connamespace = 'public'::regnamespace
         UNION ALL
         SELECT 'index', indexname::text, indexdef::text FROM pg_indexes WHERE schemaname = 'public'
         UNION ALL
         SELECT 'trigger', tgrelid::regclass::text || '.' || tgname::text, pg_get_triggerdef(oid)
           FROM pg_trigger WHERE NOT tgisinternal
         UNION ALL
         SELECT 'function', proname::text, md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
         ORDER BY 1, 2, 3",
    )
}

/// Schema 5 from its migration files, in an empty database.
const SCHEMA_5: [&str; 5] = [
    include_str!("../../src/store/migrations/postgres/001_initial.sql"),
    include_str!("../../src/store/migrations/postgres/002_indexes.sql"),
    include_str!("../../src/store/migrations/postgres/003_member_indexes.sql"),
    include_str!("../../src/store/migrations/postgres/004_account_skeletons.sql"),
    include_str!("../../src/store/migrations/postgres/005_account_disabled.sql"),
];

#[test]
fn a_directory_of_schema_5_is_upgraded_with_its_members_and_their_checks() {
    if !postgres_only() {
        return;
    }
    let latest = Sandbox::with_admin();
    let old = Sandbox::new();
    for script in SCHEMA_5 {
        old.exec(script);
    }
    old.exec("CREATE TABLE usermgr_schema (version BIGINT NOT NULL); INSERT INTO usermgr_schema VALUES (5)");

    // A directory with members, taken back to schema 5 by undoing 006: the same shape as
    // the files make (checked), with the rows usermgr wrote.
    let sb = Sandbox::with_admin();
    sb.ok(&["groups", "create", "Ops"], None);
    sb.ok(
        &[
            "add-users",
            "--no-password",
            "--group",
            "Ops",
            "a@acme.test",
            "b@acme.test",
        ],
        None,
    );
    sb.exec(
        "DROP FUNCTION usermgr_memberships_check(), usermgr_memberships_cascade(),
             usermgr_permission_sets_check(), usermgr_keys_kept(), usermgr_truncated(),
             usermgr_membership_lock() CASCADE;
         ALTER TABLE memberships
             ADD CONSTRAINT memberships_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE,
             ADD CONSTRAINT memberships_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations(id) ON DELETE CASCADE,
             ADD CONSTRAINT memberships_permission_set_id_fkey FOREIGN KEY (permission_set_id) REFERENCES permission_sets(id);
         UPDATE usermgr_schema SET version = 5",
    );
    assert_eq!(shape(&sb), shape(&old), "undoing 006 gives schema 5");
    assert_ne!(shape(&sb), shape(&latest));

    // Any command upgrades it, and everything is where it was.
    let list = sb.json(&["users", "list"], None);
    assert_eq!(sb.sql::<i64>("SELECT version FROM usermgr_schema"), 6);
    assert_eq!(
        shape(&sb),
        shape(&latest),
        "the upgraded schema is the latest"
    );
    let emails: Vec<&str> = list["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["a@acme.test", ADMIN, "b@acme.test"]);
    assert_eq!(
        sb.json(&["users", "show", "b@acme.test"], None)["groups"][0],
        "Ops"
    );
    // The new checks hold on the upgraded rows.
    let err = sb
        .try_exec(
            "UPDATE memberships SET account_id = 987654 WHERE account_id = (SELECT id FROM accounts WHERE email = 'a@acme.test')",
        )
        .unwrap_err();
    assert!(err.contains("SQLSTATE 23503"), "{err}");
    sb.ok(&["users", "remove", "--yes", "a@acme.test"], None);
    assert_eq!(sb.count("memberships"), 2);
    // What the foreign keys refused besides: changing a key memberships name, truncating a
    // table they name without them, and (new) a check that could not see other writers.
    for bad in [
        "UPDATE accounts SET id = id + 1000",
        "UPDATE organizations SET id = id + 1000",
        "UPDATE permission_sets SET org_id = org_id + 0, id = id + 1000",
        "TRUNCATE accounts CASCADE",
        "TRUNCATE organizations CASCADE",
        "BEGIN ISOLATION LEVEL REPEATABLE READ; DELETE FROM accounts WHERE email = 'b@acme.test'; COMMIT",
        "BEGIN ISOLATION LEVEL SERIALIZABLE; DELETE FROM accounts WHERE email = 'b@acme.test'; COMMIT",
        "BEGIN ISOLATION LEVEL SERIALIZABLE; TRUNCATE accounts, memberships CASCADE; COMMIT",
    ] {
        let err = sb.try_exec(bad).expect_err(bad);
        // A failed BEGIN … leaves its transaction open, refused: closed here.
        sb.exec("ROLLBACK");
        assert!(
            err.contains("SQLSTATE 23503") || err.contains("SQLSTATE 0A000"),
            "{bad}: {err}"
        );
    }
    assert_eq!(sb.count("memberships"), 2);
    assert_eq!(sb.count("accounts"), 2);
    // The same under READ COMMITTED goes through, taking the membership along.
    sb.try_exec("BEGIN ISOLATION LEVEL READ COMMITTED; DELETE FROM accounts WHERE email = 'b@acme.test'; COMMIT")
        .unwrap();
    assert_eq!(sb.count("memberships"), 1);
    sb.try_exec("TRUNCATE accounts, memberships CASCADE")
        .unwrap();
    assert_eq!(sb.count("memberships"), 0);

    // And schema 5 made from its files upgrades when a directory is made in it.
    old.init_acme();
    assert_eq!(shape(&old), shape(&latest));
}
