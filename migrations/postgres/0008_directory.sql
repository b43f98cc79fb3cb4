-- Accounts that live in an LDAP directory (SSPR_DIRECTORY=ldap): the directory's immutable ID
-- (entryUUID), by which a renamed user keeps their registration, and the entry's DN, to which
-- a sign-in binds. Both stay empty for the built-in directory's accounts.
ALTER TABLE accounts ADD COLUMN directory_id TEXT;
ALTER TABLE accounts ADD COLUMN directory_dn TEXT;
CREATE UNIQUE INDEX accounts_directory_id ON accounts (directory_id);
