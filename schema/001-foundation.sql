-- 001-foundation.sql: database-wide settings and the audit log every area writes to
CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME(3) NOT NULL,
  actor_kind ENUM('applicant','staff','system','anonymous') NOT NULL,
  actor_id BIGINT UNSIGNED NULL,
  ip VARCHAR(45) NULL,
  action VARCHAR(64) NOT NULL,
  subject VARCHAR(128) NULL,
  result VARCHAR(32) NOT NULL,
  request_id CHAR(32) NULL,
  detail VARCHAR(500) NULL,
  KEY audit_time (created_at),
  KEY audit_actor (actor_kind, actor_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
