/* session.h: applicant sessions: random token in a cookie, its keyed hash in MariaDB, idle and absolute expiry */
#ifndef CERTDESK_SESSION_H
#define CERTDESK_SESSION_H

#include "request.h"

struct db_result;

/*
 * The session of the request being handled is process state, like the CGI
 * kit's I/O hooks (render.c): FastCGI workers are single-threaded and
 * handle one request at a time. session_load starts every request afresh.
 */

/* Cookie name: __Host-cd_session under TLS, cd_session otherwise. */
const char *session_cookie_name(const struct req *r);
/*
 * Find the session named by the request's cookie; a missing, expired (idle
 * or absolute) or unknown one leaves the request anonymous and deletes the
 * cookie. Sets Session.username for the page header. Not on the staff listener.
 */
void session_load(struct req *r);
/*
 * The pieces of session_load, for a page that reads the session in its own
 * statement (route.session_in_page: one round trip instead of two). Such a
 * statement selects the session's columns (SESSION_COLUMNS in db.c) with
 * the page's, FROM the session's tables WHERE the session is valid, and
 * gets its first parameters from session_cookie_hash and the two limits.
 *
 * session_begin forgets the previous request's session (main.c, always).
 * session_cookie_hash: the keyed hash of the request's session cookie: 0,
 * or 1 when there is none (a cookie that is not a token is deleted).
 * session_take_row: the session's columns at col of row: 0 logged in; -1
 * when the statement found no such row (expired or ended: deleted on both
 * sides, as session_load does) or it is malformed.
 */
#define SESSION_NCOLS 5	/* the columns of SESSION_COLUMNS */
void session_begin(void);
int session_cookie_hash(struct req *r, char hash[65]);
int session_take_row(struct req *r, const struct db_result *res, unsigned int row, unsigned int col, const char *hash);
long long session_idle_seconds(void);
long long session_absolute_seconds(void);
/* The logged-in account of this request, or 0. */
long long session_account_id(void);
/*
 * accounts.orders_version as this request's session row had it: what a
 * worker keeps about the account's orders holds while it is unchanged.
 * 0, or -1 when no row was read (anonymous, or a session started just now).
 */
int session_orders_version(unsigned long long *version);
/* The raw token of this request's session (binds CSRF tokens), or NULL. */
const char *session_token(void);
/*
 * Log in: end the request's current session, if any, and start a new one
 * with a new token (rotation), set the cookie and the page's CSRF token.
 * 0 or -1.
 */
int session_start(struct req *r, long long account_id, const char *username);
/* Log out: delete the session and the cookie. */
void session_end(struct req *r);
/* Delete every session of an account (password reset). 0 or -1. */
int session_end_all(long long account_id);
/* Worker housekeeping: delete expired sessions. */
void session_purge(void);

#endif
