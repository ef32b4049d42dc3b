-- Self check-in (issue 26): each opportunity's poster carries an unguessable token; an
-- organization may require residents to be near the opportunity's map point to check in;
-- a verifier's confirmation of a check-in is recorded once per claim.
CREATE TABLE check_in_posters (
    opportunity_id TEXT PRIMARY KEY NOT NULL REFERENCES opportunities(id),
    token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE check_in_distances (
    organization_id TEXT PRIMARY KEY NOT NULL REFERENCES organizations(id),
    max_meters INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE attendance_confirmations (
    claim_id TEXT PRIMARY KEY NOT NULL REFERENCES claims(id),
    confirmed_by TEXT NOT NULL REFERENCES users(id),
    confirmed_at TIMESTAMP NOT NULL
);
