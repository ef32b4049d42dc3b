DROP TRIGGER taxonomy_extensions_inserted;
DROP TRIGGER taxonomy_extensions_updated;
DROP TRIGGER taxonomy_extensions_deleted;
DROP TRIGGER city_parameters_inserted;
DROP TRIGGER city_parameters_updated;
DROP TRIGGER city_parameters_deleted;
DROP TABLE reference_version;
