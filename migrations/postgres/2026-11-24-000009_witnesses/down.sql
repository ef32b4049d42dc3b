DROP TABLE checkpoint_witnesses;
DROP TABLE checkpoint_equivocations;
DROP TABLE witnessed_checkpoints;
