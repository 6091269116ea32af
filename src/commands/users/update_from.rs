//! `users update --from FILE`: many members at once, all or nothing (R19); the checks and
//! writes are [`crate::core::members::update_from`].

use super::*;

pub(super) fn update_from(from: &str, ctx: &mut Ctx) -> Result<()> {
    let batch = members::read_updates(from)?;
    if let Some(note) = &batch.note {
        ctx.say(note);
    }
    let results = members::update_from(ctx, batch)?;
    let changed = results.iter().filter(|r| !r.changes.is_empty()).count();
    let rows = results
        .iter()
        .map(|r| vec![r.email.clone(), r.changes.join(", ")])
        .collect();
    ctx.out.records(&Records {
        headers: &["email", "changes"],
        rows,
        json: &serde_json::json!({ "users": results }),
    })?;
    ctx.say(format!(
        "Updated {changed} member(s); {} already were as asked.",
        results.len() - changed
    ));
    Ok(())
}
