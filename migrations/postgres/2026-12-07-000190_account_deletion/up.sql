-- A deleted account (issue 27): its personal fields are gone, its row stays so that the
-- ledger, the ballots and the public contributions keep an opaque holder.
ALTER TABLE users ADD COLUMN deleted_at TIMESTAMP;
