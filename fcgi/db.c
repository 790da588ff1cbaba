/* db.c: the MariaDB connection of this process and every SQL statement it runs */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "config.h"
#include "db.h"
#include "log.h"

/*
 * An applicant's session as every statement that checks it reads it (session.c, session.h):
 * account id, username, seconds since the last request, and the change counters of
 * 070-versions.sql that what a worker keeps is checked against. Parameters: the token's
 * hash, the idle and the absolute limit in seconds.
 */
#define SESSION_COLUMNS \
	"s.account_id, a.username, TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP()), a.orders_version," \
	" (SELECT version FROM catalogue WHERE id = 1)"
#define SESSION_TABLES "sessions s JOIN accounts a ON a.id = s.account_id"
#define SESSION_VALID \
	"s.token_hash = ? AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND" \
	" AND s.created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND"
/* An order as order.c reads it (order_from_row), with the kinds of image stored; the project and
 * its choices come from the catalogue (catalogue.c). */
#define ORDER_COLUMNS \
	"o.id, o.order_no, o.applicant_id, o.state, o.version, o.step_done, o.cert_type, o.years," \
	" o.quantity, o.key_type, o.unit_fen, o.total_fen," \
	" DATE_FORMAT(o.created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s')," \
	" DATE_FORMAT(o.updated_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s')," \
	" DATE_FORMAT(o.submitted_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), o.project_id," \
	" o.org_name, o.org_id_type, o.org_id_no, o.legal_name, o.legal_id_type, o.legal_id_sealed," \
	" o.org_uid, o.agent_name, o.agent_id_type, o.agent_id_sealed, o.agent_phone, o.agent_email," \
	" o.agent_address, o.agent_dept, o.same_person, o.invoice_title, o.invoice_tax_no," \
	" o.invoice_address, o.invoice_bank, o.invoice_account_sealed, o.invoice_phone, o.ship_name," \
	" o.ship_address, o.ship_phone, o.business_type, o.tracking_no," \
	" (SELECT GROUP_CONCAT(f.kind) FROM order_files f WHERE f.order_id = o.id)"

