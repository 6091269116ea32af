//! Listing the members of the organization, filtered, with their account state where the
//! reader may see it (R34). Members are handed to a sink one by one, so a long list streams.

use crate::core::directory::find_item;
use crate::ctx::Ctx;
use crate::domain::permissions::Permission;
use crate::error::Result;
use crate::store::{Collection, MemberFilter, MemberRow};

/// Which members to list.
#[derive(Debug, Clone, Default)]
pub struct ListRequest {
    /// Only members of this group (by name).
    pub group: Option<String>,
    /// Only members of this site (by name).
    pub site: Option<String>,
    /// Only accounts whose required reset is still pending.
    pub reset_pending: bool,
    /// Only members whose email or name contains this text.
    pub search: Option<String>,
    /// Only disabled accounts.
    pub disabled: bool,
}

/// What every listed member has: the organization's user fields, and whether account state
/// is shown.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The names of the user fields, in the order of [`Member::fields`].
    pub fields: Vec<String>,
    /// Whether the reader sees account state (R34).
    pub state: bool,
}

/// The account state of a listed member, for readers with `platform.users`.
#[derive(Debug, Clone, Copy)]
pub struct MemberState {
    /// A required reset is pending.
    pub reset_required: bool,
    /// The account has a password.
    pub has_password: bool,
    /// The account is locked now.
    pub locked: bool,
    /// The account is disabled.
    pub disabled: bool,
}

/// One listed member.
#[derive(Debug, Clone)]
pub struct Member {
    /// The address as displayed.
    pub email: String,
    /// The name.
    pub name: String,
    /// The permission set's name.
    pub permission_set: String,
    /// Group names.
    pub groups: Vec<String>,
    /// Site names.
    pub sites: Vec<String>,
    /// The values of [`Listing::fields`], in order.
    pub fields: Vec<Option<String>>,
    /// The account state, when the reader may see it.
    pub state: Option<MemberState>,
}

/// Where listed members go.
pub trait MemberSink {
    /// Called once, before any member.
    fn start(&mut self, listing: &Listing) -> Result<()>;
    /// Called for each member, in order.
    fn member(&mut self, member: Member) -> Result<()>;
}

/// Lists the members of the actor's organization that match `req`.
pub fn list(ctx: &Ctx, req: &ListRequest, sink: &mut dyn MemberSink) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        let org = &actor.org;
        let state = actor.grants.has(Permission::Users);
        if req.reset_pending {
            actor.require(Permission::Users, "listing members by reset state")?;
        }
        if req.disabled {
            actor.require(Permission::Users, "listing disabled accounts")?;
        }
        let mut filter = MemberFilter {
            reset_pending: req.reset_pending,
            disabled: req.disabled,
            search: req.search.clone().filter(|s| !s.trim().is_empty()),
            ..MemberFilter::default()
        };
        if let Some(g) = &req.group {
            let items = tx.named_items(Collection::Groups, org.id)?;
            filter.group_id = Some(find_item(Collection::Groups, org, &items, g)?.id);
        }
        if let Some(s) = &req.site {
            let items = tx.named_items(Collection::Sites, org.id)?;
            filter.site_id = Some(find_item(Collection::Sites, org, &items, s)?.id);
        }
        let defs = tx.field_defs(org.id)?;
        sink.start(&Listing {
            fields: defs.iter().map(|d| d.name.clone()).collect(),
            state,
        })?;
        tx.each_member(org.id, &defs, &filter, |m| {
            let member_state = state.then(|| MemberState {
                reset_required: m.reset_required,
                has_password: m.has_password,
                locked: is_locked_now(&m, now),
                disabled: m.disabled,
            });
            sink.member(Member {
                email: m.email,
                name: m.name,
                permission_set: m.permission_set,
                groups: m.groups,
                sites: m.sites,
                fields: m.fields,
                state: member_state,
            })
        })
    })
}

fn is_locked_now(m: &MemberRow, now: i64) -> bool {
    m.locked_until.is_some_and(|u| now < u)
}
