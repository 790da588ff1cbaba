/* page-admin-login.c: the staff console's login (/admin/login) and logout, on the admin listener only */
#include <stdio.h>
#include <string.h>

#include "form.h"
#include "page-admin.h"
#include "pages.h"
#include "render.h"
#include "staff.h"
#include "text.h"
#include "valid.h"

static const struct form_field login_fields[] = {
	{ "username", FORM_TEXT, valid_required, VALID_TOO_LONG_32, 1, "Lang.admin.label.username" },
	{ "password", FORM_RAW, valid_required, VALID_PASSWORD_TOO_LONG, 0, "Lang.admin.label.password" },
};

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* Where to go after login: a console page named by ?next= (a login redirect), else the dashboard. */
static const char *
next_path(const struct req *r)
{
	const char *next = req_value(r, "next");

	return text_local_path(next) && strncmp(next, "/admin", 6) == 0 && strncmp(next, "/admin/log", 10) != 0 ?
	    next : "/admin";
}

static int
login_render(struct req *r, int status)
{
	const char *next = req_value(r, "next");

	if (text_local_path(next))
		req_set(r, "Page.next", next);
	return admin_page(r, status, "login", "login.title", "login.cs");
}

static void
locked_message(struct req *r, struct form *f, long seconds)
{
	char minutes[24], text[512];
	const char *pairs[] = { "minutes", minutes, NULL };

	snprintf(minutes, sizeof(minutes), "%ld", (seconds + 59) / 60);
	text_fill(admin_lang(r, "login.locked", ""), pairs, text, sizeof(text));
	form_error(r, f, "username", text);
}

/*
 * GET,POST /admin/login (username, password): staff login with the
 * applicants' throttles. Success starts a new staff session and goes to
 * ?next= (a console page) or /admin. Answers 200, 303, 422, 429, 500; a
 * failure never says whether the name exists.
 */
int
page_admin_login(struct req *r)
{
	struct staff s;
	struct form f;
	long locked;

	if (strcmp(r->method, "POST") != 0) {
		if (staff_id() != 0)
			return render_redirect(r, next_path(r));
		if (req_value(r, "logged_out") != NULL) {
			req_set(r, "Page.flash.type", "success");
			req_set(r, "Page.flash.text", admin_lang(r, "login.logged_out", ""));
		}
		return login_render(r, 200);
	}
	if (form_read(r, &f, login_fields, NFIELDS(login_fields)) > 0)
		return login_render(r, 422);
	switch (staff_login(r, form_value(&f, "username"), form_value(&f, "password"), &s, &locked)) {
	case LOGIN_OK:
		if (staff_session_start(r, &s) != 0)
			return render_error(r, 500);
		return render_redirect(r, next_path(r));
	case LOGIN_FAILED:
		form_error(r, &f, "password", admin_lang(r, "login.failed", ""));
		return login_render(r, 422);
	case LOGIN_LOCKED:
		locked_message(r, &f, locked);
		return login_render(r, 429);
	case LOGIN_THROTTLED:
		form_error(r, &f, "username", admin_lang(r, "login.throttled", ""));
		return login_render(r, 429);
	case LOGIN_ERROR:
		break;
	}
	return render_error(r, 500);
}

/* POST /admin/logout: ends the staff session (audited), 303 to the login page. */
int
page_admin_logout(struct req *r)
{
	staff_logout(r);
	return render_redirect(r, "/admin/login?logged_out=1");
}
