-- What apt and dpkg printed during a transaction (`trydeb log N`): the screen shows progress
-- and problems only. Its own table, so that listing transactions never reads the text.
CREATE TABLE transaction_output (
    transaction_id INTEGER PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
    output         TEXT    NOT NULL
);
