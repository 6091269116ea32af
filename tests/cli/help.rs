//! `--help` groups a command's flags under headings and ends with examples; `usermgr man`
//! prints the page of any (nested) command, and every page has EXIT STATUS, ENVIRONMENT,
//! FILES and EXAMPLES.

use std::collections::BTreeMap;
use std::path::Path;

use clap::CommandFactory;

use crate::support::Sandbox;

/// The help text split into its sections: heading (`Options`, `Global options`, ...) → the
/// flags listed under it.
fn sections(help: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = String::new();
    for line in help.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            current = line.trim_end_matches(':').to_string();
            out.entry(current.clone()).or_default();
        } else if let Some(flag) = line
            .split_whitespace()
            .find(|w| w.starts_with("--"))
            .filter(|_| line.trim_start().starts_with('-'))
        {
            out.entry(current.clone())
                .or_default()
                .push(flag.trim_end_matches(',').to_string());
        }
    }
    out
}

/// Every visible command's path below usermgr (`""` is usermgr itself).
fn command_paths() -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        for s in cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        {
            walk(s, format!("{path} {}", s.get_name()).trim_start(), out);
        }
    }
    let mut out = Vec::new();
    walk(&usermgr::cli::Cli::command(), "", &mut out);
    out
}

#[test]
fn add_users_help_puts_global_options_apart_and_the_password_sources_together() {
    let sb = Sandbox::new();
    for flag in ["--help", "-h"] {
        let help = sb.ok(&["add-users", flag], None);
        let s = sections(&help);
        assert_eq!(
            s["Global options"],
            ["--db", "--org", "--output", "--no-input", "--quiet"],
            "{help}"
        );
        assert_eq!(
            s["Password (choose one)"],
            [
                "--password-stdin",
                "--password-file",
                "--generate-password",
                "--no-password"
            ],
            "{help}"
        );
        assert_eq!(
            s["Email"],
            ["--send-instructions", "--message", "--message-file"],
            "{help}"
        );
        assert_eq!(
            s["Membership"],
            ["--permission-set", "--group", "--site", "--field"],
            "{help}"
        );
        for own in ["--from", "--require-reset", "--dry-run"] {
            assert!(s["Options"].iter().any(|f| f == own), "{own}: {help}");
        }
        assert!(!s["Options"].iter().any(|f| f == "--db"), "{help}");
    }
}

#[test]
fn every_command_help_ends_with_examples_that_run_usermgr() {
    let sb = Sandbox::new();
    for path in command_paths() {
        let mut args: Vec<&str> = path.split_whitespace().collect();
        args.push("--help");
        let help = sb.ok(&args, None);
        let (_, examples) = help
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("`usermgr {path} --help` has no examples:\n{help}"));
        let commands = examples
            .lines()
            .filter(|l| l.trim_start().starts_with("usermgr ") || l.contains("| usermgr "))
            .count();
        assert!(commands >= 1, "`usermgr {path} --help`: {examples}");
        // Global options are apart in every command's help.
        assert!(
            help.contains("\nGlobal options:\n"),
            "usermgr {path}: {help}"
        );
    }
}

const EXTRA_SECTIONS: [&str; 4] = [
    ".SH \"EXIT STATUS\"",
    ".SH ENVIRONMENT",
    ".SH FILES",
    ".SH EXAMPLES",
];

#[test]
fn man_prints_the_page_of_usermgr_or_of_a_nested_command_with_every_section() {
    let sb = Sandbox::new();
    let top = sb.ok(&["man"], None);
    let show = sb.ok(&["man", "users", "show"], None);
    assert!(
        top.starts_with(".ie") && top.contains(".TH usermgr 1"),
        "{top}"
    );
    assert!(show.contains(".TH usermgr-users-show 1"), "{show}");
    assert!(show.contains("usermgr users show jo@acme.test"), "{show}");
    for page in [&top, &show] {
        for section in EXTRA_SECTIONS {
            assert!(page.contains(section), "no {section}:\n{page}");
        }
        for var in [
            "USERMGR_DB",
            "USERMGR_TOKEN",
            "USERMGR_CONFIG",
            "USERMGR_SMTP_PASSWORD",
            "NO_COLOR",
        ] {
            assert!(page.contains(&format!("\\fB{var}\\fR")), "no {var}");
        }
        assert!(!page.contains("PGPASSWORD"));
        assert!(page.contains("\\fB11\\fR\ndatabase busy or unavailable"));
        // One preamble per page, however many sections it is composed of.
        assert_eq!(page.matches(".ds Aq").count(), 2, "{page}");
    }
    // The page the top-level one refers to is printable.
    assert!(top.contains("usermgr\\-init(1)"));
    let init = sb.ok(&["man", "init"], None);
    assert!(init.contains(".TH usermgr-init 1"), "{init}");
    let json = sb.json(&["man", "users", "show"], None);
    assert_eq!(json["roff"].as_str().unwrap().trim_end(), show.trim_end());
}

#[test]
fn man_of_an_unknown_command_is_a_usage_error_listing_the_commands() {
    let sb = Sandbox::new();
    let err = sb.fails(2, &["man", "users", "frob"], None);
    assert!(
        err.contains("\"users frob\"") && err.contains("users show") && err.contains("add-users"),
        "{err}"
    );
    assert!(!err.contains("generate"), "{err}");
}

#[test]
fn every_committed_man_page_has_exit_status_environment_files_and_examples() {
    let man = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let mut pages = 0;
    for path in command_paths() {
        let name = std::iter::once("usermgr")
            .chain(path.split_whitespace())
            .collect::<Vec<_>>()
            .join("-");
        let page = std::fs::read_to_string(man.join(format!("{name}.1")))
            .unwrap_or_else(|e| panic!("man/{name}.1: {e}"));
        for section in EXTRA_SECTIONS {
            assert!(page.contains(section), "man/{name}.1 has no {section}");
        }
        pages += 1;
    }
    assert!(pages > 40, "{pages}");
}
