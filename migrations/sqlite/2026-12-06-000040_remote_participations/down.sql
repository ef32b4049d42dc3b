DROP TABLE remote_participations;
