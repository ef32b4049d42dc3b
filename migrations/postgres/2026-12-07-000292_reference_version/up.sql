-- Issue 29: the version of the city's reference data that every catalog page reads — its
-- taxonomy extensions and its parameters in force (reward multipliers). Triggers bump it in
-- the transaction of every change, whoever makes it, so a process that keeps them in memory
-- reads this one row per page and reloads them only when it moved.
CREATE TABLE reference_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO reference_version (id, version) VALUES (1, 0);
CREATE FUNCTION bump_reference_version() RETURNS trigger AS $$
BEGIN
    UPDATE reference_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER taxonomy_extensions_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON taxonomy_extensions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER city_parameters_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON city_parameters
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
