-- The foundation: the instance, people, sessions, tokens, throttles, mail and federation queues.
-- Ids are UUID text; times are UTC timestamps set from Rust.

CREATE TABLE instance (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    name TEXT,
    region TEXT,
    default_locale TEXT NOT NULL DEFAULT 'en',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    public_key_pem TEXT NOT NULL,
    private_key_pem TEXT NOT NULL,
    setup_token_hash TEXT,
    created_at TIMESTAMP NOT NULL,
    configured_at TIMESTAMP
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    email_verified_at TIMESTAMP,
    locale TEXT,
    public_key_pem TEXT,
    private_key_pem TEXT,
    created_at TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX email_tokens_user ON email_tokens(user_id, purpose);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE rate_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX rate_events_bucket ON rate_events(bucket, at);

CREATE TABLE mail_queue (
    id TEXT PRIMARY KEY NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    sent_at TIMESTAMP,
    failed_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX mail_queue_due ON mail_queue(sent_at, failed_at, next_attempt_at);

CREATE TABLE actors (
    id TEXT PRIMARY KEY NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    preferred_username TEXT NOT NULL,
    name TEXT,
    inbox TEXT NOT NULL,
    shared_inbox TEXT,
    public_key_pem TEXT NOT NULL,
    domain TEXT NOT NULL,
    fetched_at TIMESTAMP NOT NULL
);

CREATE TABLE follows (
    id TEXT PRIMARY KEY NOT NULL,
    follower_ap_id TEXT NOT NULL,
    following_ap_id TEXT NOT NULL,
    state TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (follower_ap_id, following_ap_id)
);

CREATE TABLE deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL,
    actor_ap_id TEXT NOT NULL,
    inbox TEXT NOT NULL,
    peer_domain TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    delivered_at TIMESTAMP,
    failed_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX deliveries_due ON deliveries(delivered_at, failed_at, next_attempt_at);
CREATE INDEX deliveries_peer ON deliveries(peer_domain);

CREATE TABLE received_activities (
    activity_id TEXT PRIMARY KEY NOT NULL,
    actor_ap_id TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);
