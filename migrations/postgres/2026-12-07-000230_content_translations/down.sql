DROP TABLE content_translations;
DROP TABLE content_languages;
