-- 070-versions.sql: change counters that let a worker keep derived data between requests and know
-- when it is stale, read in the session's own row (no extra round trip):
--   accounts.orders_version  goes up whenever one of the applicant's orders is created or changes
--                            state (order.c, order-state.c): 我的订单's counts are kept per worker
--                            against it (order-list.c);
--   catalogue.version        goes up whenever a project or its choices change, by the triggers
--                            below: import, retire, offer again, and an administrator's own SQL
--                            alike. Each worker keeps the catalogue in memory (catalogue.c).
-- Both go up in the transaction of the change, so a reader that sees the new data sees the new
-- number too. (With binary logging on, creating triggers needs SUPER or
-- log_bin_trust_function_creators = 1: README, Deployment.)
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS orders_version BIGINT UNSIGNED NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS catalogue (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  version BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT IGNORE INTO catalogue (id, version) VALUES (1, 1);

CREATE TRIGGER IF NOT EXISTS catalogue_projects_insert AFTER INSERT ON projects
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_projects_update AFTER UPDATE ON projects
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_projects_delete AFTER DELETE ON projects
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_cert_types_insert AFTER INSERT ON project_cert_types
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_cert_types_update AFTER UPDATE ON project_cert_types
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_cert_types_delete AFTER DELETE ON project_cert_types
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_key_types_insert AFTER INSERT ON project_key_types
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_key_types_update AFTER UPDATE ON project_key_types
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_key_types_delete AFTER DELETE ON project_key_types
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_years_insert AFTER INSERT ON project_years
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_years_update AFTER UPDATE ON project_years
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_years_delete AFTER DELETE ON project_years
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_roles_insert AFTER INSERT ON project_roles
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_roles_update AFTER UPDATE ON project_roles
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
CREATE TRIGGER IF NOT EXISTS catalogue_roles_delete AFTER DELETE ON project_roles
  FOR EACH ROW UPDATE catalogue SET version = version + 1 WHERE id = 1;
