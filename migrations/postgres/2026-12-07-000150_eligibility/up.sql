-- Eligibility (issue 26): what a template asks of whoever claims its work (a minimum age,
-- a versioned waiver, qualifications an organization grants) and what is known of a
-- resident (date of birth, a guardian's consent, accepted waivers, granted qualifications).
CREATE TABLE template_requirements (
    template_id TEXT PRIMARY KEY REFERENCES templates(id),
    min_age INTEGER,
    -- The waiver's current version; NULL: the template has no waiver (any longer).
    waiver_version INTEGER,
    updated_at TIMESTAMP NOT NULL
);
-- Every version of a waiver's text is kept: an acceptance names the version it accepted.
CREATE TABLE template_waivers (
    template_id TEXT NOT NULL REFERENCES templates(id),
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (template_id, version)
);
CREATE TABLE qualifications (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (organization_id, name)
);
CREATE TABLE template_qualifications (
    template_id TEXT NOT NULL REFERENCES templates(id),
    qualification_id TEXT NOT NULL REFERENCES qualifications(id),
    PRIMARY KEY (template_id, qualification_id)
);
-- One grant per resident and qualification; granting again moves the expiry.
CREATE TABLE qualification_grants (
    qualification_id TEXT NOT NULL REFERENCES qualifications(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    expires_on DATE NOT NULL,
    granted_by TEXT NOT NULL REFERENCES users(id),
    granted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (qualification_id, user_id)
);
CREATE TABLE birth_dates (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    born_on DATE NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- A request emailed to a guardian: the link's token is stored hashed and works once.
CREATE TABLE guardian_consents (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    guardian_email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    requested_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    consented_at TIMESTAMP
);
CREATE INDEX guardian_consents_user ON guardian_consents (user_id);
CREATE TABLE waiver_acceptances (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    template_id TEXT NOT NULL,
    waiver_version INTEGER NOT NULL,
    opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
    accepted_at TIMESTAMP NOT NULL,
    FOREIGN KEY (template_id, waiver_version) REFERENCES template_waivers (template_id, version)
);
CREATE INDEX waiver_acceptances_opportunity ON waiver_acceptances (opportunity_id, user_id);
