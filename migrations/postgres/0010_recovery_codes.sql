-- Recovery codes (SPEC §2): ten single-use codes per account, stored as the SHA-256 (hex) of
-- the code. A new set replaces the old one; a used code keeps its row, marked, so the page can
-- say how many are left.
CREATE TABLE recovery_codes (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at    BIGINT,
    PRIMARY KEY (account_id, code_hash)
);
