-- Content in several languages (issue 27). Templates, opportunities, offerings,
-- organizations and proposals keep the language they were written in (`content_languages`,
-- one row per subject) and may carry translations of their text fields into the city's
-- other languages (`content_translations`, one row per subject, language and field).
-- `subject_kind` is `template`, `opportunity`, `offering`, `organization` or `proposal`;
-- `field` is `title`, `summary` or `content`. A subject without a `content_languages` row
-- was written in the city's default language.
CREATE TABLE content_languages (
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    locale TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);

CREATE TABLE content_translations (
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    locale TEXT NOT NULL,
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    translated_by TEXT,
    translated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, locale, field)
);

-- What exists already was written in the city's default language.
INSERT INTO content_languages (subject_kind, subject_id, locale)
    SELECT 'template', t.id, i.default_locale FROM templates t, instance i;
INSERT INTO content_languages (subject_kind, subject_id, locale)
    SELECT 'opportunity', o.id, i.default_locale FROM opportunities o, instance i;
INSERT INTO content_languages (subject_kind, subject_id, locale)
    SELECT 'offering', o.id, i.default_locale FROM offerings o, instance i;
INSERT INTO content_languages (subject_kind, subject_id, locale)
    SELECT 'organization', o.id, i.default_locale FROM organizations o, instance i;
INSERT INTO content_languages (subject_kind, subject_id, locale)
    SELECT 'proposal', p.id, i.default_locale FROM proposals p, instance i;
