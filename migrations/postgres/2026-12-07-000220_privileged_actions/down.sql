DROP TABLE privileged_actions;
DROP FUNCTION privileged_actions_refuse_change();
DROP TABLE privileged_actions_head;