/* All SQL text, indexed by enum stmt. Prepared once per connection, on first use. */
static const char *const stmts[STMT__MAX] = {
	[STMT_PING] = "SELECT 1",
	[STMT_LOCK_GET] = "SELECT GET_LOCK(?, ?)",
	[STMT_LOCK_RELEASE] = "SELECT RELEASE_LOCK(?)",
	[STMT_MIGRATION_APPLIED] = "SELECT checksum FROM schema_migrations WHERE version = ?",
	[STMT_MIGRATION_RECORD] =
	    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, UTC_TIMESTAMP())",
	/* projects (project.c) */
	/* The catalogue (catalogue.c): every project (the ten columns project_from_row reads, in
	 * 我的订单's filter order) and every project's choice lists in one round trip: project id, kind
	 * (1 certificate types, 2 key types, 3 years, 4 roles), order within the kind, code, name,
	 * price in fen; and the version they are at (070-versions.sql's triggers raise it). */
	[STMT_CATALOGUE_VERSION] = "SELECT version FROM catalogue WHERE id = 1",
	[STMT_CATALOGUE_PROJECTS] =
	    "SELECT id, code, name, initial, summary, qty_min, qty_max, requires_seal, requires_uid, active"
	    " FROM projects ORDER BY active DESC, initial, name",
	[STMT_CATALOGUE_CHOICES] =
	    "SELECT project_id, 1, sort, code, name, fen_per_year FROM project_cert_types"
	    " UNION ALL SELECT project_id, 2, sort, code, name, fen FROM project_key_types"
	    " UNION ALL SELECT project_id, 3, years, years, '', 0 FROM project_years"
	    " UNION ALL SELECT project_id, 4, position, '', name, 0 FROM project_roles"
	    " ORDER BY 1, 2, 3, 4",
	[STMT_PROJECT_NEWEST] =
	    "SELECT code, name, initial, summary FROM projects WHERE active = 1"
	    " ORDER BY created_at DESC, id DESC LIMIT 6",
	/* letters: "" or the initials to show ("A" or "ABCDE"); the name pattern is LIKE-escaped by the caller. */
	[STMT_PROJECT_SEARCH] =
	    "SELECT code, name, initial, summary FROM projects WHERE active = 1"
	    " AND (? = '' OR LOCATE(initial, ?) > 0) AND name LIKE CONCAT('%', ?, '%')"
	    " ORDER BY initial, name LIMIT 200",
	[STMT_PROJECT_UPSERT] =
	    "INSERT INTO projects (code, name, initial, summary, qty_min, qty_max, requires_seal, requires_uid,"
	    " active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())"
	    " ON DUPLICATE KEY UPDATE name = VALUES(name), initial = VALUES(initial), summary = VALUES(summary),"
	    " qty_min = VALUES(qty_min), qty_max = VALUES(qty_max), requires_seal = VALUES(requires_seal),"
	    " requires_uid = VALUES(requires_uid), active = VALUES(active), updated_at = UTC_TIMESTAMP()",
	[STMT_PROJECT_ID] = "SELECT id FROM projects WHERE code = ?",
	[STMT_PROJECT_CLEAR_CERT_TYPES] = "DELETE FROM project_cert_types WHERE project_id = ?",
	[STMT_PROJECT_CLEAR_KEY_TYPES] = "DELETE FROM project_key_types WHERE project_id = ?",
	[STMT_PROJECT_CLEAR_YEARS] = "DELETE FROM project_years WHERE project_id = ?",
	[STMT_PROJECT_CLEAR_ROLES] = "DELETE FROM project_roles WHERE project_id = ?",
	[STMT_PROJECT_ADD_CERT_TYPE] =
	    "INSERT INTO project_cert_types (project_id, code, name, fen_per_year, sort) VALUES (?, ?, ?, ?, ?)",
	[STMT_PROJECT_ADD_KEY_TYPE] =
	    "INSERT INTO project_key_types (project_id, code, name, fen, sort) VALUES (?, ?, ?, ?, ?)",
	[STMT_PROJECT_ADD_YEARS] = "INSERT INTO project_years (project_id, years) VALUES (?, ?)",
	[STMT_PROJECT_ADD_ROLE] = "INSERT INTO project_roles (project_id, position, name) VALUES (?, ?, ?)",
	/* orders (order.c); times are shown in China Standard Time (UTC+8, no daylight saving) */
	[STMT_ORDER_INSERT] =
	    "INSERT INTO orders (order_no, applicant_id, project_id, cert_type, years, key_type, quantity,"
	    " unit_fen, total_fen, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
	[STMT_ORDER_GET] = "SELECT " ORDER_COLUMNS " FROM orders o WHERE o.order_no = ? AND o.applicant_id = ?",
	/* The order page: the session and the order in one round trip (session.h). No row: no valid
	 * session; a row with NULL order columns: no such order of this applicant's. */
	[STMT_ORDER_GET_SESSION] =
	    "SELECT " SESSION_COLUMNS ", " ORDER_COLUMNS " FROM " SESSION_TABLES
	    " LEFT JOIN orders o ON o.order_no = ? AND o.applicant_id = s.account_id WHERE " SESSION_VALID,
	[STMT_ORDER_SAVE_STEP1] =
	    "UPDATE orders SET cert_type = ?, years = ?, key_type = ?, quantity = ?, unit_fen = ?, total_fen = ?,"
	    " version = version + 1, updated_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND applicant_id = ? AND state IN ('draft', 'rejected')",
	[STMT_ORDER_SAVE_STEP2] =
	    "UPDATE orders SET org_name = ?, org_id_type = ?, org_id_no = ?, legal_name = ?, legal_id_type = ?,"
	    " legal_id_sealed = ?, legal_id_hash = ?, org_uid = ?, agent_name = ?, agent_id_type = ?,"
	    " agent_id_sealed = ?, agent_id_hash = ?, agent_phone = ?, agent_email = ?, agent_address = ?,"
	    " agent_dept = ?, same_person = ?, step_done = GREATEST(step_done, ?), version = version + 1,"
	    " updated_at = UTC_TIMESTAMP() WHERE id = ? AND applicant_id = ? AND state IN ('draft', 'rejected')",
	[STMT_ORDER_SAVE_STEP3] =
	    "UPDATE orders SET invoice_title = ?, invoice_tax_no = ?, invoice_address = ?,"
	    " invoice_account_sealed = ?, invoice_bank = ?, invoice_account_hash = ?, invoice_phone = ?,"
	    " ship_name = ?, ship_address = ?, ship_phone = ?, step_done = GREATEST(step_done, ?),"
	    " version = version + 1, updated_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND applicant_id = ? AND state IN ('draft', 'rejected')",
	/* An order was created or changed state: counts of the applicant's orders kept by workers are stale. */
	[STMT_ORDER_COUNTS_STALE] =
	    "UPDATE accounts SET orders_version = orders_version + 1 WHERE id = (SELECT applicant_id FROM orders WHERE id = ?)",
	[STMT_ORDER_LOCK] = "SELECT state, version FROM orders WHERE id = ? FOR UPDATE",
	/* The state three times: submitted_at is set when an order first leaves draft for review. */
	[STMT_ORDER_SET_STATE] =
	    "UPDATE orders SET state = ?, version = version + 1, updated_at = UTC_TIMESTAMP(),"
	    " submitted_at = IF(? IN ('manual_review', 'deposit') AND submitted_at IS NULL, UTC_TIMESTAMP(), submitted_at),"
	    " completed_at = IF(? = 'completed', UTC_TIMESTAMP(), completed_at) WHERE id = ?",
	[STMT_ORDER_EVENT_ADD] =
	    "INSERT INTO order_events (actor_kind, actor_id, order_id, created_at, from_state, to_state, event, reason)"
	    " VALUES (?, ?, ?, UTC_TIMESTAMP(3) + INTERVAL ? SECOND, ?, ?, ?, ?)",
	[STMT_ORDER_FILE_PUT] =
	    "INSERT INTO order_files (order_id, kind, mime, width, height, size, sha256, data, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE mime = VALUES(mime),"
	    " width = VALUES(width), height = VALUES(height), size = VALUES(size), sha256 = VALUES(sha256),"
	    " data = VALUES(data), created_at = UTC_TIMESTAMP()",
	[STMT_ORDER_FILE_KINDS] = "SELECT kind FROM order_files WHERE order_id = ?",
	[STMT_ORDER_FILE_GET] = "SELECT mime, data FROM order_files WHERE order_id = ? AND kind = ?",
	/* Until a tracking number exists (SPEC §8), and only on the version the applicant saw. */
	[STMT_ORDER_SET_ADDRESS] =
	    "UPDATE orders SET ship_name = ?, ship_address = ?, ship_phone = ?, version = version + 1,"
	    " updated_at = UTC_TIMESTAMP() WHERE id = ? AND applicant_id = ? AND version = ?"
	    " AND tracking_no IS NULL AND state NOT IN ('shipped', 'completed', 'cancelled', 'closed')",
	/* The timeline: time (China Standard Time), actor, from, to, event, reason. */
	[STMT_ORDER_EVENTS] =
	    "SELECT DATE_FORMAT(created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), actor_kind, from_state,"
	    " to_state, event, reason FROM order_events WHERE order_id = ? ORDER BY created_at, id",
	/* my orders (order-list.c). One page: the ids come from orders_applicant alone (applicant,
	 * period range, newest first, the other filters checked in the index), then ten rows are read;
	 * the names of projects and certificate types come from the catalogue (catalogue.c).
	 * Parameters: applicant, since (UTC), project id twice (0: any), state twice and business
	 * type twice ('': any), limit, offset. t/50-orders-list.t EXPLAINs this text. The index is
	 * named: weighing the table's other indexes on state and project_id for every page view cost
	 * the server more than reading the page. */
	[STMT_ORDER_LIST] =
	    "SELECT o.order_no, o.project_id, DATE_FORMAT(o.created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'),"
	    " o.business_type, o.tracking_no, o.state, o.cert_type, o.quantity, o.total_fen"
	    " FROM (SELECT id FROM orders FORCE INDEX (orders_applicant) WHERE applicant_id = ? AND created_at >= ?"
	    " AND (? = 0 OR project_id = ?) AND (? = '' OR state = ?) AND (? = '' OR business_type = ?)"
	    " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) AS page"
	    " JOIN orders o ON o.id = page.id ORDER BY o.created_at DESC, o.id DESC",
	/* The same page with the session, in one round trip (session.h): no row without a valid
	 * session, one row with NULL order columns when the page is empty. Parameters: the token's
	 * hash, STMT_ORDER_LIST's but the applicant, then the hash and the limits of SESSION_VALID. */
	[STMT_ORDER_LIST_SESSION] =
	    "SELECT " SESSION_COLUMNS ", o.order_no, o.project_id, DATE_FORMAT(o.created_at + INTERVAL 8 HOUR,"
	    " '%Y-%m-%d %H:%i:%s'), o.business_type, o.tracking_no, o.state, o.cert_type, o.quantity, o.total_fen"
	    " FROM " SESSION_TABLES " LEFT JOIN ((SELECT id FROM orders FORCE INDEX (orders_applicant)"
	    " WHERE applicant_id = (SELECT account_id FROM sessions WHERE token_hash = ?) AND created_at >= ?"
	    " AND (? = 0 OR project_id = ?) AND (? = '' OR state = ?) AND (? = '' OR business_type = ?)"
	    " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) AS page JOIN orders o ON o.id = page.id) ON 1 = 1"
	    " WHERE " SESSION_VALID " ORDER BY o.created_at DESC, o.id DESC",
	/* The same filters, counted from the index alone. */
	[STMT_ORDER_LIST_COUNT] =
	    "SELECT COUNT(*) FROM orders FORCE INDEX (orders_applicant) WHERE applicant_id = ? AND created_at >= ?"
	    " AND (? = 0 OR project_id = ?) AND (? = '' OR state = ?) AND (? = '' OR business_type = ?)",
	[STMT_ORDER_ANY] = "SELECT 1 FROM orders WHERE applicant_id = ? LIMIT 1",
	/* account.c: accounts, password login throttling */
	[STMT_ACCOUNT_BY_USERNAME] =
	    "SELECT id, username, phone, email, password_hash FROM accounts WHERE username_key = LOWER(?)",
	[STMT_ACCOUNT_BY_PHONE] =
	    "SELECT id, username, phone, email, password_hash FROM accounts WHERE phone = ?",
	[STMT_ACCOUNT_INSERT] =
	    "INSERT INTO accounts (username, phone, email, password_hash, created_at, password_changed_at, last_login_at)"
	    " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP())",
	[STMT_ACCOUNT_SET_PASSWORD] =
	    "UPDATE accounts SET password_hash = ?, password_changed_at = UTC_TIMESTAMP() WHERE id = ?",
	/* Only when nobody changed the password in between. */
	[STMT_ACCOUNT_REHASH] = "UPDATE accounts SET password_hash = ? WHERE id = ? AND password_hash = ?",
	[STMT_ACCOUNT_LOGGED_IN] = "UPDATE accounts SET last_login_at = UTC_TIMESTAMP() WHERE id = ?",
	[STMT_THROTTLE_LOCKED] =
	    "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until) FROM login_throttle"
	    " WHERE subject = ? AND locked_until > UTC_TIMESTAMP()",
	[STMT_THROTTLE_FAIL] =
	    "INSERT INTO login_throttle (subject, failures, updated_at) VALUES (?, 1, UTC_TIMESTAMP())"
	    " ON DUPLICATE KEY UPDATE failures = failures + 1, updated_at = UTC_TIMESTAMP()",
	/* Affects a row only for the failure that reaches the limit: that one locks. */
	[STMT_THROTTLE_LOCK] =
	    "UPDATE login_throttle SET failures = 0, locked_until = UTC_TIMESTAMP() + INTERVAL ? SECOND"
	    " WHERE subject = ? AND failures >= ?",
	[STMT_THROTTLE_CLEAR] = "DELETE FROM login_throttle WHERE subject = ?",
	[STMT_THROTTLE_PURGE] =
	    "DELETE FROM login_throttle WHERE updated_at < UTC_TIMESTAMP() - INTERVAL 1 DAY"
	    " AND (locked_until IS NULL OR locked_until < UTC_TIMESTAMP())",
	[STMT_LOGIN_FAILURES_BY_IP] =
	    "SELECT COUNT(*) FROM audit_log WHERE ip = ? AND action = 'login' AND result = 'failure'"
	    " AND created_at > UTC_TIMESTAMP(3) - INTERVAL ? SECOND",

	/* session.c */
	[STMT_SESSION_INSERT] =
	    "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, ip)"
	    " VALUES (?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?)",
	[STMT_SESSION_LOAD] = "SELECT " SESSION_COLUMNS " FROM " SESSION_TABLES " WHERE " SESSION_VALID,
	[STMT_SESSION_TOUCH] = "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE token_hash = ?",
	[STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?",
	[STMT_SESSION_DELETE_ACCOUNT] = "DELETE FROM sessions WHERE account_id = ?",
	[STMT_SESSION_PURGE] =
	    "DELETE FROM sessions WHERE last_seen_at < UTC_TIMESTAMP() - INTERVAL ? SECOND"
	    " OR created_at < UTC_TIMESTAMP() - INTERVAL ? SECOND",

	/* sms.c: codes and the phone proofs they grant */
	/* Codes sent to a number in the last day, and seconds since the newest one of a
	 * purpose; locks that number's rows so two sends at once cannot both pass. */
	[STMT_SMS_PHONE_RECENT] =
	    "SELECT COUNT(*), MIN(IF(purpose = ?, TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP()), NULL))"
	    " FROM sms_codes WHERE phone = ? AND created_at > UTC_TIMESTAMP() - INTERVAL 1 DAY FOR UPDATE",
	[STMT_SMS_COUNT_IP] =
	    "SELECT COUNT(*) FROM sms_codes WHERE ip = ? AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR",
	[STMT_SMS_INSERT] =
	    "INSERT INTO sms_codes (phone, purpose, code_hash, ip, created_at, expires_at)"
	    " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	/* Only the newest code of a number and purpose counts: a resend replaces the old one. */
	[STMT_SMS_LATEST] =
	    "SELECT id, code_hash, tries, used_at IS NOT NULL, expires_at <= UTC_TIMESTAMP() FROM sms_codes"
	    " WHERE phone = ? AND purpose = ? ORDER BY id DESC LIMIT 1",
	/* Reserve one try before comparing, so parallel guesses cannot exceed the limit. */
	[STMT_SMS_TRY] = "UPDATE sms_codes SET tries = tries + 1 WHERE id = ? AND tries < ? AND used_at IS NULL",
	[STMT_SMS_USE] = "UPDATE sms_codes SET used_at = UTC_TIMESTAMP() WHERE id = ? AND used_at IS NULL",
	[STMT_SMS_PURGE] = "DELETE FROM sms_codes WHERE created_at < UTC_TIMESTAMP() - INTERVAL 2 DAY",
	[STMT_PROOF_INSERT] =
	    "INSERT INTO phone_proofs (token_hash, phone, purpose, created_at, expires_at)"
	    " VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	[STMT_PROOF_LOAD] =
	    "SELECT phone FROM phone_proofs WHERE token_hash = ? AND purpose = ? AND expires_at > UTC_TIMESTAMP()",
	[STMT_PROOF_DELETE] = "DELETE FROM phone_proofs WHERE token_hash = ?",
	[STMT_PROOF_PURGE] = "DELETE FROM phone_proofs WHERE expires_at < UTC_TIMESTAMP()",

	/* audit.c */
	[STMT_AUDIT_INSERT] =
	    "INSERT INTO audit_log (created_at, actor_kind, actor_id, ip, action, subject, result, request_id, detail)"
	    " VALUES (UTC_TIMESTAMP(3), ?, ?, ?, ?, ?, ?, ?, ?)",

	/* outbox.c */
	[STMT_OUTBOX_INSERT] =
	    "INSERT INTO outbox (channel, recipient, payload, next_attempt_at, request_id, created_at)"
	    " VALUES (?, ?, ?, UTC_TIMESTAMP(3), ?, UTC_TIMESTAMP(3))",
	/*
	 * One statement claims: InnoDB's row locks let exactly one worker write
	 * its claim. Attempts are counted per row as it is tried (STMT_OUTBOX_ATTEMPT),
	 * so rows of a worker that died before trying them lose no attempt.
	 */
	[STMT_OUTBOX_CLAIM] =
	    "UPDATE outbox SET claim = ?, claimed_until = UTC_TIMESTAMP(3) + INTERVAL ? SECOND"
	    " WHERE state = 'pending' AND next_attempt_at <= UTC_TIMESTAMP(3)"
	    " AND (claimed_until IS NULL OR claimed_until < UTC_TIMESTAMP(3))"
	    " ORDER BY next_attempt_at, id LIMIT ?",
	[STMT_OUTBOX_CLAIMED] =
	    "SELECT id, channel, recipient, payload, attempts FROM outbox"
	    " WHERE claim = ? AND state = 'pending' ORDER BY id",
	[STMT_OUTBOX_SENT] =
	    "UPDATE outbox SET state = 'sent', sent_at = UTC_TIMESTAMP(3), payload = NULL, claim = NULL,"
	    " claimed_until = NULL, last_error = NULL WHERE id = ? AND claim = ?",
	[STMT_OUTBOX_RETRY] =
	    "UPDATE outbox SET claim = NULL, claimed_until = NULL, last_error = ?,"
	    " state = IF(attempts >= ?, 'failed', 'pending'),"
	    " next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND WHERE id = ? AND claim = ?",
	[STMT_SANDBOX_SMS_INSERT] = "INSERT INTO sandbox_sms (phone, body, delivered_at) VALUES (?, ?, UTC_TIMESTAMP(3))",
	/* Whole seconds: a fraction would add digit runs that look like codes. */
	[STMT_SANDBOX_SMS_BY_PHONE] =
	    "SELECT DATE_FORMAT(delivered_at, '%Y-%m-%dT%H:%i:%sZ'), phone, body FROM sandbox_sms"
	    " WHERE phone = ? ORDER BY id DESC LIMIT 200",
	[STMT_SANDBOX_SMS_LATEST] =
	    "SELECT DATE_FORMAT(delivered_at, '%Y-%m-%dT%H:%i:%sZ'), phone, body FROM sandbox_sms"
	    " ORDER BY id DESC LIMIT 200",

	/* staff (staff.c): roles + 0 is the SET's bitmask (enum staff_role) */
	[STMT_STAFF_BY_USERNAME] =
	    "SELECT id, username, password_hash, roles + 0, active FROM staff WHERE username_key = LOWER(?)",
	[STMT_STAFF_INSERT] =
	    "INSERT INTO staff (username, password_hash, roles, active, created_at, password_changed_at)"
	    " VALUES (?, ?, ?, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
	[STMT_STAFF_REHASH] = "UPDATE staff SET password_hash = ? WHERE id = ? AND password_hash = ?",
	[STMT_STAFF_LOGGED_IN] = "UPDATE staff SET last_login_at = UTC_TIMESTAMP() WHERE id = ?",
	[STMT_STAFF_SESSION_INSERT] =
	    "INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at, ip)"
	    " VALUES (?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?)",
	/* staff id, username, roles, seconds since the last request; a deactivated member has no session */
	[STMT_STAFF_SESSION_LOAD] =
	    "SELECT s.staff_id, t.username, t.roles + 0, TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP())"
	    " FROM staff_sessions s JOIN staff t ON t.id = s.staff_id WHERE s.token_hash = ? AND t.active = 1"
	    " AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND"
	    " AND s.created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND",
	[STMT_STAFF_SESSION_TOUCH] = "UPDATE staff_sessions SET last_seen_at = UTC_TIMESTAMP() WHERE token_hash = ?",
	[STMT_STAFF_SESSION_DELETE] = "DELETE FROM staff_sessions WHERE token_hash = ?",
	[STMT_STAFF_SESSION_PURGE] =
	    "DELETE FROM staff_sessions WHERE last_seen_at < UTC_TIMESTAMP() - INTERVAL ? SECOND"
	    " OR created_at < UTC_TIMESTAMP() - INTERVAL ? SECOND",

	/* orders seen by staff (order-staff.c); times in China Standard Time */
	[STMT_STAFF_ORDER_COUNTS] = "SELECT state, COUNT(*) FROM orders GROUP BY state",
	/* state twice ('' = any); q ('' = all), its code form three times (exact), q LIKE-escaped (name).
	 * order_no is ascii: a search in Chinese becomes '?'s there, which no order number has. */
	[STMT_STAFF_ORDER_COUNT] =
	    "SELECT COUNT(*) FROM orders o WHERE (? = '' OR o.state = ?) AND (? = '' OR o.order_no = CONVERT(? USING ascii)"
	    " OR o.org_id_no = ? OR o.agent_phone = ? OR o.org_name LIKE CONCAT('%', ?, '%'))",
	/* Oldest change first: in a queue, the order that has waited longest. */
	[STMT_STAFF_ORDER_SEARCH] =
	    "SELECT o.order_no, o.state, p.name, o.org_name, o.org_id_no, o.agent_name,"
	    " DATE_FORMAT(o.updated_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'),"
	    " DATE_FORMAT(o.submitted_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
	    " FROM orders o JOIN projects p ON p.id = o.project_id"
	    " WHERE (? = '' OR o.state = ?) AND (? = '' OR o.order_no = CONVERT(? USING ascii)"
	    " OR o.org_id_no = ? OR o.agent_phone = ? OR o.org_name LIKE CONCAT('%', ?, '%'))"
	    " ORDER BY o.updated_at, o.id LIMIT ? OFFSET ?",
	[STMT_STAFF_ORDER_OWNER] = "SELECT applicant_id FROM orders WHERE order_no = ?",
	[STMT_STAFF_ORDER_EVENTS] =
	    "SELECT DATE_FORMAT(e.created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), e.actor_kind,"
	    " COALESCE(s.username, ''), e.from_state, e.to_state, e.event, e.reason FROM order_events e"
	    " LEFT JOIN staff s ON e.actor_kind = 'staff' AND s.id = e.actor_id WHERE e.order_id = ? ORDER BY e.id",

	/* review (review.c, registry.c) */
	[STMT_REGISTRY_SANDBOX_GET] =
	    "SELECT credit_code, name, legal_name, status FROM registry_sandbox WHERE credit_code = ?",
	/* Open: submitted and not yet produced, finished or given up. */
	[STMT_REVIEW_OPEN_ORDER] =
	    "SELECT order_no FROM orders WHERE project_id = ? AND org_id_no = ? AND id <> ?"
	    " AND state IN ('manual_review', 'rejected', 'deposit', 'payment', 'production') ORDER BY id LIMIT 1",
	[STMT_REVIEW_RUN_INSERT] = "INSERT INTO review_runs (order_id, created_at, passed) VALUES (?, UTC_TIMESTAMP(3), ?)",
	[STMT_REVIEW_REASON_INSERT] = "INSERT INTO review_reasons (run_id, position, code, detail) VALUES (?, ?, ?, ?)",
	/* The newest run with its reasons (one row with NULL reason for a run that passed). */
	[STMT_REVIEW_LATEST] =
	    "SELECT DATE_FORMAT(r.created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), r.passed, x.code, x.detail"
	    " FROM review_runs r LEFT JOIN review_reasons x ON x.run_id = r.id"
	    " WHERE r.id = (SELECT MAX(id) FROM review_runs WHERE order_id = ?) ORDER BY x.position",
	[STMT_REVIEW_LAST_REJECTION] =
	    "SELECT reason FROM order_events WHERE order_id = ? AND to_state = 'rejected' ORDER BY id DESC LIMIT 1",
	/* Where the order came into manual review from, and whether its deposit was ever verified. */
	[STMT_REVIEW_DEPOSIT_DONE] =
	    "SELECT (SELECT from_state FROM order_events WHERE order_id = ? AND to_state = 'manual_review'"
	    " ORDER BY id DESC LIMIT 1), (SELECT COUNT(*) FROM order_events WHERE order_id = ?"
	    " AND (event = 'deposit_verified' OR (from_state = 'deposit' AND to_state = 'payment')))",

	/* deposit (deposit.c): one row per order; expiry times in China Standard Time for the page */
	[STMT_DEPOSIT_GET] =
	    "SELECT bank_name, account_sealed, tries,"
	    " amount_hash IS NOT NULL AND expires_at > UTC_TIMESTAMP() AND verified_at IS NULL,"
	    " DATE_FORMAT(expires_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), verified_at IS NOT NULL,"
	    " expires_at <= UTC_TIMESTAMP() AND verified_at IS NULL FROM deposits WHERE order_id = ?",
	/* A new amount; the tries start again only when all were used (the order came back from review). */
	[STMT_DEPOSIT_PUT] =
	    "INSERT INTO deposits (order_id, bank_name, account_sealed, account_hash, nonce, amount_hash, requests,"
	    " tries, requested_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, 1, 0, UTC_TIMESTAMP(),"
	    " UTC_TIMESTAMP() + INTERVAL ? SECOND) ON DUPLICATE KEY UPDATE bank_name = VALUES(bank_name),"
	    " account_sealed = VALUES(account_sealed), account_hash = VALUES(account_hash), nonce = VALUES(nonce),"
	    " amount_hash = VALUES(amount_hash), requests = requests + 1, tries = IF(tries >= ?, 0, tries),"
	    " requested_at = VALUES(requested_at), expires_at = VALUES(expires_at), verified_at = NULL",
	/* Reserve one try before comparing: one statement, so parallel guesses cannot pass the limit. */
	[STMT_DEPOSIT_TRY] =
	    "UPDATE deposits SET tries = tries + 1 WHERE order_id = ? AND tries < ? AND verified_at IS NULL"
	    " AND amount_hash IS NOT NULL AND expires_at > UTC_TIMESTAMP()",
	[STMT_DEPOSIT_SECRET] = "SELECT nonce, amount_hash, tries FROM deposits WHERE order_id = ?",
	[STMT_DEPOSIT_VERIFIED] =
	    "UPDATE deposits SET verified_at = UTC_TIMESTAMP(), amount_hash = NULL WHERE order_id = ? AND verified_at IS NULL",
	[STMT_DEPOSIT_EXPIRE] =
	    "UPDATE deposits SET amount_hash = NULL WHERE amount_hash IS NOT NULL AND expires_at <= UTC_TIMESTAMP()",
	[STMT_SANDBOX_BANK_INSERT] =
	    "INSERT INTO sandbox_bank (account_hash, entry, delivered_at) VALUES (?, ?, UTC_TIMESTAMP(3))",
	[STMT_SANDBOX_BANK_BY_ACCOUNT] =
	    "SELECT DATE_FORMAT(delivered_at, '%Y-%m-%dT%H:%i:%sZ'), account_hash, entry FROM sandbox_bank"
	    " WHERE account_hash = ? ORDER BY id DESC LIMIT 200",
	[STMT_SANDBOX_BANK_LATEST] =
	    "SELECT DATE_FORMAT(delivered_at, '%Y-%m-%dT%H:%i:%sZ'), account_hash, entry FROM sandbox_bank"
	    " ORDER BY id DESC LIMIT 200",

	/* payment (payment.c): a payment with its order, as the pages and the notification need it */
	[STMT_PAYMENT_INSERT] =
	    "INSERT INTO payments (order_id, out_trade_no, method, amount_fen, currency, state, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, 'CNY', 'pending', UTC_TIMESTAMP(), UTC_TIMESTAMP())",
#define PAYMENT_COLUMNS \
	    "SELECT p.id, p.order_id, p.out_trade_no, p.method, p.amount_fen, p.currency, p.state," \
	    " IFNULL(p.transaction_id, ''), DATE_FORMAT(p.created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s')," \
	    " o.order_no, o.state, o.total_fen, o.applicant_id, pr.name" \
	    " FROM payments p JOIN orders o ON o.id = p.order_id JOIN projects pr ON pr.id = o.project_id"
	[STMT_PAYMENT_BY_TRADE_NO] = PAYMENT_COLUMNS " WHERE p.out_trade_no = ?",
	[STMT_PAYMENT_LATEST] = PAYMENT_COLUMNS " WHERE p.order_id = ? ORDER BY p.id DESC LIMIT 1",
	[STMT_PAYMENT_OPEN_TRANSFER] =
	    PAYMENT_COLUMNS " WHERE p.order_id = ? AND p.method = 'transfer' AND p.state = 'pending' ORDER BY p.id DESC LIMIT 1",
#undef PAYMENT_COLUMNS
	[STMT_PAYMENT_PROCESSING] = "SELECT COUNT(*) FROM payments WHERE order_id = ? AND state = 'processing'",
	/* A new online attempt replaces the unfinished ones (a transfer may already be on its way: it stays). */
	[STMT_PAYMENT_SUPERSEDE] =
	    "UPDATE payments SET state = 'closed', updated_at = UTC_TIMESTAMP() WHERE order_id = ?"
	    " AND state IN ('pending', 'failed') AND method <> 'transfer'",
	[STMT_PAYMENT_SET_STATE] =
	    "UPDATE payments SET state = ?, updated_at = UTC_TIMESTAMP() WHERE id = ? AND state = ?",
	/* Claims the payment: of parallel identical notifications exactly one changes a row. */
	[STMT_PAYMENT_PAID] =
	    "UPDATE payments SET state = 'paid', transaction_id = ?, confirmed_by = ?, paid_at = UTC_TIMESTAMP(),"
	    " updated_at = UTC_TIMESTAMP() WHERE id = ? AND state <> 'paid'",
	[STMT_PAYMENT_UNPAID] =
	    "UPDATE payments SET state = ?, transaction_id = NULL, confirmed_by = NULL, paid_at = NULL,"
	    " updated_at = UTC_TIMESTAMP() WHERE id = ? AND state = 'paid'",
	[STMT_PAYMENT_CLOSE_ORDER] =
	    "UPDATE payments SET state = 'closed', updated_at = UTC_TIMESTAMP() WHERE order_id = ?"
	    " AND state IN ('pending', 'failed')",
	/* Awaiting payment for longer than ? seconds (since the event that made it so), nothing in flight. */
	[STMT_PAYMENT_OVERDUE] =
	    "SELECT o.id FROM orders o WHERE o.state = 'payment' AND COALESCE((SELECT MAX(e.created_at)"
	    " FROM order_events e WHERE e.order_id = o.id AND e.to_state = 'payment'), o.updated_at)"
	    " < UTC_TIMESTAMP() - INTERVAL ? SECOND AND NOT EXISTS (SELECT 1 FROM payments p"
	    " WHERE p.order_id = o.id AND p.state = 'processing') ORDER BY o.id LIMIT 100",
	[STMT_PAYMENT_ORDER_BY_NO] = "SELECT id, state, total_fen FROM orders WHERE order_no = ?",
	/* 对公转账待确认: orders awaiting payment whose open payment is a transfer, the oldest first */
	[STMT_PAYMENT_TRANSFER_QUEUE] =
	    "SELECT o.order_no, o.org_name, pr.name, p.out_trade_no, p.amount_fen,"
	    " DATE_FORMAT(p.created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
	    " FROM payments p JOIN orders o ON o.id = p.order_id JOIN projects pr ON pr.id = o.project_id"
	    " WHERE o.state = 'payment' AND p.method = 'transfer' AND p.state = 'pending'"
	    " ORDER BY p.created_at, p.id LIMIT 200",
	/* the audit log for administrators (page-admin-audit.c), newest first, by action and staff actor */
	[STMT_AUDIT_LIST] =
	    "SELECT DATE_FORMAT(a.created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), a.actor_kind,"
	    " COALESCE(s.username, IFNULL(a.actor_id, '')), IFNULL(a.ip, ''), a.action, IFNULL(a.subject, ''), a.result,"
	    " IFNULL(a.detail, '') FROM audit_log a LEFT JOIN staff s ON a.actor_kind = 'staff' AND s.id = a.actor_id"
	    " WHERE (? = '' OR a.action = ?) AND (? = '' OR (a.actor_kind = 'staff' AND s.username = ?))"
	    " ORDER BY a.id DESC LIMIT ? OFFSET ?",
	/* staff accounts in the console (page-admin-staff.c) */
	[STMT_STAFF_LIST] =
	    "SELECT id, username, roles + 0, active, DATE_FORMAT(created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'),"
	    " IFNULL(DATE_FORMAT(last_login_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), '') FROM staff ORDER BY username_key",
	[STMT_STAFF_SET_ACTIVE] = "UPDATE staff SET active = ? WHERE id = ? AND active <> ?",
	[STMT_STAFF_SESSIONS_DROP] = "DELETE FROM staff_sessions WHERE staff_id = ?",
	/* projects for administrators (page-admin-projects.c): every project, its prices, retiring one */
	[STMT_PROJECT_ADMIN_CERT_TYPES] =
	    "SELECT p.code, p.name, p.active, IFNULL(t.name, ''), IFNULL(t.fen_per_year, '') FROM projects p"
	    " LEFT JOIN project_cert_types t ON t.project_id = p.id ORDER BY p.code, t.sort, t.code",
	[STMT_PROJECT_ADMIN_KEY_TYPES] =
	    "SELECT p.code, IFNULL(k.name, ''), IFNULL(k.fen, '') FROM projects p"
	    " LEFT JOIN project_key_types k ON k.project_id = p.id ORDER BY p.code, k.sort, k.code",
	[STMT_PROJECT_ADMIN_ACTIVE] = "SELECT active FROM projects WHERE code = ?",
	[STMT_PROJECT_ADMIN_SET_ACTIVE] =
	    "UPDATE projects SET active = ?, updated_at = UTC_TIMESTAMP() WHERE code = ? AND active <> ?",

	/* fulfilment (fulfil.c, ra.c, notify.c): production, certificates, shipping, e-invoices */
	[STMT_RA_REQUEST_SLOTS] = "SELECT position, state, error IS NOT NULL FROM ra_requests WHERE order_id = ? ORDER BY position",
	[STMT_RA_REQUEST_INSERT] =
	    "INSERT INTO ra_requests (order_id, position, role, trans_no, state, requested_by, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, 'queued', ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))",
	[STMT_RA_REQUEST_REQUEUE] =
	    "UPDATE ra_requests SET state = 'queued', error = NULL, requested_by = ?, updated_at = UTC_TIMESTAMP(3)"
	    " WHERE order_id = ? AND position = ? AND state <> 'issued'",
	/* What a worker needs to build the request: the slot, and the order it belongs to. */
	[STMT_RA_REQUEST_BY_TRANS] =
	    "SELECT r.order_id, r.position, r.role, r.state, o.order_no, o.applicant_id FROM ra_requests r"
	    " JOIN orders o ON o.id = r.order_id WHERE r.trans_no = ?",
	/* The RA answered: issued, or failed with its reason. An issued slot never goes back. */
	[STMT_RA_REQUEST_RESULT] =
	    "UPDATE ra_requests SET state = ?, error = ?, attempts = attempts + 1, updated_at = UTC_TIMESTAMP(3)"
	    " WHERE trans_no = ? AND state <> 'issued'",
	/* The RA could not be reached: the outbox retries; the operator sees why meanwhile. */
	[STMT_RA_REQUEST_NOTE] =
	    "UPDATE ra_requests SET error = ?, attempts = attempts + 1, updated_at = UTC_TIMESTAMP(3)"
	    " WHERE trans_no = ? AND state = 'queued'",
	[STMT_RA_REQUEST_LIST] =
	    "SELECT position, role, state, error, attempts,"
	    " DATE_FORMAT(updated_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s') FROM ra_requests WHERE order_id = ? ORDER BY position",
	/* A repeated answer for a slot keeps the first certificate. */
	[STMT_CERT_INSERT] =
	    "INSERT INTO certificates (order_id, position, role, serial_no, subject_dn, not_before, not_after, issued_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE order_id = order_id",
	/* Validity as the RA gave it (China time). */
	[STMT_CERT_LIST] =
	    "SELECT position, role, serial_no, subject_dn, DATE_FORMAT(not_before, '%Y-%m-%d'),"
	    " DATE_FORMAT(not_after, '%Y-%m-%d') FROM certificates WHERE order_id = ? ORDER BY position",
	[STMT_CERT_COUNT] = "SELECT COUNT(*) FROM certificates WHERE order_id = ?",
	/* Inside the production -> shipped transition (the order row is locked). */
	[STMT_FULFIL_SHIP] = "UPDATE orders SET tracking_no = ?, shipped_at = UTC_TIMESTAMP() WHERE id = ? AND state = 'shipped'",
	[STMT_FULFIL_COMPLETE_DUE] =
	    "SELECT o.id FROM orders o JOIN invoices i ON i.order_id = o.id AND i.invoice_no IS NOT NULL"
	    " WHERE o.state = 'shipped' AND o.shipped_at <= UTC_TIMESTAMP() - INTERVAL ? DAY ORDER BY o.shipped_at LIMIT 100",
	/* 待制作 / 待发货: paid orders, oldest first, with their certificates so far. */
	[STMT_FULFIL_PRODUCTION_QUEUE] =
	    "SELECT o.order_no, p.name, o.org_name, o.quantity,"
	    " (SELECT COUNT(*) FROM certificates c WHERE c.order_id = o.id),"
	    " (SELECT COUNT(*) FROM ra_requests r WHERE r.order_id = o.id AND r.state = 'queued'),"
	    " (SELECT COUNT(*) FROM ra_requests r WHERE r.order_id = o.id AND r.state = 'failed'),"
	    " DATE_FORMAT(o.updated_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s')"
	    " FROM orders o JOIN projects p ON p.id = o.project_id WHERE o.state = 'production'"
	    " ORDER BY o.updated_at, o.id LIMIT 200",
	/* 待开票: shipped orders without an invoice, longest shipped first. */
	[STMT_FULFIL_INVOICE_QUEUE] =
	    "SELECT o.order_no, p.name, o.invoice_title, o.total_fen, o.tracking_no,"
	    " DATE_FORMAT(o.shipped_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s')"
	    " FROM orders o JOIN projects p ON p.id = o.project_id LEFT JOIN invoices i ON i.order_id = o.id"
	    " WHERE o.state = 'shipped' AND i.id IS NULL ORDER BY o.shipped_at, o.id LIMIT 200",
	[STMT_INVOICE_INSERT] =
	    "INSERT INTO invoices (order_id, amount_fen, tax_fen, total_fen, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_INVOICE_SET] = "UPDATE invoices SET invoice_no = ?, xml = ? WHERE id = ?",
	[STMT_INVOICE_BY_ORDER] =
	    "SELECT id, invoice_no, DATE_FORMAT(issued_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), total_fen, xml"
	    " FROM invoices WHERE order_id = ? AND invoice_no IS NOT NULL",
	[STMT_INVOICE_BY_ID] =
	    "SELECT i.invoice_no, i.xml, o.order_no FROM invoices i JOIN orders o ON o.id = i.order_id"
	    " WHERE i.id = ? AND i.invoice_no IS NOT NULL",
	[STMT_NOTIFY_ORDER] = "SELECT order_no, agent_phone, tracking_no FROM orders WHERE id = ?",
	[STMT_NOTIFY_ORDER_BY_NO] = "SELECT order_no, agent_phone, tracking_no FROM orders WHERE order_no = ?",
	/* The sandbox RA's queued faults: the oldest is taken by whoever deletes it. */
	[STMT_SANDBOX_RA_FAULT_NEXT] = "SELECT id, fault FROM sandbox_ra_faults ORDER BY id LIMIT 1",
	[STMT_SANDBOX_RA_FAULT_TAKE] = "DELETE FROM sandbox_ra_faults WHERE id = ?",
	[STMT_SANDBOX_RA_ISSUED_GET] =
	    "SELECT serial_no, subject_dn, DATE_FORMAT(not_before, '%Y%m%d%H%i%s'), DATE_FORMAT(not_after, '%Y%m%d%H%i%s')"
	    " FROM sandbox_ra_issued WHERE trans_no = ?",
	[STMT_SANDBOX_RA_ISSUED_PUT] =
	    "INSERT INTO sandbox_ra_issued (trans_no, serial_no, subject_dn, not_before, not_after, created_at)"
	    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE trans_no = trans_no",

	/* outbox delivery and its console (outbox.c, mail.c) */
	/*
	 * One attempt of one claimed row: counted, and the claim renewed, only
	 * while the claim is still ours and unexpired; 0 rows means another
	 * worker may have it now, so this one must not deliver it.
	 */
	[STMT_OUTBOX_ATTEMPT] =
	    "UPDATE outbox SET attempts = attempts + 1, claimed_until = UTC_TIMESTAMP(3) + INTERVAL ? SECOND"
	    " WHERE id = ? AND claim = ? AND state = 'pending' AND claimed_until > UTC_TIMESTAMP(3)",
	[STMT_OUTBOX_FAILED] =
	    "SELECT id, channel, recipient, attempts, last_error, DATE_FORMAT(created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s')"
	    " FROM outbox WHERE state = 'failed'"
	    " ORDER BY id DESC LIMIT 200",
	/* Sent rows are never counted: there are many, and nothing waits on them. */
	[STMT_OUTBOX_COUNTS] = "SELECT state, COUNT(*) FROM outbox WHERE state IN ('pending', 'failed') GROUP BY state",
	[STMT_OUTBOX_REQUEUE] =
	    "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = UTC_TIMESTAMP(3), claim = NULL,"
	    " claimed_until = NULL WHERE id = ? AND state = 'failed'",
	[STMT_SANDBOX_MAIL_INSERT] = "INSERT INTO sandbox_mail (recipient, message, delivered_at) VALUES (?, ?, UTC_TIMESTAMP(3))",
	[STMT_SANDBOX_MAIL_BY_TO] =
	    "SELECT id, DATE_FORMAT(delivered_at, '%Y-%m-%dT%H:%i:%sZ'), recipient, message FROM sandbox_mail"
	    " WHERE recipient = ? ORDER BY id DESC LIMIT 100",
	[STMT_SANDBOX_MAIL_LATEST] =
	    "SELECT id, DATE_FORMAT(delivered_at, '%Y-%m-%dT%H:%i:%sZ'), recipient, message FROM sandbox_mail"
	    " ORDER BY id DESC LIMIT 100",
	[STMT_SANDBOX_MAIL_GET] = "SELECT recipient, message FROM sandbox_mail WHERE id = ?",
};

