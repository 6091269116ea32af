-- Indexes for the lookups that grow with the number of members and events.
CREATE INDEX memberships_org ON memberships (org_id);
CREATE INDEX tokens_account ON tokens (account_id, kind);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX audit_at ON audit_log (at);
CREATE INDEX audit_target ON audit_log (target);
CREATE INDEX outbox_state ON outbox (state, org_id);
CREATE INDEX group_members_membership ON group_members (membership_id);
CREATE INDEX site_members_membership ON site_members (membership_id);
