-- Content a peer sent that this city acknowledged and did not take (issue 23 point 10): a
-- Create, Update or Announce from a server this city does not follow, or an object that is
-- not in City/Sync's own shape. Counted per peer for the administrator's federation page.
ALTER TABLE peers ADD COLUMN ignored BIGINT NOT NULL DEFAULT 0;
