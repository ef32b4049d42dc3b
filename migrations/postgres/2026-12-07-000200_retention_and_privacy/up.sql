-- Retention, legal hold and the privacy notice (issue 27).

-- A legal hold keeps everything of an account: retention skips it and the account cannot be
-- deleted while it lasts. Set and lifted by an administrator, with a reason.
ALTER TABLE users ADD COLUMN legal_hold BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN legal_hold_reason TEXT;
ALTER TABLE users ADD COLUMN legal_hold_by TEXT;
ALTER TABLE users ADD COLUMN legal_hold_at TIMESTAMP;

-- Published versions of the privacy notice (aviso de privacidad). Version 1 is the default
-- text of the locale files and has no row; an administrator's first publication is 2.
CREATE TABLE privacy_versions (
    version INTEGER PRIMARY KEY NOT NULL,
    published_at TIMESTAMP NOT NULL,
    published_by TEXT REFERENCES users(id)
);

-- A version's text in each language it was written in (plain paragraphs).
CREATE TABLE privacy_texts (
    version INTEGER NOT NULL REFERENCES privacy_versions(version),
    locale TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (version, locale)
);

-- Each acceptance of a version by a person: at sign-up, and again after a newer one.
CREATE TABLE privacy_acceptances (
    user_id TEXT NOT NULL REFERENCES users(id),
    version INTEGER NOT NULL,
    accepted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, version)
);

CREATE INDEX submission_photos_created ON submission_photos (created_at);
CREATE INDEX sessions_expires ON sessions (expires_at);
