DROP TABLE settlement_statements;
DROP TABLE settlement_caps;
DROP TABLE settlement_terms;
