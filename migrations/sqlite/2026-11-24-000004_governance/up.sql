-- A decision cycle: dated phases, and the voting rules frozen when voting opens.
CREATE TABLE cycles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    proposals_at TIMESTAMP NOT NULL,
    deliberation_at TIMESTAMP NOT NULL,
    voting_at TIMESTAMP NOT NULL,
    results_at TIMESTAMP NOT NULL,
    phase TEXT NOT NULL,
    method TEXT NOT NULL,
    quorum_percent BIGINT NOT NULL CHECK (quorum_percent BETWEEN 0 AND 100),
    min_vote BIGINT NOT NULL CHECK (min_vote >= 1),
    -- Set when voting opens: the eligible residents and their VOTE at the snapshot.
    eligible_voters BIGINT,
    eligible_weight BIGINT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX cycles_phase ON cycles (phase);

CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    cycle_id TEXT NOT NULL REFERENCES cycles (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- The kind's structured part (parameter changes, budget options, model), as JSON.
    content TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    organization_id TEXT REFERENCES organizations (id),
    state TEXT NOT NULL,
    -- The sealed tally (JSON), written once at the close.
    tally TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX proposals_cycle ON proposals (cycle_id, created_at);

-- Each eligible resident's VOTE when the cycle's voting opened: a ballot's weight.
CREATE TABLE vote_snapshots (
    cycle_id TEXT NOT NULL REFERENCES cycles (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    weight BIGINT NOT NULL CHECK (weight > 0),
    PRIMARY KEY (cycle_id, user_id)
);

-- One ballot per resident and proposal, replaced until the close. Private to its voter.
CREATE TABLE ballots (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    voter_id TEXT NOT NULL REFERENCES users (id),
    marks TEXT NOT NULL,
    cast_at TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, voter_id)
);

CREATE TABLE proposal_comments (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    parent_id TEXT REFERENCES proposal_comments (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    hidden_reason TEXT,
    hidden_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id, created_at);

CREATE TABLE comment_reports (
    comment_id TEXT NOT NULL REFERENCES proposal_comments (id),
    reporter_id TEXT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (comment_id, reporter_id)
);

-- The public moderation log: every hide and restore, with its reason.
CREATE TABLE moderation_log (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    comment_id TEXT NOT NULL REFERENCES proposal_comments (id),
    moderator_id TEXT NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX moderation_log_time ON moderation_log (created_at);

-- The city parameters in force that a decision (or the administrator) set; a parameter
-- without a row has its value from the configuration file.
CREATE TABLE city_parameters (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    proposal_id TEXT REFERENCES proposals (id),
    set_by TEXT REFERENCES users (id),
    set_at TIMESTAMP NOT NULL
);

-- Every change of a parameter, append-only.
CREATE TABLE parameter_changes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT NOT NULL,
    proposal_id TEXT REFERENCES proposals (id),
    changed_by TEXT REFERENCES users (id),
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX parameter_changes_name ON parameter_changes (name, changed_at);

-- Models (task-template sets, governance models) the city decided to adopt; the
-- federation fetches and installs them.
CREATE TABLE adopted_models (
    proposal_id TEXT PRIMARY KEY REFERENCES proposals (id),
    model_url TEXT NOT NULL,
    state TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL
);
