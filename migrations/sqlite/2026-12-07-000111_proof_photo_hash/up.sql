-- Issue 25, the integrity report: a perceptual hash (a 256-bit gradient hash, base64) of
-- each proof photo as stored, so the same picture sent again, re-encoded or resized, can be
-- found on other claims. Photos stored before this have none and are not compared.
ALTER TABLE submission_photos ADD COLUMN perceptual_hash TEXT;
