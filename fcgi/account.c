/* account.c: applicant accounts (SPEC §2): registration, password and SMS login with throttling, password reset */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "log.h"
#include "outbox.h"
#include "render.h"
#include "session.h"
#include "text.h"
#include "valid.h"

static int
fill_account(enum stmt id, const char *key, struct account *a)
{
	struct db_result res;
	int found;

	memset(a, 0, sizeof(*a));
	if (db_select(id, &res, "s", key) != 0)
		return -1;
	found = res.nrows == 1;
	if (found) {
		a->id = strtoll(db_cell(&res, 0, 0), NULL, 10);
		snprintf(a->username, sizeof(a->username), "%s", db_cell(&res, 0, 1));
		snprintf(a->phone, sizeof(a->phone), "%s", db_cell(&res, 0, 2));
		snprintf(a->email, sizeof(a->email), "%s", db_cell(&res, 0, 3));
		snprintf(a->password_hash, sizeof(a->password_hash), "%s", db_cell(&res, 0, 4));
	}
	db_result_free(&res);
	return found;
}

int
account_by_phone(const char *phone, struct account *a)
{
	return fill_account(STMT_ACCOUNT_BY_PHONE, phone, a);
}

int
account_by_username(const char *username, struct account *a)
{
	return fill_account(STMT_ACCOUNT_BY_USERNAME, username, a);
}

enum account_create_result
account_create(struct req *r, const char *username, const char *phone, const char *email,
    const char *password, struct account *out)
{
	char hash[CRYPTO_PASSWORD_HASH_MAX];
	int found;

	if ((found = account_by_username(username, out)) != 0)
		return found > 0 ? ACCOUNT_USERNAME_TAKEN : ACCOUNT_CREATE_ERROR;
	if ((found = account_by_phone(phone, out)) != 0)
		return found > 0 ? ACCOUNT_PHONE_TAKEN : ACCOUNT_CREATE_ERROR;
	if (crypto_password_hash(password, hash) != 0)
		return ACCOUNT_CREATE_ERROR;
	if (db_exec(STMT_ACCOUNT_INSERT, "ssss", username, phone, email, hash) != 1) {
		if (!db_last_was_duplicate())
			return ACCOUNT_CREATE_ERROR;
		return account_by_phone(phone, out) > 0 ? ACCOUNT_PHONE_TAKEN : ACCOUNT_USERNAME_TAKEN;
	}
	memset(out, 0, sizeof(*out));
	out->id = (long long)db_last_insert_id();
	snprintf(out->username, sizeof(out->username), "%s", username);
	snprintf(out->phone, sizeof(out->phone), "%s", phone);
	snprintf(out->email, sizeof(out->email), "%s", email);
	memcpy(out->password_hash, hash, sizeof(hash));
	audit_write(r, AUDIT_APPLICANT, out->id, "register", username, "success", NULL);
	return ACCOUNT_CREATED;
}

/* ------------------------------------------------------------ throttling */

/* 1 when this address has failed too often lately (checked before any hash), -1 on error. */
int
login_address_throttled(struct req *r)
{
	struct db_result res;
	long failures;

	if (db_select(STMT_LOGIN_FAILURES_BY_IP, &res, "sl", req_remote_addr(r),
	    (long long)config_long("Login.ip_window_seconds", 900, 60, 86400)) != 0)
		return -1;
	failures = strtol(db_cell(&res, 0, 0) != NULL ? db_cell(&res, 0, 0) : "0", NULL, 10);
	db_result_free(&res);
	return failures >= config_long("Login.ip_max_failures", 50, 1, 100000);
}

/*
 * Whose failures count: the account, or for a name without one a keyed hash
 * of what was typed (it might be a password typed into the wrong field).
 */
static void
throttle_subject(const struct account *a, const char *login, char out[80])
{
	char folded[FORM_VALUE_MAX], mac[65];
	size_t i;

	if (a != NULL) {
		snprintf(out, 80, "account:%lld", a->id);
		return;
	}
	for (i = 0; login[i] != '\0' && i < sizeof(folded) - 1; i++)
		folded[i] = (char)tolower((unsigned char)login[i]);
	folded[i] = '\0';
	crypto_mac_hex(KEY_LOOKUP, folded, i, mac);
	explicit_bzero(folded, sizeof(folded));
	snprintf(out, 80, "login:%s", mac);
}

/* Seconds left of a lock on subject, 0 when none, -1 on error. */
long
login_locked_for(const char *subject)
{
	struct db_result res;
	long left = 0;

	if (db_select(STMT_THROTTLE_LOCKED, &res, "s", subject) != 0)
		return -1;
	if (res.nrows == 1) {
		left = strtol(db_cell(&res, 0, 0), NULL, 10);
		if (left < 1)
			left = 1;	/* under a second left is still locked */
	}
	db_result_free(&res);
	return left;
}

/* Count a failure; 1 when it is the one that locks, 0 otherwise. */
int
login_count_failure(const char *subject)
{
	long max = config_long("Login.max_failures", 5, 1, 100);

	if (db_exec(STMT_THROTTLE_FAIL, "s", subject) < 0)
		return 0;
	return db_exec(STMT_THROTTLE_LOCK, "lsl", (long long)config_long("Login.lock_seconds", 900, 60, 86400),
	    subject, (long long)max) == 1;
}

/* The account a login name means: a mobile number, else a username. 1, 0 or -1. */
static int
find_by_login(const char *login, struct account *a, char *key, size_t keysz)
{
	if (norm_phone(login, key, keysz) == 0 && valid_mobile(key) == VALID_OK)
		return account_by_phone(key, a);
	snprintf(key, keysz, "%s", login);
	return valid_username(login) == VALID_OK ? account_by_username(login, a) : 0;
}

