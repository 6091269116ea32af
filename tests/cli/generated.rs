//! The committed completions/ and man/ are what the binary generates now.

use std::path::Path;

#[test]
fn committed_completions_and_man_pages_are_fresh() {
    let fresh = tempfile::tempdir().unwrap();
    usermgr::commands::generate::write_all(fresh.path()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for sub in ["completions", "man"] {
        let mut names: Vec<_> = std::fs::read_dir(fresh.path().join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        for name in names {
            let want = std::fs::read(fresh.path().join(sub).join(&name)).unwrap();
            let have = std::fs::read(root.join(sub).join(&name)).unwrap_or_default();
            if want != have {
                stale.push(format!("{sub}/{}", name.to_string_lossy()));
            }
        }
        // Pages of removed commands must go too.
        if let Ok(entries) = std::fs::read_dir(root.join(sub)) {
            for e in entries {
                let name = e.unwrap().file_name();
                if !fresh.path().join(sub).join(&name).exists() {
                    stale.push(format!(
                        "{sub}/{} (no longer generated)",
                        name.to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are stale: {stale:?}\nrefresh them with: rm -rf completions man && cargo run -q -- generate . && git add completions man"
    );
}

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    usermgr::cli::Cli::command().debug_assert();
}

#[test]
fn completions_and_man_commands_print_the_generated_text() {
    let sb = crate::support::Sandbox::new();
    let bash = sb.ok(&["completions", "bash"], None);
    assert!(
        bash.contains("USERMGR_COMPLETE=\"bash\"") && bash.contains("complete "),
        "{bash}"
    );
    let man = sb.ok(&["man"], None);
    assert!(
        man.contains(".TH usermgr") && man.contains("login"),
        "{man}"
    );
}
