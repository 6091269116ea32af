//! Every question asked of a person, behind one trait; the timed password prompt whose
//! watchdog ends the process when a reset window closes (R9); and clean cancelling (R25):
//! Ctrl-C, Ctrl-D, SIGTERM or SIGHUP at a prompt put the terminal back as it was before the
//! first question, say that nothing was changed and end the process (130, 143, 129).

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{mpsc, Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Select};
use secrecy::SecretString;

use crate::error::{Error, Result};

/// Questions a command can ask. Implemented with dialoguer on a real terminal.
pub trait Prompter {
    /// A line of text; empty allowed when `allow_empty`.
    fn input(&mut self, prompt: &str, allow_empty: bool) -> Result<String>;
    /// A line of text that `check` accepts: a refused answer shows `check`'s error and is
    /// asked again, before the answer is marked as given.
    fn input_checked(
        &mut self,
        prompt: &str,
        check: &mut dyn FnMut(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        loop {
            let answer = self.input(prompt, false)?;
            match check(&answer) {
                Ok(()) => return Ok(answer),
                Err(e) => {
                    let _ = writeln!(std::io::stderr().lock(), "{e}; try again");
                }
            }
        }
    }
    /// A hidden password.
    fn password(&mut self, prompt: &str) -> Result<SecretString>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool>;
    /// One of several items; returns its index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    /// Any of several items; returns their indexes.
    fn multi_select(&mut self, prompt: &str, items: &[String]) -> Result<Vec<usize>>;
}

/// The terminal prompter.
pub struct DialoguerPrompter;

fn prompt_err(e: dialoguer::Error) -> Error {
    match e {
        // Ctrl-C: the key also raised SIGINT; end the same way the signal does.
        dialoguer::Error::IO(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::Interrupted | std::io::ErrorKind::UnexpectedEof
            ) =>
        {
            cancel_at_prompt()
        }
        dialoguer::Error::IO(io) => Error::internal(format!("cannot prompt on the terminal: {io}")),
    }
}

impl Prompter for DialoguerPrompter {
    fn input(&mut self, prompt: &str, allow_empty: bool) -> Result<String> {
        let _cancel = CancelGuard::arm();
        Input::<String>::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .allow_empty(allow_empty)
            .interact_text()
            .map_err(prompt_err)
    }

    fn input_checked(
        &mut self,
        prompt: &str,
        check: &mut dyn FnMut(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        let _cancel = CancelGuard::arm();
        Input::<String>::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .validate_with(|answer: &String| check(answer))
            .interact_text()
            .map_err(prompt_err)
    }

    fn password(&mut self, prompt: &str) -> Result<SecretString> {
        // rpassword prints the prompt before it turns echo off; a fast typist (or a paste)
        // answering the prompt at once would see the password echoed. Echo goes off first.
        let _cancel = CancelGuard::arm();
        let _echo_off = SavedTerminal::capture().map(EchoOff::new);
        read_hidden(&format!("{prompt}: "))
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        let _cancel = CancelGuard::arm();
        Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .default(default)
            .interact()
            .map_err(prompt_err)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        let _cancel = CancelGuard::arm();
        Select::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact()
            .map_err(prompt_err)
    }

    fn multi_select(&mut self, prompt: &str, items: &[String]) -> Result<Vec<usize>> {
        let _cancel = CancelGuard::arm();
        MultiSelect::with_theme(&ColorfulTheme::default())
            .with_prompt(format!("{prompt} (space to select, enter to confirm)"))
            .items(items)
            .interact()
            .map_err(prompt_err)
    }
}

/// Reads a hidden line from the terminal (rpassword); Ctrl-C and Ctrl-D cancel (R25).
/// For callers outside the prompter that read a secret on a terminal (`--password-stdin`
/// typed by hand): the caller arms a [`CancelGuard`] first.
pub fn read_hidden(prompt: &str) -> Result<SecretString> {
    let _cancel = CancelGuard::arm();
    match rpassword::prompt_password(prompt) {
        Ok(pw) => Ok(SecretString::from(pw)),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::Interrupted | std::io::ErrorKind::UnexpectedEof
            ) =>
        {
            cancel_at_prompt()
        }
        Err(e) => Err(Error::internal(format!(
            "cannot read a password from the terminal: {e}"
        ))),
    }
}

/// The terminal's settings, saved so they can be put back after a timeout or a cancel.
struct SavedTerminal {
    fd: libc::c_int,
    termios: libc::termios,
    _tty: std::fs::File,
}

impl SavedTerminal {
    fn capture() -> Option<SavedTerminal> {
        use std::os::fd::AsRawFd;
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()?;
        let fd = tty.as_raw_fd();
        // SAFETY: termios is plain old data; tcgetattr fills it for a valid open fd.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is an open terminal for the lifetime of `tty`.
        if unsafe { libc::tcgetattr(fd, &mut termios) } != 0 {
            return None;
        }
        Some(SavedTerminal {
            fd,
            termios,
            _tty: tty,
        })
    }

