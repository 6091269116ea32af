//! The member operations called directly, as `serve` and the commands call them, in a world
//! whose clock the tests move.

use std::time::Duration;

use super::*;
use crate::error::Result;
use crate::testkit::{World, ADMIN, ADMIN_PW};

const JO: &str = "jo@acme.test";
const JO_PW: &str = "jos-own-password-1";

/// Acme with its administrator logged in and Jo, a Standard member with her own password.
fn with_jo() -> World {
    let w = World::with_admin();
    let file = w.file("jo-password", JO_PW);
    w.ok(&["add-users", JO, "--password-file", file.to_str().unwrap()]);
    w
}

/// Collects what `list` hands out.
#[derive(Default)]
struct Collect {
    listing: Option<Listing>,
    members: Vec<Member>,
}

impl MemberSink for Collect {
    fn start(&mut self, listing: &Listing) -> Result<()> {
        self.listing = Some(listing.clone());
        Ok(())
    }
    fn member(&mut self, m: Member) -> Result<()> {
        self.members.push(m);
        Ok(())
    }
}

fn listed(w: &World, req: &ListRequest) -> Result<Collect> {
    let mut c = Collect::default();
    list(&w.ctx(), req, &mut c)?;
    Ok(c)
}

#[test]
fn list_shows_account_state_only_to_readers_with_users_power() {
    let w = with_jo();
    let all = listed(&w, &ListRequest::default()).unwrap();
    assert!(all.listing.unwrap().state);
    assert_eq!(all.members.len(), 2);
    assert!(all.members.iter().all(|m| m.state.is_some()));

    w.prompt.password(JO_PW);
    w.ok(&["login", JO]);
    let seen = listed(&w, &ListRequest::default()).unwrap();
    assert!(!seen.listing.unwrap().state, "R34");
    assert!(seen.members.iter().all(|m| m.state.is_none()));
    let err = listed(
        &w,
        &ListRequest {
            reset_pending: true,
            ..ListRequest::default()
        },
    )
    .err()
    .unwrap();
    assert_eq!(err.exit_code(), 5, "{err}");
}

#[test]
fn unlock_says_whether_a_lockout_was_still_in_force() {
    let w = with_jo();
    w.ok(&["config", "set", "lockout_threshold", "1"]);
    w.ok(&["config", "set", "lockout_duration", "60s"]);
    let lock_jo = || {
        w.prompt.password("not-her-password");
        w.fails(4, &["login", JO]);
    };
    lock_jo();
    let done = unlock(&w.ctx(), JO).unwrap();
    assert_eq!((done.email.as_str(), done.was_locked), (JO, true));
    assert!(!unlock(&w.ctx(), JO).unwrap().was_locked);

    // A lockout ends by itself at its deadline, not a millisecond before.
    lock_jo();
    w.advance(Duration::from_secs(60) - Duration::from_millis(1));
    assert!(show(&w.ctx(), JO).unwrap().json.state.unwrap().locked);
    w.advance(Duration::from_millis(1));
    assert!(!show(&w.ctx(), JO).unwrap().json.state.unwrap().locked);
    assert!(!unlock(&w.ctx(), JO).unwrap().was_locked);
}

#[test]
fn nothing_to_update_is_refused_and_nothing_is_audited() {
    let w = with_jo();
    let audited = w.ok(&["-o", "json", "audit"]);
    let err = update(
        &w.ctx(),
        &UpdateRequest {
            email: JO.into(),
            ..UpdateRequest::default()
        },
    )
    .err()
    .unwrap();
    assert_eq!(err.exit_code(), 3);
    assert!(err.to_string().starts_with("nothing to change"), "{err}");
    assert_eq!(w.ok(&["-o", "json", "audit"]), audited);
}

#[test]
fn an_update_reports_only_what_changed() {
    let w = with_jo();
    w.ok(&["groups", "create", "Office"]);
    let req = UpdateRequest {
        email: "JO@acme.test".into(),
        add_groups: vec!["office".into()],
        ..UpdateRequest::default()
    };
    let first = update(&w.ctx(), &req).unwrap();
    assert_eq!(first.email, JO);
    assert_eq!(first.changes, ["+group Office"]);
    assert_eq!(first.membership.groups, ["Office"]);
    let out = UpdateRequest {
        email: JO.into(),
        remove_groups: vec!["Office".into()],
        ..UpdateRequest::default()
    };
    assert_eq!(update(&w.ctx(), &out).unwrap().changes, ["-group Office"]);
    assert!(update(&w.ctx(), &out).unwrap().changes.is_empty());
}

#[test]
fn removal_takes_the_account_only_when_no_other_organization_has_it() {
    let w = with_jo();
    assert!(removal(&w.ctx(), JO).unwrap().account_goes);
    w.ok(&["orgs", "create", "Beta"]);
    w.ok(&["--org", "Beta", "add-users", JO, "--no-password"]);
    let plan = removal(&w.ctx(), JO).unwrap();
    assert!(!plan.account_goes);
    assert_eq!(plan.org, "Acme");
    assert!(!remove(&w.ctx(), JO).unwrap(), "the account stays for Beta");
    assert_eq!(show(&w.ctx(), JO).err().unwrap().exit_code(), 6);
}

#[test]
fn nobody_disables_themselves_and_disabling_twice_changes_nothing() {
    let w = with_jo();
    let err = set_disabled(&w.ctx(), ADMIN, true).err().unwrap();
    assert_eq!(err.exit_code(), 5);
    let first = set_disabled(&w.ctx(), JO, true).unwrap();
    assert!(first.changed && first.json.disabled);
    assert!(!set_disabled(&w.ctx(), JO, true).unwrap().changed);
    assert!(set_disabled(&w.ctx(), JO, false).unwrap().changed);
    w.prompt.password(JO_PW);
    w.ok(&["login", JO]);
    w.prompt.password(ADMIN_PW);
    w.ok(&["login", ADMIN]);
}
