-- Idempotency-Key records of the API (draft-ietf-httpapi-idempotency-key-header): the first
-- request with a key runs and its response is kept; a retry with the same key and the same
-- request gets that response again instead of moving credit or deciding twice.
CREATE TABLE api_idempotency (
    owner TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER,
    body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (owner, idempotency_key)
);
CREATE INDEX api_idempotency_created ON api_idempotency(created_at);
