DROP TABLE identity_oidc_flows;
DROP TABLE identity_letter_codes;
DROP TABLE identity_method_switches;
