//! In-process test support: a world with its own temporary database, a clock the test
//! moves, and a prompter that gives answers queued in advance; commands run through their
//! real `run` functions with [`Ctx::for_test`] and their printed results are captured.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use clap::Parser;
use secrecy::SecretString;
use tempfile::TempDir;

use crate::cli::Cli;
use crate::ctx::Ctx;
use crate::domain::clock::ManualClock;
use crate::error::{Error, Result};
use crate::prompt::Prompter;

/// One scripted answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A line of text.
    Text(String),
    /// A hidden password.
    Password(String),
    /// Yes or no.
    Confirm(bool),
    /// The index of one item.
    Select(usize),
    /// The indexes of several items.
    MultiSelect(Vec<usize>),
    /// Ctrl-C at the prompt.
    Cancel,
}

type Hook = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct Script {
    steps: VecDeque<(Answer, Option<Hook>)>,
    asked: Vec<String>,
}

/// A [`Prompter`] that gives answers queued in advance, in order, and remembers every
/// question. A question of another kind than the next answer, or one with no answer left,
/// fails the command with an internal error naming the question. Clones share the script.
#[derive(Clone, Default)]
pub struct ScriptedPrompter(Arc<Mutex<Script>>);

impl ScriptedPrompter {
    fn script(&self) -> MutexGuard<'_, Script> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues an answer.
    pub fn answer(&self, a: Answer) -> &Self {
        self.script().steps.push_back((a, None));
        self
    }

    /// Queues an answer that runs `hook` first, when the question comes (e.g. to move the
    /// clock while the person is "typing").
    pub fn answer_after(&self, a: Answer, hook: impl FnOnce() + Send + 'static) -> &Self {
        self.script().steps.push_back((a, Some(Box::new(hook))));
        self
    }

    /// Queues a password.
    pub fn password(&self, pw: &str) -> &Self {
        self.answer(Answer::Password(pw.to_string()))
    }

    /// The questions asked so far, as `kind: prompt`.
    pub fn asked(&self) -> Vec<String> {
        self.script().asked.clone()
    }

    /// Forgets the questions asked so far.
    pub fn clear_asked(&self) {
        self.script().asked.clear();
    }

    /// Answers not yet given.
    pub fn left(&self) -> usize {
        self.script().steps.len()
    }

    fn next(&self, kind: &str, prompt: &str) -> Result<Answer> {
        let (answer, hook) = {
            let mut s = self.script();
            s.asked.push(format!("{kind}: {prompt}"));
            s.steps.pop_front().ok_or_else(|| {
                Error::internal(format!("no answer scripted for the {kind} {prompt:?}"))
            })?
        };
        if let Some(hook) = hook {
            hook();
        }
        match answer {
            Answer::Cancel => Err(Error::invalid(
                "cancelled at the prompt; nothing was changed",
            )),
            a => Ok(a),
        }
    }
}

fn mismatch(kind: &str, prompt: &str, got: &Answer) -> Error {
    Error::internal(format!(
        "the script answers {got:?} but the {kind} {prompt:?} was asked"
    ))
}

impl Prompter for ScriptedPrompter {
    fn input(&mut self, prompt: &str, _allow_empty: bool) -> Result<String> {
        match self.next("input", prompt)? {
            Answer::Text(t) => Ok(t),
            a => Err(mismatch("input", prompt, &a)),
        }
    }

    fn password(&mut self, prompt: &str) -> Result<SecretString> {
        match self.next("password", prompt)? {
            Answer::Password(p) => Ok(SecretString::from(p)),
            a => Err(mismatch("password", prompt, &a)),
        }
    }

    fn confirm(&mut self, prompt: &str, _default: bool) -> Result<bool> {
        match self.next("confirm", prompt)? {
            Answer::Confirm(b) => Ok(b),
            a => Err(mismatch("confirm", prompt, &a)),
        }
    }

    fn select(&mut self, prompt: &str, _items: &[String], _default: usize) -> Result<usize> {
        match self.next("select", prompt)? {
            Answer::Select(i) => Ok(i),
            a => Err(mismatch("select", prompt, &a)),
        }
    }

    fn multi_select(&mut self, prompt: &str, _items: &[String]) -> Result<Vec<usize>> {
        match self.next("multi-select", prompt)? {
            Answer::MultiSelect(v) => Ok(v),
            a => Err(mismatch("multi-select", prompt, &a)),
        }
    }
}

