//! `usermgr completions`, `usermgr man`, and the hidden `generate` that refreshes the
//! committed copies in completions/, man/ and schemas/.

use std::fs;
use std::io::Write;
use std::path::Path;

use clap_complete::env::Shells;
use clap_complete::Shell;
use roff::{bold, italic, roman, Roff};

use crate::cli::{CompletionsArgs, ManArgs};
use crate::complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::help;

/// The shells whose completion scripts are committed, with their file names.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "usermgr.bash"),
    (Shell::Zsh, "_usermgr"),
    (Shell::Fish, "usermgr.fish"),
    (Shell::Elvish, "usermgr.elv"),
    (Shell::PowerShell, "_usermgr.ps1"),
];

/// A completion script: the shell's hook that asks `usermgr` (found on `PATH`) for the
/// candidates at each TAB, so they follow the command tree and the database of the moment.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    if let Some(hook) = Shells::builtins().completer(&shell.to_string()) {
        // Writing to a Vec cannot fail.
        let _ = hook.write_registration(complete::VAR, "usermgr", "usermgr", "usermgr", &mut buf);
    }
    buf
}

/// What every section of clap_mangen and roff starts with; a page keeps only the first.
const ROFF_PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// Every man page: `usermgr.1` and one `usermgr-<sub>.1` per (nested) visible subcommand.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    for (path, cmd) in page_commands() {
        pages.push((format!("{}.1", page_name(&path)), render_page(&cmd, &path)?));
    }
    Ok(pages)
}

/// The page name of a command path: `usermgr-users-show` for `users show`.
fn page_name(path: &str) -> String {
    std::iter::once("usermgr")
        .chain(path.split_whitespace())
        .collect::<Vec<_>>()
        .join("-")
}

/// Every command that has a page, by path (`""`, `"users"`, `"users show"`), built.
fn page_commands() -> Vec<(String, clap::Command)> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.to_string(), cmd.clone()));
        for sub in cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        {
            walk(sub, format!("{path} {}", sub.get_name()).trim_start(), out);
        }
    }
    let mut cmd = help::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out);
    out
}

/// One page: clap_mangen's sections of the command, then EXIT STATUS, ENVIRONMENT, FILES,
/// EXAMPLES and SEE ALSO, then VERSION.
fn render_page(cmd: &clap::Command, path: &str) -> Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone().name(page_name(path)));
    let mut sections: Vec<Vec<u8>> = Vec::new();
    let mut section = |render: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        render(&mut buf).map(|()| sections.push(buf))
    };
    section(&|w| man.render_title(w))?;
    section(&|w| man.render_name_section(w))?;
    section(&|w| man.render_synopsis_section(w))?;
    section(&|w| man.render_description_section(w))?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        section(&|w| man.render_options_section(w))?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        section(&|w| man.render_subcommands_section(w))?;
    }
    section(&|w| extra_sections(path).to_writer(w))?;
    section(&|w| man.render_version_section(w))?;
    let mut page = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        let body = match s.strip_prefix(ROFF_PREAMBLE.as_bytes()) {
            Some(body) if i > 0 => body,
            _ => s.as_slice(),
        };
        page.extend_from_slice(body);
    }
    Ok(page)
}

/// The sections every page has besides clap_mangen's.
fn extra_sections(path: &str) -> Roff {
    let mut r = Roff::new();
    r.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in help::EXIT_CODES {
        r.control("TP", [])
            .text([bold(code.to_string())])
            .text([roman(*meaning)]);
    }
    r.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in help::ENVIRONMENT {
        r.control("TP", [])
            .text([bold(*name)])
            .text([roman(*meaning)]);
    }
    r.control("SH", ["FILES"]);
    for (file, meaning) in help::FILES {
        r.control("TP", [])
            .text([italic(*file)])
            .text([roman(*meaning)]);
    }
    r.control("SH", ["EXAMPLES"]);
    for (what, run) in help::examples(path) {
        if !what.is_empty() {
            r.control("PP", []).text([roman(format!("{what}:"))]);
        }
        r.control("RS", ["4"]).control("nf", []);
        for line in run.lines() {
            r.text([bold(line)]);
        }
        r.control("fi", []).control("RE", []);
    }
    r.control("SH", ["SEE ALSO"]);
    let mut see = Vec::new();
    if !path.is_empty() {
        let parent = path.rsplit_once(' ').map_or("", |(p, _)| p);
        see.push(bold(format!("{}(1)", page_name(parent))));
        see.push(roman(", "));
    }
    see.push(roman(format!(
        "and the page of any command: usermgr man COMMAND, e.g. usermgr man {}",
        if path.is_empty() { "users show" } else { path }
    )));
    r.text(see);
    r
}

/// The page of the command at `words` (none: usermgr itself); an unknown command is a usage
/// error that lists the commands that have pages.
pub fn man_page(words: &[String]) -> Result<Vec<u8>> {
    let path = words.join(" ");
    let commands = page_commands();
    match commands.iter().find(|(p, _)| *p == path) {
        Some((p, cmd)) => render_page(cmd, p),
        None => {
            let known: Vec<&str> = commands
                .iter()
                .map(|(p, _)| p.as_str())
                .filter(|p| !p.is_empty())
                .collect();
            Err(Error::Usage(format!(
                "no command {path:?} has a man page; pass one of: {}",
                known.join(", ")
            )))
        }
    }
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

/// Runs `man [COMMAND...]`: the page in roff.
pub fn man(args: &ManArgs, ctx: &Ctx) -> Result<()> {
    let page = man_page(&args.command)?;
    let roff = String::from_utf8_lossy(&page);
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
