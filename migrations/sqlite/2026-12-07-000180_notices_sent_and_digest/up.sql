-- Notifications where work waits (issue 26). A notice sent to many people by a worker
-- (voting opened, voting closes tomorrow) is recorded per person under a unique key in the
-- transaction that sends it, so a second worker's insert conflicts and it sends nothing.
CREATE TABLE notices_sent (
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, subject_id, user_id)
);

-- The daily digest: a row per person who chose one email a day instead of single emails.
-- `since` is when the last digest was sent (or the choice made); the worker advances it
-- with a compare-and-set in the transaction that queues the digest, so it is sent once.
CREATE TABLE notification_digests (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
    since TIMESTAMP NOT NULL
);
