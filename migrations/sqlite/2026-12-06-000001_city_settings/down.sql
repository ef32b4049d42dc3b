ALTER TABLE instance DROP COLUMN contact;
ALTER TABLE instance DROP COLUMN description;
