-- Issue 25: identity levels. A resident verification made by a registrar (or, later, by
-- another method). Only a keyed hash (HMAC-SHA256 under a key derived from the city's
-- secret) of the document's identifier is kept, never the identifier itself. At most one
-- active verification per identifier hash, and per resident.
CREATE TABLE identity_verifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    method TEXT NOT NULL,
    document_kind TEXT NOT NULL,
    identifier_hash TEXT NOT NULL,
    verified_by TEXT NOT NULL REFERENCES users(id),
    organization_id TEXT REFERENCES organizations(id),
    verified_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoked_by TEXT REFERENCES users(id),
    revoke_reason TEXT
);
CREATE UNIQUE INDEX identity_verifications_active_hash
    ON identity_verifications(identifier_hash) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX identity_verifications_active_user
    ON identity_verifications(user_id) WHERE revoked_at IS NULL;
CREATE INDEX identity_verifications_verified_at ON identity_verifications(verified_at);
-- A second account presenting an identifier another active account holds: refused, and
-- queued here for the administrator.
CREATE TABLE identity_conflicts (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    identifier_hash TEXT NOT NULL,
    method TEXT NOT NULL,
    document_kind TEXT NOT NULL,
    attempted_by TEXT NOT NULL REFERENCES users(id),
    organization_id TEXT REFERENCES organizations(id),
    attempted_at TIMESTAMP NOT NULL,
    holder_id TEXT NOT NULL REFERENCES users(id),
    resolved_at TIMESTAMP,
    resolved_by TEXT REFERENCES users(id),
    resolution TEXT
);
CREATE INDEX identity_conflicts_open ON identity_conflicts(resolved_at, attempted_at);
