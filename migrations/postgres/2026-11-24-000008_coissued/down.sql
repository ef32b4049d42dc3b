DROP TABLE opportunity_partners;
