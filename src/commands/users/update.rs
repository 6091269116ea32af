//! `users set-permission-set` and `users update`: changes to one member, made by
//! [`crate::core::members`].

use super::*;

pub(super) fn set_permission_set(args: &SetPermissionSetArgs, ctx: &mut Ctx) -> Result<()> {
    let done = members::set_permission_set(ctx, &args.email, &args.permission_set)?;
    if ctx.out.is_json() {
        ctx.out.json(&done.membership)?;
    }
    ctx.say(format!(
        "{} now has permission set {}.",
        done.email, done.set
    ));
    Ok(())
}

pub(super) fn update(args: &UsersUpdateArgs, ctx: &mut Ctx) -> Result<()> {
    if let Some(from) = &args.from {
        return update_from(from, ctx);
    }
    let Some(email) = &args.email else {
        return Err(Error::Usage(
            "users update needs an EMAIL or --from FILE".into(),
        ));
    };
    let req = UpdateRequest {
        email: email.clone(),
        add_groups: args.add_groups.clone(),
        remove_groups: args.remove_groups.clone(),
        add_sites: args.add_sites.clone(),
        remove_sites: args.remove_sites.clone(),
        set_fields: args
            .fields
            .iter()
            .map(|f| parse_assignment(f))
            .collect::<Result<Vec<_>>>()?,
        clear_fields: args.clear_fields.clone(),
    };
    let Updated {
        email,
        changes,
        membership,
    } = members::update(ctx, &req)?;
    if ctx.out.is_json() {
        ctx.out.json(&membership)?;
    }
    if changes.is_empty() {
        ctx.say(format!("{email} already was as asked; nothing changed."));
    } else {
        ctx.say(format!("Updated {email}: {}.", changes.join(", ")));
    }
    Ok(())
}
