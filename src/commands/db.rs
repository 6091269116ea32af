//! `usermgr db copy SRC DEST`: moves a directory between databases (SPEC §8).

use crate::cli::DbCopyArgs;
use crate::contract::{DbCopyJson, TableCountJson};
use crate::ctx::{Ctx, DbTarget};
use crate::error::{Error, Result};

/// Copies every row of SRC into DEST, which must be a new file or an empty PostgreSQL
/// database; a copy that fails leaves DEST empty (a new file is removed again).
pub fn copy(args: &DbCopyArgs, ctx: &mut Ctx) -> Result<()> {
    let (src, dest) = (
        DbTarget::from_arg(&args.src),
        DbTarget::from_arg(&args.dest),
    );
    let (src_at, dest_at) = (ctx.location_of(&src)?, ctx.location_of(&dest)?);
    if src_at == dest_at {
        return Err(Error::Usage(format!(
            "SRC and DEST are the same database ({src_at}); name another DEST"
        )));
    }
    if let DbTarget::File(path) = &dest {
        if path.exists() {
            return Err(Error::Conflict(format!(
                "{} already exists; db copy writes only into a new file or an empty PostgreSQL database",
                path.display()
            )));
        }
    }
    let mut from = ctx.open_target(&src)?;
    let copied = ctx
        .create_target(&dest)
        .and_then(|mut to| crate::store::copy_all(&mut from, &mut to));
    let copied = match copied {
        Ok(c) => c,
        Err(e) => {
            if let DbTarget::File(path) = &dest {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            return Err(e);
        }
    };
    if ctx.out.is_json() {
        return ctx.out.json(&DbCopyJson {
            source: src_at,
            destination: dest_at,
            tables: copied
                .iter()
                .map(|c| TableCountJson {
                    table: c.table.to_string(),
                    rows: c.rows,
                })
                .collect(),
        });
    }
    let count = |t: &str| copied.iter().find(|c| c.table == t).map_or(0, |c| c.rows);
    ctx.say(format!(
        "Copied {src_at} to {dest_at}: {} accounts, {} memberships in {} organizations, {} tokens, {} sessions, {} emails, {} audit events; every table's rows counted on both sides.",
        count("accounts"),
        count("memberships"),
        count("organizations"),
        count("tokens"),
        count("sessions"),
        count("outbox"),
        count("audit_log"),
    ));
    Ok(())
}
