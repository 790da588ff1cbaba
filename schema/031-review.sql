-- 031-review.sql: the enterprise registry's sandbox table and the automated review's findings (SPEC §5)

-- What the sandbox registry adapter answers from (registry.c). Loaded from
-- schema/demo/registry.sql; production asks an external service behind the
-- same interface and never reads this table.
CREATE TABLE IF NOT EXISTS registry_sandbox (
  credit_code CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  legal_name VARCHAR(64) NOT NULL,
  -- 存续 (active), 吊销 (revoked), 注销 (deregistered)
  status ENUM('active','revoked','deregistered') NOT NULL DEFAULT 'active',
  note VARCHAR(200) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per automated review of an order (each submit and resubmit), and
-- every reason a failed one found: the reviewer sees them all.
CREATE TABLE IF NOT EXISTS review_runs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL,
  passed TINYINT(1) NOT NULL,
  KEY review_runs_order (order_id, id),
  CONSTRAINT review_runs_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS review_reasons (
  run_id BIGINT UNSIGNED NOT NULL,
  position SMALLINT UNSIGNED NOT NULL,
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  detail VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, position),
  CONSTRAINT review_reasons_run FOREIGN KEY (run_id) REFERENCES review_runs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
