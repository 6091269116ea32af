//! Planning: every row checked against the organization and the flags as it is read, kept
//! compact (R31); bad rows are collected, not fatal one by one (R19).

use super::*;

/// A `field.<name>` column that names no field is wrong for the whole file.
pub(super) fn check_field_columns(names: &[String], dir: &Directory, label: &str) -> Result<()> {
    for name in names {
        if find_field(dir.org(), &dir.fields, name).is_err() {
            return Err(Error::invalid(format!(
                "{label}: column \"field.{}\": {}",
                input::quote(name).trim_matches('"'),
                input::limit_quote(unknown_field(dir.org(), &dir.fields, name), name)
            )));
        }
    }
    Ok(())
}

/// Checks each row against the organization and the flags as it is read, keeping only the
/// compact planned rows (R31); bad rows go to `errors`.
pub(super) struct Planner<'a> {
    pub(super) dir: &'a Directory,
    pub(super) d: &'a Defaults,
    pub(super) planned: Vec<Planned>,
    pub(super) errors: Vec<RowError>,
    /// Whether a row chooses a permission set (R2).
    pub(super) chooses_set: bool,
    /// The input's name, for file-level errors.
    pub(super) label: String,
}

impl<'a> Planner<'a> {
    pub(super) fn new(dir: &'a Directory, d: &'a Defaults, label: String) -> Planner<'a> {
        Planner {
            label,
            dir,
            d,
            planned: Vec::new(),
            errors: Vec::new(),
            chooses_set: false,
        }
    }
}

impl Sink for Planner<'_> {
    fn header(&mut self, header: &Header) -> Result<()> {
        check_field_columns(&header.field_columns, self.dir, &self.label)
    }

    fn row(&mut self, row: RawRow) -> Result<()> {
        if row.permission_set.is_some() && !self.chooses_set {
            self.dir.require_permissions()?;
            self.chooses_set = true;
        }
        let before = self.errors.len();
        let parts = check_parts(&row, self.dir, self.d, &mut self.errors);
        if let (Some((email, name, set_id, groups, sites, fields)), true) =
            (parts, self.errors.len() == before)
        {
            let parts =
                (!groups.is_empty() || !sites.is_empty() || !fields.is_empty()).then(|| {
                    Box::new(Assigned {
                        groups,
                        sites,
                        fields,
                    })
                });
            self.planned.push(Planned {
                origin: row.origin,
                email,
                name: name.into_boxed_str(),
                set_id,
                parts,
                password: row.password,
                generated: false,
                standing: Standing::New,
            });
        }
        Ok(())
    }

    fn error(&mut self, e: RowError) {
        self.errors.push(e);
    }
}

/// The parts of a row as checked: email, name, permission set, groups, sites and fields.
pub(super) type Parts = (Email, String, i64, Vec<i64>, Vec<i64>, Vec<(i64, String)>);

/// Checks the parts of one row; each problem goes to `errors` with its column.
pub(super) fn check_parts(
    row: &RawRow,
    dir: &Directory,
    d: &Defaults,
    errors: &mut Vec<RowError>,
) -> Option<Parts> {
    let origin = row.origin;
    let mut fail = |column: &str, msg: String, value: &str| {
        errors.push(RowError::at(origin, column, input::limit_quote(msg, value)))
    };
    let email = match Email::parse(&row.email) {
        Ok(e) => Some(e),
        Err(e) => {
            fail("email", e.to_string(), &row.email);
            None
        }
    };
    let name = validate_name(row.name.as_deref().unwrap_or("")).unwrap_or_else(|e| {
        fail("name", e.to_string(), row.name.as_deref().unwrap_or(""));
        String::new()
    });
    let set_id = match &row.permission_set {
        Some(n) => dir.set_by_name(n).map(|s| s.id).unwrap_or_else(|e| {
            fail("permission_set", e.to_string(), n);
            0
        }),
        None => d.set.unwrap_or(dir.default_set),
    };
    let mut groups = d.groups.clone();
    let mut sites = d.sites.clone();
    for (c, column, names, items, ids) in [
        (
            Collection::Groups,
            "groups",
            &row.groups,
            &dir.groups,
            &mut groups,
        ),
        (
            Collection::Sites,
            "sites",
            &row.sites,
            &dir.sites,
            &mut sites,
        ),
    ] {
        for name in names {
            match find_item(c, dir.org(), items, name) {
                Ok(i) if !ids.contains(&i.id) => ids.push(i.id),
                Ok(_) => {}
                Err(e) => fail(column, e.to_string(), name),
            }
        }
    }
    let mut fields = d.fields.clone();
    for (key, value) in &row.fields {
        let column = format!("field.{key}");
        match find_field(dir.org(), &dir.fields, key) {
            Ok(def) => match def.ty.validate(&def.name, value) {
                Ok(v) => {
                    fields.retain(|(id, _)| *id != def.id);
                    fields.push((def.id, v));
                }
                Err(e) => fail(&column, e.to_string(), value),
            },
            Err(e) => fail(&column, e.to_string(), key),
        }
    }
    email.map(|e| (e, name, set_id, groups, sites, fields))
}

/// An email that appears again is an invalid row naming the first (found by sorting, so no
/// second copy of every address is kept).
pub(super) fn find_duplicates(planned: &[Planned], errors: &mut Vec<RowError>) {
    let mut order: Vec<u32> = (0..planned.len() as u32).collect();
    order.sort_by(|a, b| {
        planned[*a as usize]
            .email
            .key()
            .cmp(planned[*b as usize].email.key())
            .then(a.cmp(b))
    });
    let mut first: Option<&Planned> = None;
    for i in order {
        let p = &planned[i as usize];
        match first {
            Some(f) if f.email.key() == p.email.key() => errors.push(RowError::at(
                p.origin,
                "email",
                format!("{} appears again (first on {})", p.email.key(), f.origin),
            )),
            _ => first = Some(p),
        }
    }
}
