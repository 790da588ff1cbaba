/* page-account.c: what the account pages share: rendering, answers to an SMS send, the password pair */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "page-account.h"
#include "render.h"
#include "text.h"
#include "valid.h"

const char *
account_lang(const struct req *r, const char *key)
{
	return hdf_get_value(r->hdf, key, "");
}

int
account_page(struct req *r, int status, const char *nav, const char *title_key, const char *template)
{
	char path[96];

	snprintf(path, sizeof(path), "account/%s", template);
	req_set(r, "Page.nav", nav);
	req_set(r, "Page.title", account_lang(r, title_key));
	return render_page(r, status, path);
}

static int
sms_answer(struct req *r, struct form *f, const char *field, const char *phone,
    enum sms_send_result result, long wait)
{
	char masked[16], seconds[24], text[256];
	const char *pairs[] = { "phone", masked, "seconds", seconds, NULL };

	mask_middle(phone, 3, 4, masked, sizeof(masked));
	snprintf(seconds, sizeof(seconds), "%ld", wait);
	req_set_int(r, "Page.sms.wait", wait);
	switch (result) {
	case SMS_SENT:
		text_fill(account_lang(r, "Lang.account.sms_sent"), pairs, text, sizeof(text));
		req_set(r, "Page.sms.notice", text);
		return 200;
	case SMS_TOO_SOON:
		text_fill(account_lang(r, "Lang.account.sms_error.too_soon"), pairs, text, sizeof(text));
		form_error(r, f, field, text);
		return 429;
	case SMS_DAILY_CAP:
		form_error(r, f, field, account_lang(r, "Lang.account.sms_error.daily_cap"));
		return 429;
	case SMS_IP_CAP:
		form_error(r, f, field, account_lang(r, "Lang.account.sms_error.ip_cap"));
		return 429;
	case SMS_SEND_ERROR:
		break;
	}
	form_error(r, f, field, account_lang(r, "Lang.account.sms_error.send_failed"));
	return 503;
}

int
account_send_code(struct req *r, struct form *f, enum sms_purpose purpose, int *sent)
{
	enum sms_send_result result = SMS_SEND_ERROR;
	const char *phone = form_value(f, "phone");
	struct account a;
	int deliver = 1;
	long wait = 0;

	if (purpose != SMS_REGISTER)
		deliver = account_by_phone(phone, &a);
	if (deliver >= 0)
		result = sms_code_send(r, phone, purpose, deliver, &wait);
	*sent = result == SMS_SENT || result == SMS_TOO_SOON;
	return sms_answer(r, f, "phone", phone, result, wait);
}

int
account_check_code(struct req *r, struct form *f, enum sms_purpose purpose)
{
	enum sms_check_result check;

	check = sms_code_check(form_value(f, "phone"), purpose, form_value(f, "sms_code"));
	if (check == SMS_CODE_OK)
		return 0;
	form_error(r, f, "sms_code", sms_check_message(r, check));
	return check == SMS_CODE_ERROR ? 503 : 422;
}

void
account_check_passwords(struct req *r, struct form *f, const char *username, const char *phone)
{
	const char *pw = form_value(f, "password"), *pw2 = form_value(f, "password2");
	int code;

	if (!form_has_error(r, "password") && (code = valid_password(pw, username, phone)) != VALID_OK)
		form_error(r, f, "password", valid_strerror(code));
	if (form_has_error(r, "password2"))
		return;
	if (pw2[0] == '\0')
		form_error(r, f, "password2", valid_strerror(VALID_EMPTY));
	else if (strcmp(pw, pw2) != 0)
		form_error(r, f, "password2", account_lang(r, "Lang.account.error.password_mismatch"));
}
