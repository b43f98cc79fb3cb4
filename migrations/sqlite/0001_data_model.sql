-- The whole data model of SPEC §1 (SQLite). Times are Unix seconds (UTC); the PostgreSQL twin
-- in migrations/postgres has the same tables, columns and meanings.

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    user_id              TEXT NOT NULL UNIQUE,          -- NFKC + case folded
    display_name         TEXT NOT NULL,
    primary_email        TEXT NOT NULL,                 -- never a reset method
    password_hash        TEXT NOT NULL,                 -- argon2id PHC string
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    office_phone         TEXT,                          -- E.164, set by admins only
    password_source      TEXT NOT NULL DEFAULT 'cloud' CHECK (password_source IN ('cloud', 'on_premises')),
    role                 TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    enabled              BOOLEAN NOT NULL DEFAULT TRUE,
    licensed             BOOLEAN NOT NULL DEFAULT TRUE,
    locked_until         INTEGER,                       -- locked by an admin or "this wasn't me"
    confirmed_at         INTEGER,                       -- last Finish / "Looks good"
    reregister_required  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);

CREATE TABLE groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

CREATE TABLE memberships (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, group_id)
);
CREATE INDEX memberships_group ON memberships(group_id);

-- Authentication phone and authentication e-mail (one of each per account).
CREATE TABLE contact_methods (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('auth_phone', 'auth_email')),
    value       TEXT NOT NULL,                          -- E.164 or e-mail address
    verified_at INTEGER,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, kind)
);

CREATE TABLE questions (
    id             INTEGER PRIMARY KEY,
    predefined_key TEXT UNIQUE,                         -- translated in the catalogue; NULL for custom
    custom_text    TEXT CHECK (custom_text IS NULL OR length(custom_text) <= 200),
    position       INTEGER NOT NULL,
    retired_at     INTEGER,
    CHECK ((predefined_key IS NULL) <> (custom_text IS NULL))
);

CREATE TABLE security_answers (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES questions(id),
    answer_hash TEXT NOT NULL,                          -- argon2id of the normalised answer
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, question_id)
);

-- Every policy change is a new row: old and new values are both kept.
CREATE TABLE policy_versions (
    version    INTEGER PRIMARY KEY,
    settings   TEXT NOT NULL,                           -- JSON
    changed_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    changed_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,                      -- SHA-256 of the cookie value
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL                       -- absolute timeout
);
CREATE INDEX sessions_account ON sessions(account_id);

-- Server-side state of a registration or reset flow, bound to a browser session.
CREATE TABLE flows (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('registration', 'reset')),
    account_id   INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    state        TEXT NOT NULL,                         -- JSON of the flow's state machine
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    finished_at  INTEGER
);

-- One-time codes: stored hashed, bound to account, purpose and flow.
CREATE TABLE codes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    flow_id     INTEGER REFERENCES flows(id) ON DELETE CASCADE,
    target      TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    voided_at   INTEGER
);
CREATE INDEX codes_account_purpose ON codes(account_id, purpose, created_at);

-- Fixed-window counters for throttling, updated atomically.
CREATE TABLE rate_counters (
    key           TEXT PRIMARY KEY,
    window_start  INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    blocked_until INTEGER
);

-- Hash-chained audit log: hash = SHA-256(prev_hash || canonical entry).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    event      TEXT NOT NULL,
    actor_id   INTEGER,
    account_id INTEGER,
    ip         TEXT,
    detail     TEXT NOT NULL,                           -- JSON, never a secret
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_account ON audit_log(account_id, at);
CREATE INDEX audit_log_event ON audit_log(event, at);
CREATE INDEX audit_log_at ON audit_log(at);

-- Messages to send, written in the same transaction as the change that caused them.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'voice')),
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    language        TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until   INTEGER,
    sent_at         INTEGER,
    failed_at       INTEGER,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, failed_at, next_attempt_at);

-- "Contact an administrator" requests.
CREATE TABLE admin_requests (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    user_id    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    handled_at INTEGER,
    handled_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    note       TEXT
);
