//! The email settings of the machine's config file (SPEC §6), checked with the line of each
//! mistake.

use std::fs;
use std::path::PathBuf;

use super::*;
use crate::ctx::{Ctx, Env};
use crate::error::{Error, Result};

/// The email settings of the machine's config file (SPEC §6): `USERMGR_CONFIG`, else
/// `config.toml` in the platform config directory. A value there overrides the database's
/// `email.*` setting, so delivery can be configured per machine, out of reach of the
/// organizations' admins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileConfig {
    /// Overrides `email.transport`.
    pub transport: Option<String>,
    /// Overrides `email.from`.
    pub from: Option<String>,
}

/// One mistake in the config file, with the line it is on (1-based) when known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ConfigProblem {
    /// The line of the file, as `grep -n` numbers it.
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// What checking the config file found: where it is, whether it exists, the settings it
/// gives and every mistake in it.
#[derive(Debug, Clone, Default)]
pub struct ConfigCheck {
    /// The file looked for; `None` without a home directory.
    pub path: Option<PathBuf>,
    /// Whether the file exists.
    pub exists: bool,
    /// Where the path came from: `environment (USERMGR_CONFIG)` or `default`.
    pub source: &'static str,
    /// The settings it gives (those that are valid).
    pub config: FileConfig,
    /// Its mistakes; empty when it is fine.
    pub problems: Vec<ConfigProblem>,
}

impl ConfigCheck {
    /// The mistakes as one message naming the file and lines (for warnings and errors).
    pub fn summary(&self) -> Option<String> {
        if self.problems.is_empty() {
            return None;
        }
        let path = self
            .path
            .as_ref()
            .map_or_else(|| "config file".to_string(), |p| p.display().to_string());
        let list: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        Some(format!("{path}: {}", list.join("; ")))
    }
}

/// The keys the config file knows, by table.
const CONFIG_KEYS: &[&str] = &["transport", "from"];

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

impl FileConfig {
    /// Where the config file is looked for.
    pub fn path(env: &Env) -> Option<PathBuf> {
        match env.get("USERMGR_CONFIG") {
            Some(p) => Some(PathBuf::from(p)),
            None => directories::ProjectDirs::from("", "", "usermgr")
                .map(|d| d.config_dir().join("config.toml")),
        }
    }

    /// Reads and checks the file without failing: every mistake is in the result.
    pub fn check(env: &Env) -> ConfigCheck {
        let source = if env.get("USERMGR_CONFIG").is_some() {
            "environment (USERMGR_CONFIG)"
        } else {
            "default"
        };
        let Some(path) = Self::path(env) else {
            return ConfigCheck {
                source,
                ..ConfigCheck::default()
            };
        };
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && source == "default" => {
                return ConfigCheck {
                    path: Some(path),
                    source,
                    ..ConfigCheck::default()
                }
            }
            Err(e) => {
                let exists = path.exists();
                return ConfigCheck {
                    problems: vec![ConfigProblem {
                        line: None,
                        message: format!(
                            "cannot read it ({e}); fix USERMGR_CONFIG or the file's permissions"
                        ),
                    }],
                    path: Some(path),
                    exists,
                    source,
                    config: FileConfig::default(),
                };
            }
        };
        let (config, problems) = Self::parse_checked(&text);
        ConfigCheck {
            path: Some(path),
            exists: true,
            source,
            config,
            problems,
        }
    }

    /// Reads the file; a missing file is an empty config, a broken one an error naming the
    /// file and line (exit 3): commands that send email stop here.
    pub fn load(env: &Env) -> Result<FileConfig> {
        let check = Self::check(env);
        match check.summary() {
            None => Ok(check.config),
            Some(s) => Err(Error::invalid(format!(
                "config file {s}; fix the file (see `usermgr doctor`)"
            ))),
        }
    }

    /// Parses the TOML text: an `[email]` table with `transport` and `from`.
    pub fn parse(text: &str) -> std::result::Result<FileConfig, String> {
        let (config, problems) = Self::parse_checked(text);
        match problems.first() {
            None => Ok(config),
            Some(p) => Err(p.to_string()),
        }
    }

    /// Parses the text, keeping what is valid and naming every mistake with its line.
    pub fn parse_checked(text: &str) -> (FileConfig, Vec<ConfigProblem>) {
        let mut problems = Vec::new();
        let mut config = FileConfig::default();
        let doc = match toml_edit::ImDocument::parse(text) {
            Ok(d) => d,
            Err(e) => {
                let line = e.span().map(|s| line_of(text, s.start));
                problems.push(ConfigProblem {
                    line,
                    message: format!("not valid TOML: {}", e.message().trim()),
                });
                return (config, problems);
            }
        };
        let at = |span: Option<std::ops::Range<usize>>| span.map(|s| line_of(text, s.start));
        for (key, item) in doc.as_table().iter() {
            let key_line = at(doc.as_table().key(key).and_then(|k| k.span()));
            if key != "email" {
                problems.push(ConfigProblem {
                    line: key_line,
                    message: format!(
                        "unknown key {key:?} (the file has one table, [email], with transport and from); remove it"
                    ),
                });
                continue;
            }
            let Some(table) = item.as_table_like() else {
                problems.push(ConfigProblem {
                    line: key_line,
                    message: "email must be a table: [email] with transport and from".into(),
                });
                continue;
            };
            for (k, v) in table.iter() {
                let line = at(table.key(k).and_then(|k| k.span())).or(key_line);
                if !CONFIG_KEYS.contains(&k) {
                    problems.push(ConfigProblem {
                        line,
                        message: format!(
                            "unknown key {k:?} in [email] (known: transport, from); remove or rename it"
                        ),
                    });
                    continue;
                }
                let Some(value) = v.as_str() else {
                    problems.push(ConfigProblem {
                        line,
                        message: format!("email.{k} must be a quoted string"),
                    });
                    continue;
                };
                let checked = if k == "transport" {
                    TransportSpec::parse(value).map(|_| ())
                } else {
                    sender(value).map(|_| ())
                };
                match checked {
                    Err(e) => problems.push(ConfigProblem {
                        line,
                        message: e.to_string(),
                    }),
                    Ok(()) if k == "transport" => config.transport = Some(value.to_string()),
                    Ok(()) => config.from = Some(value.to_string()),
                }
            }
        }
        (config, problems)
    }
}

/// Checks the config file at start (SPEC §6): a mistake is a warning naming the file and
/// line; commands that send email fail on it later with exit 3.
pub fn warn_about_config_file(ctx: &Ctx) {
    for p in FileConfig::check(&ctx.env).problems.iter() {
        let path = FileConfig::path(&ctx.env)
            .map_or_else(|| "config file".to_string(), |p| p.display().to_string());
        ctx.warn(format!(
            "config file {path}: {p} (commands that send email refuse to run until it is fixed)"
        ));
    }
}
