//! `usermgr completions`, `usermgr man`, and the hidden `generate` that refreshes the
//! committed copies in completions/ and man/.

use std::fs;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs};
use crate::ctx::Ctx;
use crate::error::Result;

/// The shells whose completion scripts are committed, with their file names.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "usermgr.bash"),
    (Shell::Zsh, "_usermgr"),
    (Shell::Fish, "usermgr.fish"),
    (Shell::Elvish, "usermgr.elv"),
    (Shell::PowerShell, "_usermgr.ps1"),
];

/// A completion script.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "usermgr", &mut buf);
    buf
}

/// Every man page: `usermgr.1` and one `usermgr-<sub>.1` per (nested) subcommand.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut pages = Vec::new();
    collect_pages(&cmd, "usermgr", &mut pages)?;
    Ok(pages)
}

fn collect_pages(
    cmd: &clap::Command,
    name: &str,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> Result<()> {
    let mut buf = Vec::new();
    let page_cmd = cmd.clone().name(name.to_string());
    clap_mangen::Man::new(page_cmd).render(&mut buf)?;
    pages.push((format!("{name}.1"), buf));
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        collect_pages(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}

/// Writes completions/, man/ and schemas/ under `root`.
pub fn write_all(root: &Path) -> Result<()> {
    let comp = root.join("completions");
    fs::create_dir_all(&comp)?;
    for (shell, file) in SHELLS {
        fs::write(comp.join(file), completion_script(shell))?;
    }
    let man = root.join("man");
    fs::create_dir_all(&man)?;
    for (file, page) in man_pages()? {
        fs::write(man.join(file), page)?;
    }
    crate::contract::write_schemas(root)
}

/// Runs `completions SHELL`.
pub fn completions(args: &CompletionsArgs, ctx: &Ctx) -> Result<()> {
    let script = completion_script(args.shell);
    let script = String::from_utf8_lossy(&script);
    if ctx.out.is_json() {
        return ctx.out.json(&crate::contract::CompletionsJson {
            shell: args.shell.to_string(),
            script: script.into_owned(),
        });
    }
    ctx.out.line(script.trim_end())
}

/// Runs `man`: the top-level page in roff.
pub fn man(ctx: &Ctx) -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    let roff = String::from_utf8_lossy(&buf);
    if ctx.out.is_json() {
        return ctx.out.json(&crate::contract::ManJson {
            roff: roff.into_owned(),
        });
    }
    ctx.out.line(roff.trim_end())
}

/// Runs the hidden `generate DIR`.
pub fn generate(dir: &Path, ctx: &Ctx) -> Result<()> {
    write_all(dir)?;
    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::GenerateJson {
            dir: dir.display().to_string(),
        })?;
    }
    ctx.say(format!(
        "Wrote completions/, man/ and schemas/ under {}.",
        dir.display()
    ));
    Ok(())
}
