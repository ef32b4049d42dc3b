CREATE TABLE domain_events (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    consumed_at TIMESTAMP,
    UNIQUE (kind, subject_id)
);
CREATE INDEX domain_events_pending ON domain_events(kind, consumed_at, occurred_at);
