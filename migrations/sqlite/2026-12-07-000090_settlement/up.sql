-- Issue 25: settlement. The city's reimbursement terms (one row), optional per-redeemer
-- caps per epoch, and the statements written at each epoch close. A statement's content is
-- hashed into the ledger's chain (a `statement` entry whose memo names number and hash), so
-- `citysync ledger verify` can tell when a stored statement was changed.
CREATE TABLE settlement_terms (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    currency TEXT NOT NULL,
    rate BIGINT NOT NULL CHECK (rate >= 0),
    funding_source TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE settlement_caps (
    organization_id TEXT PRIMARY KEY NOT NULL REFERENCES organizations(id),
    cap BIGINT NOT NULL CHECK (cap >= 0),
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE settlement_statements (
    number TEXT PRIMARY KEY NOT NULL,
    year INTEGER NOT NULL,
    serial BIGINT NOT NULL,
    epoch BIGINT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    signature TEXT NOT NULL,
    public_key TEXT NOT NULL,
    entry_seq BIGINT NOT NULL,
    currency TEXT NOT NULL,
    city_burned BIGINT NOT NULL,
    amount_owed BIGINT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    paid_at TIMESTAMP,
    payment_reference TEXT,
    paid_by TEXT REFERENCES users(id),
    UNIQUE (epoch, organization_id),
    UNIQUE (year, serial)
);
CREATE INDEX settlement_statements_organization ON settlement_statements (organization_id, epoch);
