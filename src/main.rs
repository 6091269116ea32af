use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = usermgr::cli::Cli::parse();
    match usermgr::run(cli) {
        Ok(()) | Err(usermgr::Error::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(e.exit_code())
        }
    }
}
