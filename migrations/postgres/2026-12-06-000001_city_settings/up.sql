-- The administrator's city settings: a description of the city and how to reach its
-- administration (an email address or a web address). Changes are kept in audit_trail.
ALTER TABLE instance ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE instance ADD COLUMN contact TEXT NOT NULL DEFAULT '';
