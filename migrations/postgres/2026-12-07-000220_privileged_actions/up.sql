-- The privileged-action log: one append-only, gapless, hash-chained list of every act done
-- in a privileged capacity (administrator, verifier, cashier, registrar, owner, operator).
-- Appends lock the head row (FOR UPDATE) and run in the act's own transaction.
CREATE TABLE privileged_actions_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO privileged_actions_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE privileged_actions (
    seq BIGINT PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    -- The acting user; NULL for the operator's CLI and the system.
    actor_id TEXT,
    capacity TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX privileged_actions_by_time ON privileged_actions (occurred_at);
CREATE INDEX privileged_actions_by_actor ON privileged_actions (actor_id);
CREATE INDEX privileged_actions_by_kind ON privileged_actions (kind);

CREATE FUNCTION privileged_actions_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'privileged actions are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER privileged_actions_append_only BEFORE UPDATE OR DELETE ON privileged_actions
    FOR EACH ROW EXECUTE FUNCTION privileged_actions_refuse_change();
CREATE TRIGGER privileged_actions_no_truncate BEFORE TRUNCATE ON privileged_actions
    FOR EACH STATEMENT EXECUTE FUNCTION privileged_actions_refuse_change();