    /// Puts the saved settings back, with echo, line editing and Ctrl-C keys on whatever
    /// they were: a person is typing at this terminal again.
    fn restore(&self) {
        let mut t = self.termios;
        t.c_lflag |= libc::ECHO | libc::ICANON | libc::ISIG;
        // SAFETY: restoring settings read from the same open fd.
        unsafe {
            libc::tcsetattr(self.fd, libc::TCSANOW, &t);
        }
    }
}

/// Echo (and line editing) turned off on the terminal until dropped, then the saved settings come back.
struct EchoOff(SavedTerminal);

impl EchoOff {
    fn new(saved: SavedTerminal) -> EchoOff {
        let mut t = saved.termios;
        // Line editing goes off too, as rpassword will set it: a Ctrl-D typed before then is
        // a key the prompt reads (and cancels on), not an end of file the line discipline
        // swallows.
        t.c_lflag &= !(libc::ECHO | libc::ICANON);
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
        // SAFETY: changing settings of the open terminal fd held by `saved`.
        unsafe {
            libc::tcsetattr(saved.fd, libc::TCSANOW, &t);
        }
        EchoOff(saved)
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        // SAFETY: putting back settings read from the same open fd.
        unsafe {
            libc::tcsetattr(self.0.fd, libc::TCSANOW, &self.0.termios);
        }
    }
}

/// Exit code after Ctrl-C or Ctrl-D (128 + SIGINT, as shells report an interrupted command).
const EXIT_INTERRUPT: i32 = 128 + libc::SIGINT;
/// The signals that cancel a prompt.
const CANCEL_SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// The terminal as it was before the first question of this process.
static TERMINAL: OnceLock<Option<SavedTerminal>> = OnceLock::new();
/// What a cancel adds after "nothing was changed" (e.g. until when a reset window stays open).
static CANCEL_NOTE: Mutex<String> = Mutex::new(String::new());
/// Held by whoever is ending the process, so a cancel and a timeout never both report.
static ENDING: Mutex<()> = Mutex::new(());
/// The first cancel signal received (0: none), so a prompt that a signal interrupted ends
/// with that signal's exit code — also when the prompt turns the interruption into a SIGINT
/// of its own (console does).
static SIGNALLED: AtomicI32 = AtomicI32::new(0);
/// Write end of the pipe the signal handler writes the signal number into.
static SIGNAL_PIPE: AtomicI32 = AtomicI32::new(-1);
/// Set when the prompting thread itself saw Ctrl-C or Ctrl-D and is ending the process.
static PROMPT_CANCELLING: AtomicBool = AtomicBool::new(false);
/// Started once: the pipe and the thread that turns a signal into a clean exit.
static WATCHER: OnceLock<bool> = OnceLock::new();

/// The signal handler: only writes one byte to a pipe, which is async-signal-safe; the
/// watcher thread does the rest outside signal context.
extern "C" fn on_signal(sig: libc::c_int) {
    // Atomics are async-signal-safe too.
    let _ = SIGNALLED.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
    let fd = SIGNAL_PIPE.load(Ordering::Relaxed);
    if fd >= 0 {
        let byte = u8::try_from(sig).unwrap_or(0);
        // SAFETY: write(2) is async-signal-safe; `byte` lives for the call.
        unsafe {
            libc::write(fd, std::ptr::addr_of!(byte).cast(), 1);
        }
    }
}

/// Creates the signal pipe and its watcher thread (once per process); false when the pipe
/// cannot be made, in which case signals keep their default behaviour.
fn start_watcher() -> bool {
    *WATCHER.get_or_init(|| {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: pipe2 fills two fds into the array.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return false;
        }
        let [read_fd, write_fd] = fds;
        SIGNAL_PIPE.store(write_fd, Ordering::Relaxed);
        let spawned = thread::Builder::new()
            .name("cancel-watcher".into())
            .spawn(move || loop {
                let mut sig: u8 = 0;
                // SAFETY: reading one byte into a live local from our own pipe.
                let n = unsafe { libc::read(read_fd, std::ptr::addr_of_mut!(sig).cast(), 1) };
                if n == 1 {
                    let sig = libc::c_int::from(sig);
                    if sig == libc::SIGINT {
                        // Ctrl-C typed at a prompt raises SIGINT from the prompting thread,
                        // which then puts the prompt's terminal settings back: let it finish
                        // and end the process itself, or the terminal would be restored
                        // before the prompt un-restores it.
                        for _ in 0..20 {
                            if PROMPT_CANCELLING.load(Ordering::SeqCst) {
                                break;
                            }
                            thread::sleep(Duration::from_millis(10));
                        }
                    }
                    match SIGNALLED.load(Ordering::SeqCst) {
                        0 => cancel(128 + sig),
                        first => cancel(128 + first),
                    }
                }
                if n < 0
                    && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
                {
                    continue;
                }
                return;
            });
        spawned.is_ok()
    })
}

