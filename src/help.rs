//! The words around the command tree: each command's examples (shown by `--help` and in the
//! man pages' EXAMPLES), and the exit codes, environment and files every man page lists.
//!
//! `src/cli.rs` stays the one place of the command tree; [`command`] is that tree with the
//! examples of [`EXAMPLES`] attached, and is what the binary parses with, so `--help`, the
//! man pages and the completions all show the same words. A new command needs only its
//! entry in [`EXAMPLES`] (a unit test fails until it has one).

use clap::builder::StyledStr;
use clap::CommandFactory;

use crate::cli::Cli;

/// One example: what it does, and the command line that does it.
pub type Example = (&'static str, &'static str);

/// The examples of every visible command, by its path below `usermgr` (`""` for usermgr
/// itself, `"users show"` for a nested one).
#[rustfmt::skip]
pub const EXAMPLES: &[(&str, &[Example])] = &[
    ("", &[
        ("Create the database, the organization Acme and its first administrator",
         "usermgr init --org Acme --admin ada@acme.test"),
        ("Add a user who must choose their own password at first login",
         "usermgr add-users jo@acme.test --generate-password --require-reset \\\n  --send-instructions"),
        ("Read the manual page of a command",
         "usermgr man users show"),
    ]),
    ("init", &[
        ("Create the database and Acme's first administrator (asks for the password)",
         "usermgr init --org Acme --admin ada@acme.test --name \"Ada Lovelace\""),
        ("The same from a script, in a chosen database file",
         "printf '%s\\n' \"$ADMIN_PASSWORD\" | \\\n  usermgr --db /srv/usermgr/acme.db init --org Acme --admin ada@acme.test \\\n  --password-stdin"),
    ]),
    ("login", &[
        ("Log in (asks for the password, and for a new one when a reset is required)",
         "usermgr login jo@acme.test"),
        ("From a script: print the session token, for USERMGR_TOKEN",
         "printf '%s\\n' \"$PASSWORD\" | \\\n  usermgr login jo@acme.test --password-stdin --print-token"),
        ("Log in to another of your organizations",
         "usermgr login ada@acme.test --org Beta"),
    ]),
    ("logout", &[
        ("End the stored session", "usermgr logout"),
        ("End the session kept for another database",
         "usermgr --db /srv/usermgr/acme.db logout"),
    ]),
    ("whoami", &[
        ("Show who is logged in, where, with which permissions", "usermgr whoami"),
        ("Check your permissions in another of your organizations",
         "usermgr --org Beta whoami"),
    ]),
    ("passwd", &[
        ("Change your own password: asks for the current one, then the new one twice",
         "usermgr passwd"),
        ("From a script: the current password on the first line, the new one on the second",
         "printf '%s\\n%s\\n' \"$CURRENT\" \"$NEW\" | usermgr passwd --password-stdin"),
    ]),
    ("doctor", &[
        ("Check the database, settings, session, config file and email transport",
         "usermgr doctor"),
        ("Also send a test email through the configured transport",
         "usermgr doctor --send-test-email admin@acme.test"),
        ("The same checks for a script", "usermgr doctor -o json"),
    ]),
    ("db", &[
        ("Move a directory from a SQLite file to a shared PostgreSQL database",
         "usermgr db copy usermgr.db postgres://usermgr@db.example.com/usermgr"),
    ]),
    ("db copy", &[
        ("Move a directory that outgrew one machine to a shared PostgreSQL database",
         "usermgr db copy ~/.local/share/usermgr/usermgr.db \\\n  'postgres://usermgr@db.example.com/usermgr?sslmode=verify-full'"),
        ("Take a copy of a PostgreSQL directory as a SQLite file",
         "usermgr db copy postgres://usermgr@db.example.com/usermgr backup.db"),
    ]),
    ("add-users", &[
        ("Add one user with a generated password they must replace at first login",
         "usermgr add-users jo@acme.test --name \"Jo Park\" \\\n  --generate-password --require-reset"),
        ("Add users from a file; each sets a password from an emailed link",
         "usermgr add-users --from hires.csv --no-password --group Warehouse \\\n  --send-instructions --message-file welcome.txt"),
        ("Check a file without adding anyone",
         "usermgr add-users --from hires.csv --generate-password --dry-run"),
        ("Be guided through it on a terminal", "usermgr add-users"),
    ]),
    ("reset", &[
        ("Set a new password with a token from a reset window or an email (asks for both)",
         "usermgr reset"),
        ("The same from a script, the token and the new password on standard input",
         "printf '%s\\n%s\\n' \"$TOKEN\" \"$NEW_PASSWORD\" | \\\n  usermgr reset --token-stdin --password-stdin"),
        ("As an administrator, give a member a new generated password",
         "usermgr reset jo@acme.test --generate-password"),
    ]),
    ("send-instructions", &[
        ("Email a member how to log in, with a note of your own",
         "usermgr send-instructions jo@acme.test \\\n  --message \"Your badge is at the front desk.\""),
        ("Email reset links to two members",
         "usermgr send-instructions jo@acme.test sam@acme.test --reset"),
        ("Send again every email whose delivery failed",
         "usermgr send-instructions --retry-failed"),
    ]),
    ("users", &[
        ("List the members whose required reset is still pending",
         "usermgr users list --reset-pending"),
        ("Show one member", "usermgr users show jo@acme.test"),
        ("Add a member to a group", "usermgr users update jo@acme.test --add-group Warehouse"),
    ]),
    ("users list", &[
        ("List the members of a group", "usermgr users list --group Warehouse"),
        ("Find members by name or email", "usermgr users list --search park"),
        ("Export every member as CSV (add-users --from and users update --from read it back)",
         "usermgr users list -o csv > members.csv"),
    ]),
    ("users show", &[
        ("Show a member, with the state of a required reset",
         "usermgr users show jo@acme.test"),
        ("The same as JSON", "usermgr users show jo@acme.test -o json"),
    ]),
    ("users unlock", &[
        ("See the failed logins, then end the lockout",
         "usermgr audit --user jo@acme.test --action login --outcome failed"),
        ("", "usermgr users unlock jo@acme.test"),
    ]),
    ("users disable", &[
        ("Stop every login of a member who left, keeping the account and its history",
         "usermgr users disable jo@acme.test"),
        ("Find the disabled accounts", "usermgr users list --disabled"),
    ]),
    ("users enable", &[
        ("Let a disabled member log in again", "usermgr users enable jo@acme.test"),
    ]),
    ("users remove", &[
        ("Remove a member from the current organization",
         "usermgr users remove jo@acme.test"),
        ("Remove a member from another of your organizations",
         "usermgr --org Beta users remove jo@acme.test"),
    ]),
    ("users set-permission-set", &[
        ("Give a member the Administrator permission set",
         "usermgr users set-permission-set jo@acme.test Administrator"),
        ("Back to the standard permissions",
         "usermgr users set-permission-set jo@acme.test Standard"),
    ]),
    ("users update", &[
        ("Move a member from one group to another",
         "usermgr users update jo@acme.test \\\n  --add-group Warehouse --remove-group Office"),
        ("Set one user field and clear another",
         "usermgr users update jo@acme.test \\\n  --field department=Ops --clear-field badge"),
        ("Apply an edited export to many members, all or nothing",
         "usermgr users update --from members.csv"),
    ]),
    ("orgs", &[
        ("List your organizations", "usermgr orgs list"),
        ("Create one; you become its Administrator", "usermgr orgs create Beta"),
    ]),
    ("orgs list", &[
        ("List your organizations", "usermgr orgs list"),
        ("The same as JSON", "usermgr orgs list -o json"),
    ]),
    ("orgs create", &[
        ("Create an organization", "usermgr orgs create Beta"),
        ("Then act in it", "usermgr --org Beta add-users kim@beta.test \\\n  --no-password --send-instructions"),
    ]),
    ("permission-sets", &[
        ("List the permission sets and what they grant", "usermgr permission-sets list"),
        ("Create one that manages users only",
         "usermgr permission-sets create \"Help desk\" --permission platform.users"),
    ]),
    ("permission-sets list", &[
        ("List the permission sets and what they grant", "usermgr permission-sets list"),
        ("The same as JSON", "usermgr permission-sets list -o json"),
    ]),
    ("permission-sets create", &[
        ("Create a set that manages users only",
         "usermgr permission-sets create \"Help desk\" --permission platform.users"),
        ("Create a set that manages groups and sites",
         "usermgr permission-sets create Organisers \\\n  --permission platform.groups --permission platform.sites"),
    ]),
    ("permission-sets delete", &[
        ("Delete a set that no member uses any more",
         "usermgr permission-sets delete \"Help desk\""),
    ]),
    ("groups", &[
        ("List the groups with their member counts", "usermgr groups list"),
        ("Create a group", "usermgr groups create Warehouse"),
    ]),
    ("groups list", &[
        ("List the groups with their member counts", "usermgr groups list"),
        ("List the members of one group", "usermgr users list --group Warehouse"),
    ]),
    ("groups create", &[
        ("Create a group", "usermgr groups create Warehouse"),
        ("Add a member to it", "usermgr users update jo@acme.test --add-group Warehouse"),
    ]),
    ("groups delete", &[
        ("Delete a group (its members stay in the organization)",
         "usermgr groups delete Warehouse"),
    ]),
    ("sites", &[
        ("List the sites with their member counts", "usermgr sites list"),
        ("Create a site", "usermgr sites create Sydney"),
    ]),
    ("sites list", &[
        ("List the sites with their member counts", "usermgr sites list"),
        ("List the members of one site", "usermgr users list --site Sydney"),
    ]),
    ("sites create", &[
        ("Create a site", "usermgr sites create Sydney"),
        ("Add a member to it", "usermgr users update jo@acme.test --add-site Sydney"),
    ]),
    ("sites delete", &[
        ("Delete a site (its members stay in the organization)",
         "usermgr sites delete Sydney"),
    ]),
    ("fields", &[
        ("List the user fields", "usermgr fields list"),
        ("Define a field with a fixed list of options",
         "usermgr fields create department --type select --option Ops --option Sales"),
    ]),
    ("fields list", &[
        ("List the user fields", "usermgr fields list"),
        ("The same as JSON", "usermgr fields list -o json"),
    ]),
    ("fields create", &[
        ("Define a field with a fixed list of options",
         "usermgr fields create department --type select --option Ops --option Sales"),
        ("Define a date field", "usermgr fields create start_date --type date"),
        ("Set it for a member", "usermgr users update jo@acme.test --field start_date=2026-12-01"),
    ]),
    ("fields delete", &[
        ("Delete a field and every member's value of it", "usermgr fields delete department"),
    ]),
    ("audit", &[
        ("Everything about one member", "usermgr audit --user jo@acme.test"),
        ("Failed logins of the last hour",
         "usermgr audit --action login --outcome failed --since 1h"),
        ("This month's events for a script", "usermgr audit --since 2026-11-01 --limit 1000 -o json"),
    ]),
    ("outbox", &[
        ("List the emails, newest first", "usermgr outbox"),
        ("Only those whose delivery failed, then send them again",
         "usermgr outbox --failed"),
        ("", "usermgr send-instructions --retry-failed"),
    ]),
    ("config", &[
        ("List every setting", "usermgr config list"),
        ("Give new users ten minutes to choose their password",
         "usermgr config set reset_window 10m"),
    ]),
    ("config list", &[
        ("List every setting with its value", "usermgr config list"),
        ("The same as JSON", "usermgr config list -o json"),
    ]),
    ("config get", &[
        ("Print how long a reset window lasts", "usermgr config get reset_window"),
        ("Print the email transport", "usermgr config get email.transport"),
    ]),
    ("config set", &[
        ("Give new users ten minutes to choose their password",
         "usermgr config set reset_window 10m"),
        ("Send email through an SMTP server (password from USERMGR_SMTP_PASSWORD)",
         "usermgr config set email.transport \\\n  \"smtp://mailer@smtp.acme.test:587?tls=starttls\""),
        ("Set the sender address", "usermgr config set email.from usermgr@acme.test"),
    ]),
    ("completions", &[
        ("Complete in every new bash", "echo 'source <(usermgr completions bash)' >> ~/.bashrc"),
        ("Install for zsh (a directory on $fpath)",
         "usermgr completions zsh > ~/.zfunc/_usermgr"),
        ("Install for fish", "usermgr completions fish > ~/.config/fish/completions/usermgr.fish"),
    ]),
    ("man", &[
        ("Read the manual of usermgr", "usermgr man | man -l -"),
        ("Read the manual of a nested command", "usermgr man users show | man -l -"),
    ]),
];

