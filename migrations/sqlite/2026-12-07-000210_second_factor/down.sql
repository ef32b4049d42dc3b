DROP TABLE second_factor_pending;
DROP TABLE second_factor_recovery_codes;
DROP TABLE second_factors;
