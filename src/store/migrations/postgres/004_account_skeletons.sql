-- R30: the confusable skeleton (Unicode TS #39) of each account's address, so a look-alike
-- of an existing address is found by an indexed lookup. Existing rows are filled in by the
-- program right after this script (SQL cannot compute a skeleton).
ALTER TABLE accounts ADD COLUMN skeleton TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX accounts_skeleton ON accounts (skeleton);