/// The examples of the command at `path` (`""`, `"add-users"`, `"users show"`).
pub fn examples(path: &str) -> &'static [Example] {
    EXAMPLES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, e)| *e)
        .unwrap_or(&[])
}

/// The command tree of [`Cli`] with each command's examples after its help.
pub fn command() -> clap::Command {
    with_examples(Cli::command(), "")
}

fn with_examples(cmd: clap::Command, path: &str) -> clap::Command {
    let path = path.to_string();
    let cmd = cmd.mut_subcommands(|sub| {
        let sub_path = format!("{path} {}", sub.get_name());
        with_examples(sub, sub_path.trim_start())
    });
    match examples_text(examples(&path)) {
        Some(text) => cmd.after_help(text),
        None => cmd,
    }
}

/// `Examples:` in clap's heading style, then each example's words and indented command.
fn examples_text(examples: &[Example]) -> Option<StyledStr> {
    if examples.is_empty() {
        return None;
    }
    let header = clap::builder::Styles::default().get_header().to_owned();
    let mut text = format!("{}Examples:{}\n", header.render(), header.render_reset());
    for (what, run) in examples {
        if !what.is_empty() {
            text.push_str(&format!("  {what}:\n"));
        }
        text.push_str(&format!("    {}\n", run.replace('\n', "\n    ")));
    }
    Some(StyledStr::from(text.trim_end().to_string()))
}

