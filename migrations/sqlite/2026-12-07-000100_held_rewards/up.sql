-- Verified work of a resident below the city's `level_to_earn` (issue 25): the reward is
-- held instead of minted, and credited (up to the caps then in force) when the resident
-- reaches the level within the same epoch. One row per claim; `credited_at` is set once.
CREATE TABLE held_rewards (
    claim_id TEXT PRIMARY KEY NOT NULL REFERENCES claims(id),
    contribution_id TEXT NOT NULL REFERENCES contributions(id),
    contributor_id TEXT NOT NULL REFERENCES users(id),
    epoch BIGINT NOT NULL,
    reward_city BIGINT NOT NULL,
    reward_vote BIGINT NOT NULL,
    held_at TIMESTAMP NOT NULL,
    credited_at TIMESTAMP
);
CREATE INDEX held_rewards_contributor ON held_rewards(contributor_id, epoch);
