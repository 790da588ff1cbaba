-- 040-deposits.sql: bank micro-deposit verification (SPEC §6): one row per order, and the sandbox bank's ledger

-- The account number is sealed (XChaCha20-Poly1305, the PII key) with a keyed
-- hash beside it; the amount sent is kept only as a keyed BLAKE2b hash of
-- "deposit:<order id>:<nonce>:<fen>" (amount_hash), cleared once it has
-- expired or served. tries counts verification tries of the order in total,
-- across every amount requested: it is reserved by one conditional UPDATE
-- before comparing, so parallel guesses cannot pass the limit.
CREATE TABLE IF NOT EXISTS deposits (
  order_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  bank_name VARCHAR(64) NOT NULL,
  account_sealed VARBINARY(200) NOT NULL,
  account_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  nonce CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  amount_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  requests SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  tries TINYINT UNSIGNED NOT NULL DEFAULT 0,
  requested_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  verified_at DATETIME NULL,
  KEY deposits_expiry (expires_at),
  CONSTRAINT deposits_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the sandbox bank transport "paid out", for GET /sandbox/bank. The
-- entry (account and amount) is sealed; account_hash finds an account's rows.
CREATE TABLE IF NOT EXISTS sandbox_bank (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  entry VARBINARY(512) NOT NULL,
  delivered_at DATETIME(3) NOT NULL,
  KEY sandbox_bank_account (account_hash, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
