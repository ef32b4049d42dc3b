DROP TABLE identity_conflicts;
DROP TABLE identity_verifications;
