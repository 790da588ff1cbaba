/* staff.c: staff accounts, roles and sessions of the staff console (SPEC §10), kept apart from applicants */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "config.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "render.h"
#include "staff.h"
#include "valid.h"

/* last_seen_at is written at most this often: not one UPDATE per page view. */
#define TOUCH_SECONDS 30

/* In the order of the SET column: bit i is role_names[i]. */
static const char *const role_names[] = { "reviewer", "operator", "finance", "admin" };
#define NROLES (sizeof(role_names) / sizeof(role_names[0]))

static struct {
	long long id;
	unsigned int roles;
	char username[33];
	char token[65];
} current;

unsigned int
staff_roles_parse(const char *names)
{
	unsigned int mask = 0;
	const char *p = names, *end;
	size_t i, len;

	if (names == NULL || *names == '\0')
		return 0;
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < NROLES; i++)
			if (strlen(role_names[i]) == len && strncmp(p, role_names[i], len) == 0)
				break;
		if (i == NROLES)
			return 0;
		mask |= 1u << i;
		if (end == NULL)
			return mask;
		p = end + 1;
	}
}

void
staff_roles_format(unsigned int roles, char *out, size_t outsz)
{
	size_t i, used = 0;
	int n;

	if (outsz == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < NROLES; i++) {
		if (!(roles & (1u << i)))
			continue;
		n = snprintf(out + used, outsz - used, "%s%s", used > 0 ? "," : "", role_names[i]);
		if (n < 0 || (size_t)n >= outsz - used)
			return;
		used += (size_t)n;
	}
}

int
staff_by_username(const char *username, struct staff *s)
{
	struct db_result res;
	int found;

	memset(s, 0, sizeof(*s));
	if (db_select(STMT_STAFF_BY_USERNAME, &res, "s", username) != 0)
		return -1;
	found = res.nrows == 1;
	if (found) {
		s->id = strtoll(db_cell(&res, 0, 0), NULL, 10);
		snprintf(s->username, sizeof(s->username), "%s", db_cell(&res, 0, 1));
		snprintf(s->password_hash, sizeof(s->password_hash), "%s", db_cell(&res, 0, 2));
		s->roles = (unsigned int)strtoul(db_cell(&res, 0, 3), NULL, 10);
		s->active = strcmp(db_cell(&res, 0, 4), "1") == 0;
	}
	db_result_free(&res);
	return found;
}

enum staff_create_result
staff_create(const char *username, unsigned int roles, const char *password, int *why)
{
	char hash[CRYPTO_PASSWORD_HASH_MAX], names[64];
	struct staff s;
	int found;

	*why = VALID_OK;
	if (valid_username(username) != VALID_OK)
		return STAFF_BAD_USERNAME;
	if (roles == 0 || roles > ROLE_ANY)
		return STAFF_BAD_ROLE;
	if ((*why = valid_password(password, username, NULL)) != VALID_OK)
		return STAFF_BAD_PASSWORD;
	if ((found = staff_by_username(username, &s)) != 0)
		return found > 0 ? STAFF_EXISTS : STAFF_CREATE_ERROR;
	if (crypto_password_hash(password, hash) != 0)
		return STAFF_CREATE_ERROR;
	staff_roles_format(roles, names, sizeof(names));
	if (db_exec(STMT_STAFF_INSERT, "sss", username, hash, names) != 1)
		return db_last_was_duplicate() ? STAFF_EXISTS : STAFF_CREATE_ERROR;
	audit_write(NULL, AUDIT_SYSTEM, 0, "staff_add", username, "success", names);
	return STAFF_CREATED;
}

/* ------------------------------------------------------------ sessions */

static long
idle_seconds(void)
{
	return config_long("Session.staff_idle_seconds", 900, 60, 86400);
}

static long
absolute_seconds(void)
{
	return config_long("Session.staff_absolute_seconds", 43200, 300, 7L * 86400);
}

/* What the database keeps: a keyed BLAKE2b of the token, under its own use. */
static void
token_hash(const char *token, char out[65])
{
	crypto_token_hash("staff", token, out);
}

