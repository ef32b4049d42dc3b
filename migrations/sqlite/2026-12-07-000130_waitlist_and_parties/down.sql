DROP INDEX claims_party_of;
DROP INDEX claims_party_code;
ALTER TABLE claims DROP COLUMN party_code;
ALTER TABLE claims DROP COLUMN party_of;
ALTER TABLE claims DROP COLUMN party_size;
DROP TABLE waitlist_entries;
