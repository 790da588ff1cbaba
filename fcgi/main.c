/* main.c: certdesk.fcgi, the FastCGI accept loop and the request lifecycle */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#include "config.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "render.h"
#include "route.h"
#include "session.h"
#include "staff.h"
#include "text.h"
#include "valid.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	stopping = 1;
}

/*
 * The lifecycle, each step with its own status: parse (400/413) -> route
 * (404) -> method (405) -> access (404 for a sandbox that is off, login
 * redirect, 403 for a staff member without the route's roles) -> CSRF
 * on POST (403) -> handler (which validates and renders, or redirects with
 * 303). The sessions (applicant, or staff on the admin listener) are
 * loaded first, so that even an error page shows who is logged in; the
 * two pages applicants load most (我的订单 and the order page, GET only:
 * route.session_in_page) read the session in their own statement instead,
 * under the same rules (session.h), and send the login redirect themselves.
 */
static void
handle(struct req *r)
{
	enum route_match found = ROUTE_NOT_FOUND;
	int status, in_page;

	status = req_begin(r, r->fcgx);
	if (status == 0)
		found = route_find(r);
	/* A page that reads the session in its own statement checks it there (session.h). */
	in_page = status == 0 && found == ROUTE_FOUND && r->route->session_in_page &&
	    (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0);
	r->session_in_page = in_page;
	if (in_page)
		session_begin();
	else
		session_load(r);
	staff_load(r);
	if (status != 0) {
		render_error(r, status);
		return;
	}
	switch (found) {
	case ROUTE_NOT_FOUND:
		render_error(r, 404);
		return;
	case ROUTE_BAD_METHOD:
		render_error(r, 405);
		return;
	case ROUTE_FOUND:
		break;
	}
	/* The staff console is reachable only through its own listener, and nothing else is. */
	if ((r->route->access == ACCESS_STAFF) != (r->admin != 0) && strcmp(r->path, "/healthz") != 0) {
		render_error(r, 404);
		return;
	}
	if (r->route->access == ACCESS_SANDBOX && config_long("Sandbox.enabled", 0, 0, 1) != 1) {
		render_error(r, 404);
		return;
	}
	if (r->route->access == ACCESS_APPLICANT && !in_page && session_account_id() == 0) {
		render_login_redirect(r, "/login");
		return;
	}
	if (r->route->access == ACCESS_STAFF && r->route->roles != 0) {
		if (staff_id() == 0) {
			render_login_redirect(r, "/admin/login");
			return;
		}
		if (!staff_has_role(r->route->roles)) {
			log_warn(r->id, "staff %lld: no role for %s %s", staff_id(), r->method, r->path);
			render_error(r, 403);
			return;
		}
	}
	/* Bound to the session when logged in, else to the pre-session cookie. */
	if (strcmp(r->method, "POST") == 0 && !r->route->csrf_exempt && !csrf_valid(r, csrf_session_token(r))) {
		log_warn(r->id, "csrf: missing or wrong token");
		render_error(r, 403);
		return;
	}
	r->route->handler(r);
}

int
main(void)
{
	FCGX_Request fr;
	struct req r;
	struct sigaction sa;

	log_set_program("certdesk.fcgi");
	/* crypto_password_init: the dummy hash for unknown accounts, ready before the first login. */
	if (config_load() != 0 || crypto_init(config_path("Paths.keys", "var/keys")) != 0 ||
	    crypto_password_init() != 0 || render_init_process() != 0)
		return 1;
	/* Fail closed: without the list every common password would pass. */
	if (password_list_load(config_path("Paths.common_passwords", "conf/common-passwords.txt")) != 0) {
		log_error(NULL, "cannot load the common-password list");
		return 1;
	}
	/* No database yet is not fatal: /healthz says so, and the next request reconnects. */
	db_open();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0)
		return 1;
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		r.fcgx = &fr;
		handle(&r);
		req_end(&r);
		FCGX_Finish_r(&fr);
	}
	db_close();
	return 0;
}
