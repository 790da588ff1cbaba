/* page-register.c: 账号注册, screens 1–2 (/register: phone, agreement, SMS code) and 3 (/register/profile) */
#include <string.h>

#include "account.h"
#include "page-account.h"
#include "pages.h"
#include "render.h"
#include "session.h"
#include "text.h"
#include "valid.h"

#define AGREE_FIELD { "agree", FORM_TEXT, NULL, VALID_FORMAT, 1, "Lang.account.label.agree" }

static const struct form_field send_fields[] = { ACCOUNT_FIELD_PHONE, AGREE_FIELD };
static const struct form_field verify_fields[] = { ACCOUNT_FIELD_PHONE, AGREE_FIELD, ACCOUNT_FIELD_SMS_CODE };

static const struct form_field profile_fields[] = {
	{ "username", FORM_TEXT, valid_username, VALID_TOO_LONG_32, 1, "Lang.account.label.username" },
	{ "email", FORM_TEXT, valid_email, VALID_TOO_LONG_254, 1, "Lang.account.label.email" },
	ACCOUNT_FIELD_PASSWORD("password", "Lang.account.label.password"),
	ACCOUNT_FIELD_PASSWORD("password2", "Lang.account.label.password2"),
};

/* Screen 1 (step "phone") or 2 (step "code", after a code was sent). */
static int
register_render(struct req *r, int status, const char *step)
{
	req_set(r, "Page.step", step);
	return account_page(r, status, "register", "Lang.account.register.title", "register.cs");
}

/* A phone already registered gets a message: one account per number (SPEC §2). -1 on error. */
static int
check_phone_free(struct req *r, struct form *f)
{
	struct account a;
	int taken;

	if (form_has_error(r, "phone"))
		return 0;
	taken = account_by_phone(form_value(f, "phone"), &a);
	if (taken > 0)
		form_error(r, f, "phone", account_lang(r, "Lang.account.error.phone_taken"));
	return taken < 0 ? -1 : 0;
}

/* action=send_code: 200 sent, 422 bad input, 429 a limit, 503. */
static int
register_send_code(struct req *r)
{
	struct form f;
	int status, sent;

	form_read(r, &f, send_fields, NFIELDS(send_fields));
	if (strcmp(form_value(&f, "agree"), "1") != 0)
		form_error(r, &f, "agree", account_lang(r, "Lang.account.error.agree"));
	if (check_phone_free(r, &f) != 0)
		return render_error(r, 500);
	if (f.errors > 0)
		return register_render(r, 422, "phone");
	status = account_send_code(r, &f, SMS_REGISTER, &sent);
	return register_render(r, status, sent ? "code" : "phone");
}

/* action=verify: 303 to screen 3 with a phone proof, or 422 with the reason. */
static int
register_verify(struct req *r)
{
	struct form f;
	int status;

	status = form_read(r, &f, verify_fields, NFIELDS(verify_fields)) > 0 ? 422 :
	    account_check_code(r, &f, SMS_REGISTER);
	if (status != 0)
		return register_render(r, status, "code");
	if (check_phone_free(r, &f) != 0)
		return render_error(r, 500);
	if (f.errors > 0)
		return register_render(r, 422, "phone");
	if (phone_proof_grant(r, form_value(&f, "phone"), SMS_REGISTER) != 0)
		return render_error(r, 500);
	return render_redirect(r, "/register/profile");
}

/*
 * GET,POST /register: screen 1 (phone and agreement, 【发送手机验证码】) and
 * screen 2 (the code, 【验证】). Answers 200, 303, 422, 429, 500, 503.
 */
int
page_register(struct req *r)
{
	const char *action = req_value(r, "action");

	if (strcmp(r->method, "POST") != 0)
		return register_render(r, 200, "phone");
	if (action != NULL && strcmp(action, "send_code") == 0)
		return register_send_code(r);
	return register_verify(r);
}

static int
profile_render(struct req *r, int status)
{
	return account_page(r, status, "register", "Lang.account.register.title", "register-profile.cs");
}

/* POST /register/profile: validate everything, create, log in. */
static int
profile_submit(struct req *r, const char *phone)
{
	struct account a;
	struct form f;
	int taken;

	form_read(r, &f, profile_fields, NFIELDS(profile_fields));
	if (!form_has_error(r, "username")) {
		if ((taken = account_by_username(form_value(&f, "username"), &a)) < 0)
			return render_error(r, 500);
		if (taken > 0)
			form_error(r, &f, "username", account_lang(r, "Lang.account.error.username_taken"));
	}
	account_check_passwords(r, &f, form_value(&f, "username"), phone);
	if (f.errors > 0)
		return profile_render(r, 422);
	switch (account_create(r, form_value(&f, "username"), phone, form_value(&f, "email"),
	    form_value(&f, "password"), &a)) {
	case ACCOUNT_CREATED:
		break;
	case ACCOUNT_USERNAME_TAKEN:
		form_error(r, &f, "username", account_lang(r, "Lang.account.error.username_taken"));
		return profile_render(r, 422);
	case ACCOUNT_PHONE_TAKEN:
		/* Registered meanwhile (another tab): this proof is worth nothing now. */
		phone_proof_spend(r);
		req_set(r, "Page.alert", account_lang(r, "Lang.account.error.phone_taken"));
		return profile_render(r, 409);
	case ACCOUNT_CREATE_ERROR:
		return render_error(r, 500);
	}
	phone_proof_spend(r);
	if (session_start(r, a.id, a.username) != 0)
		return render_error(r, 500);
	/* SPEC §2: success lands on 订单申请, which starts by picking a project (/orders/new needs one). */
	return render_redirect(r, "/projects");
}

/*
 * GET,POST /register/profile: screen 3 (username, email, password twice,
 * 【完成】) for the phone proven on screen 2; without a proof, back to
 * /register. Success logs in and goes to 订单申请 (/projects). Answers 200, 303, 409, 422, 500.
 */
int
page_register_profile(struct req *r)
{
	char phone[12], masked[16];
	int proven = phone_proof_get(r, SMS_REGISTER, phone);

	if (proven < 0)
		return render_error(r, 500);
	if (proven == 0)
		return render_redirect(r, "/register");
	mask_middle(phone, 3, 4, masked, sizeof(masked));
	req_set(r, "Page.phone", masked);
	if (strcmp(r->method, "POST") != 0)
		return profile_render(r, 200);
	return profile_submit(r, phone);
}
