//! Every question asked of a person, behind one trait, and the timed password prompt whose
//! watchdog ends the process when a reset window closes (R9).

use std::io::Write;
use std::sync::mpsc;
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
        dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted => {
            Error::invalid("cancelled at the prompt; nothing was changed")
        }
        dialoguer::Error::IO(io) => Error::internal(format!("cannot prompt on the terminal: {io}")),
    }
}

impl Prompter for DialoguerPrompter {
    fn input(&mut self, prompt: &str, allow_empty: bool) -> Result<String> {
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
        Input::<String>::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .validate_with(|answer: &String| check(answer))
            .interact_text()
            .map_err(prompt_err)
    }

    fn password(&mut self, prompt: &str) -> Result<SecretString> {
        // rpassword prints the prompt before it turns echo off; a fast typist (or a paste)
        // answering the prompt at once would see the password echoed. Echo goes off first.
        let _echo_off = SavedTerminal::capture().map(EchoOff::new);
        let pw = rpassword::prompt_password(format!("{prompt}: ")).map_err(|e| {
            Error::internal(format!("cannot read a password from the terminal: {e}"))
        })?;
        Ok(SecretString::from(pw))
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .default(default)
            .interact()
            .map_err(prompt_err)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        Select::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact()
            .map_err(prompt_err)
    }

    fn multi_select(&mut self, prompt: &str, items: &[String]) -> Result<Vec<usize>> {
        MultiSelect::with_theme(&ColorfulTheme::default())
            .with_prompt(format!("{prompt} (space to select, enter to confirm)"))
            .items(items)
            .interact()
            .map_err(prompt_err)
    }
}

/// The terminal's settings, saved so the watchdog can restore echo after a timeout.
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

    fn restore(&self) {
        let mut t = self.termios;
        t.c_lflag |= libc::ECHO | libc::ICANON;
        // SAFETY: restoring settings read from the same open fd.
        unsafe {
            libc::tcsetattr(self.fd, libc::TCSANOW, &t);
        }
    }
}

/// Echo turned off on the terminal until dropped, then the saved settings come back.
struct EchoOff(SavedTerminal);

impl EchoOff {
    fn new(saved: SavedTerminal) -> EchoOff {
        let mut t = saved.termios;
        t.c_lflag &= !libc::ECHO;
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

/// Asks for a hidden password that must be typed before `deadline_in`. When the time runs
/// out first, a watchdog restores the terminal (echo on), prints `expired_message` and ends
/// the process with exit code 8: the prompt never outlives the window.
pub fn timed_password(
    prompter: &mut dyn Prompter,
    prompt: &str,
    deadline_in: Duration,
    expired_message: String,
) -> Result<SecretString> {
    let saved = SavedTerminal::capture();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watchdog = thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(deadline_in) {
            if let Some(t) = &saved {
                t.restore();
            }
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "\n{expired_message}");
            let _ = err.flush();
            #[allow(clippy::disallowed_methods)]
            std::process::exit(i32::from(Error::WindowExpired(String::new()).exit_code()));
        }
    });
    let answer = prompter.password(prompt);
    let _ = done_tx.send(());
    let _ = watchdog.join();
    answer
}
