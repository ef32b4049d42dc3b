-- Issue 25: further resident-verification methods (letter codes, an external registry,
-- OpenID Connect). Which of them a city offers is the administrator's switch.
CREATE TABLE identity_method_switches (
    method TEXT PRIMARY KEY NOT NULL,
    enabled BOOLEAN NOT NULL,
    changed_by TEXT NOT NULL REFERENCES users(id),
    changed_at TIMESTAMP NOT NULL
);
-- One-time codes posted to addresses. Neither the code nor the address is kept: only a
-- hash of the code (to find it) and the keyed hash of the normalized address (the
-- identifier a resident verification holds).
CREATE TABLE identity_letter_codes (
    id TEXT PRIMARY KEY NOT NULL,
    batch_id TEXT NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    identifier_hash TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    used_by TEXT REFERENCES users(id)
);
CREATE INDEX identity_letter_codes_expires ON identity_letter_codes(expires_at);
-- An OpenID Connect sign-in under way: bound to the account that started it, found by a
-- hash of its `state`, gone when the provider sends the resident back (or after an hour).
CREATE TABLE identity_oidc_flows (
    state_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
