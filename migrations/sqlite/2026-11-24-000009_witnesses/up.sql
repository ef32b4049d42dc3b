-- Witnessing: cities keep each other honest by countersigning each other's ledger
-- checkpoints. Times are UTC TIMESTAMP set from Rust; ids are UUID text.

-- Witness side: the checkpoints of cities we follow, as received, with our countersignature
-- (null when we refused to give one). One per origin and sequence number: a second,
-- different checkpoint for the same number is an equivocation, kept below.
CREATE TABLE witnessed_checkpoints (
    id TEXT PRIMARY KEY NOT NULL,
    origin_domain TEXT NOT NULL,
    origin_actor TEXT NOT NULL,
    seq BIGINT NOT NULL,
    head_hash TEXT NOT NULL,
    totals TEXT NOT NULL,
    signed_at TIMESTAMP NOT NULL,
    ledger_signature TEXT NOT NULL,
    ledger_key TEXT NOT NULL,
    document TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    countersignature TEXT,
    state TEXT NOT NULL,
    UNIQUE (origin_domain, seq)
);
CREATE INDEX witnessed_checkpoints_received ON witnessed_checkpoints(received_at);

-- Witness side: two different, validly signed checkpoints for the same sequence number.
-- Both are kept whole, to be shown side by side.
CREATE TABLE checkpoint_equivocations (
    id TEXT PRIMARY KEY NOT NULL,
    origin_domain TEXT NOT NULL,
    origin_actor TEXT NOT NULL,
    seq BIGINT NOT NULL,
    first_head_hash TEXT NOT NULL,
    first_signature TEXT NOT NULL,
    first_document TEXT NOT NULL,
    first_received_at TIMESTAMP NOT NULL,
    second_head_hash TEXT NOT NULL,
    second_signature TEXT NOT NULL,
    second_document TEXT NOT NULL,
    second_received_at TIMESTAMP NOT NULL,
    UNIQUE (origin_domain, seq, second_signature)
);

-- Origin side: other cities' countersignatures on our checkpoints.
CREATE TABLE checkpoint_witnesses (
    id TEXT PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL,
    witness_domain TEXT NOT NULL,
    witness_actor TEXT NOT NULL,
    signature TEXT NOT NULL,
    witness_key TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    UNIQUE (seq, witness_domain)
);
