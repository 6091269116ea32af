-- A membership's account, organization and permission set are checked once per statement
-- instead of once per row. A foreign key runs a query and locks the row it names for every
-- membership inserted: for a 100,000-user batch that is 300,000 queries, and 200,000 locks
-- of the same organization and permission-set rows, about half the batch's time. A check
-- over the statement's new rows is one join.
--
-- Every check takes the advisory lock of usermgr's write transactions (which every usermgr
-- write already holds), so a foreign writer's insert and delete are checked in turn, each
-- seeing what the other committed (READ COMMITTED: a REPEATABLE READ or SERIALIZABLE
-- snapshot, taken before the wait, would not see it, so those are refused): the guarantee
-- of the foreign keys they replace, which also refuse a permission set of another
-- organization.
-- Deleting an account or an organization still deletes its memberships; deleting a
-- permission set a member uses, changing a key memberships name, or truncating a table
-- they name without them is refused (foreign_key_violation, as before).
ALTER TABLE memberships
    DROP CONSTRAINT memberships_account_id_fkey,
    DROP CONSTRAINT memberships_org_id_fkey,
    DROP CONSTRAINT memberships_permission_set_id_fkey;

-- The write lock, before a check or a cascade reads what other writers committed.
CREATE FUNCTION usermgr_membership_lock() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE feature_not_supported USING
            MESSAGE = format('memberships and the rows they name are written under READ COMMITTED, not %s',
                             upper(current_setting('transaction_isolation')));
    END IF;
    PERFORM pg_advisory_xact_lock(33059451823810418);
END $$;

CREATE FUNCTION usermgr_memberships_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad RECORD;
BEGIN
    PERFORM usermgr_membership_lock();
    SELECT n.id, n.account_id, n.org_id, n.permission_set_id INTO bad
    FROM new_rows n
    WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = n.account_id)
       OR NOT EXISTS (SELECT 1 FROM permission_sets p
                      WHERE p.id = n.permission_set_id AND p.org_id = n.org_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('membership %s names account %s, organization %s and permission set %s, which do not exist together',
                             bad.id, bad.account_id, bad.org_id, bad.permission_set_id),
            TABLE = 'memberships';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER memberships_inserted AFTER INSERT ON memberships
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION usermgr_memberships_check();
CREATE TRIGGER memberships_updated AFTER UPDATE ON memberships
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION usermgr_memberships_check();

-- ON DELETE CASCADE of the account and organization keys.
CREATE FUNCTION usermgr_memberships_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM usermgr_membership_lock();
    IF TG_TABLE_NAME = 'accounts' THEN
        DELETE FROM memberships WHERE account_id IN (SELECT id FROM old_rows);
    ELSE
        DELETE FROM memberships WHERE org_id IN (SELECT id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER accounts_deleted AFTER DELETE ON accounts
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION usermgr_memberships_cascade();
CREATE TRIGGER organizations_deleted AFTER DELETE ON organizations
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION usermgr_memberships_cascade();

-- The permission-set key had no ON DELETE action: a set in use is not deleted. A set that
-- goes with its organization is: the organization's memberships go too.
CREATE FUNCTION usermgr_permission_sets_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    used BIGINT;
BEGIN
    PERFORM usermgr_membership_lock();
    SELECT m.permission_set_id INTO used
    FROM memberships m
    JOIN old_rows o ON o.id = m.permission_set_id
    JOIN organizations g ON g.id = m.org_id
    LIMIT 1;
    IF FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('permission set %s is still used by a membership', used),
            TABLE = 'permission_sets';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER permission_sets_deleted AFTER DELETE ON permission_sets
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION usermgr_permission_sets_check();


-- The keys memberships name do not change (ids never do in usermgr).
CREATE FUNCTION usermgr_keys_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE foreign_key_violation USING
        MESSAGE = format('the keys of %s do not change: memberships name them', TG_TABLE_NAME),
        TABLE = TG_TABLE_NAME;
END $$;

CREATE TRIGGER accounts_key_kept BEFORE UPDATE OF id ON accounts
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION usermgr_keys_kept();
CREATE TRIGGER organizations_key_kept BEFORE UPDATE OF id ON organizations
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION usermgr_keys_kept();
CREATE TRIGGER permission_sets_key_kept BEFORE UPDATE OF id, org_id ON permission_sets
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.org_id IS DISTINCT FROM NEW.org_id)
    EXECUTE FUNCTION usermgr_keys_kept();

-- TRUNCATE ... CASCADE reached memberships through the foreign keys; without them, a
-- truncation that leaves memberships behind is refused (after the whole command, so
-- `TRUNCATE accounts, memberships` goes through).
CREATE FUNCTION usermgr_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM usermgr_membership_lock();
    IF EXISTS (SELECT 1 FROM memberships) THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('memberships name rows of %s: truncate memberships with it', TG_TABLE_NAME),
            TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER accounts_truncated AFTER TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION usermgr_truncated();
CREATE TRIGGER organizations_truncated AFTER TRUNCATE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION usermgr_truncated();
CREATE TRIGGER permission_sets_truncated AFTER TRUNCATE ON permission_sets
    FOR EACH STATEMENT EXECUTE FUNCTION usermgr_truncated();

-- The functions find the directory's tables whatever the caller's search_path, and never a
-- temporary table of the same name.
DO $$
DECLARE
    f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['usermgr_membership_lock()', 'usermgr_memberships_check()',
                             'usermgr_memberships_cascade()', 'usermgr_permission_sets_check()',
                             'usermgr_keys_kept()', 'usermgr_truncated()'] LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END $$;
