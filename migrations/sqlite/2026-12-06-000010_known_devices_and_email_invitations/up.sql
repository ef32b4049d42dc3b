-- A browser that has signed in to an account before keeps a long-lived "known device"
-- cookie; only its SHA-256 hash is kept. From a known device the owner's right password
-- still works while sign-ins to the account are throttled (issue 23, point 3).
CREATE TABLE known_devices (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX known_devices_user ON known_devices(user_id);

-- An invitation to an organization sent to an email address, whether or not it has an
-- account: signing up through its link (hashed here) with that address joins the
-- organization (issue 23, point 5).
CREATE TABLE email_invitations (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX email_invitations_email ON email_invitations(email);

-- The address an invitation by email was typed as: the organization's members see that,
-- never the account's username, so an invitation by email says nothing about whether the
-- address has an account.
ALTER TABLE invitations ADD COLUMN invited_as TEXT;
