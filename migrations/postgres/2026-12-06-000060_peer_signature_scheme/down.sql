ALTER TABLE peers DROP COLUMN signature_scheme;
