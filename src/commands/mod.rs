//! One file per command; `dispatch` routes a parsed command line to its `run`. A command
//! parses its arguments, calls the operations of [`crate::core`], and prints the result; no
//! command file uses another.

pub mod add_users;
pub mod audit;
pub mod config;
pub mod db;
pub mod directory;
mod doctor;
pub mod generate;
pub mod init;
pub mod login;
pub mod orgs;
pub mod outbox;
pub mod passwd;
pub mod permission_sets;
pub mod reset;
pub mod send_instructions;
pub mod serve;
pub mod session;
pub mod users;

use crate::cli::Command;
use crate::ctx::Ctx;
use crate::error::Result;

/// Runs one command.
pub fn dispatch(command: Command, ctx: &mut Ctx) -> Result<()> {
    if !matches!(command, Command::Doctor(_)) {
        crate::mail::warn_about_config_file(ctx);
    }
    match command {
        Command::Init(args) => init::run(&args, ctx),
        Command::Login(args) => login::run(&args, ctx),
        Command::Logout => session::logout(ctx),
        Command::Whoami => session::whoami(ctx),
        Command::Orgs(cmd) => orgs::run(&cmd, ctx),
        Command::PermissionSets(cmd) => permission_sets::run(&cmd, ctx),
        Command::Config(cmd) => config::run(&cmd, ctx),
        Command::Audit(args) => audit::run(&args, ctx),
        Command::Completions(args) => generate::completions(&args, ctx),
        Command::Man(args) => generate::man(&args, ctx),
        Command::Generate(args) => generate::generate(&args.dir, ctx),
        Command::AddUsers(args) => add_users::run(&args, ctx),
        Command::Reset(args) => reset::run(&args, ctx),
        Command::Passwd(args) => passwd::run(&args, ctx),
        Command::SendInstructions(args) => send_instructions::run(&args, ctx),
        Command::Users(cmd) => users::run(&cmd, ctx),
        Command::Groups(cmd) => directory::run_named(crate::store::Collection::Groups, &cmd, ctx),
        Command::Sites(cmd) => directory::run_named(crate::store::Collection::Sites, &cmd, ctx),
        Command::Fields(cmd) => directory::run_fields(&cmd, ctx),
        Command::Outbox(args) => outbox::run(&args, ctx),
        Command::Doctor(args) => doctor::run(&args, ctx),
        Command::Db(crate::cli::DbCommand::Copy(args)) => db::copy(&args, ctx),
        Command::Serve(args) => serve::run(&args, ctx),
    }
}

// The flags of the command line, as the core takes them.

impl From<crate::cli::ConfirmArgs> for crate::core::ask::Confirm {
    fn from(a: crate::cli::ConfirmArgs) -> Self {
        crate::core::ask::Confirm {
            yes: a.yes,
            dry_run: a.dry_run,
        }
    }
}

impl From<&crate::cli::MessageArgs> for crate::mail::MessageSource {
    fn from(a: &crate::cli::MessageArgs) -> Self {
        crate::mail::MessageSource {
            message: a.message.clone(),
            message_file: a.message_file.clone(),
        }
    }
}
