-- seed.sql: scripts/bench's data set, in bulk SQL (MariaDB's SEQUENCE engine), run in one session.
-- Set before sourcing: @applicants (seed applicants wanted in all), @bench (the benchmark
-- applicant's account id), @bench_orders, @from and @to (the seed orders of this pass: numbers
-- @from..@to of the 0-based series of other applicants' orders), @total (orders in the full set:
-- the three years are spread over it), @image (hex of a small PNG), @image_w, @image_h.
-- Seed applicants cannot log in ('!' is no Argon2id hash); the benchmark applicant can.
SET unique_checks = 0;

-- Applicants: created once, in the first pass.
INSERT INTO accounts (username, phone, email, password_hash, created_at, password_changed_at)
SELECT CONCAT('seed', seq), CONCAT('170', LPAD(seq, 8, '0')), CONCAT('seed', seq, '@example.com'), '!',
       UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP() - INTERVAL seq MINUTE
FROM seq_1_to_1000000 WHERE seq <= @applicants
  AND NOT EXISTS (SELECT 1 FROM accounts WHERE username_key = 'seed1');
SELECT MIN(id), COUNT(*) INTO @first, @n FROM accounts WHERE username_key LIKE 'seed%';

-- The demo projects, each with its first certificate and key type and their price.
CREATE TEMPORARY TABLE bench_projects (idx INT PRIMARY KEY, id INT, code VARCHAR(8), cert_type VARCHAR(32),
  key_type VARCHAR(32), qty INT, fen INT);
INSERT INTO bench_projects
SELECT ROW_NUMBER() OVER (ORDER BY p.id) - 1, p.id, p.code,
       (SELECT c.code FROM project_cert_types c WHERE c.project_id = p.id ORDER BY c.sort, c.code LIMIT 1),
       (SELECT k.code FROM project_key_types k WHERE k.project_id = p.id ORDER BY k.sort, k.code LIMIT 1),
       p.qty_min,
       (SELECT c.fen_per_year FROM project_cert_types c WHERE c.project_id = p.id ORDER BY c.sort, c.code LIMIT 1)
       + (SELECT k.fen FROM project_key_types k WHERE k.project_id = p.id ORDER BY k.sort, k.code LIMIT 1)
FROM projects p WHERE p.active = 1;
SELECT COUNT(*) INTO @np FROM bench_projects;

-- Orders: n is the order's place in the whole series (it fixes its time, project and state);
-- the benchmark applicant's are the last @bench_orders of the series, the newest.
CREATE TEMPORARY TABLE bench_series (n INT PRIMARY KEY, applicant BIGINT);
INSERT INTO bench_series SELECT seq, @first + seq MOD @n FROM seq_0_to_999999 WHERE seq BETWEEN @from AND @to;
INSERT INTO bench_series SELECT @total - @bench_orders + seq, @bench FROM seq_0_to_999999
WHERE seq < @bench_orders AND NOT EXISTS (SELECT 1 FROM orders WHERE applicant_id = @bench);

SELECT COALESCE(MAX(id), 0) INTO @before FROM orders;
INSERT INTO orders (order_no, applicant_id, project_id, state, version, step_done, cert_type, years, quantity,
  key_type, unit_fen, total_fen, org_name, org_id_no, legal_name, agent_name, agent_phone, agent_email,
  same_person, created_at, updated_at, submitted_at, completed_at)
SELECT CONCAT(p.code, DATE_FORMAT(t.created + INTERVAL 8 HOUR, '%Y%m%d%H%i%s'), LPAD(t.n, 6, '0')),
       t.applicant, p.id, t.state, 3, IF(t.state = 'draft', 1 + t.n MOD 3, 3), p.cert_type, 1 + t.n MOD 3, p.qty,
       p.key_type, p.fen, p.fen * p.qty, CONCAT('演示企业', t.n, '有限公司'), '91110108722619411R', '张三', '李四',
       '13800138000', 'agent@example.com', 1, t.created, t.created + INTERVAL 1 DAY,
       IF(t.state = 'draft', NULL, t.created + INTERVAL 1 HOUR),
       IF(t.state = 'completed', t.created + INTERVAL 20 DAY, NULL)
FROM (SELECT n, applicant, created,
             -- As the worker's timed job leaves them: unpaid for 7 days is 订单关闭 (SPEC §7). Seeding
             -- them unpaid had the worker closing 100 a batch all through the measurements.
             IF(state = 'payment' AND created < UTC_TIMESTAMP() - INTERVAL 6 DAY, 'closed', state) AS state
      FROM (SELECT n, applicant,
                   UTC_TIMESTAMP() - INTERVAL ((@total - 1 - n) * (3 * 365 * 86400 DIV @total)) SECOND AS created,
                   ELT(1 + n MOD 20, 'draft', 'completed', 'manual_review', 'payment', 'completed', 'shipped', 'draft',
                       'completed', 'rejected', 'deposit', 'completed', 'production', 'payment', 'completed',
                       'cancelled', 'manual_review', 'shipped', 'completed', 'draft', 'closed') AS state
            FROM bench_series) s) t
JOIN bench_projects p ON p.idx = t.n MOD @np;

-- Images for some: every 20th new order has its license.
INSERT INTO order_files (order_id, kind, mime, width, height, size, sha256, data, created_at)
SELECT id, 'license', 'image/png', @image_w, @image_h, LENGTH(UNHEX(@image)), SHA2(UNHEX(@image), 256),
       UNHEX(@image), created_at
FROM orders WHERE id > @before AND id MOD 20 = 0;

DROP TEMPORARY TABLE bench_series;
DROP TEMPORARY TABLE bench_projects;