#define MAX_PARAMS 32

static MYSQL *conn;
static MYSQL_STMT *prepared[STMT__MAX];
static int in_transaction;
static unsigned int last_errno;	/* of the last failed statement; 0 after a success */

static MYSQL *
connect_new(unsigned long flags)
{
	MYSQL *m = mysql_init(NULL);
	unsigned int timeout = (unsigned int)config_long("DB.connect_timeout", 5, 1, 60);
	my_bool off = 0;

	if (m == NULL)
		return NULL;
	mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &off);
	mysql_optionsv(m, MYSQL_OPT_RECONNECT, &off); /* we reconnect ourselves, re-preparing */
	if (mysql_real_connect(m, NULL, config_get("DB.user", "certdesk"),
	    config_get("DB.password", NULL), config_get("DB.name", "certdesk"), 0,
	    config_path("DB.socket", "var/run/mysqld.sock"), flags) == NULL) {
		log_error(NULL, "db: connect: %s", mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	return m;
}

static void
forget_statements(void)
{
	int i;

	for (i = 0; i < STMT__MAX; i++) {
		if (prepared[i] != NULL)
			mysql_stmt_close(prepared[i]);
		prepared[i] = NULL;
	}
}

void
db_close(void)
{
	forget_statements();
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	in_transaction = 0;
}

int
db_open(void)
{
	if (conn != NULL)
		return 0;
	conn = connect_new(0);
	return conn == NULL ? -1 : 0;
}

static int
gone_away(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == 4031 /* idle timeout */
	    || err == 1927 /* connection killed */ || err == 1053 /* server shutdown */;
}

static MYSQL_STMT *
statement(enum stmt id)
{
	MYSQL_STMT *s;
	my_bool on = 1;

	if (db_open() != 0)
		return NULL;
	if (prepared[id] != NULL)
		return prepared[id];
	s = mysql_stmt_init(conn);
	if (s == NULL)
		return NULL;
	if (mysql_stmt_prepare(s, stmts[id], strlen(stmts[id])) != 0) {
		log_error(NULL, "db: prepare %d: %s", (int)id, mysql_stmt_error(s));
		mysql_stmt_close(s);
		return NULL;
	}
	mysql_stmt_attr_set(s, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	prepared[id] = s;
	return s;
}

struct params {
	MYSQL_BIND bind[MAX_PARAMS];
	long long ints[MAX_PARAMS];
	unsigned long lens[MAX_PARAMS];
	my_bool nulls[MAX_PARAMS];
	unsigned int n;
};

/*
 * The statement must take exactly one parameter per letter of types: checked
 * before any argument is read, so a wrong type string fails instead of
 * reading arguments that are not there.
 */
static int
types_match(enum stmt id, const char *types)
{
	MYSQL_STMT *s = statement(id);

	if (s == NULL && conn == NULL)
		s = statement(id);	/* the server went away: one reconnect */
	if (s == NULL)
		return 0;
	if (mysql_stmt_param_count(s) != strlen(types)) {
		log_error(NULL, "db: statement %d takes %lu parameters, the call gives %zu", (int)id,
		    mysql_stmt_param_count(s), strlen(types));
		return 0;
	}
	return 1;
}

static int
bind_params(struct params *p, const char *types, va_list ap)
{
	const char *s;
	const void *b;
	unsigned int i;

	memset(p, 0, sizeof(*p));
	for (i = 0; types[i] != '\0'; i++) {
		if (i >= MAX_PARAMS)
			return -1;
		switch (types[i]) {
		case 's':
			s = va_arg(ap, const char *);
			p->bind[i].buffer_type = MYSQL_TYPE_STRING;
			if (s == NULL) {
				p->nulls[i] = 1;
				p->bind[i].is_null = &p->nulls[i];
			} else {
				p->bind[i].buffer = (void *)s;
				p->lens[i] = strlen(s);
				p->bind[i].buffer_length = p->lens[i];
				p->bind[i].length = &p->lens[i];
			}
			break;
		case 'l':
			p->ints[i] = va_arg(ap, long long);
			p->bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			p->bind[i].buffer = &p->ints[i];
			break;
		case 'b':
			b = va_arg(ap, const void *);
			p->lens[i] = (unsigned long)va_arg(ap, size_t);
			p->bind[i].buffer_type = MYSQL_TYPE_BLOB;
			p->bind[i].buffer = (void *)b;
			p->bind[i].buffer_length = p->lens[i];
			p->bind[i].length = &p->lens[i];
			break;
		default:
			return -1;
		}
	}
	p->n = i;
	return 0;
}

/* Execute with parameters; after the server went away (outside a transaction) reconnect and retry once. */
static MYSQL_STMT *
execute(enum stmt id, struct params *p)
{
	MYSQL_STMT *s;
	unsigned int err;
	int attempt;

	last_errno = 0;
	for (attempt = 0; attempt < 2; attempt++) {
		s = statement(id);
		if (s == NULL) {
			if (conn != NULL && gone_away(mysql_errno(conn)) && !in_transaction) {
				db_close();
				continue;
			}
			if (conn == NULL && attempt == 0)
				continue;
			return NULL;
		}
		if (mysql_stmt_param_count(s) != p->n) {
			log_error(NULL, "db: statement %d takes %lu parameters, got %u", (int)id,
			    mysql_stmt_param_count(s), p->n);
			return NULL;
		}
		if (p->n > 0 && mysql_stmt_bind_param(s, p->bind) != 0) {
			log_error(NULL, "db: bind %d: %s", (int)id, mysql_stmt_error(s));
			return NULL;
		}
		if (mysql_stmt_execute(s) == 0)
			return s;
		err = mysql_stmt_errno(s);
		if (gone_away(err) && !in_transaction && attempt == 0) {
			log_warn(NULL, "db: server went away (%u); reconnecting", err);
			db_close();
			continue;
		}
		last_errno = err;
		/* A lost race on a unique key is expected; its message quotes the value (PII). */
		if (err == ER_DUP_ENTRY)
			log_info(NULL, "db: execute %d: duplicate key", (int)id);
		else
			log_error(NULL, "db: execute %d: %u %s", (int)id, err, mysql_stmt_error(s));
		if (gone_away(err))
			db_close();
		return NULL;
	}
	return NULL;
}

/* Check the type string, bind the arguments and execute: the start of db_exec and db_select. */
static MYSQL_STMT *
run(enum stmt id, struct params *p, const char *types, va_list ap)
{
	if (!types_match(id, types) || bind_params(p, types, ap) != 0)
		return NULL;
	return execute(id, p);
}

long long
db_exec(enum stmt id, const char *types, ...)
{
	struct params p;
	MYSQL_STMT *s;
	va_list ap;
	my_ulonglong rows;

	va_start(ap, types);
	s = run(id, &p, types, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	rows = mysql_stmt_affected_rows(s);
	mysql_stmt_free_result(s);
	return rows == (my_ulonglong)-1 ? 0 : (long long)rows;
}

int
db_last_was_duplicate(void)
{
	return last_errno == ER_DUP_ENTRY;
}

unsigned long long
db_last_insert_id(void)
{
	return conn == NULL ? 0 : mysql_insert_id(conn);
}

void
db_result_free(struct db_result *res)
{
	size_t i, n;

	if (res->cells != NULL) {
		n = (size_t)res->nrows * res->ncols;
		for (i = 0; i < n; i++)
			free(res->cells[i]);
	}
	free(res->cells);
	free(res->lens);
	memset(res, 0, sizeof(*res));
}

int
db_select(enum stmt id, struct db_result *res, const char *types, ...)
{
	struct params p;
	MYSQL_STMT *s;
	MYSQL_RES *meta;
	MYSQL_FIELD *fields;
	MYSQL_BIND *out = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL;
	char **bufs = NULL;
	unsigned int c, ncols;
	size_t row, cell;
	va_list ap;
	int rc = -1, f;

	memset(res, 0, sizeof(*res));
	va_start(ap, types);
	s = run(id, &p, types, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	if (mysql_stmt_store_result(s) != 0) {
		log_error(NULL, "db: store %d: %s", (int)id, mysql_stmt_error(s));
		goto out;
	}
	meta = mysql_stmt_result_metadata(s);
	if (meta == NULL)
		goto out;
	ncols = mysql_num_fields(meta);
	fields = mysql_fetch_fields(meta);
	out = calloc(ncols, sizeof(*out));
	lens = calloc(ncols, sizeof(*lens));
	nulls = calloc(ncols, sizeof(*nulls));
	bufs = calloc(ncols, sizeof(*bufs));
	res->ncols = ncols;
	res->nrows = (unsigned int)mysql_stmt_num_rows(s);
	if (res->nrows > 0) {
		res->cells = calloc((size_t)res->nrows * ncols, sizeof(*res->cells));
		res->lens = calloc((size_t)res->nrows * ncols, sizeof(*res->lens));
	}
	if (out == NULL || lens == NULL || nulls == NULL || bufs == NULL ||
	    (res->nrows > 0 && (res->cells == NULL || res->lens == NULL))) {
		mysql_free_result(meta);
		goto out;
	}
	for (c = 0; c < ncols; c++) {
		/* max_length is filled because of STMT_ATTR_UPDATE_MAX_LENGTH. */
		size_t cap = fields[c].max_length + 1;
		bufs[c] = malloc(cap < 32 ? 32 : cap);
		if (bufs[c] == NULL) {
			mysql_free_result(meta);
			goto out;
		}
		out[c].buffer_type = MYSQL_TYPE_STRING;
		out[c].buffer = bufs[c];
		out[c].buffer_length = cap < 32 ? 32 : cap;
		out[c].length = &lens[c];
		out[c].is_null = &nulls[c];
	}
	mysql_free_result(meta);
	if (mysql_stmt_bind_result(s, out) != 0) {
		log_error(NULL, "db: bind result %d: %s", (int)id, mysql_stmt_error(s));
		goto out;
	}
	for (row = 0; row < res->nrows; row++) {
		f = mysql_stmt_fetch(s);
		if (f != 0 && f != MYSQL_DATA_TRUNCATED) {
			log_error(NULL, "db: fetch %d: %d %s", (int)id, f, mysql_stmt_error(s));
			goto out;
		}
		for (c = 0; c < ncols; c++) {
			cell = row * ncols + c;
			if (nulls[c])
				continue;
			res->cells[cell] = malloc(lens[c] + 1);
			if (res->cells[cell] == NULL)
				goto out;
			memcpy(res->cells[cell], bufs[c], lens[c]);
			res->cells[cell][lens[c]] = '\0';
			res->lens[cell] = lens[c];
		}
	}
	rc = 0;
out:
	if (bufs != NULL)
		for (c = 0; c < res->ncols; c++)
			free(bufs[c]);
	free(bufs);
	free(out);
	free(lens);
	free(nulls);
	mysql_stmt_free_result(s);
	if (rc != 0)
		db_result_free(res);
	return rc;
}

const char *
db_cell(const struct db_result *res, unsigned int row, unsigned int col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->cells[(size_t)row * res->ncols + col];
}

unsigned long
db_cell_len(const struct db_result *res, unsigned int row, unsigned int col)
{
	if (row >= res->nrows || col >= res->ncols)
		return 0;
	return res->lens[(size_t)row * res->ncols + col];
}

int
db_ping(void)
{
	struct db_result res;
	int rc;

	rc = db_select(STMT_PING, &res, "");
	if (rc == 0 && res.nrows != 1)
		rc = -1;
	db_result_free(&res);
	return rc;
}

static int
simple_query(const char *sql)
{
	if (db_open() != 0)
		return -1;
	if (mysql_real_query(conn, sql, strlen(sql)) != 0) {
		log_error(NULL, "db: %s: %s", sql, mysql_error(conn));
		if (gone_away(mysql_errno(conn)))
			db_close();
		return -1;
	}
	return 0;
}

int
db_in_transaction(void)
{
	return in_transaction;
}

int
db_begin(void)
{
	if (simple_query("START TRANSACTION") != 0) {
		/* One retry: the connection may have gone away while idle. */
		if (conn != NULL || simple_query("START TRANSACTION") != 0)
			return -1;
	}
	in_transaction = 1;
	return 0;
}

int
db_commit(void)
{
	in_transaction = 0;
	return simple_query("COMMIT");
}

int
db_rollback(void)
{
	in_transaction = 0;
	return simple_query("ROLLBACK");
}

void *
db_admin_connect(void)
{
	return connect_new(CLIENT_MULTI_STATEMENTS);
}

int
db_admin_run(void *c, const char *sql, size_t len)
{
	MYSQL *m = c;
	MYSQL_RES *r;
	int status;

	if (mysql_real_query(m, sql, len) != 0) {
		log_error(NULL, "db: %s", mysql_error(m));
		return -1;
	}
	do {
		r = mysql_store_result(m);
		if (r != NULL)
			mysql_free_result(r);
		status = mysql_next_result(m);
		if (status > 0) {
			log_error(NULL, "db: %s", mysql_error(m));
			return -1;
		}
	} while (status == 0);
	return 0;
}

void
db_admin_close(void *c)
{
	mysql_close(c);
}
