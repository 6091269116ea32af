//! Reliability: concurrent writers lose nothing, a killed batch leaves all or nothing, and
//! bad input is refused with a clear error that writes nothing.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Sandbox;

/// Row counts of every table a batch writes to.
fn snapshot(sb: &Sandbox) -> Vec<(String, i64)> {
    [
        "accounts",
        "memberships",
        "group_members",
        "site_members",
        "user_field_values",
        "tokens",
        "outbox",
        "audit_log",
    ]
    .iter()
    .map(|t| (t.to_string(), sb.count(t)))
    .collect()
}

fn csv_of(prefix: &str, n: usize) -> String {
    let mut s = String::from("email,name\n");
    for i in 0..n {
        s.push_str(&format!("{prefix}{i}@load.test,User {i}\n"));
    }
    s
}

fn spawn_add(sb: &Sandbox, file: &std::path::Path, extra: &[&str]) -> std::process::Child {
    let mut cmd: Command = sb.std_cmd();
    cmd.args(["add-users", "--from"])
        .arg(file)
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.spawn().expect("spawn usermgr")
}

#[test]
fn six_concurrent_processes_lose_nothing() {
    let sb = Sandbox::with_admin();
    let before = sb.count("accounts");
    let mut children = Vec::new();
    for p in 0..6 {
        let file = sb.path().join(format!("batch{p}.csv"));
        std::fs::write(&file, csv_of(&format!("p{p}u"), 40)).unwrap();
        // Half the processes hash passwords, so writers overlap with long-running hashing.
        let extra: &[&str] = if p % 2 == 0 {
            &["--no-password"]
        } else {
            &["--generate-password", "-o", "json"]
        };
        children.push(spawn_add(&sb, &file, extra));
    }
    for (p, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "process {p} failed with {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(sb.count("accounts"), before + 6 * 40);
    assert_eq!(sb.count("memberships"), before + 6 * 40);
    let hashed: i64 = sb.sql("SELECT count(*) FROM accounts WHERE password_hash IS NOT NULL");
    assert_eq!(hashed, 1 + 3 * 40, "every generated password was stored");
}

#[test]
fn batch_killed_half_way_leaves_all_or_nothing() {
    let sb = Sandbox::with_admin();
    // How long a whole large batch takes here, so the kills land inside the next ones. Over
    // PostgreSQL every row is a round trip: a smaller batch runs as long.
    let n = if sb.is_postgres() { 6_000 } else { 15_000 };
    let calibrate = sb.path().join("calibrate.csv");
    std::fs::write(&calibrate, csv_of("cal", n)).unwrap();
    let started = Instant::now();
    let out = spawn_add(&sb, &calibrate, &["--no-password"])
        .wait_with_output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let whole = started.elapsed();

    let mut expected = sb.count("accounts");
    let mut killed_mid_run = 0;
    // A hashing batch killed while it hashes, then large batches killed at points spread
    // over their run (reading, validating, writing): each leaves every row or none.
    let mut cases: Vec<(String, usize, &[&str], Duration)> = vec![(
        "hash".into(),
        200,
        &["--generate-password"],
        Duration::from_millis(300),
    )];
    for (k, fraction) in [0.35, 0.6, 0.8, 0.95].into_iter().enumerate() {
        cases.push((
            format!("w{k}_"),
            n,
            &["--no-password"],
            whole.mul_f64(fraction),
        ));
    }
    for (prefix, rows, extra, after) in cases {
        let file = sb.path().join(format!("{prefix}.csv"));
        std::fs::write(&file, csv_of(&prefix, rows)).unwrap();
        let mut child = spawn_add(&sb, &file, extra);
        // Short steps until the kill is due (or the batch finished first).
        let due = Instant::now() + after;
        while child.try_wait().unwrap().is_none() {
            let left = due.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        if !finished {
            killed_mid_run += 1;
        }
        let accounts = sb.count("accounts");
        assert!(
            accounts == expected || accounts == expected + rows as i64,
            "kill -9 after {after:?} (finished first: {finished}) left {accounts} accounts, expected {expected} or {}",
            expected + rows as i64
        );
        expected = accounts;
        if !sb.is_postgres() {
            let integrity: String = sb.sql("PRAGMA integrity_check");
            assert_eq!(integrity, "ok");
        }
        assert_eq!(
            sb.count("memberships"),
            sb.count("accounts"),
            "a membership without its account or the reverse"
        );
    }
    assert!(
        killed_mid_run >= 3,
        "only {killed_mid_run} kills landed before the batch finished"
    );
}

/// One bad input: a name, the file's bytes, its extension.
struct Bad {
    what: &'static str,
    bytes: Vec<u8>,
    ext: &'static str,
    /// A piece of the error message that must be there.
    says: &'static str,
}

fn corpus() -> Vec<Bad> {
    let mut big = String::from("email,name\n");
    for i in 0..100_000 {
        big.push_str(&format!("u{i}@big.test,User {i}\n"));
    }
    big.push_str("not-an-email,Last One\n");
    vec![
        Bad {
            what: "unbalanced quote",
            bytes: b"email,name\n\"jo@acme.test,Jo\n".to_vec(),
            ext: "csv",
            says: "line",
        },
        Bad {
            what: "missing header",
            bytes: b"jo@acme.test,Jo Park\n".to_vec(),
            ext: "csv",
            says: "email",
        },
        Bad {
            what: "empty file",
            bytes: Vec::new(),
            ext: "csv",
            says: "",
        },
        Bad {
            what: "wrong column count",
            bytes: b"email,name\njo@acme.test,Jo,extra\n".to_vec(),
            ext: "csv",
            says: "line 2",
        },
        Bad {
            what: "duplicate emails",
            bytes: b"email\njo@acme.test\nJO@acme.test\n".to_vec(),
            ext: "csv",
            says: "line 3",
        },
        Bad {
            what: "bad email",
            bytes: b"email\njo.park@\n".to_vec(),
            ext: "csv",
            says: "\"jo.park@\" is not a valid email address",
        },
        Bad {
            what: "CR/LF in name",
            bytes: b"email,name\njo@acme.test,\"Jo\r\nPark\"\n".to_vec(),
            ext: "csv",
            says: "control character",
        },
        Bad {
            what: "1 MB field",
            bytes: format!("email,name\njo@acme.test,{}\n", "x".repeat(1 << 20)).into_bytes(),
            ext: "csv",
            says: "longer than",
        },
        Bad {
            what: "invalid UTF-8",
            bytes: b"email,name\njo@acme.test,J\xff\xfeo\n".to_vec(),
            ext: "csv",
            says: "UTF-8",
        },
        Bad {
            what: "malformed JSON",
            bytes: b"[{\"email\": \"jo@acme.test\"".to_vec(),
            ext: "json",
            says: "JSON",
        },
        Bad {
            what: "JSON not an array",
            bytes: b"{\"email\": \"jo@acme.test\"}".to_vec(),
            ext: "json",
            says: "array",
        },
        Bad {
            what: "JSON wrong type",
            bytes: b"[{\"email\": 42}]".to_vec(),
            ext: "json",
            says: "email",
        },
        Bad {
            what: "JSON CR/LF in name",
            bytes: b"[{\"email\": \"jo@acme.test\", \"name\": \"Jo\\r\\nPark\"}]".to_vec(),
            ext: "json",
            says: "control character",
        },
        Bad {
            what: "100,000 rows, last one bad",
            bytes: big.into_bytes(),
            ext: "csv",
            says: "line 100002",
        },
    ]
}

#[test]
fn bad_input_corpus_is_refused_and_writes_nothing() {
    let sb = Sandbox::with_admin();
    let before = snapshot(&sb);
    for bad in corpus() {
        let file = sb.path().join(format!("bad.{}", bad.ext));
        std::fs::write(&file, &bad.bytes).unwrap();
        let out = sb.run(
            &[
                "add-users",
                "--from",
                file.to_str().unwrap(),
                "--no-password",
            ],
            None,
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(3),
            "{}: expected exit 3, got {:?}: {stderr}",
            bad.what,
            out.status.code()
        );
        assert!(stderr.starts_with("error: "), "{}: {stderr}", bad.what);
        assert!(!stderr.contains("panicked"), "{}: {stderr}", bad.what);
        assert!(
            stderr.contains(bad.says),
            "{}: message lacks {:?}: {stderr}",
            bad.what,
            bad.says
        );
        assert!(
            stderr.len() < 20_000,
            "{}: the error repeats the input ({} bytes)",
            bad.what,
            stderr.len()
        );
        assert_eq!(snapshot(&sb), before, "{}: something was written", bad.what);
    }
    // The same through standard input, where the format is told by content.
    let mut child: std::process::Child = {
        let mut cmd: Command = sb.std_cmd();
        cmd.args(["add-users", "--from", "-", "--no-password"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.spawn().unwrap()
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"[{\"email\": \"bad@\"}]")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&sb), before);
}

#[test]
fn crlf_in_message_or_header_values_is_refused() {
    let sb = Sandbox::with_admin();
    let before = snapshot(&sb);
    let err = sb.fails(
        3,
        &[
            "add-users",
            "jo@acme.test",
            "--no-password",
            "--name",
            "Jo\r\nBcc: x@evil.test",
        ],
        None,
    );
    assert!(err.contains("control character"), "{err}");
    let err = sb.fails(
        3,
        &[
            "add-users",
            "jo@acme.test",
            "--no-password",
            "--send-instructions",
            "--message",
            "hi\u{7}there",
        ],
        None,
    );
    assert!(err.contains("control character"), "{err}");
    assert_eq!(snapshot(&sb), before);
}
