-- 022-order-times.sql: when an order completed (timed jobs and the timeline use it)
ALTER TABLE orders ADD COLUMN IF NOT EXISTS completed_at DATETIME NULL AFTER submitted_at;
