DROP TABLE domain_policy_version;