const char *
staff_cookie_name(const struct req *r)
{
	return r->https ? "__Host-cd_staff" : "cd_staff";
}

long long
staff_id(void)
{
	return current.id;
}

int
staff_has_role(unsigned int mask)
{
	return current.id != 0 && (current.roles & mask) != 0;
}

const char *
staff_username(void)
{
	return current.id != 0 ? current.username : NULL;
}

const char *
staff_token(void)
{
	return current.id != 0 ? current.token : NULL;
}

/* Staff.username and Staff.role.<name> = 1 for the console's templates. */
static void
staff_to_hdf(struct req *r)
{
	char key[48];
	size_t i;

	req_set(r, "Staff.username", current.username);
	for (i = 0; i < NROLES; i++) {
		if (!(current.roles & (1u << i)))
			continue;
		snprintf(key, sizeof(key), "Staff.role.%s", role_names[i]);
		req_set(r, key, "1");
	}
}

static void
forget(struct req *r, const char *hash)
{
	if (hash != NULL)
		db_exec(STMT_STAFF_SESSION_DELETE, "s", hash);
	req_set_cookie(r, staff_cookie_name(r), "", 0);
}

void
staff_load(struct req *r)
{
	struct db_result res;
	const char *token;
	char hash[65];
	long idle;

	memset(&current, 0, sizeof(current));
	if (!r->admin)
		return;
	token = req_cookie(r, staff_cookie_name(r));
	if (token == NULL)
		return;
	if (!crypto_is_token(token)) {
		forget(r, NULL);
		return;
	}
	token_hash(token, hash);
	if (db_select(STMT_STAFF_SESSION_LOAD, &res, "sll", hash, (long long)idle_seconds(),
	    (long long)absolute_seconds()) != 0)
		return;	/* the database is down: logged out for now, the cookie stays */
	if (res.nrows != 1) {
		db_result_free(&res);
		forget(r, hash);	/* expired, ended, or the member was deactivated */
		return;
	}
	current.id = strtoll(db_cell(&res, 0, 0), NULL, 10);
	snprintf(current.username, sizeof(current.username), "%s", db_cell(&res, 0, 1));
	current.roles = (unsigned int)strtoul(db_cell(&res, 0, 2), NULL, 10);
	idle = strtol(db_cell(&res, 0, 3) != NULL ? db_cell(&res, 0, 3) : "0", NULL, 10);
	db_result_free(&res);
	if (current.id <= 0) {
		memset(&current, 0, sizeof(current));
		return;
	}
	memcpy(current.token, token, 65);
	staff_to_hdf(r);
	if (idle >= TOUCH_SECONDS)
		db_exec(STMT_STAFF_SESSION_TOUCH, "s", hash);
}

int
staff_session_start(struct req *r, const struct staff *s)
{
	char token[65], hash[65];
	const char *ip = req_remote_addr(r);

	if (current.id != 0) {
		token_hash(current.token, hash);
		db_exec(STMT_STAFF_SESSION_DELETE, "s", hash);
	}
	memset(&current, 0, sizeof(current));
	crypto_random_hex(token, 32);
	token_hash(token, hash);
	if (db_exec(STMT_STAFF_SESSION_INSERT, "sls", hash, s->id, ip[0] != '\0' ? ip : NULL) != 1) {
		log_error(r->id, "staff: cannot store a new session");
		return -1;
	}
	db_exec(STMT_STAFF_LOGGED_IN, "l", s->id);
	current.id = s->id;
	current.roles = s->roles;
	snprintf(current.username, sizeof(current.username), "%s", s->username);
	memcpy(current.token, token, sizeof(token));
	req_set_cookie(r, staff_cookie_name(r), token, -1);
	staff_to_hdf(r);
	csrf_prepare(r, current.token);
	return 0;
}

