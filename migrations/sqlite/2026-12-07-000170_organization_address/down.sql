ALTER TABLE organizations DROP COLUMN address;
