-- Compaction merges the layers of a run of committed transactions into the layer of the
-- newest of them. The older ones keep their records (history, packages, files) but no longer
-- have a layer of their own: compacted_into names the transaction whose layer holds theirs.
ALTER TABLE transactions ADD COLUMN compacted_into INTEGER REFERENCES transactions(id);
