//! usermgr: manage user accounts kept in a local SQLite database, with admin-required
//! password resets inside a timed window.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![warn(missing_docs)]

pub mod cli;
pub mod clock;
pub mod commands;
pub mod complete;
pub mod contract;
pub mod core;
pub mod ctx;
pub mod domain;
pub mod error;
pub mod hasher;
pub mod help;
pub mod mail;
pub mod output;
pub mod prompt;
pub mod serve;
pub mod store;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests_layers;
#[cfg(test)]
mod tests_rules;

pub use error::{Error, Result};

/// Runs one parsed command line in a real process's context.
pub fn run(cli: cli::Cli) -> Result<()> {
    let mut ctx = ctx::Ctx::from_process(cli.global.clone());
    commands::dispatch(cli.command, &mut ctx)
}
