DROP TABLE fediverse_link_requests;
DROP TABLE fediverse_links;
