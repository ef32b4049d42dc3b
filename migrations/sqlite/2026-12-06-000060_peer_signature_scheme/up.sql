-- Issue 24: the HTTP signature scheme a peer is known to accept, so deliveries to it are
-- signed that way first: `rfc9421` (HTTP Message Signatures) once its own requests to our
-- inbox verified with RFC 9421 or a delivery signed so was taken, `draft-cavage` once a
-- delivery signed so was taken; NULL while nothing is known (draft-cavage first).
ALTER TABLE peers ADD COLUMN signature_scheme TEXT;
