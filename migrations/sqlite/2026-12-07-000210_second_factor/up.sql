-- A second factor (TOTP, RFC 6238) with single-use recovery codes (issue 27).
-- One row per account that started enrolling; `enabled_at` is set once a code confirmed it.
-- `last_step` is the 30-second step of the last code accepted: a code of that step or an
-- earlier one is refused (no replay).
CREATE TABLE second_factors (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    enabled_at TIMESTAMP,
    last_step BIGINT
);

-- Only the SHA-256 of each recovery code (high-entropy, so no salt or slow hash is needed).
CREATE TABLE second_factor_recovery_codes (
    code_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX second_factor_recovery_codes_user ON second_factor_recovery_codes(user_id);

-- Half sign-ins: the password (or an emailed link) was right, the second factor is still
-- owed. No session exists until it is given; the browser holds only this ticket's secret.
CREATE TABLE second_factor_pending (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_hash TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX second_factor_pending_user ON second_factor_pending(user_id);
