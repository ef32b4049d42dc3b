-- Issue 28: the domain-event table was written once per approval with its row already marked
-- consumed (the ledger mints in the approval's own transaction) and read by nothing. The
-- contribution row, the ledger's mint and the trail entry hold everything it held.
DROP TABLE domain_events;
