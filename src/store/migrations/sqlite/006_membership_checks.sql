-- A membership's permission set belongs to its organization: the rule PostgreSQL's
-- migration 006 checks along with the account and organization keys (which SQLite keeps as
-- foreign keys: a lookup per row costs it little).
CREATE TRIGGER memberships_set_of_org_inserted BEFORE INSERT ON memberships
WHEN NOT EXISTS (SELECT 1 FROM permission_sets WHERE id = NEW.permission_set_id AND org_id = NEW.org_id)
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: the permission set is not of the membership''s organization');
END;
CREATE TRIGGER memberships_set_of_org_updated BEFORE UPDATE OF org_id, permission_set_id ON memberships
WHEN NOT EXISTS (SELECT 1 FROM permission_sets WHERE id = NEW.permission_set_id AND org_id = NEW.org_id)
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: the permission set is not of the membership''s organization');
END;
