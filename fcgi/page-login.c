/* page-login.c: 用户登录 (/login: username or mobile + password, or mobile + SMS code) and /logout */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "order-list.h"
#include "page-account.h"
#include "pages.h"
#include "render.h"
#include "session.h"
#include "text.h"
#include "valid.h"

/* No password can be longer than the policy allows: refuse it before hashing it. */
static int
login_password_valid(const char *s)
{
	if (s[0] == '\0')
		return VALID_EMPTY;
	return utf8_length(s) > 128 ? VALID_PASSWORD_TOO_LONG : VALID_OK;
}

static const struct form_field password_fields[] = {
	{ "login", FORM_TEXT, valid_required, VALID_TOO_LONG_64, 1, "Lang.account.label.login" },
	{ "password", FORM_RAW, login_password_valid, VALID_PASSWORD_TOO_LONG, 0, "Lang.account.label.password" },
};

static const struct form_field send_fields[] = { ACCOUNT_FIELD_PHONE };
static const struct form_field sms_fields[] = { ACCOUNT_FIELD_PHONE, ACCOUNT_FIELD_SMS_CODE };

/* Where to go after login: a local ?next= (a login redirect), else 我的订单 when there are orders, else 订单申请. */
static const char *
next_path(const struct req *r, long long account_id)
{
	const char *next = req_value(r, "next");

	if (text_local_path(next))
		return next;
	return order_list_any(account_id) == 1 ? "/orders" : "/projects";
}

static int
login_render(struct req *r, int status, const char *method)
{
	const char *next = req_value(r, "next");

	if (text_local_path(next))
		req_set(r, "Page.next", next);
	req_set(r, "Page.method", method);
	return account_page(r, status, "login", "Lang.account.login.title", "login.cs");
}

static int
logged_in(struct req *r, const struct account *a)
{
	if (session_start(r, a->id, a->username) != 0)
		return render_error(r, 500);
	return render_redirect(r, next_path(r, a->id));
}

/* The lock message with the minutes left, on the login field. */
static void
locked_message(struct req *r, struct form *f, long seconds)
{
	char minutes[24], text[512];
	const char *pairs[] = { "minutes", minutes, NULL };

	snprintf(minutes, sizeof(minutes), "%ld", (seconds + 59) / 60);
	text_fill(account_lang(r, "Lang.account.error.locked"), pairs, text, sizeof(text));
	form_error(r, f, "login", text);
}

static int
login_password(struct req *r)
{
	struct account a;
	struct form f;
	long locked;

	if (form_read(r, &f, password_fields, NFIELDS(password_fields)) > 0)
		return login_render(r, 422, "password");
	switch (account_login_password(r, form_value(&f, "login"), form_value(&f, "password"), &a, &locked)) {
	case LOGIN_OK:
		return logged_in(r, &a);
	case LOGIN_FAILED:
		form_error(r, &f, "password", account_lang(r, "Lang.account.error.bad_login"));
		return login_render(r, 422, "password");
	case LOGIN_LOCKED:
		locked_message(r, &f, locked);
		return login_render(r, 429, "password");
	case LOGIN_THROTTLED:
		form_error(r, &f, "login", account_lang(r, "Lang.account.error.throttled"));
		return login_render(r, 429, "password");
	case LOGIN_ERROR:
		break;
	}
	return render_error(r, 500);
}

static int
login_send_code(struct req *r)
{
	struct form f;
	int sent;

	if (form_read(r, &f, send_fields, NFIELDS(send_fields)) > 0)
		return login_render(r, 422, "sms");
	return login_render(r, account_send_code(r, &f, SMS_LOGIN, &sent), "sms");
}

static int
login_sms(struct req *r)
{
	enum sms_check_result check;
	struct account a;
	struct form f;

	if (form_read(r, &f, sms_fields, NFIELDS(sms_fields)) > 0)
		return login_render(r, 422, "sms");
	switch (account_login_sms(r, form_value(&f, "phone"), form_value(&f, "sms_code"), &a, &check)) {
	case LOGIN_OK:
		return logged_in(r, &a);
	case LOGIN_FAILED:
	case LOGIN_LOCKED:
		form_error(r, &f, "sms_code", sms_check_message(r, check));
		return login_render(r, 422, "sms");
	case LOGIN_THROTTLED:
		form_error(r, &f, "sms_code", account_lang(r, "Lang.account.error.throttled"));
		return login_render(r, 429, "sms");
	case LOGIN_ERROR:
		break;
	}
	return render_error(r, 500);
}

/*
 * GET,POST /login: the password form (login, password) and the SMS form
 * (phone, sms_code, action=send_code|login) on one page. Success rotates the
 * session and goes to ?next=, else to /orders, or to /projects while the
 * applicant has no orders. Answers 200, 303, 422, 429, 500, 503; failures
 * never say whether the account exists.
 */
int
page_login(struct req *r)
{
	const char *action = req_value(r, "action");

	if (strcmp(r->method, "POST") != 0) {
		if (req_value(r, "logged_out") != NULL) {
			req_set(r, "Page.flash.type", "success");
			req_set(r, "Page.flash.text", account_lang(r, "Lang.account.login.logged_out"));
		}
		return login_render(r, 200, "password");
	}
	if (action != NULL && strcmp(action, "send_code") == 0)
		return login_send_code(r);
	if (req_value(r, "phone") != NULL)
		return login_sms(r);
	return login_password(r);
}

/* POST /logout (applicants only): ends the session, 303 to the login page. */
int
page_logout(struct req *r)
{
	account_logout(r);
	return render_redirect(r, "/login?logged_out=1");
}
