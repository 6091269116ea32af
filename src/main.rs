use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = usermgr::cli::Cli::parse();
    let json = cli.global.output == usermgr::cli::OutputFormat::Json;
    match usermgr::run(cli) {
        Ok(()) | Err(usermgr::Error::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            if json {
                usermgr::output::json_error(&e);
            }
            ExitCode::from(e.exit_code())
        }
    }
}
