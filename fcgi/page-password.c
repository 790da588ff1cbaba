/* page-password.c: 忘记密码 (/password/forgot): mobile number and SMS code, then the new password twice */
#include <string.h>

#include "account.h"
#include "page-account.h"
#include "pages.h"
#include "render.h"
#include "valid.h"

static const struct form_field send_fields[] = { ACCOUNT_FIELD_PHONE };
static const struct form_field verify_fields[] = { ACCOUNT_FIELD_PHONE, ACCOUNT_FIELD_SMS_CODE };
static const struct form_field reset_fields[] = {
	ACCOUNT_FIELD_PASSWORD("password", "Lang.account.label.new_password"),
	ACCOUNT_FIELD_PASSWORD("password2", "Lang.account.label.new_password2"),
};

/* step: "phone" (number, then code), "code" (a code was sent), "password", "done". */
static int
forgot_render(struct req *r, int status, const char *step)
{
	req_set(r, "Page.step", step);
	return account_page(r, status, "login", "Lang.account.forgot.title", "password-forgot.cs");
}

static int
forgot_send_code(struct req *r)
{
	struct form f;
	int status, sent;

	if (form_read(r, &f, send_fields, NFIELDS(send_fields)) > 0)
		return forgot_render(r, 422, "phone");
	status = account_send_code(r, &f, SMS_RESET, &sent);
	return forgot_render(r, status, sent ? "code" : "phone");
}

static int
forgot_verify(struct req *r)
{
	struct form f;
	int status;

	status = form_read(r, &f, verify_fields, NFIELDS(verify_fields)) > 0 ? 422 :
	    account_check_code(r, &f, SMS_RESET);
	if (status != 0)
		return forgot_render(r, status, "code");
	if (phone_proof_grant(r, form_value(&f, "phone"), SMS_RESET) != 0)
		return render_error(r, 500);
	return render_redirect(r, "/password/forgot");
}

/* The account whose phone this browser proved: 1, 0 (no proof, or no account), -1. */
static int
proven_account(struct req *r, struct account *a)
{
	char phone[12];
	int proven = phone_proof_get(r, SMS_RESET, phone);

	return proven > 0 ? account_by_phone(phone, a) : proven;
}

static int
forgot_reset(struct req *r)
{
	struct account a;
	struct form f;
	int found = proven_account(r, &a);

	if (found < 0)
		return render_error(r, 500);
	if (found == 0) {
		req_set(r, "Page.alert", account_lang(r, "Lang.account.forgot.proof_expired"));
		return forgot_render(r, 422, "phone");
	}
	form_read(r, &f, reset_fields, NFIELDS(reset_fields));
	account_check_passwords(r, &f, a.username, a.phone);
	if (f.errors > 0)
		return forgot_render(r, 422, "password");
	if (account_reset_password(r, &a, form_value(&f, "password")) != 0)
		return render_error(r, 500);
	phone_proof_spend(r);
	return render_redirect(r, "/password/forgot?done=1");
}

/*
 * GET,POST /password/forgot: action=send_code, then verify (a phone proof
 * and 303 back here), then reset with password and password2; a reset ends
 * every session of the account and answers 303 to ?done=1, which says
 * 密码修改成功. Answers 200, 303, 422, 429, 500, 503.
 */
int
page_password_forgot(struct req *r)
{
	const char *action = req_value(r, "action");
	struct account a;
	int found;

	if (strcmp(r->method, "POST") != 0) {
		if (req_value(r, "done") != NULL)
			return forgot_render(r, 200, "done");
		if ((found = proven_account(r, &a)) < 0)
			return render_error(r, 500);
		return forgot_render(r, 200, found ? "password" : "phone");
	}
	if (action != NULL && strcmp(action, "send_code") == 0)
		return forgot_send_code(r);
	if (action != NULL && strcmp(action, "reset") == 0)
		return forgot_reset(r);
	return forgot_verify(r);
}
