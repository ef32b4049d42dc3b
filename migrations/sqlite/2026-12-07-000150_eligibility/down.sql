DROP TABLE waiver_acceptances;
DROP TABLE guardian_consents;
DROP TABLE birth_dates;
DROP TABLE qualification_grants;
DROP TABLE template_qualifications;
DROP TABLE qualifications;
DROP TABLE template_waivers;
DROP TABLE template_requirements;
