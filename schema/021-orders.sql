-- 021-orders.sql: orders (SPEC §4, §9): the three wizard steps, price, state; uploaded images; state events
-- Personal ID numbers and bank accounts are sealed (XChaCha20-Poly1305, var/keys/pii.key) with
-- a keyed hash beside them for equality look-ups; credit codes are public identifiers and stay plain.
CREATE TABLE IF NOT EXISTS orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_no VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  applicant_id BIGINT UNSIGNED NOT NULL,
  project_id INT UNSIGNED NOT NULL,
  business_type ENUM('new','renew','replace','revoke') NOT NULL DEFAULT 'new',
  state ENUM('draft','manual_review','rejected','deposit','payment','production','shipped','completed',
    'cancelled','closed') NOT NULL DEFAULT 'draft',
  version INT UNSIGNED NOT NULL DEFAULT 0,
  step_done TINYINT UNSIGNED NOT NULL DEFAULT 1,
  -- step 1: 证书信息
  cert_type VARCHAR(32) NOT NULL,
  years TINYINT UNSIGNED NOT NULL,
  quantity SMALLINT UNSIGNED NOT NULL,
  key_type VARCHAR(32) NOT NULL,
  unit_fen INT UNSIGNED NOT NULL,
  total_fen INT UNSIGNED NOT NULL,
  -- step 2: 申请机构信息 and 经办人信息
  org_name VARCHAR(128) NOT NULL DEFAULT '',
  org_id_type ENUM('uscc','other') NOT NULL DEFAULT 'uscc',
  org_id_no VARCHAR(40) NOT NULL DEFAULT '',
  legal_name VARCHAR(64) NOT NULL DEFAULT '',
  legal_id_type ENUM('id_card','other') NOT NULL DEFAULT 'id_card',
  legal_id_sealed VARBINARY(200) NULL,
  legal_id_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  org_uid VARCHAR(64) NOT NULL DEFAULT '',
  agent_name VARCHAR(64) NOT NULL DEFAULT '',
  agent_id_type ENUM('id_card','other') NOT NULL DEFAULT 'id_card',
  agent_id_sealed VARBINARY(200) NULL,
  agent_id_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  agent_phone VARCHAR(20) NOT NULL DEFAULT '',
  agent_email VARCHAR(254) NOT NULL DEFAULT '',
  agent_address VARCHAR(200) NOT NULL DEFAULT '',
  agent_dept VARCHAR(64) NOT NULL DEFAULT '',
  same_person TINYINT(1) NOT NULL DEFAULT 0,
  -- step 3: 发票信息 and 收件信息
  invoice_title VARCHAR(128) NOT NULL DEFAULT '',
  invoice_tax_no VARCHAR(20) NOT NULL DEFAULT '',
  invoice_address VARCHAR(200) NOT NULL DEFAULT '',
  invoice_bank VARCHAR(64) NOT NULL DEFAULT '',
  invoice_account_sealed VARBINARY(200) NULL,
  invoice_account_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  invoice_phone VARCHAR(24) NOT NULL DEFAULT '',
  ship_name VARCHAR(64) NOT NULL DEFAULT '',
  ship_address VARCHAR(200) NOT NULL DEFAULT '',
  ship_phone VARCHAR(24) NOT NULL DEFAULT '',
  tracking_no VARCHAR(20) NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  submitted_at DATETIME NULL,
  UNIQUE KEY orders_no (order_no),
  KEY orders_applicant (applicant_id, created_at),
  KEY orders_state (state, updated_at),
  KEY orders_org (org_id_no, project_id, state),
  CONSTRAINT orders_applicant_fk FOREIGN KEY (applicant_id) REFERENCES accounts (id),
  CONSTRAINT orders_project_fk FOREIGN KEY (project_id) REFERENCES projects (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Uploaded images, content-sniffed: one per kind per order, replaced on re-upload.
CREATE TABLE IF NOT EXISTS order_files (
  order_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('license','seal','authorization') NOT NULL,
  mime VARCHAR(16) CHARACTER SET ascii NOT NULL,
  width SMALLINT UNSIGNED NOT NULL,
  height SMALLINT UNSIGNED NOT NULL,
  size INT UNSIGNED NOT NULL,
  sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  data MEDIUMBLOB NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (order_id, kind),
  CONSTRAINT order_files_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every state change and notable edit: the timeline of the order page and the audit trail.
CREATE TABLE IF NOT EXISTS order_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL,
  actor_kind ENUM('applicant','staff','system') NOT NULL,
  actor_id BIGINT UNSIGNED NULL,
  from_state VARCHAR(16) NULL,
  to_state VARCHAR(16) NULL,
  event VARCHAR(32) NOT NULL,
  reason VARCHAR(500) NULL,
  KEY order_events_order (order_id, id),
  CONSTRAINT order_events_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
