DROP TABLE claim_reminders;
