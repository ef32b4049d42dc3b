-- An organization's postal address (issue 26): shown on its page, offerings and
-- opportunities with an "open in maps" link; empty until an owner sets it.
ALTER TABLE organizations ADD COLUMN address TEXT NOT NULL DEFAULT '';
