//! The output contract for scripts (SPEC §4 Output): under `-o json` every command prints
//! exactly one JSON document, success or failure, valid against its schema in schemas/.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use serde_json::Value;

use crate::support::{Sandbox, ADMIN, ADMIN_PW};

/// Every subcommand a user can run, as its path (`users set-permission-set`), read from
/// the command tree so that a new command cannot be left out.
fn leaf_commands() -> Vec<String> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        let subs: Vec<&clap::Command> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
            .collect();
        if subs.is_empty() {
            out.push(prefix.trim().to_string());
        }
        for s in subs {
            walk(s, &format!("{prefix} {}", s.get_name()), out);
        }
    }
    let mut cmd = usermgr::cli::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out);
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const REFRESH: &str =
    "refresh them with: rm -rf schemas && cargo run -q -- generate . && git add schemas";

/// The committed schema of a command (`groups create` → schemas/groups-create.json).
fn schema(name: &str) -> Value {
    let file = root()
        .join("schemas")
        .join(format!("{}.json", name.replace(' ', "-")));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("no schema {} ({e}); {REFRESH}", file.display()));
    serde_json::from_str(&text).unwrap()
}

/// Parses stdout as exactly one JSON document and checks it against a schema.
fn check(schema_name: &str, args: &[&str], out: &std::process::Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut docs = serde_json::Deserializer::from_str(&stdout).into_iter::<Value>();
    let doc = match docs.next() {
        Some(Ok(v)) => v,
        other => panic!(
            "usermgr -o json {args:?} (exit {:?}) printed no JSON document ({other:?})\nstdout: {stdout}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ),
    };
    assert!(
        docs.next().is_none(),
        "usermgr -o json {args:?} printed more than one JSON document:\n{stdout}"
    );
    let validator = jsonschema::validator_for(&schema(schema_name)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "usermgr -o json {args:?}: output does not match schemas/{}.json: {errors:?}\n{doc:#}",
        schema_name.replace(' ', "-")
    );
    doc
}

fn run_json(sb: &Sandbox, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut full = vec!["-o", "json"];
    full.extend_from_slice(args);
    sb.run(&full, stdin)
}

/// A command line of one case; `path` is the command it exercises.
struct Case {
    path: &'static str,
    args: Vec<String>,
    stdin: Option<&'static str>,
    code: i32,
}

fn case(path: &'static str, args: &[&str], stdin: Option<&'static str>, code: i32) -> Case {
    Case {
        path,
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin,
        code,
    }
}

const JO: &str = "jo@acme.test";
const JO_PW: &str = "jo-initial-password-1";
const PAT: &str = "pat@acme.test";
const PAT_PW: &str = "pat-initial-password-1";
const NEW_PW: &str = "pat-chosen-password-2";

/// Acme with a group, a site, a field, a permission set and three more members: Jo (own
/// password), Kim (no password) and Pat (admin-set password with a required reset).
fn fixture() -> Sandbox {
    let sb = Sandbox::with_admin();
    sb.ok(&["groups", "create", "Office"], None);
    sb.ok(&["sites", "create", "Berlin"], None);
    sb.ok(&["fields", "create", "dept"], None);
    sb.ok(
        &[
            "permission-sets",
            "create",
            "Helpers",
            "--permission",
            "platform.groups",
        ],
        None,
    );
    sb.ok(&["add-users", JO, "--password-stdin"], Some(JO_PW));
    sb.ok(&["add-users", "kim@acme.test", "--no-password"], None);
    sb.ok(
        &["add-users", PAT, "--password-stdin", "--require-reset"],
        Some(PAT_PW),
    );
    sb
}

#[test]
fn every_command_prints_one_json_document_valid_against_its_schema() {
    let sb = fixture();
    let missing = sb.path().join("missing.db");
    let missing = missing.to_str().unwrap();
    let no_db = |path: &'static str| {
        let mut args = vec!["--db".to_string(), missing.to_string()];
        args.extend(path.split(' ').map(String::from));
        Case {
            path,
            args,
            stdin: None,
            code: 6,
        }
    };

    // Failures first: they change nothing.
    let failures = vec![
        case(
            "login",
            &["login", ADMIN, "--password-stdin"],
            Some("wrong-password"),
            4,
        ),
        no_db("logout"),
        no_db("whoami"),
        no_db("doctor"),
        no_db("passwd"),
        case("add-users", &["add-users", ADMIN], None, 7),
        case(
            "reset",
            &["reset", "nobody@acme.test", "--generate-password"],
            None,
            5,
        ),
        case(
            "send-instructions",
            &["send-instructions", "nobody@acme.test"],
            None,
            6,
        ),
        case("users list", &["users", "list", "--group", "Nope"], None, 3),
        case(
            "users show",
            &["users", "show", "nobody@acme.test"],
            None,
            6,
        ),
        case(
            "users unlock",
            &["users", "unlock", "nobody@acme.test"],
            None,
            6,
        ),
        case("users remove", &["users", "remove", ADMIN], None, 5),
        case("users remove", &["users", "remove", JO], None, 3),
        case("users disable", &["users", "disable", ADMIN], None, 5),
        case(
            "users enable",
            &["users", "enable", "nobody@acme.test"],
            None,
            6,
        ),
        case(
            "users set-permission-set",
            &["users", "set-permission-set", "nobody@acme.test", "Helpers"],
            None,
            6,
        ),
        case("users update", &["users", "update", JO], None, 3),
        no_db("orgs list"),
        case("orgs create", &["orgs", "create", "Acme"], None, 7),
        no_db("permission-sets list"),
        case(
            "permission-sets create",
            &["permission-sets", "create", "Helpers"],
            None,
            7,
        ),
        case(
            "permission-sets delete",
            &["permission-sets", "delete", "Administrator"],
            None,
            7,
        ),
        no_db("groups list"),
        case("groups create", &["groups", "create", "Office"], None, 7),
        case("groups delete", &["groups", "delete", "Nope"], None, 6),
        no_db("sites list"),
        case("sites create", &["sites", "create", "a;b"], None, 3),
        case("sites delete", &["sites", "delete", "Nope"], None, 6),
        no_db("fields list"),
        case("fields create", &["fields", "create", "a=b"], None, 3),
        case("fields delete", &["fields", "delete", "Nope"], None, 6),
        case("audit", &["audit", "--action", "logn"], None, 3),
        no_db("outbox"),
        no_db("config list"),
        case("config get", &["config", "get", "no_such_setting"], None, 3),
        case(
            "config set",
            &["config", "set", "reset_window", "soon"],
            None,
            3,
        ),
        Case {
            path: "db copy",
            args: ["db", "copy", missing, "copy-of-missing.db"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            stdin: None,
            code: 6,
        },
        case("completions", &["completions", "no-such-shell"], None, 2),
        case("serve", &["serve", "--listen", "0.0.0.0:0"], None, 2),
        case("man", &["man", "extra"], None, 2),
        case(
            "init",
            &[
                "init",
                "--org",
                "Acme",
                "--admin",
                ADMIN,
                "--password-stdin",
            ],
            Some(ADMIN_PW),
            7,
        ),
    ];

    let copy_to = sb.path().join("copy.db");
    let successes = vec![
        case("whoami", &["whoami"], None, 0),
        Case {
            path: "db copy",
            args: vec![
                "db".into(),
                "copy".into(),
                sb.db_arg(),
                copy_to.to_str().unwrap().into(),
            ],
            stdin: None,
            code: 0,
        },
        case("doctor", &["doctor"], None, 0),
        case("orgs list", &["orgs", "list"], None, 0),
        case("orgs create", &["orgs", "create", "Beta"], None, 0),
        case(
            "permission-sets list",
            &["permission-sets", "list"],
            None,
            0,
        ),
        case(
            "permission-sets create",
            &[
                "permission-sets",
                "create",
                "Auditors",
                "--permission",
                "platform.users",
            ],
            None,
            0,
        ),
        case(
            "permission-sets delete",
            &["permission-sets", "delete", "Auditors", "--yes"],
            None,
            0,
        ),
        case("groups create", &["groups", "create", "Lab"], None, 0),
        case("groups list", &["groups", "list"], None, 0),
        case(
            "groups delete",
            &["groups", "delete", "Lab", "--yes"],
            None,
            0,
        ),
        case(
            "groups delete",
            &["groups", "delete", "Office", "--dry-run"],
            None,
            0,
        ),
        case("sites create", &["sites", "create", "Paris"], None, 0),
        case("sites list", &["sites", "list"], None, 0),
        case(
            "sites delete",
            &["sites", "delete", "Paris", "--yes"],
            None,
            0,
        ),
        case(
            "fields create",
            &[
                "fields", "create", "level", "--type", "select", "--option", "a", "--option", "b",
            ],
            None,
            0,
        ),
        case("fields list", &["fields", "list"], None, 0),
        case(
            "fields delete",
            &["fields", "delete", "level", "--yes"],
            None,
            0,
        ),
        case(
            "add-users",
            &[
                "add-users",
                "lee@acme.test",
                "--generate-password",
                "--require-reset",
                "--group",
                "Office",
            ],
            None,
            0,
        ),
        case(
            "add-users",
            &["add-users", "max@acme.test", "--no-password", "--dry-run"],
            None,
            0,
        ),
        case("users list", &["users", "list"], None, 0),
        case("users show", &["users", "show", PAT], None, 0),
        case("users unlock", &["users", "unlock", JO], None, 0),
        case(
            "users disable",
            &["users", "disable", "kim@acme.test"],
            None,
            0,
        ),
        case(
            "users enable",
            &["users", "enable", "kim@acme.test"],
            None,
            0,
        ),
        case(
            "users update",
            &[
                "users",
                "update",
                JO,
                "--add-group",
                "Office",
                "--add-site",
                "Berlin",
                "--field",
                "dept=Sales",
            ],
            None,
            0,
        ),
        case(
            "users set-permission-set",
            &["users", "set-permission-set", JO, "Helpers"],
            None,
            0,
        ),
        case(
            "users remove",
            &["users", "remove", "kim@acme.test", "--yes"],
            None,
            0,
        ),
        case(
            "send-instructions",
            &["send-instructions", "lee@acme.test"],
            None,
            0,
        ),
        case(
            "send-instructions",
            &["send-instructions", "--retry-failed"],
            None,
            0,
        ),
        case("outbox", &["outbox"], None, 0),
        case("audit", &["audit", "--limit", "3"], None, 0),
        case("config list", &["config", "list"], None, 0),
        case("config get", &["config", "get", "reset_window"], None, 0),
        case(
            "config set",
            &["config", "set", "reset_window", "2m"],
            None,
            0,
        ),
        case("reset", &["reset", JO, "--generate-password"], None, 0),
        case("completions", &["completions", "bash"], None, 0),
        case("man", &["man"], None, 0),
        // A required reset: the login document with exit 10, then the token redeemed.
        case(
            "login",
            &["login", PAT, "--password-stdin"],
            Some(PAT_PW),
            10,
        ),
        case(
            "login",
            &["login", ADMIN, "--password-stdin", "--print-token"],
            Some(ADMIN_PW),
            0,
        ),
        case(
            "passwd",
            &["passwd", "--password-stdin"],
            Some("admin-correct-horse\nadmin-chosen-horse-2\n"),
            0,
        ),
        case("logout", &["logout"], None, 0),
        case("logout", &["logout"], None, 0),
    ];

    let leaves = leaf_commands();
    for leaf in &leaves {
        let leaf = leaf.as_str();
        assert!(
            // serve runs until stopped: tests/cli/serve_api.rs checks its start-up document.
            successes.iter().any(|c| c.path == leaf) || leaf == "init" || leaf == "serve",
            "no success case for `usermgr {leaf}`: add one to tests/cli/contract_json.rs"
        );
        assert!(
            failures.iter().any(|c| c.path == leaf),
            "no failure case for `usermgr {leaf}`: add one to tests/cli/contract_json.rs"
        );
    }
    for c in successes.iter().chain(&failures) {
        assert!(
            leaves.iter().any(|l| l == c.path),
            "{} is not a command",
            c.path
        );
    }

    // Which code a failure has is each command's own rule (its tests pin it); here it must
    // be a failure, and the document must carry the process's exit code.
    for c in &failures {
        let args: Vec<&str> = c.args.iter().map(String::as_str).collect();
        let out = run_json(&sb, &args, c.stdin);
        let code = out.status.code().unwrap_or_default();
        assert!(
            code != 0 && (c.code != 2 || code == 2),
            "usermgr -o json {args:?}: expected a failure like exit {}\nstdout: {}\nstderr: {}",
            c.code,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // doctor reports every check even when one fails: its own document, not the error.
        if c.path == "doctor" {
            let doc = check("doctor", &args, &out);
            assert_eq!(doc["ok"], false, "{args:?}: {doc}");
            continue;
        }
        let doc = check("error", &args, &out);
        assert_eq!(doc["error"]["exit_code"], code, "{args:?}: {doc}");
    }

    let mut reset_token = None;
    for c in &successes {
        let args: Vec<&str> = c.args.iter().map(String::as_str).collect();
        let out = run_json(&sb, &args, c.stdin);
        assert_eq!(
            out.status.code(),
            Some(c.code),
            "usermgr -o json {args:?}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let doc = check(c.path, &args, &out);
        if c.code == 10 {
            reset_token = doc["reset_token"].as_str().map(String::from);
            // The reset with that token: the same document as a login, with a session.
            let token = reset_token.clone().unwrap();
            let redeem = ["reset", "--token", token.as_str(), "--password-stdin"];
            let out = run_json(&sb, &redeem, Some(NEW_PW));
            assert_eq!(out.status.code(), Some(0), "{out:?}");
            let doc = check("reset", &redeem, &out);
            assert_eq!(doc["password_changed"], true, "{doc}");
        }
    }
    assert!(
        reset_token.is_some(),
        "the required-reset login case did not run"
    );

    // init, in a sandbox of its own.
    let fresh = Sandbox::new();
    let args = [
        "init",
        "--org",
        "Acme",
        "--admin",
        ADMIN,
        "--password-stdin",
    ];
    let out = run_json(&fresh, &args, Some(ADMIN_PW));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let doc = check("init", &args, &out);
    assert_eq!(doc["email"], ADMIN);
}

#[test]
fn a_usage_error_under_json_output_prints_the_error_document() {
    let sb = Sandbox::with_admin();
    for args in [
        &["-o", "json", "groups", "create"][..],
        &[
            "groups",
            "create",
            "Lab",
            "--no-such-flag",
            "--output",
            "json",
        ],
        &["--output=json", "no-such-command"],
        &["-ojson", "users", "show"],
        &["-o", "json"],
    ] {
        let out = sb.run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let doc = check("error", args, &out);
        assert_eq!(doc["error"]["exit_code"], 2, "{doc}");
        let message = doc["error"]["message"].as_str().unwrap();
        assert!(
            !message.is_empty() && !message.starts_with("error:"),
            "{message}"
        );
    }
    // The message names what was wrong.
    let out = sb.run(&["-o", "json", "groups", "create", "--bogus"], None);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--bogus"),
        "{doc}"
    );
    // Without -o json, stdout stays empty.
    let out = sb.run(&["groups", "create"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{out:?}");
    // --help is not an error.
    let out = sb.run(&["-o", "json", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn committed_schemas_are_what_the_output_types_generate() {
    let dir = root().join("schemas");
    let mut stale = Vec::new();
    let generated = usermgr::contract::schemas();
    for (name, s) in &generated {
        let want = usermgr::contract::schema_text(s);
        let have = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap_or_default();
        if want != have {
            stale.push(format!("schemas/{name}.json"));
        }
    }
    for e in std::fs::read_dir(&dir).unwrap() {
        let file: PathBuf = e.unwrap().path();
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        if !generated.iter().any(|(n, _)| *n == stem) {
            stale.push(format!("{} (no longer generated)", file.display()));
        }
    }
    assert!(stale.is_empty(), "schemas are stale: {stale:?}\n{REFRESH}");
    // Every command has its schema.
    for leaf in leaf_commands() {
        let name = leaf.replace(' ', "-");
        assert!(
            generated.iter().any(|(n, _)| *n == name),
            "no schema for `usermgr {leaf}`: add its output type to usermgr::contract::schemas"
        );
    }
}

#[test]
fn names_are_snake_case_in_json_and_csv_and_times_are_rfc3339() {
    let sb = fixture();
    let csv = sb.ok(&["-o", "csv", "audit"], None);
    let header = csv.lines().next().unwrap();
    assert_eq!(header, "created_at,actor,org,action,target,outcome,detail");
    let first = csv.lines().nth(1).unwrap();
    let time = first.split(',').next().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(time).is_ok() && time.ends_with('Z'),
        "{first}"
    );
    let csv = sb.ok(
        &["-o", "csv", "add-users", "lee@acme.test", "--no-password"],
        None,
    );
    assert!(
        csv.starts_with("email,status,reset_required,instructions"),
        "{csv}"
    );
    let csv = sb.ok(&["-o", "csv", "outbox"], None);
    assert!(csv.starts_with("id,updated_at,recipient"), "{csv}");
    let v = sb.json(&["audit"], None);
    let ev = &v["events"][0];
    assert!(ev["created_at"].as_str().unwrap().ends_with('Z'), "{ev}");
    assert!(ev.get("at").is_none(), "{ev}");
    // Every key of every document is snake_case.
    fn keys_snake(v: &Value, path: &str) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let ok = !k.is_empty()
                        && k.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                    // Keys of `fields` are names users chose.
                    assert!(ok || path.ends_with("fields"), "key {k:?} at {path}");
                    keys_snake(child, &format!("{path}.{k}"));
                }
            }
            Value::Array(items) => items.iter().for_each(|i| keys_snake(i, path)),
            _ => {}
        }
    }
    for args in [
        &["users", "show", PAT][..],
        &["whoami"],
        &["config", "list"],
        &["outbox"],
        &["audit"],
    ] {
        keys_snake(&sb.json(args, None), "$");
    }
}

#[test]
fn audit_action_must_be_a_known_one() {
    let sb = fixture();
    let err = sb.fails(3, &["audit", "--action", "logn"], None);
    assert!(
        err.contains("\"logn\"") && err.contains("login") && err.contains("add_user"),
        "{err}"
    );
    let err = sb.fails(3, &["audit", "--outcome", "okay"], None);
    assert!(err.contains("ok") && err.contains("failed"), "{err}");
    let v = sb.json(&["audit", "--action", "login"], None);
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty() && events.iter().all(|e| e["action"] == "login"));
    // Every action usermgr writes is accepted before the log holds one.
    for action in ["send_test_email", "reset_window", "delete_site"] {
        let v = sb.json(&["audit", "--action", action], None);
        assert_eq!(v["total"], 0, "{action}: {v}");
    }
}

#[test]
fn audit_says_when_it_shows_only_part_of_the_events() {
    let sb = fixture();
    let out = sb.run(&["-o", "json", "audit", "--limit", "2"], None);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let total = v["total"].as_u64().unwrap();
    assert!(total > 2, "{v}");
    assert_eq!(v["events"].as_array().unwrap().len(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("showing 2 of {total}; use --limit")),
        "{err}"
    );
    // Nothing said when everything is shown.
    let out = sb.run(&["audit", "--limit", "1000"], None);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("showing"));
}

