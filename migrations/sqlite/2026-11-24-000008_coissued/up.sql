-- Co-issued opportunities: partner organizations invited by the issuing (lead) organization,
-- each paying `share_city` (minor units of CITY, from its own epoch budget) of every verified
-- contribution's reward; the lead pays the remainder. Frozen once the opportunity is published.
CREATE TABLE opportunity_partners (
    opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    share_city BIGINT NOT NULL,
    verifies BOOLEAN NOT NULL,
    state TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    invited_at TIMESTAMP NOT NULL,
    answered_at TIMESTAMP,
    PRIMARY KEY (opportunity_id, organization_id)
);
CREATE INDEX opportunity_partners_organization ON opportunity_partners(organization_id, state);
