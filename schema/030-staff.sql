-- 030-staff.sql: staff accounts with their roles, and staff sessions, kept apart from applicants (SPEC §10)

-- roles is a SET: its numeric value (roles + 0) is the bitmask the route
-- table uses (reviewer 1, operator 2, finance 4, admin 8), so the order of
-- the members must never change; new roles go at the end.
CREATE TABLE IF NOT EXISTS staff (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(32) NOT NULL,
  username_key VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin AS (LOWER(username)) PERSISTENT,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  roles SET('reviewer','operator','finance','admin') NOT NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL,
  password_changed_at DATETIME NOT NULL,
  last_login_at DATETIME NULL,
  UNIQUE KEY staff_username (username_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Like applicant sessions, only a keyed hash of the cookie's token is kept.
-- A separate table: an applicant's token can never name a staff session.
CREATE TABLE IF NOT EXISTS staff_sessions (
  token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  staff_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  ip VARCHAR(45) NULL,
  KEY staff_sessions_staff (staff_id),
  KEY staff_sessions_seen (last_seen_at),
  CONSTRAINT staff_sessions_staff_fk FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