#[test]
fn audit_filters_by_outcome_and_until() {
    let sb = fixture();
    sb.fails(
        4,
        &["login", JO, "--password-stdin"],
        Some("not-the-password"),
    );
    let v = sb.json(&["audit", "--outcome", "failed"], None);
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty(), "{v}");
    assert!(events.iter().all(|e| e["outcome"] == "failed"), "{v}");
    // Everything happened after the start of 2000 and before now + 1 day.
    let v = sb.json(&["audit", "--until", "2000-01-01"], None);
    assert_eq!(v["events"].as_array().unwrap().len(), 0, "{v}");
    assert_eq!(v["total"], 0);
    let v = sb.json(&["audit", "--until", "2999-01-01T00:00:00Z"], None);
    assert!(v["total"].as_u64().unwrap() > 5, "{v}");
    sb.fails(3, &["audit", "--until", "tomorrow"], None);
}

#[test]
fn row_errors_and_a_members_limited_view_match_their_schemas() {
    let sb = fixture();
    // A bad input file: the error document carries one structured detail per bad row.
    std::fs::write(
        sb.path().join("bad.csv"),
        "email,name\nok@acme.test,Ok\nnot-an-email,X\n",
    )
    .unwrap();
    let args = ["add-users", "--from", "bad.csv", "--no-password"];
    let out = run_json(&sb, &args, None);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let doc = check("error", &args, &out);
    assert_eq!(doc["error"]["details"][0]["line"], 3, "{doc}");
    assert_eq!(doc["error"]["details"][0]["column"], "email", "{doc}");

    // Jo (Standard) sees Pat without account state (R34); the document is still valid.
    let token = sb.login(JO, JO_PW);
    let args = ["-o", "json", "users", "show", PAT];
    let out = sb.run_as(&token, &args, None);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let doc = check("users show", &args, &out);
    assert!(doc.get("locked").is_none(), "{doc}");
    assert!(doc.get("failed_logins").is_none(), "{doc}");
    assert_eq!(doc["email"], PAT, "{doc}");
}

#[test]
fn a_permission_error_names_the_permission_that_would_lift_it() {
    let sb = fixture();
    let jo = sb.login(JO, JO_PW);
    let denied = |args: &[&str]| -> Value {
        let mut full = vec!["-o", "json"];
        full.extend_from_slice(args);
        let out = sb.run_as(&jo, &full, None);
        assert_eq!(out.status.code(), Some(5), "{args:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let v = denied(&["add-users", "new@acme.test", "--no-password"]);
    assert_eq!(v["error"]["needed"], "platform.users", "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("\"Platform management: Users\" (platform.users) in Acme"));
    // A refusal that no permission lifts names none.
    let v = denied(&["reset", JO, "--generate-password"]);
    assert!(v["error"].get("needed").is_none(), "{v}");
}
