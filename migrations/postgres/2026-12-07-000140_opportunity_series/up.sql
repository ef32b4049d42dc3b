-- Recurring opportunities and calendar files (issue 26).
--
-- An occurrence of a series is an opportunity of its own (own capacity, claims, deadline);
-- this table links the occurrences issued together, `position` being the order of their
-- starts (0 first).
CREATE TABLE opportunity_series (
    opportunity_id TEXT PRIMARY KEY NOT NULL REFERENCES opportunities(id),
    series_id TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX opportunity_series_by_series ON opportunity_series (series_id, position);

-- Files sent with a queued email (a calendar file), kept until the mail is sent so a retry
-- carries them too.
CREATE TABLE mail_attachments (
    mail_id TEXT NOT NULL REFERENCES mail_queue(id),
    position INTEGER NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (mail_id, position)
);

-- A resident's private calendar feed: the SHA-256 of the secret in its address. Resetting
-- replaces the row, so the old address stops working.
CREATE TABLE calendar_feeds (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
