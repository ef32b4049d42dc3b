DROP TABLE calendar_feeds;
DROP TABLE mail_attachments;
DROP TABLE opportunity_series;
