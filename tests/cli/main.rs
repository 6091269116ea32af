//! The integration tests: the real binary, one sandbox (temp dir, database, mail folder,
//! scrubbed environment) per test.
#![allow(clippy::disallowed_methods)] // tests drive a real process: real time and environment

mod support;

mod add_users;
mod admin_actions;
mod admin_email;
mod admin_reset;
mod completion;
mod contract_input;
mod contract_json;
mod directory;
mod doctor;
mod email;
mod first_login;
mod foundation;
mod generated;
mod guided;
mod hardening_login;
mod hardening_power;
mod hardening_review;
mod hardening_store;
mod help;
mod postgres;
mod pty;
mod reliability;
mod serve_api;
mod serve_browser;
mod serve_shared;
mod serve_slow;
mod terminal;
mod users;
