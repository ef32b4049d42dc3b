-- Organizations are actors: an RSA key pair for HTTP signatures and an Ed25519 key
-- (multibase Multikey secret) for attestation proofs, both made on first use.
ALTER TABLE organizations ADD COLUMN public_key_pem TEXT;
ALTER TABLE organizations ADD COLUMN private_key_pem TEXT;
ALTER TABLE organizations ADD COLUMN attestation_key TEXT;

-- A resident's public profile: off unless they turn it on. When on, their actor shows the
-- display name and attestations of their work name them instead of a pseudonym.
ALTER TABLE users ADD COLUMN display_name TEXT;
ALTER TABLE users ADD COLUMN public_profile BOOLEAN NOT NULL DEFAULT FALSE;

-- A template copied from another city's template (its id there).
ALTER TABLE templates ADD COLUMN adapted_from TEXT;

-- A remote actor's Ed25519 Multikey (FEP-521a assertionMethod), to verify its attestations.
ALTER TABLE actors ADD COLUMN assertion_key TEXT;

-- What the adoption of a model did when it was installed (copies made, or why not).
ALTER TABLE adopted_models ADD COLUMN detail TEXT;

-- The federation outbox of changes to announce, written in the transaction of the change;
-- the federation worker turns each into activities and deliveries, once.
CREATE TABLE publications (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    verb TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    processed_at TIMESTAMP
);
CREATE INDEX publications_pending ON publications (processed_at, occurred_at);

-- Objects received from other cities, kept as theirs: never a local template, claim or vote.
CREATE TABLE remote_objects (
    id TEXT PRIMARY KEY NOT NULL,
    ap_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    attributed_to TEXT NOT NULL,
    domain TEXT NOT NULL,
    via TEXT,
    name TEXT NOT NULL,
    summary TEXT NOT NULL,
    document TEXT NOT NULL,
    -- What this city understood of it (a template's spec, as JSON), when it can be adopted.
    content TEXT,
    starts_at TIMESTAMP,
    proof_verified BOOLEAN NOT NULL DEFAULT FALSE,
    published_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX remote_objects_kind ON remote_objects (kind, deleted_at, published_at);

-- Local templates adopted by other cities (the copy's id there), shown at the origin.
CREATE TABLE template_adoptions (
    copy_ap_id TEXT PRIMARY KEY NOT NULL,
    template_id TEXT NOT NULL REFERENCES templates (id),
    adopter_actor TEXT NOT NULL,
    adopter_domain TEXT NOT NULL,
    adopted_at TIMESTAMP NOT NULL
);
CREATE INDEX template_adoptions_template ON template_adoptions (template_id, adopted_at);

-- The administrator's domain blocks and allowlist entries (normalized domains).
CREATE TABLE domain_policies (
    domain TEXT PRIMARY KEY NOT NULL,
    policy TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The health of each peer we deliver to, and what it sent us.
CREATE TABLE peers (
    domain TEXT PRIMARY KEY NOT NULL,
    reachable BOOLEAN NOT NULL DEFAULT TRUE,
    last_success_at TIMESTAMP,
    failing_since TIMESTAMP,
    next_probe_at TIMESTAMP,
    received BIGINT NOT NULL DEFAULT 0,
    duplicates BIGINT NOT NULL DEFAULT 0
);
