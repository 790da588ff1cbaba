/* session.c: applicant sessions: random token in a cookie, its keyed hash in MariaDB, idle and absolute expiry */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "config.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "render.h"
#include "session.h"

/* last_seen_at is written at most this often: not one UPDATE per page view. */
#define TOUCH_SECONDS 30

static struct {
	long long account_id;
	unsigned long long orders_version;
	int versions_read;	/* orders_version came from the session's row in this request */
	char token[65];
} current;

long long
session_idle_seconds(void)
{
	return config_long("Session.idle_seconds", 1800, 60, 86400);
}

long long
session_absolute_seconds(void)
{
	return config_long("Session.absolute_seconds", 43200, 300, 30L * 86400);
}

/* What the database keeps: a keyed BLAKE2b of the token, never the token. */
static void
token_hash(const char *token, char out[65])
{
	crypto_token_hash("session", token, out);
}

const char *
session_cookie_name(const struct req *r)
{
	return r->https ? "__Host-cd_session" : "cd_session";
}

long long
session_account_id(void)
{
	return current.account_id;
}

int
session_orders_version(unsigned long long *version)
{
	*version = current.orders_version;
	return current.versions_read ? 0 : -1;
}

const char *
session_token(void)
{
	return current.account_id != 0 ? current.token : NULL;
}

void
session_begin(void)
{
	memset(&current, 0, sizeof(current));
	catalogue_expect(0);
}

int
session_cookie_hash(struct req *r, char hash[65])
{
	const char *token;

	if (r->admin || (token = req_cookie(r, session_cookie_name(r))) == NULL)
		return 1;
	if (!crypto_is_token(token)) {
		req_set_cookie(r, session_cookie_name(r), "", 0);
		return 1;
	}
	token_hash(token, hash);
	return 0;
}

int
session_take_row(struct req *r, const struct db_result *res, unsigned int row, unsigned int col, const char *hash)
{
	const char *token = req_cookie(r, session_cookie_name(r));
	const char *v;
	char *end;
	long long id;
	long idle;

	if (res->nrows <= row) {
		/* Expired or ended: forget it on both sides. */
		db_exec(STMT_SESSION_DELETE, "s", hash);
		req_set_cookie(r, session_cookie_name(r), "", 0);
		return -1;
	}
	id = strtoll(db_cell(res, row, col) != NULL ? db_cell(res, row, col) : "", &end, 10);
	if (id <= 0 || *end != '\0' || token == NULL)
		return -1;
	idle = strtol((v = db_cell(res, row, col + 2)) != NULL ? v : "0", NULL, 10);
	current.account_id = id;
	current.versions_read = 1;
	current.orders_version = strtoull((v = db_cell(res, row, col + 3)) != NULL ? v : "0", NULL, 10);
	catalogue_expect(strtoull((v = db_cell(res, row, col + 4)) != NULL ? v : "0", NULL, 10));
	memcpy(current.token, token, 65);
	req_set(r, "Session.username", db_cell(res, row, col + 1));
	if (idle >= TOUCH_SECONDS)
		db_exec(STMT_SESSION_TOUCH, "s", hash);
	return 0;
}

void
session_load(struct req *r)
{
	struct db_result res;
	char hash[65];

	session_begin();
	if (session_cookie_hash(r, hash) != 0)
		return;
	if (db_select(STMT_SESSION_LOAD, &res, "sll", hash, session_idle_seconds(),
	    session_absolute_seconds()) != 0)
		return;	/* the database is down: anonymous for now, the cookie stays */
	session_take_row(r, &res, 0, 0, hash);
	db_result_free(&res);
}

int
session_start(struct req *r, long long account_id, const char *username)
{
	char token[65], hash[65];
	const char *ip = req_remote_addr(r);

	if (current.account_id != 0) {
		token_hash(current.token, hash);
		db_exec(STMT_SESSION_DELETE, "s", hash);
	}
	memset(&current, 0, sizeof(current));
	crypto_random_hex(token, 32);
	token_hash(token, hash);
	if (db_exec(STMT_SESSION_INSERT, "sls", hash, account_id, ip[0] != '\0' ? ip : NULL) != 1) {
		log_error(r->id, "session: cannot store a new session");
		return -1;
	}
	db_exec(STMT_ACCOUNT_LOGGED_IN, "l", account_id);
	current.account_id = account_id;
	memcpy(current.token, token, sizeof(token));
	req_set_cookie(r, session_cookie_name(r), token, -1);
	req_set(r, "Session.username", username);
	csrf_prepare(r, current.token);
	return 0;
}

void
session_end(struct req *r)
{
	char hash[65];

	if (current.account_id != 0) {
		token_hash(current.token, hash);
		db_exec(STMT_SESSION_DELETE, "s", hash);
	}
	memset(&current, 0, sizeof(current));
	req_set_cookie(r, session_cookie_name(r), "", 0);
	hdf_remove_tree(r->hdf, "Session.username");
	r->csrf[0] = '\0';
}

int
session_end_all(long long account_id)
{
	if (db_exec(STMT_SESSION_DELETE_ACCOUNT, "l", account_id) < 0)
		return -1;
	if (current.account_id == account_id)
		memset(&current, 0, sizeof(current));
	return 0;
}

void
session_purge(void)
{
	db_exec(STMT_SESSION_PURGE, "ll", session_idle_seconds(), session_absolute_seconds());
}
