-- One database per city on the shared PostgreSQL (run once, when the volume is new).
CREATE DATABASE berkeley OWNER citysync;
CREATE DATABASE cdmx OWNER citysync;
