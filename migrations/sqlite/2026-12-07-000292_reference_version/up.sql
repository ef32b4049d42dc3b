-- Issue 29: the version of the city's reference data that every catalog page reads — its
-- taxonomy extensions and its parameters in force (reward multipliers). Triggers bump it in
-- the transaction of every change, whoever makes it, so a process that keeps them in memory
-- reads this one row per page and reloads them only when it moved.
CREATE TABLE reference_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO reference_version (id, version) VALUES (1, 0);
CREATE TRIGGER taxonomy_extensions_inserted AFTER INSERT ON taxonomy_extensions
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER taxonomy_extensions_updated AFTER UPDATE ON taxonomy_extensions
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER taxonomy_extensions_deleted AFTER DELETE ON taxonomy_extensions
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER city_parameters_inserted AFTER INSERT ON city_parameters
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER city_parameters_updated AFTER UPDATE ON city_parameters
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER city_parameters_deleted AFTER DELETE ON city_parameters
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
