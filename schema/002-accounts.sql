-- 002-accounts.sql: applicant accounts, sessions, SMS codes, verified-phone proofs, login throttling (SPEC §2)

-- username_key folds case in one explicit place, so "ZhangSan" and "zhangsan"
-- collide whatever collation a later migration gives the username column.
CREATE TABLE IF NOT EXISTS accounts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(32) NOT NULL,
  username_key VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin AS (LOWER(username)) PERSISTENT,
  phone CHAR(11) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  email VARCHAR(254) NOT NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at DATETIME NOT NULL,
  password_changed_at DATETIME NOT NULL,
  last_login_at DATETIME NULL,
  UNIQUE KEY accounts_username (username_key),
  UNIQUE KEY accounts_phone (phone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only a keyed BLAKE2b hash of the cookie's token is stored: a copy of this
-- table does not let anyone act as the applicants in it.
CREATE TABLE IF NOT EXISTS sessions (
  token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  account_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  ip VARCHAR(45) NULL,
  KEY sessions_account (account_id),
  KEY sessions_seen (last_seen_at),
  CONSTRAINT sessions_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per code sent (or pretended to be sent, for numbers without an
-- account): the rows are also what the send limits count.
CREATE TABLE IF NOT EXISTS sms_codes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone CHAR(11) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  purpose ENUM('register','login','reset') NOT NULL,
  code_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ip VARCHAR(45) NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  tries TINYINT UNSIGNED NOT NULL DEFAULT 0,
  used_at DATETIME NULL,
  KEY sms_codes_phone (phone, purpose, created_at),
  KEY sms_codes_ip (ip, created_at),
  KEY sms_codes_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A phone number proven by an SMS code, waiting for the next screen
-- (registration profile, new password). The browser holds only the token.
CREATE TABLE IF NOT EXISTS phone_proofs (
  token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  phone CHAR(11) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  purpose ENUM('register','reset') NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  KEY phone_proofs_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Consecutive password failures and lockouts. subject is 'account:<id>' for
-- an account, or 'login:<keyed hash>' for a name no account has, so that
-- unknown names lock exactly like real ones and reveal nothing.
CREATE TABLE IF NOT EXISTS login_throttle (
  subject VARCHAR(80) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  failures INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until DATETIME NULL,
  updated_at DATETIME NOT NULL,
  KEY login_throttle_updated (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Login failures per client address are counted from the audit log.
ALTER TABLE audit_log ADD INDEX IF NOT EXISTS audit_ip (ip, action, result, created_at);
