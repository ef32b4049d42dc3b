-- Issue 24: a resident links a fediverse account to their account here, so that the places
-- it takes with a signed `Join` are the resident's own claims (which earn as any claim does)
-- and their attestations reach its inbox. One actor is linked to at most one resident, and
-- one resident to at most one actor.
CREATE TABLE fediverse_links (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
    actor TEXT NOT NULL UNIQUE,
    handle TEXT NOT NULL,
    inbox TEXT NOT NULL,
    linked_at TIMESTAMP NOT NULL
);
-- A link asked for in the settings: the federation worker resolves the handle (WebFinger)
-- and sends the actor a direct message with a one-time link; only the link's SHA-256 hash
-- is kept. `state`: requested, sent, unresolved, used, superseded.
CREATE TABLE fediverse_link_requests (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    handle TEXT NOT NULL,
    state TEXT NOT NULL,
    actor TEXT,
    inbox TEXT,
    token_hash TEXT UNIQUE,
    requested_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    expires_at TIMESTAMP,
    used_at TIMESTAMP
);
CREATE INDEX fediverse_link_requests_state ON fediverse_link_requests(state, requested_at);
CREATE INDEX fediverse_link_requests_user ON fediverse_link_requests(user_id, requested_at);
