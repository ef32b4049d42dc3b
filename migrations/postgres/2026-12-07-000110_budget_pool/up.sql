-- Issue 25: a participatory budget's pool is set by the city per decision cycle, never by
-- the proposer. 0 means the cycle has no budget to share out. Cycles that already hold
-- budget proposals keep the largest pool one of them asked for, so a vote under way still
-- shares out what its voters were shown.
ALTER TABLE cycles ADD COLUMN budget_pool BIGINT NOT NULL DEFAULT 0;
UPDATE cycles SET budget_pool = COALESCE((
    SELECT MAX((p.content::jsonb ->> 'pool')::BIGINT)
    FROM proposals p
    WHERE p.cycle_id = cycles.id AND p.kind = 'budget'
), 0);
