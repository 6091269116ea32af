//! What `doctor` reads from a database it could open: the settings, the stored session and
//! the email settings, each kept as found (an error is a finding, not a failure).

use std::path::Path;

use crate::ctx::{Actor, Ctx};
use crate::domain::settings::SettingDef;
use crate::error::Result;
use crate::mail::Settings;
use crate::store::Store;

/// A database as `doctor` found it.
pub struct Inspection {
    /// Every setting with its stored (or default) value.
    pub settings: Vec<(&'static SettingDef, String)>,
    /// The stored session's actor and when the session expires (ms), or why there is none.
    pub session: Result<(Actor, i64)>,
    /// The email settings, checked, or what is wrong with them.
    pub email: Result<Settings>,
}

/// Reads, in one read transaction, what `doctor` reports about an open database. `db_path`
/// anchors a relative `file:` outbox.
pub fn inspect(ctx: &Ctx, store: &mut Store, db_path: &Path) -> Result<Inspection> {
    store.read(|tx| {
        let settings = tx.all_settings()?;
        let session = ctx.actor(tx).and_then(|a| {
            let expires = tx.session_expiry(a.session_id)?;
            Ok((a, expires))
        });
        let email = Settings::load(tx, db_path, &ctx.env);
        Ok(Inspection {
            settings,
            session,
            email,
        })
    })
}
