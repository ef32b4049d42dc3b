-- The city's Ed25519 key: signs ledger checkpoints and redemption tokens.
CREATE TABLE ledger_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Every account that ever held credit. `balance` is maintained with each entry and
-- checked against the journal by `citysync ledger verify`.
CREATE TABLE ledger_accounts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    owner TEXT NOT NULL,
    currency TEXT NOT NULL,
    public_ref TEXT NOT NULL UNIQUE,
    balance BIGINT NOT NULL DEFAULT 0,
    CHECK (balance >= 0 OR kind = 'mint')
);
CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner);

-- The head of the hash chain: one row, locked by every credit-moving transaction.
CREATE TABLE ledger_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO ledger_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per credit-moving request: its idempotency key, what was asked, what it answered.
CREATE TABLE ledger_operations (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    result TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The journal: append-only (see the triggers), gapless, hash-chained.
CREATE TABLE ledger_entries (
    seq BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,
    currency TEXT NOT NULL,
    from_account TEXT NOT NULL REFERENCES ledger_accounts (id),
    to_account TEXT NOT NULL REFERENCES ledger_accounts (id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    operation TEXT NOT NULL REFERENCES ledger_operations (key),
    organization_id TEXT,
    category TEXT,
    memo TEXT NOT NULL,
    epoch BIGINT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX ledger_entries_from ON ledger_entries (from_account, seq);
CREATE INDEX ledger_entries_to ON ledger_entries (to_account, seq);
CREATE INDEX ledger_entries_epoch ON ledger_entries (epoch, kind);
CREATE INDEX ledger_entries_operation ON ledger_entries (operation);

-- Signed checkpoints: append-only too.
CREATE TABLE ledger_checkpoints (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    head_hash TEXT NOT NULL,
    totals TEXT NOT NULL,
    signed_at TIMESTAMP NOT NULL,
    signature TEXT NOT NULL,
    public_key TEXT NOT NULL,
    reason TEXT NOT NULL,
    epoch BIGINT
);

-- What each full verification found.
CREATE TABLE ledger_verifications (
    id TEXT PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    ok BOOLEAN NOT NULL,
    entries BIGINT NOT NULL,
    checkpoints BIGINT NOT NULL,
    failure TEXT
);

-- Epochs: numbered periods; a closed epoch's report is sealed (see the triggers).
CREATE TABLE epochs (
    number BIGINT PRIMARY KEY,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    state TEXT NOT NULL,
    closed_at TIMESTAMP,
    report TEXT
);

-- The administrator's budget table: CITY granted to each issuer at every epoch start.
CREATE TABLE issuer_budgets (
    organization_id TEXT PRIMARY KEY REFERENCES organizations (id),
    amount BIGINT NOT NULL CHECK (amount >= 0),
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL
);

-- A redeemer's catalog.
CREATE TABLE offerings (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    price BIGINT NOT NULL CHECK (price > 0),
    category TEXT NOT NULL,
    terms TEXT NOT NULL,
    image TEXT,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX offerings_organization ON offerings (organization_id);

-- How many of an offering the redeemer commits to honor in an epoch.
CREATE TABLE offering_commitments (
    offering_id TEXT NOT NULL REFERENCES offerings (id),
    epoch BIGINT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 0),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (offering_id, epoch)
);

-- Reservations and their settlement: reserved -> honored | cancelled | expired.
CREATE TABLE redemptions (
    id TEXT PRIMARY KEY,
    offering_id TEXT NOT NULL REFERENCES offerings (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    resident_id TEXT NOT NULL REFERENCES users (id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    epoch BIGINT NOT NULL,
    state TEXT NOT NULL,
    code TEXT NOT NULL,
    reserved_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    settled_at TIMESTAMP,
    settled_by TEXT
);
CREATE INDEX redemptions_resident ON redemptions (resident_id, reserved_at);
CREATE INDEX redemptions_offering ON redemptions (offering_id, epoch, state);
CREATE INDEX redemptions_due ON redemptions (state, expires_at);
CREATE UNIQUE INDEX redemptions_code_reserved ON redemptions (code) WHERE state = 'reserved';
CREATE INDEX redemptions_code ON redemptions (code);

-- Append-only: no UPDATE, DELETE or TRUNCATE of entries or checkpoints, ever.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
-- A sealed epoch report never changes.
CREATE FUNCTION epochs_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.report IS NOT NULL THEN
        RAISE EXCEPTION 'a closed epoch is sealed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER epochs_sealed BEFORE UPDATE OR DELETE ON epochs
    FOR EACH ROW EXECUTE FUNCTION epochs_refuse_change();
