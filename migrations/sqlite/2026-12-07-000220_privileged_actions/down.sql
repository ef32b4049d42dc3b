DROP TRIGGER privileged_actions_no_delete;
DROP TRIGGER privileged_actions_no_update;
DROP TABLE privileged_actions;
DROP TABLE privileged_actions_head;
