DROP INDEX sessions_expires;
DROP INDEX submission_photos_created;
DROP TABLE privacy_acceptances;
DROP TABLE privacy_texts;
DROP TABLE privacy_versions;
ALTER TABLE users DROP COLUMN legal_hold_at;
ALTER TABLE users DROP COLUMN legal_hold_by;
ALTER TABLE users DROP COLUMN legal_hold_reason;
ALTER TABLE users DROP COLUMN legal_hold;