/// 2026-11-30T12:00:00Z, where every world's clock starts.
pub const T0: i64 = 1_796_040_000_000;

/// Email and password of the administrator [`World::with_admin`] creates.
pub const ADMIN: &str = "admin@acme.test";
/// See [`ADMIN`].
pub const ADMIN_PW: &str = "admin-correct-horse";

/// One test's world: a temporary directory with the database and session files, the clock
/// and the prompter every command of the test shares.
pub struct World {
    dir: TempDir,
    /// The clock of every command run in this world; move it with `advance`.
    pub clock: Arc<ManualClock>,
    /// The answers to questions; queue them before running the command that asks.
    pub prompt: ScriptedPrompter,
}

impl World {
    /// An empty world (no database yet) at [`T0`].
    pub fn new() -> World {
        World {
            dir: tempfile::tempdir().expect("temp dir"),
            clock: Arc::new(ManualClock::new(T0)),
            prompt: ScriptedPrompter::default(),
        }
    }

    /// A world with organization Acme, its administrator logged in, and cheap argon2
    /// parameters so tests hash quickly.
    pub fn with_admin() -> World {
        let w = World::new();
        w.prompt.password(ADMIN_PW).password(ADMIN_PW);
        w.ok(&["init", "--org", "Acme", "--admin", ADMIN]);
        w.ok(&["config", "set", "argon2.m_cost", "64"]);
        w.ok(&["config", "set", "argon2.t_cost", "1"]);
        w.prompt.clear_asked();
        w
    }

    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("usermgr.db")
    }

    /// A file in the world's directory with this text (e.g. for `--password-file`).
    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write file");
        p
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// Runs a command line (without `usermgr`) in this world, in this thread: the result
    /// is what it printed on stdout, or its error.
    pub fn run(&self, args: &[&str]) -> Result<String> {
        let cli = Cli::try_parse_from(std::iter::once("usermgr").chain(args.iter().copied()))
            .map_err(|e| Error::Usage(e.to_string()))?;
        let mut global = cli.global.clone();
        global.db.get_or_insert_with(|| self.db());
        let mut ctx = Ctx::for_test(
            global,
            Arc::clone(&self.clock),
            self.prompt.clone(),
            self.dir.path().join("state"),
        );
        crate::output::capture_start();
        let result = crate::commands::dispatch(cli.command, &mut ctx);
        let printed = crate::output::capture_take();
        result.map(|()| printed)
    }

    /// A context as a command of this world gets one, for calling the operations of
    /// [`crate::core`] directly.
    pub fn ctx(&self) -> Ctx {
        let global = crate::cli::GlobalArgs {
            db: Some(self.db()),
            ..crate::cli::GlobalArgs::default()
        };
        Ctx::for_test(
            global,
            Arc::clone(&self.clock),
            self.prompt.clone(),
            self.dir.path().join("state"),
        )
    }

    /// Runs and expects success; returns what was printed.
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args)
            .unwrap_or_else(|e| panic!("usermgr {args:?} failed (exit {}): {e:#}", e.exit_code()))
    }

    /// Runs and expects exit `code`; returns the error's message.
    pub fn fails(&self, code: u8, args: &[&str]) -> String {
        match self.run(args) {
            Ok(out) => panic!("usermgr {args:?} succeeded, expected exit {code}: {out}"),
            Err(e) => {
                assert_eq!(e.exit_code(), code, "usermgr {args:?}: {e:#}");
                format!("{e:#}")
            }
        }
    }

    /// The newest email in the world's `file:` outbox, with quoted-printable soft line
    /// breaks joined.
    pub fn newest_email(&self) -> String {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path().join("outbox"))
            .expect("outbox folder")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        let text = std::fs::read_to_string(files.last().expect("an email")).expect("read");
        text.replace("=\r\n", "").replace("=\n", "")
    }

    /// The token (`re_…`, `sp_…`) in the newest email.
    pub fn emailed_token(&self) -> String {
        let body = self.newest_email();
        body.split_whitespace()
            .find(|w| w.starts_with("re_") || w.starts_with("sp_"))
            .unwrap_or_else(|| panic!("no token in:\n{body}"))
            .to_string()
    }
}
