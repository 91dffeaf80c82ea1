-- Schema version 3: what each package's data.tar held at each non-directory, as dpkg unpacks
-- it, so that `trydeb diff` can tell a maintainer script's or a program's later change to a
-- package's own file (an append, a touch, a chmod) from the package's content. Packages
-- installed before this version have no rows: their files are compared with the host only.
CREATE TABLE shipped_files (
    package_id  INTEGER NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    path        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('file', 'symlink')),
    mode        INTEGER NOT NULL,  -- permission bits, setuid, setgid and sticky included
    size        INTEGER NOT NULL,
    mtime       INTEGER NOT NULL,  -- seconds since the epoch
    sha256      TEXT,              -- of a file's content
    link_target TEXT,              -- of a symlink
    PRIMARY KEY (package_id, path)
) WITHOUT ROWID;
