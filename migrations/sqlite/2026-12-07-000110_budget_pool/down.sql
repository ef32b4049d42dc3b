ALTER TABLE cycles DROP COLUMN budget_pool;
