-- Schema version 2: what each transaction left in dpkg's database and in the account files,
-- so that the environment's merged state can be rebuilt over the host's *current* files each
-- time a sandbox starts (a copied status or passwd in a layer would hide later host changes).

-- The dpkg status stanza a transaction left for one package; NULL when the transaction took
-- the package out of dpkg's database. The environment's record of a package is the one of its
-- newest committed transaction.
CREATE TABLE status_records (
    transaction_id INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    package        TEXT    NOT NULL,
    architecture   TEXT    NOT NULL,
    stanza         TEXT,
    PRIMARY KEY (transaction_id, package, architecture)
) WITHOUT ROWID;

-- A line of /etc/passwd or /etc/group that a transaction added or changed (adduser in a
-- postinst), keyed by the account's name.
CREATE TABLE account_records (
    transaction_id INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    file           TEXT    NOT NULL CHECK (file IN ('passwd', 'group')),
    name           TEXT    NOT NULL,
    line           TEXT    NOT NULL,
    PRIMARY KEY (transaction_id, file, name)
) WITHOUT ROWID;

-- Whether the user asked for the package or apt pulled it in, and the host's version of the
-- package it replaced (NULL when the host did not have it).
ALTER TABLE packages ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0;
ALTER TABLE packages ADD COLUMN host_version TEXT;