/// The exit codes of SPEC §5, for EXIT STATUS.
#[rustfmt::skip]
pub const EXIT_CODES: &[(u8, &str)] = &[
    (0, "success"),
    (1, "unexpected internal error"),
    (2, "usage error (unknown flag, missing argument, unknown command)"),
    (3, "invalid input: a bad row, email, field value or a password that fails the policy"),
    (4, "authentication failed: wrong credentials, bad or expired token, locked account, no session"),
    (5, "permission denied, including the single-organization rule"),
    (6, "not found"),
    (7, "conflict: already exists"),
    (8, "the reset window expired: log in again"),
    (9, "email delivery failed for some recipients (recorded in the outbox)"),
    (10, "password reset required (non-interactive login)"),
    (11, "database busy or unavailable"),
];

/// The environment variables usermgr reads, for ENVIRONMENT.
#[rustfmt::skip]
pub const ENVIRONMENT: &[(&str, &str)] = &[
    ("USERMGR_DB", "The database file when --db is not given."),
    ("USERMGR_TOKEN", "A session token (from login --print-token) to act with instead of the stored session."),
    ("USERMGR_CONFIG", "The machine's config file, instead of config.toml in the platform config directory."),
    ("USERMGR_SMTP_PASSWORD", "The password of the SMTP login of an smtp:// email transport."),
    ("USERMGR_COMPLETE", "Set by the completion scripts to ask usermgr for the candidates of a word (bash, zsh, fish, elvish, powershell)."),
    ("NO_COLOR", "Set to any value to print no colours."),
];

