-- Password expiry reminders sent (the policy's expiry_reminders, with an LDAP directory that
-- says when passwords expire): one per account, expiry and threshold (7, 3 or 1 days before),
-- whichever node reads the directory first. A new password is a new expiry: reminders again.
CREATE TABLE expiry_reminders (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    days       INTEGER NOT NULL,
    sent_at    INTEGER NOT NULL,
    PRIMARY KEY (account_id, expires_at, days)
);
