-- 060-fulfilment.sql: production through the RA, certificates, shipping, e-invoices (SPEC §8), the mail sandbox

-- When the order was shipped: the 15 days before 已完成 count from here.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipped_at DATETIME NULL AFTER completed_at;
CREATE INDEX IF NOT EXISTS orders_shipped ON orders (state, shipped_at);

-- One certificate request to the CA's RA per certificate of an order (its
-- quantity): position 1..quantity, with the project's role for it. trans_no
-- is sent to the RA as the request's transaction number and stays the same
-- on every retry, so an RA that already issued it answers with the same
-- certificate instead of a second one. state: queued (in the outbox),
-- issued, failed (error says why; the operator may retry).
CREATE TABLE IF NOT EXISTS ra_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  position SMALLINT UNSIGNED NOT NULL,
  role VARCHAR(32) NOT NULL DEFAULT '',
  trans_no VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  state ENUM('queued','issued','failed') NOT NULL DEFAULT 'queued',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  error VARCHAR(255) NULL,
  requested_by BIGINT UNSIGNED NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY ra_requests_slot (order_id, position),
  UNIQUE KEY ra_requests_trans (trans_no),
  CONSTRAINT ra_requests_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Certificates the RA issued: only ever written from a successful response.
CREATE TABLE IF NOT EXISTS certificates (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  position SMALLINT UNSIGNED NOT NULL,
  role VARCHAR(32) NOT NULL DEFAULT '',
  serial_no VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  subject_dn VARCHAR(512) NOT NULL,
  not_before DATETIME NOT NULL,
  not_after DATETIME NOT NULL,
  issued_at DATETIME(3) NOT NULL,
  UNIQUE KEY certificates_slot (order_id, position),
  UNIQUE KEY certificates_serial (serial_no),
  CONSTRAINT certificates_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- E-invoices: one per order (the unique key refuses a second). The number's
-- 15-digit sequence is the id. xml is the document as issued, never rebuilt.
CREATE TABLE IF NOT EXISTS invoices (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  invoice_no CHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
  amount_fen BIGINT NOT NULL,
  tax_fen BIGINT NOT NULL,
  total_fen BIGINT NOT NULL,
  issued_by BIGINT UNSIGNED NULL,
  issued_at DATETIME NOT NULL,
  xml MEDIUMBLOB NULL,
  UNIQUE KEY invoices_order (order_id),
  UNIQUE KEY invoices_no (invoice_no),
  CONSTRAINT invoices_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The sandbox RA: what it issued per transaction number (so a repeated
-- request gets the same certificate), and faults a test or a developer
-- queues for its next answers (code: a failure result code; malformed: not
-- XML; doctype: a response with a DOCTYPE).
CREATE TABLE IF NOT EXISTS sandbox_ra_issued (
  trans_no VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  serial_no VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  subject_dn VARCHAR(512) NOT NULL,
  not_before DATETIME NOT NULL,
  not_after DATETIME NOT NULL,
  created_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS sandbox_ra_faults (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  fault ENUM('code','malformed','doctype') NOT NULL,
  created_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the sandbox mail transport "delivered", for GET /sandbox/mail: the
-- whole MIME message, sealed like the SMS sandbox (invoices carry bank data).
CREATE TABLE IF NOT EXISTS sandbox_mail (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  recipient VARCHAR(254) NOT NULL,
  message MEDIUMBLOB NOT NULL,
  delivered_at DATETIME(3) NOT NULL,
  KEY sandbox_mail_recipient (recipient, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- /admin/outbox lists failed rows, newest first.
CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, id);
