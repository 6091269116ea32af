//! Members of an organization as lists: the one-query listing behind `users list` and the
//! lookups a batch `add-users` makes per row.

use super::sql::{params, Value};
use super::Tx;
use crate::domain::permissions::Permission;
use crate::error::Result;
use crate::store::directory::FieldDef;
use crate::store::Membership;

/// Which members `users list` shows.
#[derive(Debug, Clone, Default)]
pub struct MemberFilter {
    /// Only members of this group (id).
    pub group_id: Option<i64>,
    /// Only members of this site (id).
    pub site_id: Option<i64>,
    /// Only accounts whose required reset is pending.
    pub reset_pending: bool,
    /// Only members whose email or name contains this text (case-insensitively).
    pub search: Option<String>,
    /// Only disabled accounts (R28).
    pub disabled: bool,
}

/// One member as `users list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    /// Email as typed when the account was created.
    pub email: String,
    /// Full name, may be empty.
    pub name: String,
    /// Name of the membership's permission set.
    pub permission_set: String,
    /// Names of the member's groups, by name.
    pub groups: Vec<String>,
    /// Names of the member's sites, by name.
    pub sites: Vec<String>,
    /// The member's value of each field passed to [`Tx::each_member`], in that order.
    pub fields: Vec<Option<String>>,
    /// Whether the account must still replace an admin-set password.
    pub reset_required: bool,
    /// End of a lockout, if one was ever set.
    pub locked_until: Option<i64>,
    /// Whether the account has a password at all.
    pub has_password: bool,
    /// Whether an admin disabled the account (R28).
    pub disabled: bool,
}

/// Splits what `string_agg(name, ';')` joined; group and site names never hold a `;`.
fn split_names(joined: Option<String>) -> Vec<String> {
    joined
        .map(|s| s.split(';').map(str::to_string).collect())
        .unwrap_or_default()
}

impl Tx<'_> {
    /// Calls `f` with every member of an organization that passes `filter`, by email, in one
    /// query (groups, sites and the values of `fields` come from correlated subqueries), so
    /// a list of 100,000 members streams without a query per row.
    pub fn each_member(
        &self,
        org_id: i64,
        fields: &[FieldDef],
        filter: &MemberFilter,
        mut f: impl FnMut(MemberRow) -> Result<()>,
    ) -> Result<()> {
        let mut sql = String::from(
            "SELECT a.display_email, a.name, s.name,
                (SELECT string_agg(g.name, ';' ORDER BY g.name) FROM group_members gm
                   JOIN groups g ON g.id = gm.group_id WHERE gm.membership_id = m.id),
                (SELECT string_agg(t.name, ';' ORDER BY t.name) FROM site_members sm
                   JOIN sites t ON t.id = sm.site_id WHERE sm.membership_id = m.id),
                a.reset_required, a.locked_until, a.password_hash IS NOT NULL,
                a.disabled_at IS NOT NULL",
        );
        for def in fields {
            // Ids are integers from the database, so inlining them cannot inject anything.
            sql.push_str(&format!(
                ", (SELECT value FROM user_field_values WHERE field_id = {} AND membership_id = m.id)",
                def.id
            ));
        }
        sql.push_str(
            " FROM memberships m JOIN accounts a ON a.id = m.account_id
              JOIN permission_sets s ON s.id = m.permission_set_id
              WHERE m.org_id = ?",
        );
        let mut args = vec![Value::Int(org_id)];
        if let Some(g) = filter.group_id {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM group_members WHERE group_id = ? AND membership_id = m.id)",
            );
            args.push(Value::Int(g));
        }
        if let Some(s) = filter.site_id {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM site_members WHERE site_id = ? AND membership_id = m.id)",
            );
            args.push(Value::Int(s));
        }
        if filter.reset_pending {
            sql.push_str(" AND a.reset_required = 1");
        }
        if filter.disabled {
            sql.push_str(" AND a.disabled_at IS NOT NULL");
        }
        if let Some(text) = &filter.search {
            sql.push_str(" AND (instr(a.email, ?) > 0 OR instr(lower(a.name), ?) > 0)");
            let needle = text.trim().to_lowercase();
            args.push(Value::Text(needle.clone()));
            args.push(Value::Text(needle));
        }
        sql.push_str(" ORDER BY a.email");
        self.each(&sql, &args, |r| {
            let mut values = Vec::with_capacity(fields.len());
            for i in 0..fields.len() {
                values.push(r.get(9 + i)?);
            }
            f(MemberRow {
                email: r.get(0)?,
                name: r.get(1)?,
                permission_set: r.get(2)?,
                groups: split_names(r.get(3)?),
                sites: split_names(r.get(4)?),
                reset_required: r.get(5)?,
                locked_until: r.get(6)?,
                has_password: r.get(7)?,
                disabled: r.get(8)?,
                fields: values,
            })
        })
    }

    /// For `add-users`: the account of a normalised email, if any, and whether it is already
    /// a member of the organization. One cached statement, so a batch pays no parsing per row.
    pub fn account_standing(&self, key: &str, org_id: i64) -> Result<Option<(i64, bool)>> {
        self.opt(
            "SELECT a.id, EXISTS (SELECT 1 FROM memberships m WHERE m.account_id = a.id AND m.org_id = ?2)
             FROM accounts a WHERE a.email = ?1",
            params![key, org_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// How many members of an organization hold a permission (to keep at least one
    /// member who can still manage permission sets).
    pub fn members_holding(&self, org_id: i64, p: Permission) -> Result<i64> {
        self.one(
            "SELECT count(*) FROM memberships m
             JOIN permission_set_permissions p ON p.set_id = m.permission_set_id
             WHERE m.org_id = ?1 AND p.permission = ?2",
            params![org_id, p.key()],
            |r| r.get(0),
        )
    }

    /// The memberships two accounts hold in the organizations they are both members of,
    /// as (first's, second's) pairs by organization name: where one may act on the other.
    pub fn shared_memberships(&self, a: i64, b: i64) -> Result<Vec<(Membership, Membership)>> {
        let theirs = self.memberships_of(b)?;
        Ok(self
            .memberships_of(a)?
            .into_iter()
            .filter_map(|mine| {
                let other = theirs.iter().find(|t| t.org.id == mine.org.id)?.clone();
                Some((mine, other))
            })
            .collect())
    }
}
