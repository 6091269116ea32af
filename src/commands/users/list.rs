//! `users list`: the members of the organization, filtered, with their account state where
//! the reader may see it (R34); the listing is [`crate::core::members::list`].

use super::*;

pub(super) fn list(args: &UsersListArgs, ctx: &mut Ctx) -> Result<()> {
    let req = ListRequest {
        group: args.group.clone(),
        site: args.site.clone(),
        reset_pending: args.reset_pending,
        search: args.search.clone(),
        disabled: args.disabled,
    };
    let out = ctx.out;
    if out.format() == crate::cli::OutputFormat::Csv {
        let mut sink = CsvSink { out, w: None };
        members::list(ctx, &req, &mut sink)?;
        return match sink.w {
            Some(w) => w.finish(),
            None => Ok(()),
        };
    }
    let mut sink = Collect {
        fields: Vec::new(),
        state: false,
        members: Vec::new(),
    };
    members::list(ctx, &req, &mut sink)?;
    let state = sink.state;
    let members = sink.members;
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
}

/// Streams members as CSV rows as they are read.
struct CsvSink {
    out: Output,
    w: Option<CsvStream>,
}

impl MemberSink for CsvSink {
    fn start(&mut self, l: &Listing) -> Result<()> {
        let mut headers = vec![
            "email".to_string(),
            "name".into(),
            "permission_set".into(),
            "groups".into(),
            "sites".into(),
        ];
        headers.extend(l.fields.iter().map(|f| format!("field.{f}")));
        if l.state {
            headers.extend(["reset_required".into(), "locked".into(), "disabled".into()]);
        }
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        self.w = Some(self.out.csv_stream(&headers)?);
        Ok(())
    }

    fn member(&mut self, m: Member) -> Result<()> {
        let Some(w) = self.w.as_mut() else {
            return Err(Error::internal(
                "a member listed before the listing started",
            ));
        };
        let mut cells: Vec<String> = Vec::with_capacity(8 + m.fields.len());
        cells.push(m.email);
        cells.push(m.name);
        cells.push(m.permission_set);
        cells.push(m.groups.join(";"));
        cells.push(m.sites.join(";"));
        cells.extend(m.fields.into_iter().map(Option::unwrap_or_default));
        if let Some(s) = m.state {
            cells.push(s.reset_required.to_string());
            cells.push(s.locked.to_string());
            cells.push(s.disabled.to_string());
        }
        w.row(&cells)
    }
}

/// Collects members for a table or JSON.
struct Collect {
    fields: Vec<String>,
    state: bool,
    members: Vec<MemberJson>,
}

impl MemberSink for Collect {
    fn start(&mut self, l: &Listing) -> Result<()> {
        self.fields = l.fields.clone();
        self.state = l.state;
        Ok(())
    }

    fn member(&mut self, m: Member) -> Result<()> {
        self.members.push(MemberJson {
            locked: m.state.map(|s| s.locked),
            fields: self
                .fields
                .iter()
                .zip(m.fields)
                .filter_map(|(d, v)| v.map(|v| (d.clone(), v)))
                .collect(),
            email: m.email,
            name: m.name,
            permission_set: m.permission_set,
            groups: m.groups,
            sites: m.sites,
            reset_required: m.state.map(|s| s.reset_required),
            has_password: m.state.map(|s| s.has_password),
            disabled: m.state.map(|s| s.disabled),
        });
        Ok(())
    }
}
