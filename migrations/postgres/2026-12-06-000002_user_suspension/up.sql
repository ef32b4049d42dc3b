-- An administrator can suspend an account (with a reason) and restore it: a suspended
-- account cannot sign in, and its sessions and API tokens are refused.
ALTER TABLE users ADD COLUMN suspended_at TIMESTAMP;
ALTER TABLE users ADD COLUMN suspension_reason TEXT;
