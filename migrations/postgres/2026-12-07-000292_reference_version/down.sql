DROP TRIGGER taxonomy_extensions_changed ON taxonomy_extensions;
DROP TRIGGER city_parameters_changed ON city_parameters;
DROP FUNCTION bump_reference_version();
DROP TABLE reference_version;
