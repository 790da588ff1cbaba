-- 003-outbox.sql: messages waiting for certdesk-worker (SMS now; mail, bank, RA later) and the sandbox SMS inbox

-- payload is sealed (XChaCha20-Poly1305, the PII key) because an SMS may
-- carry a login code; it is cleared once delivered. A worker claims a row by
-- writing its random claim into it, so several workers on several hosts
-- never deliver the same row twice while a claim lasts.
CREATE TABLE IF NOT EXISTS outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  recipient VARCHAR(254) NOT NULL,
  payload VARBINARY(8192) NULL,
  state ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3) NOT NULL,
  claim CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  claimed_until DATETIME(3) NULL,
  last_error VARCHAR(255) NULL,
  request_id CHAR(32) NULL,
  created_at DATETIME(3) NOT NULL,
  sent_at DATETIME(3) NULL,
  KEY outbox_due (state, next_attempt_at),
  KEY outbox_claim (claim)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the sandbox SMS transport "delivered", for GET /sandbox/sms. Sealed
-- like the outbox: codes never sit in the database in clear.
CREATE TABLE IF NOT EXISTS sandbox_sms (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone VARCHAR(32) NOT NULL,
  body VARBINARY(8192) NOT NULL,
  delivered_at DATETIME(3) NOT NULL,
  KEY sandbox_sms_phone (phone, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
