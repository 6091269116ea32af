-- The first schema: everything SPEC §2 names.
CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE accounts (
    id                 INTEGER PRIMARY KEY,
    email              TEXT NOT NULL UNIQUE,          -- normalised (trimmed, lowercase)
    display_email      TEXT NOT NULL,
    name               TEXT NOT NULL DEFAULT '',
    password_hash      TEXT,                           -- argon2id PHC string, NULL = no password
    password_set_at    INTEGER,
    reset_required     INTEGER NOT NULL DEFAULT 0,
    failed_logins      INTEGER NOT NULL DEFAULT 0,
    locked_until       INTEGER,
    created_at         INTEGER NOT NULL
);

CREATE TABLE permission_sets (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name        TEXT NOT NULL COLLATE NOCASE,
    builtin     INTEGER NOT NULL DEFAULT 0,
    is_default  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (org_id, name)
);

CREATE TABLE permission_set_permissions (
    set_id      INTEGER NOT NULL REFERENCES permission_sets(id) ON DELETE CASCADE,
    permission  TEXT NOT NULL,
    PRIMARY KEY (set_id, permission)
);

CREATE TABLE memberships (
    id                 INTEGER PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    org_id             INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    permission_set_id  INTEGER NOT NULL REFERENCES permission_sets(id),
    created_at         INTEGER NOT NULL,
    UNIQUE (account_id, org_id)
);

CREATE TABLE groups (
    id      INTEGER PRIMARY KEY,
    org_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name    TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (org_id, name)
);

CREATE TABLE group_members (
    group_id       INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    membership_id  INTEGER NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, membership_id)
);

CREATE TABLE sites (
    id      INTEGER PRIMARY KEY,
    org_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name    TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (org_id, name)
);

CREATE TABLE site_members (
    site_id        INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    membership_id  INTEGER NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
    PRIMARY KEY (site_id, membership_id)
);

CREATE TABLE user_fields (
    id       INTEGER PRIMARY KEY,
    org_id   INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name     TEXT NOT NULL COLLATE NOCASE,
    kind     TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'select')),
    options  TEXT NOT NULL DEFAULT '[]',              -- JSON array, for select
    UNIQUE (org_id, name)
);

CREATE TABLE user_field_values (
    field_id       INTEGER NOT NULL REFERENCES user_fields(id) ON DELETE CASCADE,
    membership_id  INTEGER NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
    value          TEXT NOT NULL,
    PRIMARY KEY (field_id, membership_id)
);

-- Single-use secrets (reset-window, reset-email, set-password); only the SHA-256 is kept.
CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('reset_window', 'reset_email', 'set_password')),
    token_hash  TEXT NOT NULL UNIQUE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    org_id      INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    ended_at    INTEGER
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor    TEXT NOT NULL,          -- email of who acted, or '-' when unknown
    org      TEXT NOT NULL,          -- organization name, or '-'
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    outcome  TEXT NOT NULL,          -- ok, denied, failed, ...
    detail   TEXT NOT NULL DEFAULT ''
);

-- Every email attempt; never a token or a password.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    org_id      INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    account_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    recipient   TEXT NOT NULL,
    kind        TEXT NOT NULL,            -- instructions | reset
    subject     TEXT NOT NULL,
    message     TEXT NOT NULL DEFAULT '', -- the admin's custom message
    state       TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT
);
