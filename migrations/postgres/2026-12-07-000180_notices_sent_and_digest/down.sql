DROP TABLE notification_digests;
DROP TABLE notices_sent;
