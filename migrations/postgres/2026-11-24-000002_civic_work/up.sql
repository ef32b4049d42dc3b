-- The civic work loop: organizations and their members, task templates (versioned),
-- opportunities, claims, submissions with photos, contributions, the domain-event outbox,
-- notifications and the accountability trail.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    handle TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    is_issuer BOOLEAN NOT NULL,
    is_redeemer BOOLEAN NOT NULL,
    contact_email TEXT NOT NULL,
    website TEXT,
    logo_file TEXT,
    state TEXT NOT NULL,
    decision_reason TEXT,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP,
    decided_by TEXT REFERENCES users(id)
);
CREATE INDEX organizations_state ON organizations(state, created_at);

CREATE TABLE memberships (
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    invitee_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    invited_by TEXT NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE INDEX invitations_invitee ON invitations(invitee_id, state);
CREATE UNIQUE INDEX invitations_one_pending ON invitations(organization_id, invitee_id) WHERE state = 'pending';

CREATE TABLE taxonomy_extensions (
    category TEXT NOT NULL,
    unit TEXT NOT NULL,
    category_name_en TEXT NOT NULL,
    category_name_es TEXT NOT NULL,
    unit_name_en TEXT NOT NULL,
    unit_name_es TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (category, unit)
);

CREATE TABLE templates (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX templates_organization ON templates(organization_id, state);

CREATE TABLE template_versions (
    template_id TEXT NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    instructions TEXT NOT NULL,
    category TEXT NOT NULL,
    outcome_unit TEXT NOT NULL,
    expected_outcome DOUBLE PRECISION NOT NULL,
    verification_method TEXT NOT NULL,
    proof_kinds TEXT NOT NULL,
    reward_city BIGINT NOT NULL,
    reward_vote BIGINT NOT NULL,
    estimated_minutes INTEGER NOT NULL,
    accessibility_notes TEXT NOT NULL,
    extra_fields TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (template_id, version)
);

CREATE TABLE opportunities (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    template_id TEXT NOT NULL REFERENCES templates(id),
    title_override TEXT,
    place TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    claim_deadline TIMESTAMP NOT NULL,
    capacity INTEGER NOT NULL,
    onsite_instructions TEXT NOT NULL,
    state TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX opportunities_catalog ON opportunities(state, starts_at);
CREATE INDEX opportunities_organization ON opportunities(organization_id, state);
CREATE INDEX opportunities_template ON opportunities(template_id);

CREATE TABLE claims (
    id TEXT PRIMARY KEY NOT NULL,
    opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
    claimant_id TEXT NOT NULL REFERENCES users(id),
    template_id TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    reward_city BIGINT NOT NULL,
    reward_vote BIGINT NOT NULL,
    state TEXT NOT NULL,
    submissions INTEGER NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    checked_in_at TIMESTAMP,
    checked_out_at TIMESTAMP,
    expiry_warned_at TIMESTAMP,
    FOREIGN KEY (template_id, template_version) REFERENCES template_versions(template_id, version)
);
-- One active claim per resident per opportunity, whatever the concurrency.
CREATE UNIQUE INDEX claims_one_active ON claims(opportunity_id, claimant_id)
    WHERE state IN ('claimed', 'submitted', 'rejected', 'verified');
CREATE INDEX claims_claimant ON claims(claimant_id, claimed_at);
CREATE INDEX claims_state ON claims(state, opportunity_id);

CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    claim_id TEXT NOT NULL REFERENCES claims(id),
    attempt INTEGER NOT NULL,
    text TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    worked_from TIMESTAMP,
    worked_until TIMESTAMP,
    outcome_quantity DOUBLE PRECISION NOT NULL,
    extra_values TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    decision TEXT,
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP,
    reject_reason TEXT,
    feedback TEXT,
    quality_rating INTEGER,
    confirmed_outcome DOUBLE PRECISION,
    UNIQUE (claim_id, attempt)
);
CREATE INDEX submissions_pending ON submissions(decision, submitted_at);

CREATE TABLE submission_photos (
    id TEXT PRIMARY KEY NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX submission_photos_submission ON submission_photos(submission_id);

CREATE TABLE contributions (
    id TEXT PRIMARY KEY NOT NULL,
    claim_id TEXT NOT NULL UNIQUE REFERENCES claims(id),
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
    template_id TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    contributor_id TEXT NOT NULL REFERENCES users(id),
    verifier_id TEXT NOT NULL REFERENCES users(id),
    category TEXT NOT NULL,
    outcome_unit TEXT NOT NULL,
    outcome_quantity DOUBLE PRECISION NOT NULL,
    quality_rating INTEGER NOT NULL,
    feedback TEXT NOT NULL,
    reward_city BIGINT NOT NULL,
    reward_vote BIGINT NOT NULL,
    verified_at TIMESTAMP NOT NULL
);
CREATE INDEX contributions_contributor ON contributions(contributor_id, verified_at);
CREATE INDEX contributions_organization ON contributions(organization_id, verified_at);

-- The outbox of domain events (ContributionVerified, …) written in the transaction that
-- caused them; the ledger and federation consume them.
CREATE TABLE domain_events (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    consumed_at TIMESTAMP,
    UNIQUE (kind, subject_id)
);
CREATE INDEX domain_events_pending ON domain_events(kind, consumed_at, occurred_at);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    link TEXT NOT NULL,
    args TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);

CREATE TABLE notification_preferences (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- Every state change of an organization, template, opportunity, claim or contribution.
CREATE TABLE audit_trail (
    id TEXT PRIMARY KEY NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    action TEXT NOT NULL,
    actor_id TEXT REFERENCES users(id),
    detail TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_trail_subject ON audit_trail(subject_kind, subject_id, occurred_at);
