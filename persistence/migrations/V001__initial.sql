-- Schema version 1: environments, their transactions, and the packages they installed.
-- Timestamps are ISO-8601 UTC text, as java.time.Instant.toString() writes them.

CREATE TABLE environments (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);

-- One attempt to change an environment. A committed transaction is one overlay layer, stored in
-- envs/NAME/layers/<id>; AUTOINCREMENT keeps ids from ever being reused, so a stale layer
-- directory can never be mistaken for a new transaction's.
CREATE TABLE transactions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    environment_id INTEGER NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL,  -- install, remove, ...
    request        TEXT    NOT NULL CHECK (json_valid(request)),  -- JSON of what was asked
    started_at     TEXT    NOT NULL,
    finished_at    TEXT,
    outcome        TEXT    NOT NULL CHECK (outcome IN ('pending', 'committed', 'failed', 'aborted')),
    error          TEXT
);
CREATE INDEX transactions_by_environment ON transactions (environment_id, id);

-- A package installed by a transaction. It stays current until a later transaction of the same
-- environment removes or replaces it (removed_by_transaction_id). Deleting a transaction deletes
-- what it installed and makes current again what it removed.
CREATE TABLE packages (
    id                        INTEGER PRIMARY KEY,
    environment_id            INTEGER NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    transaction_id            INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    name                      TEXT    NOT NULL,
    version                   TEXT    NOT NULL,
    architecture              TEXT    NOT NULL,
    source_file               TEXT    NOT NULL,  -- the .deb it was installed from
    sha256                    TEXT    NOT NULL,  -- of that .deb
    control                   TEXT    NOT NULL,  -- the full control stanza
    installed_at              TEXT    NOT NULL,
    removed_by_transaction_id INTEGER REFERENCES transactions (id) ON DELETE SET NULL
);
-- At most one current package of each name per environment.
CREATE UNIQUE INDEX packages_current_by_name ON packages (environment_id, name)
    WHERE removed_by_transaction_id IS NULL;
CREATE INDEX packages_by_transaction ON packages (transaction_id);

-- The guest paths (absolute, normalized) a package owns.
CREATE TABLE package_files (
    package_id INTEGER NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    path       TEXT    NOT NULL,
    PRIMARY KEY (package_id, path)
) WITHOUT ROWID;
