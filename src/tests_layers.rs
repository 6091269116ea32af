//! The shape of the crate, checked so it cannot drift back: commands sit on one core and never
//! use each other, SQLite stays inside the store, the domain does no I/O, and every file
//! stays small enough to hold in one's head.

use std::path::{Path, PathBuf};

/// The longest a source file may grow.
const MAX_LINES: usize = 600;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file, as a path relative to `src/` with `/` separators, and its text.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Lines of `text` that contain `needle`, outside `//` comments.
fn uses(text: &str, needle: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let code = l.split("//").next().unwrap_or("");
            code.contains(needle)
        })
        .map(|(i, l)| format!("{}: {}", i + 1, l.trim()))
        .collect()
}

fn check(found: &mut Vec<String>, file: &str, text: &str, needle: &str, why: &str) {
    for line in uses(text, needle) {
        found.push(format!("src/{file}:{line} ({why})"));
    }
}

#[test]
fn commands_stand_on_the_core_and_never_on_each_other() {
    let mut found = Vec::new();
    for (file, text) in sources() {
        let commands_dispatch = file == "commands/mod.rs";
        let lower_layer = [
            "commands/",
            "core/",
            "mail/",
            "store/",
            "domain/",
            "hasher/",
        ]
        .iter()
        .any(|dir| file.starts_with(dir));
        if lower_layer && !commands_dispatch {
            check(
                &mut found,
                &file,
                &text,
                "crate::commands",
                "only commands/mod.rs routes to command files; share code through src/core",
            );
        }
        let under_the_commands = ["core/", "mail/", "store/", "domain/", "hasher/", "serve/"]
            .iter()
            .any(|dir| file.starts_with(dir));
        if under_the_commands {
            check(
                &mut found,
                &file,
                &text,
                "crate::cli",
                "the core takes plain requests; the command files map the flags of cli.rs to them",
            );
        }
        if file == "contract.rs" || file.starts_with("contract/") {
            check(
                &mut found,
                &file,
                &text,
                "crate::commands",
                "output types live in the contract, not in command files",
            );
        }
    }
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn sqlite_stays_in_the_store_and_the_domain_does_no_io() {
    let mut found = Vec::new();
    for (file, text) in sources() {
        if file == "tests_layers.rs" {
            continue;
        }
        if !file.starts_with("store/") {
            check(
                &mut found,
                &file,
                &text,
                "rusqlite",
                "SQL and its errors belong in src/store",
            );
        }
        if file.starts_with("domain/") {
            for needle in ["libc", "std::fs", "SystemTime"] {
                check(
                    &mut found,
                    &file,
                    &text,
                    needle,
                    "the domain has no I/O and reads no clock",
                );
            }
        }
    }
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn no_source_file_is_longer_than_the_limit() {
    let long: Vec<String> = sources()
        .into_iter()
        .map(|(file, text)| (file, text.lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(file, n)| format!("src/{file}: {n} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines; split them by responsibility:\n{}",
        long.join("\n")
    );
}
