-- Issue 24: someone on another server joins a published opportunity with a signed `Join`
-- (Mobilizon-style) and leaves with `Leave` or `Undo`. A remote participant takes a place as a
-- local claim does: the places taken are the active claims plus the joined remote
-- participations, counted in one storage function under the claim's lock. A remote
-- participant never earns CITY or VOTE (ledgers stay local), so this is not a claim.
CREATE TABLE remote_participations (
    id TEXT PRIMARY KEY NOT NULL,
    opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
    actor TEXT NOT NULL,
    handle TEXT NOT NULL,
    inbox TEXT NOT NULL,
    join_activity TEXT NOT NULL,
    state TEXT NOT NULL,
    joined_at TIMESTAMP NOT NULL,
    left_at TIMESTAMP
);
-- One place per remote actor per opportunity, whatever the concurrency.
CREATE UNIQUE INDEX remote_participations_one_active
    ON remote_participations(opportunity_id, actor) WHERE state = 'joined';
CREATE INDEX remote_participations_state ON remote_participations(state, opportunity_id);
