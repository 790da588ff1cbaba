/* session.h: applicant sessions: random token in a cookie, its keyed hash in MariaDB, idle and absolute expiry */
#ifndef CERTDESK_SESSION_H
#define CERTDESK_SESSION_H

#include "request.h"

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
