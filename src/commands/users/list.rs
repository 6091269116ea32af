//! `users list`: the members of the organization, filtered, with their account state where
//! the reader may see it (R34).

use super::*;

pub(super) fn list(args: &UsersListArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let out = ctx.out;
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        let org = &actor.org;
        let state = actor.grants.has(Permission::Users);
        if args.reset_pending {
            actor.require(Permission::Users, "listing members by reset state")?;
        }
        if args.disabled {
            actor.require(Permission::Users, "listing disabled accounts")?;
        }
        let mut filter = MemberFilter {
            reset_pending: args.reset_pending,
            disabled: args.disabled,
            search: args.search.clone().filter(|s| !s.trim().is_empty()),
            ..MemberFilter::default()
        };
        if let Some(g) = &args.group {
            let items = tx.named_items(Collection::Groups, org.id)?;
            filter.group_id = Some(find_item(Collection::Groups, org, &items, g)?.id);
        }
        if let Some(s) = &args.site {
            let items = tx.named_items(Collection::Sites, org.id)?;
            filter.site_id = Some(find_item(Collection::Sites, org, &items, s)?.id);
        }
        let defs = tx.field_defs(org.id)?;
        if out.format() == crate::cli::OutputFormat::Csv {
            let mut headers = vec![
                "email".to_string(),
                "name".into(),
                "permission_set".into(),
                "groups".into(),
                "sites".into(),
            ];
            headers.extend(defs.iter().map(|d| format!("field.{}", d.name)));
            if state {
                headers.extend(["reset_required".into(), "locked".into(), "disabled".into()]);
            }
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let mut w = out.csv_stream(&headers)?;
            tx.each_member(org.id, &defs, &filter, |m| {
                let locked = is_locked_now(&m, now);
                let mut cells: Vec<String> = Vec::with_capacity(headers.len());
                cells.push(m.email);
                cells.push(m.name);
                cells.push(m.permission_set);
                cells.push(m.groups.join(";"));
                cells.push(m.sites.join(";"));
                cells.extend(m.fields.into_iter().map(Option::unwrap_or_default));
                if state {
                    cells.push(m.reset_required.to_string());
                    cells.push(locked.to_string());
                    cells.push(m.disabled.to_string());
                }
                w.row(&cells)
            })?;
            return w.finish();
        }
        let mut members = Vec::new();
        tx.each_member(org.id, &defs, &filter, |m| {
            members.push(MemberJson {
                locked: state.then(|| is_locked_now(&m, now)),
                fields: defs
                    .iter()
                    .zip(m.fields)
                    .filter_map(|(d, v)| v.map(|v| (d.name.clone(), v)))
                    .collect(),
                email: m.email,
                name: m.name,
                permission_set: m.permission_set,
                groups: m.groups,
                sites: m.sites,
                reset_required: state.then_some(m.reset_required),
                has_password: state.then_some(m.has_password),
                disabled: state.then_some(m.disabled),
            });
            Ok(())
        })?;
        let rows = members
            .iter()
            .map(|m| {
                let mut row = vec![
                    m.email.clone(),
                    m.name.clone(),
                    m.permission_set.clone(),
                    m.groups.join(", "),
                    m.sites.join(", "),
                ];
                if let (Some(reset), Some(locked), Some(disabled)) =
                    (m.reset_required, m.locked, m.disabled)
                {
                    row.extend([yes_no(reset), yes_no(locked), yes_no(disabled)]);
                }
                row
            })
            .collect();
        let headers: &[&str] = &[
            "email",
            "name",
            "permission set",
            "groups",
            "sites",
            "reset required",
            "locked",
            "disabled",
        ];
        out.records(&Records {
            headers: if state { headers } else { &headers[..5] },
            rows,
            json: &crate::contract::UsersList { users: members },
        })
    })
}

pub(super) fn is_locked_now(m: &MemberRow, now: i64) -> bool {
    m.locked_until.is_some_and(|u| now < u)
}
