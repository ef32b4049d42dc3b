-- Shift reminders (issue 26): one row per claim and lead time, inserted in the transaction
-- that sends the reminder, so a second worker's insert conflicts and it sends nothing.
CREATE TABLE claim_reminders (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    lead_hours BIGINT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (claim_id, lead_hours)
);
