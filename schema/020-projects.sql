-- 020-projects.sql: application projects (SPEC §3): what can be ordered under each partner programme, at what price
CREATE TABLE IF NOT EXISTS projects (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(8) NOT NULL,
  name VARCHAR(128) NOT NULL,
  initial CHAR(1) NOT NULL,
  summary VARCHAR(500) NOT NULL DEFAULT '',
  qty_min SMALLINT UNSIGNED NOT NULL,
  qty_max SMALLINT UNSIGNED NOT NULL,
  requires_seal TINYINT(1) NOT NULL DEFAULT 0,
  requires_uid TINYINT(1) NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY project_code (code),
  KEY project_newest (active, created_at),
  KEY project_initial (active, initial, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Certificate types a project offers, priced per certificate per year.
CREATE TABLE IF NOT EXISTS project_cert_types (
  project_id INT UNSIGNED NOT NULL,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(64) NOT NULL,
  fen_per_year INT UNSIGNED NOT NULL,
  sort SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, code),
  CONSTRAINT project_cert_types_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Purchase years offered (e.g. 1, 2, 3).
CREATE TABLE IF NOT EXISTS project_years (
  project_id INT UNSIGNED NOT NULL,
  years TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (project_id, years),
  CONSTRAINT project_years_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- USB key types, priced per key (one key per certificate).
CREATE TABLE IF NOT EXISTS project_key_types (
  project_id INT UNSIGNED NOT NULL,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(64) NOT NULL,
  fen INT UNSIGNED NOT NULL,
  sort SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, code),
  CONSTRAINT project_key_types_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Certificate roles in order, where a project fixes them (中企云链: 经办员 then 审核员).
CREATE TABLE IF NOT EXISTS project_roles (
  project_id INT UNSIGNED NOT NULL,
  position SMALLINT UNSIGNED NOT NULL,
  name VARCHAR(32) NOT NULL,
  PRIMARY KEY (project_id, position),
  CONSTRAINT project_roles_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
