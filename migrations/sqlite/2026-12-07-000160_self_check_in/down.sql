DROP TABLE attendance_confirmations;
DROP TABLE check_in_distances;
DROP TABLE check_in_posters;
