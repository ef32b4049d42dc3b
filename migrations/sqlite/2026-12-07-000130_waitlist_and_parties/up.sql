-- Waiting lists and group claims (issue 26).
--
-- A waiting list entry: first come first served by `position` (numbered per opportunity
-- under the opportunity's lock). A freed place is offered to the first one waiting until
-- `offer_ends_at`; while `offered` it counts as a taken place. States: waiting, offered,
-- taken (the offer became a claim), declined, lapsed (the offer ended unanswered), left.
CREATE TABLE waitlist_entries (
    id TEXT PRIMARY KEY NOT NULL,
    opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
    resident_id TEXT NOT NULL REFERENCES users(id),
    position INTEGER NOT NULL,
    state TEXT NOT NULL,
    joined_at TIMESTAMP NOT NULL,
    offered_at TIMESTAMP,
    offer_ends_at TIMESTAMP,
    closed_at TIMESTAMP
);
CREATE UNIQUE INDEX waitlist_entries_position ON waitlist_entries(opportunity_id, position);
-- One open entry per resident per opportunity, whatever the concurrency.
CREATE UNIQUE INDEX waitlist_entries_one_open ON waitlist_entries(opportunity_id, resident_id)
    WHERE state IN ('waiting', 'offered');
CREATE INDEX waitlist_entries_offers ON waitlist_entries(state, offer_ends_at);

-- A group claim holds `party_size` places (1 to 10); its friends join with `party_code`
-- and get a claim of their own with `party_of` set to the group's claim and `party_size`
-- 0 (the group's claim already holds their place).
ALTER TABLE claims ADD COLUMN party_size INTEGER NOT NULL DEFAULT 1;
ALTER TABLE claims ADD COLUMN party_of TEXT REFERENCES claims(id);
ALTER TABLE claims ADD COLUMN party_code TEXT;
CREATE UNIQUE INDEX claims_party_code ON claims(party_code);
CREATE INDEX claims_party_of ON claims(party_of);
