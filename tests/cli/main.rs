//! The integration tests: the real binary, one sandbox (temp dir, database, mail folder,
//! scrubbed environment) per test.
#![allow(clippy::disallowed_methods)] // tests drive a real process: real time and environment

mod support;

mod email;
mod foundation;
mod generated;

mod admin_reset;
mod first_login;
mod pty;
