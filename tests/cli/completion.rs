//! Shell completion: the committed scripts ask the binary, which offers the names in the
//! database (members, groups, sites, permission sets, organizations) and setting keys, never
//! a hidden command, and stays silent and read-only when it cannot help.

use std::path::Path;
use std::process::Command;

use crate::support::{Sandbox, ADMIN, ADMIN_PW};

/// Completes `words` (the last one is the word under the cursor) as bash does on TAB: the
/// committed completions/usermgr.bash sourced in a real bash with the sandbox's environment,
/// COMP_WORDS and COMP_CWORD set, the registered function called. Returns COMPREPLY, after
/// checking that completing printed nothing on stderr.
fn bash_complete(sb: &Sandbox, words: &[&str]) -> Vec<String> {
    bash_complete_with(sb, &[], words)
}

/// [`bash_complete`] with some variables of the environment changed.
fn bash_complete_with(sb: &Sandbox, env: &[(&str, &str)], words: &[&str]) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/usermgr.bash");
    let mut c = Command::new("bash");
    sb.apply_env(&mut c);
    c.envs(env.iter().copied());
    c.env("PATH", path_with_binary())
        .arg("-c")
        .arg(
            r#"source "$1" || exit 9; shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
"$(complete -p usermgr | sed -E 's/.* -F ([^ ]+) .*/\1/')" usermgr "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}""#,
        )
        .arg("bash")
        .arg(&script)
        .args(words);
    let out = c.output().expect("run bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "completing {words:?} failed ({:?}): {stderr}",
        out.status.code()
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// PATH with the usermgr under test first, as an installed one would be.
fn path_with_binary() -> std::ffi::OsString {
    let bin = assert_cmd::cargo::cargo_bin("usermgr");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// The candidates that are not flags.
fn values(candidates: Vec<String>) -> Vec<String> {
    candidates
        .into_iter()
        .filter(|c| !c.starts_with('-'))
        .collect()
}

/// Acme with jo and sam (and the administrator); Beta with kim.
fn two_orgs() -> Sandbox {
    let sb = Sandbox::with_admin();
    sb.ok(
        &[
            "add-users",
            "jo@acme.test",
            "--name",
            "Jo Park",
            "--no-password",
        ],
        None,
    );
    sb.ok(&["add-users", "sam@acme.test", "--no-password"], None);
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &[
            "--org",
            "Beta",
            "add-users",
            "kim@beta.test",
            "--no-password",
        ],
        None,
    );
    sb
}

#[test]
fn bash_users_show_completes_the_member_emails_of_the_organization() {
    let sb = two_orgs();
    assert_eq!(
        values(bash_complete(&sb, &["usermgr", "users", "show", ""])),
        [ADMIN, "jo@acme.test", "sam@acme.test"]
    );
    assert_eq!(
        bash_complete(&sb, &["usermgr", "users", "show", "J"]),
        ["jo@acme.test"]
    );
    // --org on the line picks the organization, as it does for the command.
    assert_eq!(
        values(bash_complete(
            &sb,
            &["usermgr", "--org", "Beta", "users", "remove", ""]
        )),
        [ADMIN, "kim@beta.test"]
    );
    for line in [
        &["usermgr", "users", "unlock", "s"][..],
        &["usermgr", "reset", "s"],
        &["usermgr", "send-instructions", "jo@acme.test", "s"],
        &["usermgr", "users", "update", "s"],
        &["usermgr", "users", "set-permission-set", "s"],
        &["usermgr", "audit", "--user", "s"],
    ] {
        assert_eq!(bash_complete(&sb, line), ["sam@acme.test"], "{line:?}");
    }
}

#[test]
fn bash_group_and_site_complete_their_names_not_file_names() {
    let sb = Sandbox::with_admin();
    for (kind, name) in [
        ("groups", "Warehouse"),
        ("groups", "Office"),
        ("sites", "Sydney"),
    ] {
        sb.ok(&[kind, "create", name], None);
    }
    std::fs::write(sb.path().join("Osaka.txt"), "not a group").unwrap();
    assert_eq!(
        bash_complete(&sb, &["usermgr", "add-users", "--group", ""]),
        ["Office", "Warehouse"]
    );
    assert_eq!(
        bash_complete(&sb, &["usermgr", "users", "list", "--group", "O"]),
        ["Office"]
    );
    assert_eq!(
        bash_complete(&sb, &["usermgr", "users", "update", "x", "--add-site", ""]),
        ["Sydney"]
    );
    assert_eq!(
        bash_complete(&sb, &["usermgr", "add-users", "--site", "O"]),
        Vec::<String>::new()
    );
}

#[test]
fn bash_completes_permission_sets_organizations_and_setting_keys() {
    let sb = two_orgs();
    assert_eq!(
        bash_complete(&sb, &["usermgr", "add-users", "--permission-set", ""]),
        ["Administrator", "Standard"]
    );
    assert_eq!(
        bash_complete(
            &sb,
            &[
                "usermgr",
                "users",
                "set-permission-set",
                "jo@acme.test",
                "S"
            ]
        ),
        ["Standard"]
    );
    assert_eq!(
        bash_complete(&sb, &["usermgr", "--org", ""]),
        ["Acme", "Beta"]
    );
    assert_eq!(
        bash_complete(&sb, &["usermgr", "config", "set", "reset_w"]),
        ["reset_window"]
    );
    assert_eq!(
        bash_complete(&sb, &["usermgr", "config", "get", "email."]),
        ["email.from", "email.transport"]
    );
}

#[test]
fn bash_never_completes_the_hidden_generate_command() {
    let sb = Sandbox::new();
    let top = bash_complete(&sb, &["usermgr", ""]);
    assert!(
        top.contains(&"add-users".to_string()) && top.contains(&"users".to_string()),
        "{top:?}"
    );
    assert!(!top.contains(&"generate".to_string()), "{top:?}");
    assert_eq!(
        bash_complete(&sb, &["usermgr", "gen"]),
        Vec::<String>::new()
    );
}

#[test]
fn completion_uses_the_database_named_on_the_line() {
    let sb = two_orgs();
    let db = sb.db_arg();
    // USERMGR_DB points nowhere; --db on the line names the real database.
    let line = ["usermgr", "--db", db.as_str(), "users", "show", "j"];
    assert_eq!(
        bash_complete_with(&sb, &[("USERMGR_DB", "/nonexistent/usermgr.db")], &line),
        ["jo@acme.test"]
    );
    assert!(values(bash_complete_with(
        &sb,
        &[("USERMGR_DB", "/nonexistent/usermgr.db")],
        &["usermgr", "users", "show", "j"]
    ))
    .is_empty());
}

#[test]
fn completion_without_database_or_session_offers_nothing_writes_nothing_says_nothing() {
    // No database: no candidates, no file created, nothing on stderr (bash_complete checks).
    let empty = Sandbox::new();
    assert!(values(bash_complete(&empty, &["usermgr", "users", "show", ""])).is_empty());
    assert!(!empty.db_created());

    // A database but no session: nothing either.
    let sb = two_orgs();
    sb.ok(&["logout"], None);
    assert!(values(bash_complete(&sb, &["usermgr", "users", "show", ""])).is_empty());

    // Logged in: candidates, and the database files are exactly as they were, no -wal or
    // -shm file appearing beside them.
    sb.login(ADMIN, ADMIN_PW);
    let listing = |sb: &Sandbox| {
        let mut names: Vec<String> = std::fs::read_dir(sb.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let (before, files_before) = (sb.db_bytes(), listing(&sb));
    assert!(!values(bash_complete(&sb, &["usermgr", "users", "show", ""])).is_empty());
    bash_complete(&sb, &["usermgr", "add-users", "--permission-set", ""]);
    assert_eq!(listing(&sb), files_before);
    assert!(
        sb.db_bytes() == before,
        "completing changed the database files"
    );
}

#[test]
fn zsh_and_fish_hooks_get_the_member_emails_with_their_names() {
    let sb = two_orgs();
    let hook = |shell: &str, index: &str| {
        let out = sb
            .cmd()
            .env("USERMGR_COMPLETE", shell)
            .env("_CLAP_COMPLETE_INDEX", index)
            .env("_CLAP_IFS", "\n")
            .args(["--", "usermgr", "users", "show", "j"])
            .output()
            .unwrap();
        assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(hook("zsh", "3").trim(), "jo@acme.test:Jo Park");
    assert_eq!(hook("fish", "3").trim(), "jo@acme.test\tJo Park");
    // The committed scripts register these hooks.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (file, shell) in [("_usermgr", "zsh"), ("usermgr.fish", "fish")] {
        let script = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(
            script.contains(&format!("USERMGR_COMPLETE=\"{shell}\""))
                || script.contains(&format!("USERMGR_COMPLETE={shell}")),
            "{file}: {script}"
        );
    }
}
