-- Reset portal (SPEC §3): the key that signs proof-of-work challenges (shared by every node,
-- so any node can check a challenge another one issued), and the "this wasn't me" links sent
-- after a reset, an unlock or a change of password.

CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE report_tokens (
    token_hash TEXT PRIMARY KEY,                        -- SHA-256 of the link's token
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    reason     TEXT NOT NULL,                           -- what the message reported
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX report_tokens_expires ON report_tokens(expires_at);
CREATE INDEX flows_expires ON flows(expires_at);
CREATE INDEX admin_requests_open ON admin_requests(handled_at, created_at);
