ALTER TABLE invitations DROP COLUMN invited_as;
DROP TABLE email_invitations;
DROP TABLE known_devices;
