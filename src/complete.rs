//! Shell completion: the command tree the shells see, and the candidates that come from the
//! database (member emails; group, site, organization and permission set names) or from the
//! code (setting keys).
//!
//! The committed scripts in completions/ only register a hook: on TAB the shell runs
//! `USERMGR_COMPLETE=<shell> usermgr -- <words>`, and clap_complete's engine answers with the
//! candidates of the word under the cursor. A database-backed completer opens the database
//! the command line names (`--db`, else `USERMGR_DB`, else the default) read-only, acts as
//! the stored session (or `USERMGR_TOKEN`) in its organization (or `--org`), and never
//! writes, prompts or prints: without a database or a session there are no candidates.
//!
//! Attach one to a new argument with `#[arg(add = complete::member_email())]`.

use std::ffi::{OsStr, OsString};

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::cli::{Cli, GlobalArgs};
use crate::ctx::{Actor, Ctx};
use crate::error::Result;
use crate::store::{Collection, MemberFilter, Store, Tx};

/// The environment variable that asks usermgr for completions instead of running a command.
pub const VAR: &str = "USERMGR_COMPLETE";

/// A candidate's value and its description (shown by zsh and fish).
type Found = Vec<(String, Option<String>)>;

/// The command tree the shells complete: the real one without hidden commands, so a
/// maintainer's `generate` is never offered, not even for `usermgr gen<TAB>`.
pub fn command() -> clap::Command {
    without_hidden(&Cli::command())
}

fn without_hidden(cmd: &clap::Command) -> clap::Command {
    let mut out = clap::Command::new(cmd.get_name().to_string())
        .args(cmd.get_arguments().cloned())
        .groups(cmd.get_groups().cloned())
        .subcommands(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(without_hidden),
        );
    if let Some(about) = cmd.get_about() {
        out = out.about(about.clone());
    }
    if let Some(version) = cmd.get_version() {
        out = out.version(version.to_string());
    }
    out
}

/// Emails of the members of the organization.
pub fn member_email() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        from_db(current, |tx, actor| {
            let mut found = Found::new();
            tx.each_member(actor.org.id, &[], &MemberFilter::default(), |m| {
                let name = Some(m.name).filter(|n| !n.is_empty());
                found.push((m.email, name));
                Ok(())
            })?;
            Ok(found)
        })
    })
}

/// Names of the organization's groups.
pub fn group() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| named(current, Collection::Groups))
}

/// Names of the organization's sites.
pub fn site() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| named(current, Collection::Sites))
}

/// Names of the organization's permission sets.
pub fn permission_set() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        from_db(current, |tx, actor| {
            Ok(tx
                .permission_sets(actor.org.id)?
                .into_iter()
                .map(|s| (s.name, None))
                .collect())
        })
    })
}

/// Names of the organizations the logged-in account belongs to.
pub fn org() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        // The session's own organization: the --org being typed is not one yet.
        from_db_in(current, Scope::Session, |tx, actor| {
            Ok(tx
                .memberships_of(actor.account.id)?
                .into_iter()
                .map(|m| (m.org.name, Some(m.permission_set)))
                .collect())
        })
    })
}

/// The keys of `config get/set`.
pub fn setting_key() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let found = crate::domain::settings::SETTINGS
            .iter()
            .map(|s| (s.key.to_string(), Some(s.help.to_string())))
            .collect();
        matching(current, found)
    })
}

fn named(current: &OsStr, c: Collection) -> Vec<CompletionCandidate> {
    from_db(current, |tx, actor| {
        Ok(tx
            .named_items(c, actor.org.id)?
            .into_iter()
            .map(|i| (i.name, None))
            .collect())
    })
}

/// Which organization candidates come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The one the command will act in: `--org`, else the session's.
    Command,
    /// The session's.
    Session,
}

/// The candidates `list` finds for the actor in the command's organization, or none when
/// anything fails.
fn from_db(
    current: &OsStr,
    list: impl FnOnce(&Tx<'_>, &Actor) -> Result<Found>,
) -> Vec<CompletionCandidate> {
    from_db_in(current, Scope::Command, list)
}

fn from_db_in(
    current: &OsStr,
    scope: Scope,
    list: impl FnOnce(&Tx<'_>, &Actor) -> Result<Found>,
) -> Vec<CompletionCandidate> {
    let found = (|| {
        let mut global = globals(&completing_words());
        if scope == Scope::Session {
            global.org = None;
        }
        let ctx = Ctx::from_process(global);
        let mut store = match ctx.db_path()? {
            Some(path) => Store::open_read_only(&path)?,
            None => ctx.open_store()?,
        };
        store.read(|tx| {
            let actor = ctx.actor(tx)?;
            list(tx, &actor)
        })
    })();
    matching(current, found.unwrap_or_default())
}

/// The candidates that start with what is typed (ignoring case), sorted.
fn matching(current: &OsStr, mut found: Found) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str().map(str::to_lowercase) else {
        return Vec::new();
    };
    found.retain(|(value, _)| value.to_lowercase().starts_with(&typed));
    found.sort();
    found
        .into_iter()
        .map(|(value, help)| CompletionCandidate::new(value).help(help.map(Into::into)))
        .collect()
}

/// The words of the command line being completed: what follows `--` in this process's
/// arguments (`usermgr -- usermgr users show jo`).
fn completing_words() -> Vec<OsString> {
    std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(1)
        .collect()
}

/// The `--db` and `--org` of the command line being completed, so candidates come from the
/// database and organization the command will use.
fn globals(words: &[OsString]) -> GlobalArgs {
    let mut global = GlobalArgs {
        no_input: true,
        quiet: true,
        ..GlobalArgs::default()
    };
    let mut words = words.iter().filter_map(|w| w.to_str());
    while let Some(word) = words.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) => (f, Some(v)),
            None => (word, None),
        };
        if flag == "--" {
            break;
        }
        if flag != "--db" && flag != "--org" {
            continue;
        }
        let Some(value) = inline.or_else(|| words.next()) else {
            break;
        };
        if value.is_empty() {
            continue;
        }
        if flag == "--db" {
            global.db = Some(value.into());
        } else {
            global.org = Some(value.to_string());
        }
    }
    global
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn globals_come_from_the_completed_line() {
        let g = globals(&words("usermgr --db /tmp/a.db users show --org=Beta jo"));
        assert_eq!(g.db.as_deref(), Some(std::path::Path::new("/tmp/a.db")));
        assert_eq!(g.org.as_deref(), Some("Beta"));
        let g = globals(&words("usermgr users show --db"));
        assert!(g.db.is_none() && g.no_input && g.quiet);
    }

    #[test]
    fn the_completed_tree_has_no_hidden_command() {
        let mut cmd = command();
        cmd.build();
        assert!(cmd.find_subcommand("generate").is_none());
        assert!(cmd.find_subcommand("users").is_some());
    }

    #[test]
    fn candidates_match_the_typed_prefix_ignoring_case() {
        let found = vec![
            ("jo@acme.test".to_string(), None),
            ("Sam@acme.test".to_string(), None),
        ];
        let got: Vec<String> = matching(OsStr::new("s"), found)
            .iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect();
        assert_eq!(got, ["Sam@acme.test"]);
    }
}
