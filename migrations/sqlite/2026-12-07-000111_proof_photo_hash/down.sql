ALTER TABLE submission_photos DROP COLUMN perceptual_hash;
