//! The input side of the scripts' contract: strict, bounded `--from` input (R31), safe CSV
//! exports that read back (R32), and structured error details under `-o json`.

use std::io::Write;

use crate::support::Sandbox;

/// Writes `text` into the sandbox as `name` and returns its path as a string.
fn file(sb: &Sandbox, name: &str, text: &[u8]) -> String {
    let path = sb.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The `-o json` failure document of a command that exits `code`.
fn json_failure(sb: &Sandbox, code: i32, args: &[&str]) -> serde_json::Value {
    let mut full = vec!["-o", "json"];
    full.extend_from_slice(args);
    let out = sb.run(&full, None);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn detail_numbers(doc: &serde_json::Value, key: &str) -> Vec<u64> {
    doc["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[key].as_u64().unwrap_or_else(|| panic!("{d}")))
        .collect()
}

#[test]
fn r31_unterminated_quote_is_an_invalid_row() {
    let sb = Sandbox::with_admin();
    let f = file(
        &sb,
        "q.csv",
        b"email,name\nok@acme.test,Ok\nbad@acme.test,\"Never closed\n",
    );
    let err = sb.fails(3, &["add-users", "--from", &f, "--no-password"], None);
    assert!(
        err.contains("line 3:") && err.contains("never closes"),
        "{err}"
    );
    assert_eq!(sb.count("accounts"), 1, "nothing was written");
}

#[test]
fn r31_duplicate_json_key_is_invalid() {
    let sb = Sandbox::with_admin();
    let f = file(
        &sb,
        "d.json",
        br#"[{"email":"a@acme.test"},{"email":"b@acme.test","name":"B","name":"Other"}]"#,
    );
    let doc = json_failure(&sb, 3, &["add-users", "--from", &f, "--no-password"]);
    let d = &doc["error"]["details"][0];
    assert_eq!(d["item"], 2, "{doc}");
    assert_eq!(d["column"], "name", "{doc}");
    assert!(d["message"].as_str().unwrap().contains("twice"), "{doc}");
    assert_eq!(sb.count("accounts"), 1);
}

#[test]
fn r31_long_line_and_cell_are_invalid_and_quoted_briefly() {
    let sb = Sandbox::with_admin();
    let cell = "n".repeat(70 * 1024);
    // Many cells under the cell limit that make one line over 1 MiB.
    let line = vec!["m".repeat(60 * 1024); 20].join(",");
    let text = format!("email,name\na@acme.test,{cell}\nb@acme.test,{line}\nc@acme.test,C\n");
    let f = file(&sb, "long.csv", text.as_bytes());
    let err = sb.fails(3, &["add-users", "--from", &f, "--no-password"], None);
    assert!(
        err.contains("line 2:") && err.contains("64 KiB"),
        "{}",
        &err[..err.len().min(500)]
    );
    assert!(
        err.contains("line 3:") && err.contains("1 MiB"),
        "{}",
        &err[..err.len().min(500)]
    );
    assert!(
        err.len() < 2000,
        "the error quotes too much: {} bytes",
        err.len()
    );
    // A huge unknown column in the header is quoted in at most 200 characters.
    let header = format!("email,{}\nx@acme.test,1\n", "h".repeat(10_000));
    let f = file(&sb, "header.csv", header.as_bytes());
    let err = sb.fails(3, &["add-users", "--from", &f, "--no-password"], None);
    assert!(
        err.contains("unknown column"),
        "{}",
        &err[..err.len().min(500)]
    );
    assert!(
        !err.contains(&"h".repeat(201)),
        "quotes more than 200 characters"
    );
    // A long bad email is quoted briefly too.
    let email = format!("{}@", "e".repeat(5000));
    let f = file(&sb, "email.csv", format!("email\n{email}\n").as_bytes());
    let err = sb.fails(3, &["add-users", "--from", &f, "--no-password"], None);
    assert!(
        !err.contains(&"e".repeat(201)),
        "{}",
        &err[..err.len().min(500)]
    );
    assert_eq!(sb.count("accounts"), 1);
}

#[test]
fn r31_crlf_cr_lf_report_grep_line_numbers() {
    let sb = Sandbox::with_admin();
    let lines = [
        "email,name",
        "a@acme.test,A",
        "\"jo.park@\",Jo",
        "",
        "b@acme.test,\"two",
        "lines\"",
        "not-an-email,X",
        "c@acme.test,C",
    ];
    let lf = file(&sb, "lf.csv", lines.join("\n").as_bytes());
    // What grep -n says of the bad rows of the LF file.
    let grep = std::process::Command::new("grep")
        .args([
            "-n",
            "-e",
            "jo.park@",
            "-e",
            "two",
            "-e",
            "not-an-email",
            &lf,
        ])
        .output()
        .unwrap();
    let expected: Vec<u64> = String::from_utf8_lossy(&grep.stdout)
        .lines()
        .map(|l| l.split(':').next().unwrap().parse().unwrap())
        .collect();
    // The name with a line break is invalid too: rows 3, 5 (where it starts) and 7.
    assert_eq!(expected, [3, 5, 7]);
    for (name, nl) in [("lf.csv", "\n"), ("crlf.csv", "\r\n"), ("cr.csv", "\r")] {
        let f = file(&sb, name, lines.join(nl).as_bytes());
        let doc = json_failure(&sb, 3, &["add-users", "--from", &f, "--no-password"]);
        assert_eq!(detail_numbers(&doc, "line"), expected, "{name}: {doc}");
    }
}

#[test]
fn r31_json_items_count_from_1() {
    let sb = Sandbox::with_admin();
    let f = file(
        &sb,
        "i.json",
        br#"[{"email":"bad@"},{"email":"ok@acme.test"},{"email":"worse"}]"#,
    );
    let doc = json_failure(&sb, 3, &["add-users", "--from", &f, "--no-password"]);
    assert_eq!(detail_numbers(&doc, "item"), [1, 3], "{doc}");
    let err = sb.fails(3, &["add-users", "--from", &f, "--no-password"], None);
    assert!(err.contains("item 1:") && err.contains("item 3:"), "{err}");
}

/// Peak RSS of the child is read from wait4's rusage (before streaming: about 600 MB in a
/// debug build; now about 235 MB). A debug build needs some 40 s to check a million rows
/// (address parsing and one lookup per row), so only `--dry-run` is exercised, with the last
/// row bad: the whole file is still read and planned before the error.
#[test]
#[allow(clippy::zombie_processes)] // reaped by wait4, which also gives its peak RSS
fn r31_million_row_csv_validates_in_bounded_memory() {
    let sb = Sandbox::with_admin();
    let path = sb.path().join("million.csv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(w, "email,name").unwrap();
        for i in 0..999_999 {
            writeln!(w, "user{i}@example.com,User {i}").unwrap();
        }
        writeln!(w, "bad@,Bad").unwrap();
    }
    let mut cmd = sb.std_cmd();
    cmd.args([
        "add-users",
        "--from",
        path.to_str().unwrap(),
        "--no-password",
        "--dry-run",
    ])
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child and fills the zeroed rusage.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid);
    assert!(libc::WIFEXITED(status));
    assert_eq!(libc::WEXITSTATUS(status), 3);
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.unwrap(), &mut err).unwrap();
    assert!(err.contains("line 1000001:"), "{err}");
    let peak_mb = usage.ru_maxrss / 1024;
    assert!(peak_mb < 300, "peak RSS {peak_mb} MB");
}

#[test]
fn r32_csv_export_escapes_formulas_and_reads_back() {
    let sb = Sandbox::with_admin();
    sb.ok(&["fields", "create", "note"], None);
    let f = file(
        &sb,
        "in.json",
        br#"[{"email":"f1@acme.test","name":"=HYPERLINK(\"x\")","fields":{"note":"+1"}},
             {"email":"f2@acme.test","name":"@SUM(A1)","fields":{"note":"-2"}},
             {"email":"f3@acme.test","name":"'quoted","fields":{"note":"'=kept"}}]"#,
    );
    sb.ok(&["add-users", "--from", &f, "--no-password"], None);
    let csv = sb.ok(&["-o", "csv", "users", "list"], None);
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    assert!(
        csv.contains("'@SUM(A1)") && csv.contains("'+1") && csv.contains("'-2"),
        "{csv}"
    );
    assert!(
        csv.contains(",'quoted,") && csv.contains("''=kept"),
        "{csv}"
    );
    for line in csv.lines().skip(1) {
        let first = line.as_bytes()[0];
        assert!(!b"=+-@\t\r".contains(&first), "{line}");
    }
    // It reads back unchanged into another organization.
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(&["--org", "Beta", "fields", "create", "note"], None);
    let exported = file(&sb, "export.csv", csv.as_bytes());
    let out = sb.run(
        &[
            "--org",
            "Beta",
            "add-users",
            "--from",
            &exported,
            "--no-password",
            "--skip-existing",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = sb.ok(&["--org", "Beta", "-o", "csv", "users", "list"], None);
    assert_eq!(again, csv);
}

#[test]
fn export_of_one_org_imports_into_another_csv_and_json() {
    let sb = Sandbox::with_admin();
    for org in [None, Some("Beta")] {
        if let Some(o) = org {
            sb.ok(&["orgs", "create", o], None);
        }
        let pre: Vec<&str> = org.map(|o| vec!["--org", o]).unwrap_or_default();
        for args in [
            ["groups", "create", "Office"],
            ["groups", "create", "Warehouse"],
            ["sites", "create", "Sydney"],
            ["fields", "create", "dept"],
        ] {
            let mut full = pre.clone();
            full.extend_from_slice(&args);
            sb.ok(&full, None);
        }
    }
    let mut csv = String::from("email,name,groups,sites,field.dept\n");
    for i in 0..1000 {
        let groups = ["Office", "Warehouse", "Office;Warehouse", ""][i % 4];
        let sites = if i % 3 == 0 { "Sydney" } else { "" };
        csv.push_str(&format!(
            "m{i}@acme.test,Member {i},{groups},{sites},-{i}\n"
        ));
    }
    let f = file(&sb, "members.csv", csv.as_bytes());
    sb.ok(&["add-users", "--from", &f, "--no-password"], None);
    let acme_csv = sb.ok(&["-o", "csv", "users", "list"], None);
    let acme_json = sb.json(&["users", "list"], None);

    let x = file(&sb, "x.csv", acme_csv.as_bytes());
    let out = sb.run(
        &[
            "--org",
            "Beta",
            "add-users",
            "--from",
            &x,
            "--no-password",
            "--skip-existing",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.matches("note: ignoring").count(), 1, "{err}");
    assert!(err.contains("reset_required"), "{err}");
    let beta_csv = sb.ok(&["--org", "Beta", "-o", "csv", "users", "list"], None);
    assert_eq!(beta_csv, acme_csv);

    // JSON: a third organization from the JSON export.
    sb.ok(&["orgs", "create", "Gamma"], None);
    for args in [
        ["groups", "create", "Office"],
        ["groups", "create", "Warehouse"],
        ["sites", "create", "Sydney"],
        ["fields", "create", "dept"],
    ] {
        let mut full = vec!["--org", "Gamma"];
        full.extend_from_slice(&args);
        sb.ok(&full, None);
    }
    let j = file(&sb, "x.json", acme_json.to_string().as_bytes());
    sb.ok(
        &[
            "--org",
            "Gamma",
            "add-users",
            "--from",
            &j,
            "--no-password",
            "--skip-existing",
        ],
        None,
    );
    let gamma_json = sb.json(&["--org", "Gamma", "users", "list"], None);
    assert_eq!(gamma_json, acme_json);
    // An unknown column that is not an export column is still an error.
    let bad = file(&sb, "bad.csv", b"email,colour\nz@acme.test,red\n");
    let err = sb.fails(3, &["add-users", "--from", &bad, "--no-password"], None);
    assert!(err.contains("unknown column \"colour\""), "{err}");
}

#[test]
fn json_error_details_are_structured() {
    let sb = Sandbox::with_admin();
    let f = file(&sb, "e.csv", b"email,name\nok@acme.test,Ok\njo.park@,Jo\n");
    let doc = json_failure(&sb, 3, &["add-users", "--from", &f, "--no-password"]);
    let expected = serde_json::json!({"error": {
        "exit_code": 3,
        "message": doc["error"]["message"],
        "details": [{"line": 3, "column": "email",
                     "message": doc["error"]["details"][0]["message"]}]
    }});
    assert_eq!(doc, expected);
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("1 invalid row"));
    let human = sb.fails(3, &["add-users", "--from", &f, "--no-password"], None);
    assert!(
        human.contains("line 3: \"jo.park@\" is not a valid email address"),
        "{human}"
    );
    // Other errors have empty details.
    let doc = json_failure(&sb, 6, &["users", "show", "nobody@acme.test"]);
    assert_eq!(doc["error"]["details"], serde_json::json!([]));
    assert_eq!(doc["error"]["exit_code"], 6);
}

#[test]
fn users_update_from_file_is_all_or_nothing() {
    let sb = Sandbox::with_admin();
    sb.ok(&["groups", "create", "Office"], None);
    sb.ok(&["groups", "create", "Warehouse"], None);
    sb.ok(&["sites", "create", "Sydney"], None);
    sb.ok(&["fields", "create", "dept"], None);
    let team = file(
        &sb,
        "team.csv",
        b"email,name,groups,sites,field.dept\n\
          jo@acme.test,Jo,Office,Sydney,Ops\n\
          kim@acme.test,Kim,Warehouse,,Sales\n",
    );
    sb.ok(&["add-users", "--from", &team, "--no-password"], None);
    let before = sb.ok(&["-o", "csv", "users", "list"], None);

    // One good row, a bad permission set and group, a non-member and a repeated member:
    // nothing changes.
    let bad = file(
        &sb,
        "bad.csv",
        b"email,name,permission_set,groups,field.dept\n\
          jo@acme.test,Jo Park,,Warehouse,Sales\n\
          kim@acme.test,Kim,Root,Nowhere,\n\
          nobody@acme.test,No,,,\n\
          kim@acme.test,Kim,,,\n",
    );
    let doc = json_failure(&sb, 3, &["users", "update", "--from", &bad]);
    assert_eq!(detail_numbers(&doc, "line"), [3, 3, 4, 5], "{doc}");
    let cols: Vec<&str> = doc["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["column"].as_str().unwrap())
        .collect();
    assert_eq!(
        cols,
        ["permission_set", "groups", "email", "email"],
        "{doc}"
    );
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("nothing was updated"));
    assert_eq!(sb.ok(&["-o", "csv", "users", "list"], None), before);

    // The same columns as JSON, all good: every change is made.
    let good = file(
        &sb,
        "good.json",
        br#"[{"email":"jo@acme.test","name":"Jo Park","groups":["Warehouse","Office"],"fields":{"dept":"Sales"}},
             {"email":"kim@acme.test","groups":[],"sites":["Sydney"],"field.dept":""}]"#,
    );
    sb.ok(&["users", "update", "--from", &good], None);
    let jo = sb.json(&["users", "show", "jo@acme.test"], None);
    assert_eq!(jo["name"], "Jo Park");
    assert_eq!(jo["groups"], serde_json::json!(["Office", "Warehouse"]));
    assert_eq!(
        jo["sites"],
        serde_json::json!(["Sydney"]),
        "sites not stated stay"
    );
    assert_eq!(jo["fields"]["dept"], "Sales");
    let kim = sb.json(&["users", "show", "kim@acme.test"], None);
    assert_eq!(kim["groups"], serde_json::json!([]));
    assert_eq!(kim["sites"], serde_json::json!(["Sydney"]));
    assert_eq!(kim["fields"], serde_json::json!({}));

    // An export fed back changes nothing.
    let now = sb.ok(&["-o", "csv", "users", "list"], None);
    let export = file(&sb, "export.csv", now.as_bytes());
    sb.ok(&["users", "update", "--from", &export], None);
    assert_eq!(sb.ok(&["-o", "csv", "users", "list"], None), now);

    // Permissions: a Users-only helpdesk may not hand out Administrator (R23) nor change
    // the administrator; nothing is written.
    let token = crate::add_users::helpdesk_token(&sb);
    let promote = file(
        &sb,
        "promote.csv",
        b"email,name,permission_set\njo@acme.test,Jo P,Administrator\n",
    );
    let out = sb.run_as(&token, &["users", "update", "--from", &promote], None);
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let admin = file(&sb, "admin.csv", b"email,name\nadmin@acme.test,Boss\n");
    let out = sb.run_as(&token, &["users", "update", "--from", &admin], None);
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        sb.json(&["users", "show", "jo@acme.test"], None)["name"],
        "Jo Park"
    );
}