static void
audit_login(struct req *r, const struct account *a, const char *result, const char *how)
{
	audit_write(r, a != NULL ? AUDIT_APPLICANT : AUDIT_ANONYMOUS, a != NULL ? a->id : 0, "login",
	    a != NULL ? a->username : NULL, result, how);
}

static void
rehash_if_old(struct req *r, const struct account *a, const char *password)
{
	char hash[CRYPTO_PASSWORD_HASH_MAX];

	if (!crypto_password_needs_rehash(a->password_hash) || crypto_password_hash(password, hash) != 0)
		return;
	if (db_exec(STMT_ACCOUNT_REHASH, "sls", hash, a->id, a->password_hash) == 1)
		log_info(r->id, "account %lld: password rehashed with the current parameters", a->id);
}

enum login_result
account_login_password(struct req *r, const char *login, const char *password, struct account *out,
    long *locked)
{
	char subject[80], key[FORM_VALUE_MAX];
	int found, throttled;
	const struct account *a;

	*locked = 0;
	if ((throttled = login_address_throttled(r)) != 0) {
		if (throttled > 0)
			audit_login(r, NULL, "throttled", "password");
		return throttled > 0 ? LOGIN_THROTTLED : LOGIN_ERROR;
	}
	if ((found = find_by_login(login, out, key, sizeof(key))) < 0)
		return LOGIN_ERROR;
	a = found ? out : NULL;
	throttle_subject(a, key, subject);
	explicit_bzero(key, sizeof(key));
	if ((*locked = login_locked_for(subject)) != 0) {
		if (*locked < 0)
			return LOGIN_ERROR;
		audit_login(r, a, "locked", "password");
		return LOGIN_LOCKED;
	}
	/* Unknown names are checked against a dummy hash: the same time either way. */
	if (!crypto_password_verify(a != NULL ? a->password_hash : NULL, password)) {
		audit_login(r, a, "failure", "password");
		if (!login_count_failure(subject))
			return LOGIN_FAILED;
		*locked = config_long("Login.lock_seconds", 900, 60, 86400);
		audit_write(r, a != NULL ? AUDIT_APPLICANT : AUDIT_ANONYMOUS, a != NULL ? a->id : 0, "lockout",
		    a != NULL ? a->username : NULL, "locked", "password");
		return LOGIN_LOCKED;
	}
	db_exec(STMT_THROTTLE_CLEAR, "s", subject);
	rehash_if_old(r, out, password);
	audit_login(r, out, "success", "password");
	return LOGIN_OK;
}

enum login_result
account_login_sms(struct req *r, const char *phone, const char *code, struct account *out,
    enum sms_check_result *check)
{
	int throttled, found;

	*check = SMS_CODE_ERROR;
	if ((throttled = login_address_throttled(r)) != 0) {
		if (throttled > 0)
			audit_login(r, NULL, "throttled", "sms");
		return throttled > 0 ? LOGIN_THROTTLED : LOGIN_ERROR;
	}
	if ((found = account_by_phone(phone, out)) < 0)
		return LOGIN_ERROR;
	*check = sms_code_check(phone, SMS_LOGIN, code);
	if (*check == SMS_CODE_ERROR)
		return LOGIN_ERROR;
	if (*check != SMS_CODE_OK || !found) {
		if (*check == SMS_CODE_OK)
			*check = SMS_CODE_WRONG;	/* cannot happen: no code goes to a number without an account */
		audit_login(r, found ? out : NULL, "failure", "sms");
		return LOGIN_FAILED;
	}
	audit_login(r, out, "success", "sms");
	return LOGIN_OK;
}

/* ---------------------------------------------------------------- reset */

static int
reset_in_transaction(struct req *r, const struct account *a, const char *hash, const char *notice)
{
	char subject[80];

	throttle_subject(a, "", subject);
	if (db_exec(STMT_ACCOUNT_SET_PASSWORD, "sl", hash, a->id) != 1 || session_end_all(a->id) != 0 ||
	    db_exec(STMT_THROTTLE_CLEAR, "s", subject) < 0 || outbox_sms(r, a->phone, notice) != 0)
		return -1;
	return 0;
}

int
account_reset_password(struct req *r, const struct account *a, const char *password)
{
	char hash[CRYPTO_PASSWORD_HASH_MAX], notice[512];
	const char *pairs[] = { "site", hdf_get_value(r->hdf, "Site.name", ""),
		"service_phone", hdf_get_value(r->hdf, "Site.service_phone", ""), NULL };

	if (crypto_password_hash(password, hash) != 0 ||
	    text_fill(hdf_get_value(r->hdf, "Lang.sms.password_changed", ""), pairs, notice, sizeof(notice)) != 0)
		return -1;
	if (db_begin() != 0)
		return -1;
	if (reset_in_transaction(r, a, hash, notice) != 0) {
		db_rollback();
		log_error(r->id, "account %lld: password reset failed", a->id);
		return -1;
	}
	if (db_commit() != 0)
		return -1;
	audit_write(r, AUDIT_APPLICANT, a->id, "password_reset", a->username, "success", NULL);
	return 0;
}

void
account_logout(struct req *r)
{
	long long id = session_account_id();

	if (id != 0)
		audit_write(r, AUDIT_APPLICANT, id, "logout", hdf_get_value(r->hdf, "Session.username", NULL),
		    "success", NULL);
	session_end(r);
}

void
account_purge(void)
{
	db_exec(STMT_THROTTLE_PURGE, "");
}
