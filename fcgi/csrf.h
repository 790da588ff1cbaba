/* csrf.h: per-visitor CSRF tokens for every form, checked on every POST */
#ifndef CERTDESK_CSRF_H
#define CERTDESK_CSRF_H

#include "request.h"

/*
 * Make the token for this visitor's forms (Session.csrf in the dataset).
 * It is a keyed hash of the visitor's session token, or, before login, of a
 * random pre-session cookie set here on first sight.
 */
void csrf_prepare(struct req *r, const char *session_token);
/* 1 when the POSTed `csrf` field matches the visitor's token, else 0. */
int csrf_valid(struct req *r, const char *session_token);
/*
 * The session token this listener's CSRF tokens are bound to: the staff
 * session's on the admin listener, the applicant's elsewhere; NULL when
 * nobody is logged in there.
 */
const char *csrf_session_token(const struct req *r);
/* The name of the pre-session cookie (with the __Host- prefix under TLS). */
const char *csrf_cookie_name(const struct req *r);

#endif
