use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match usermgr::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
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

/// clap's own errors (exit 2) and `--help`/`--version` (exit 0). Under `-o json` a usage
/// error also prints the JSON error document on stdout, like every other failure.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let _ = e.print();
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    let informational = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    if !informational && usermgr::output::json_requested(std::env::args_os().skip(1)) {
        usermgr::output::json_error(&usermgr::Error::Usage(usage_message(e)));
    }
    ExitCode::from(code)
}

/// clap's message in one line: `unexpected argument '--x' found; usage: usermgr ...`.
fn usage_message(e: &clap::Error) -> String {
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return "a subcommand is missing; `usermgr --help` lists them".into();
    }
    let text = e.render().to_string();
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid command line")
        .trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match text.lines().find_map(|l| l.trim().strip_prefix("Usage: ")) {
        Some(usage) => format!("{first}; usage: {usage}"),
        None => first.to_string(),
    }
}