void
staff_logout(struct req *r)
{
	char hash[65];

	if (current.id != 0) {
		staff_audit(r, "logout", current.username, "success", NULL);
		token_hash(current.token, hash);
		forget(r, hash);
	} else {
		forget(r, NULL);
	}
	memset(&current, 0, sizeof(current));
	hdf_remove_tree(r->hdf, "Staff");
	r->csrf[0] = '\0';
}

void
staff_purge(void)
{
	db_exec(STMT_STAFF_SESSION_PURGE, "ll", (long long)idle_seconds(), (long long)absolute_seconds());
}

int
staff_audit(const struct req *r, const char *action, const char *subject, const char *result,
    const char *detail)
{
	return audit_write(r, AUDIT_STAFF, current.id, action, subject, result, detail);
}

/* ---------------------------------------------------------------- login */

/* Whose failures count: the member, or a keyed hash of a name nobody has. */
static void
throttle_subject(const struct staff *s, const char *username, char out[80])
{
	char folded[40], mac[65];
	size_t i;

	if (s != NULL) {
		snprintf(out, 80, "staff:%lld", s->id);
		return;
	}
	for (i = 0; username[i] != '\0' && i < sizeof(folded) - 1; i++)
		folded[i] = (char)tolower((unsigned char)username[i]);
	folded[i] = '\0';
	crypto_mac_hex(KEY_LOOKUP, folded, i, mac);
	snprintf(out, 80, "staff-login:%s", mac);
}

/* Login rows count towards the address throttle whoever fails: action "login", detail "staff". */
static void
audit_login(struct req *r, const struct staff *s, const char *username, const char *result)
{
	audit_write(r, s != NULL ? AUDIT_STAFF : AUDIT_ANONYMOUS, s != NULL ? s->id : 0, "login",
	    s != NULL ? s->username : (valid_username(username) == VALID_OK ? username : NULL), result, "staff");
}

static void
rehash_if_old(struct req *r, const struct staff *s, const char *password)
{
	char hash[CRYPTO_PASSWORD_HASH_MAX];

	if (!crypto_password_needs_rehash(s->password_hash) || crypto_password_hash(password, hash) != 0)
		return;
	if (db_exec(STMT_STAFF_REHASH, "sls", hash, s->id, s->password_hash) == 1)
		log_info(r->id, "staff %lld: password rehashed with the current parameters", s->id);
}

enum login_result
staff_login(struct req *r, const char *username, const char *password, struct staff *out, long *locked)
{
	const struct staff *s = NULL;
	char subject[80];
	int found, throttled, ok;

	*locked = 0;
	if ((throttled = login_address_throttled(r)) != 0) {
		if (throttled > 0)
			audit_login(r, NULL, username, "throttled");
		return throttled > 0 ? LOGIN_THROTTLED : LOGIN_ERROR;
	}
	found = valid_username(username) == VALID_OK ? staff_by_username(username, out) : 0;
	if (found < 0)
		return LOGIN_ERROR;
	if (found)
		s = out;
	throttle_subject(s, username, subject);
	if ((*locked = login_locked_for(subject)) != 0) {
		if (*locked < 0)
			return LOGIN_ERROR;
		audit_login(r, s, username, "locked");
		return LOGIN_LOCKED;
	}
	/* Unknown names are checked against a dummy hash: the same time either way. */
	ok = crypto_password_verify(s != NULL ? s->password_hash : NULL, password);
	if (!ok || s == NULL || !s->active) {
		audit_login(r, s, username, s != NULL && ok ? "inactive" : "failure");
		if (!login_count_failure(subject))
			return LOGIN_FAILED;
		*locked = config_long("Login.lock_seconds", 900, 60, 86400);
		audit_write(r, s != NULL ? AUDIT_STAFF : AUDIT_ANONYMOUS, s != NULL ? s->id : 0, "lockout",
		    s != NULL ? s->username : NULL, "locked", "staff");
		return LOGIN_LOCKED;
	}
	db_exec(STMT_THROTTLE_CLEAR, "s", subject);
	rehash_if_old(r, s, password);
	audit_login(r, s, username, "success");
	return LOGIN_OK;
}