/// While alive, Ctrl-C, SIGTERM and SIGHUP cancel cleanly instead of killing the process with
/// the terminal left as the prompt set it (R25). Armed around every question; dropping it
/// puts back the signal handling there was before.
pub struct CancelGuard {
    previous: Vec<(libc::c_int, libc::sigaction)>,
}

impl CancelGuard {
    /// Saves the terminal (the first time) and routes the cancel signals to the watcher.
    pub fn arm() -> CancelGuard {
        TERMINAL.get_or_init(SavedTerminal::capture);
        let mut previous = Vec::new();
        if !start_watcher() {
            return CancelGuard { previous };
        }
        for sig in CANCEL_SIGNALS {
            // SAFETY: sigaction is plain data; zeroed is a valid empty action.
            let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
            action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            // Reads restart, so the prompt goes on waiting while the watcher ends the process.
            action.sa_flags = libc::SA_RESTART;
            // SAFETY: sa_mask is a valid sigset_t inside `action`.
            unsafe { libc::sigemptyset(&mut action.sa_mask) };
            // SAFETY: as above; `old` receives the previous action.
            let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
            // SAFETY: installing a handler that only calls async-signal-safe functions.
            if unsafe { libc::sigaction(sig, &action, &mut old) } == 0 {
                previous.push((sig, old));
            }
        }
        CancelGuard { previous }
    }
}

impl Drop for CancelGuard {
    fn drop(&mut self) {
        for (sig, old) in self.previous.iter().rev() {
            // SAFETY: putting back the action sigaction returned for this signal.
            unsafe {
                libc::sigaction(*sig, old, std::ptr::null_mut());
            }
        }
    }
}

/// Sets what a cancel says after "nothing was changed" until the returned guard is dropped.
struct CancelNote;

impl CancelNote {
    fn set(note: String) -> CancelNote {
        if let Ok(mut n) = CANCEL_NOTE.lock() {
            *n = note;
        }
        CancelNote
    }
}

impl Drop for CancelNote {
    fn drop(&mut self) {
        if let Ok(mut n) = CANCEL_NOTE.lock() {
            n.clear();
        }
    }
}

/// Ctrl-C or Ctrl-D seen by the prompting thread once the prompt has let go of the
/// terminal: exit 130 like an interrupt, or 128 + the signal that interrupted the prompt's
/// wait (a SIGTERM landing in a poll that does not restart).
fn cancel_at_prompt() -> ! {
    PROMPT_CANCELLING.store(true, Ordering::SeqCst);
    match SIGNALLED.load(Ordering::SeqCst) {
        0 => cancel(EXIT_INTERRUPT),
        sig => cancel(128 + sig),
    }
}

/// Ends the process after a cancel: terminal back as it was, `cancelled: nothing was
/// changed` (plus the note), exit `code`. Nothing is written at a prompt, so nothing is lost.
fn cancel(code: i32) -> ! {
    let note = CANCEL_NOTE.lock().map(|n| n.clone()).unwrap_or_default();
    end_process(
        code,
        &format!("error: cancelled: nothing was changed{note}"),
    )
}

/// Restores the terminal, prints `message` on a fresh line of stderr and exits. The first
/// caller wins; any other (a cancel racing a timeout) waits here until the process is gone.
fn end_process(code: i32, message: &str) -> ! {
    let _ending = ENDING.lock();
    if let Some(Some(t)) = TERMINAL.get() {
        t.restore();
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "\n{message}");
    let _ = err.flush();
    // A signal can land while the prompt on the main thread is switching echo off: its
    // tcsetattr may then come just after the restore above. Once it has surely run, put
    // the terminal back once more.
    if let Some(Some(t)) = TERMINAL.get() {
        thread::sleep(std::time::Duration::from_millis(30));
        t.restore();
    }
    #[allow(clippy::disallowed_methods)]
    std::process::exit(code)
}

/// Asks for a hidden password that must be typed before `deadline_in`. When the time runs
/// out first, a watchdog restores the terminal (echo on), prints `expired_message` and ends
/// the process with exit code 8: the prompt never outlives the window. A cancel says
/// `cancel_note` after "nothing was changed" (until when the window stays open).
pub fn timed_password(
    prompter: &mut dyn Prompter,
    prompt: &str,
    deadline_in: Duration,
    expired_message: String,
    cancel_note: String,
) -> Result<SecretString> {
    let _cancel = CancelGuard::arm();
    let _note = CancelNote::set(cancel_note);
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watchdog = thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(deadline_in) {
            end_process(
                i32::from(Error::WindowExpired(String::new()).exit_code()),
                &expired_message,
            );
        }
    });
    let answer = prompter.password(prompt);
    let _ = done_tx.send(());
    let _ = watchdog.join();
    answer
}
