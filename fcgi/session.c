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

static long
idle_seconds(void)
{
	return config_long("Session.idle_seconds", 1800, 60, 86400);
}

static long
absolute_seconds(void)
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
session_load(struct req *r)
{
	struct db_result res;
	const char *token;
	char hash[65], *end;
	long long id;
	long idle;

	memset(&current, 0, sizeof(current));
	catalogue_expect(0);
	if (r->admin)
		return;
	token = req_cookie(r, session_cookie_name(r));
	if (token == NULL)
		return;
	if (!crypto_is_token(token)) {
		req_set_cookie(r, session_cookie_name(r), "", 0);
		return;
	}
	token_hash(token, hash);
	if (db_select(STMT_SESSION_LOAD, &res, "sll", hash, (long long)idle_seconds(),
	    (long long)absolute_seconds()) != 0)
		return;	/* the database is down: anonymous for now, the cookie stays */
	if (res.nrows != 1) {
		db_result_free(&res);
		/* Expired or ended: forget it on both sides. */
		db_exec(STMT_SESSION_DELETE, "s", hash);
		req_set_cookie(r, session_cookie_name(r), "", 0);
		return;
	}
	id = strtoll(db_cell(&res, 0, 0), &end, 10);
	idle = strtol(db_cell(&res, 0, 2) != NULL ? db_cell(&res, 0, 2) : "0", NULL, 10);
	if (id > 0 && *end == '\0') {
		current.account_id = id;
		current.versions_read = 1;
		current.orders_version = strtoull(db_cell(&res, 0, 3) != NULL ? db_cell(&res, 0, 3) : "0", NULL, 10);
		catalogue_expect(strtoull(db_cell(&res, 0, 4) != NULL ? db_cell(&res, 0, 4) : "0", NULL, 10));
		memcpy(current.token, token, 65);
		req_set(r, "Session.username", db_cell(&res, 0, 1));
		if (idle >= TOUCH_SECONDS)
			db_exec(STMT_SESSION_TOUCH, "s", hash);
	}
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
	db_exec(STMT_SESSION_PURGE, "ll", (long long)idle_seconds(), (long long)absolute_seconds());
}