/// The files usermgr reads and writes, for FILES (Linux paths; other platforms use their
/// own data, state and config directories).
#[rustfmt::skip]
pub const FILES: &[(&str, &str)] = &[
    ("~/.local/share/usermgr/usermgr.db", "The database when neither --db nor USERMGR_DB is given ($XDG_DATA_HOME/usermgr/usermgr.db); created 0600 in a 0700 directory, with its -wal and -shm files beside it."),
    ("~/.local/state/usermgr/sessions/*.token", "The session of the last login, one 0600 file per database ($XDG_STATE_HOME/usermgr/sessions)."),
    ("~/.config/usermgr/config.toml", "The machine's [email] transport and from, overriding the database's settings ($XDG_CONFIG_HOME/usermgr/config.toml, or USERMGR_CONFIG)."),
    ("outbox/", "Beside the database: the .eml files of the default file: email transport."),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn visible_paths(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        for sub in cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        {
            visible_paths(sub, format!("{path} {}", sub.get_name()).trim_start(), out);
        }
    }

    #[test]
    fn every_visible_command_has_examples_and_every_example_a_command() {
        let mut paths = Vec::new();
        visible_paths(&Cli::command(), "", &mut paths);
        for path in &paths {
            assert!(
                !examples(path).is_empty(),
                "`usermgr {path}` has no examples: add them to EXAMPLES in src/help.rs"
            );
        }
        for (path, _) in EXAMPLES {
            assert!(paths.iter().any(|p| p == path), "{path:?} is not a command");
        }
    }

    #[test]
    fn every_example_runs_usermgr_in_lines_that_fit_a_terminal() {
        for (path, list) in EXAMPLES {
            for (_, run) in *list {
                assert!(run.contains("usermgr "), "{path}: {run}");
                for line in run.lines() {
                    // Indented by 4 in --help: never wrapped on an 80-column terminal.
                    assert!(line.chars().count() <= 76, "{path}: {line:?} is too long");
                }
            }
        }
    }

    #[test]
    fn help_ends_with_the_examples() {
        let mut cmd = command();
        let help = cmd
            .find_subcommand_mut("add-users")
            .unwrap()
            .render_help()
            .to_string();
        assert!(
            help.contains("Examples:\n  Add one user") && help.contains("--require-reset\n"),
            "{help}"
        );
    }
}
