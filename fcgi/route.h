/* route.h: the one table of routes: method, path pattern, handler, who may call it */
#ifndef CERTDESK_ROUTE_H
#define CERTDESK_ROUTE_H

#include "request.h"

enum method { M_GET = 1, M_POST = 2, M_HEAD = 4 };

enum access {
	ACCESS_ANYONE,		/* anonymous or logged in */
	ACCESS_SANDBOX,		/* anyone, and only when Sandbox.enabled = 1 */
	ACCESS_APPLICANT,	/* a logged-in applicant */
	ACCESS_STAFF,		/* staff console listener, a logged-in staff member */
};

/* A handler answers the request itself and returns the HTTP status it sent. */
typedef int (*handler_fn)(struct req *r);

struct route {
	unsigned int methods;	/* enum method bits */
	const char *pattern;	/* "/orders/{no}/edit": {name} matches one path segment */
	handler_fn handler;
	enum access access;
	int csrf_exempt;	/* 1 only where a signature replaces the CSRF token */
	/*
	 * ACCESS_STAFF only: the staff roles (enum staff_role bits, staff.h)
	 * that may call it; a member with none of them gets 403, nobody logged
	 * in goes to /admin/login. 0 for the staff console's own login page.
	 */
	unsigned int roles;
	/*
	 * ACCESS_APPLICANT GET pages only: the handler reads the session in its
	 * own statement (session.h) and sends the login redirect itself, so the
	 * page costs one round trip fewer. 0 everywhere else.
	 */
	int session_in_page;
};

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Find the route for r->method and r->path, filling r->route and r->params. */
enum route_match route_find(struct req *r);
/* The value of a {name} path parameter of the matched route, or NULL. */
const char *route_param(const struct req *r, const char *name);

#endif
