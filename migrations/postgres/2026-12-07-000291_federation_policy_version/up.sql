-- Issue 29: the version of the domain policy (blocks and allows). Every change of
-- `domain_policies` bumps it in the same transaction, so a process that keeps the lists in
-- memory reads this one row per decision and reloads the lists only when it moved: a block
-- typed at the command line applies to the very next request of every process.
CREATE TABLE domain_policy_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO domain_policy_version (id, version) VALUES (1, 0);
