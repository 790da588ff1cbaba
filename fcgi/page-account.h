/* page-account.h: what the account pages share: rendering, answers to an SMS send, the password pair */
#ifndef CERTDESK_PAGE_ACCOUNT_H
#define CERTDESK_PAGE_ACCOUNT_H

#include "form.h"
#include "request.h"
#include "sms.h"
#include "valid.h"

/* The fields the account forms share (names: SPEC §12). Passwords are checked by account_check_passwords. */
#define ACCOUNT_FIELD_PHONE \
	{ "phone", FORM_PHONE, valid_mobile, VALID_FORMAT, 1, "Lang.account.label.phone" }
#define ACCOUNT_FIELD_SMS_CODE \
	{ "sms_code", FORM_CODE, valid_sms_code, VALID_SMS_CODE, 0, "Lang.account.label.sms_code" }
#define ACCOUNT_FIELD_PASSWORD(name, label) \
	{ name, FORM_RAW, valid_required, VALID_PASSWORD_TOO_LONG, 0, label }
#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* A string of the page's language (Lang.*), "" when missing. */
const char *account_lang(const struct req *r, const char *key);
/* Render views/account/<template> with Page.nav and Page.title (a Lang key). Returns status. */
int account_page(struct req *r, int status, const char *nav, const char *title_key, const char *template);
/*
 * action=send_code for the form's (valid) "phone": send a code of purpose
 * and tell the applicant how it went: Page.sms.notice ("验证码已发送至
 * 138****8000…") or a message on "phone"; Page.sms.wait gets the seconds for
 * the button's countdown. For login and reset a number without an account
 * gets the same answer and no SMS. *sent is 1 when a code is on its way
 * (now or from a moment ago). Returns the status: 200, 429 (a limit), 503.
 */
int account_send_code(struct req *r, struct form *f, enum sms_purpose purpose, int *sent);
/*
 * Check the form's "sms_code" for its "phone" and purpose (using the code
 * up when good). Returns 0 when good, else 422 or 503 with a message on
 * "sms_code".
 */
int account_check_code(struct req *r, struct form *f, enum sms_purpose purpose);
/*
 * Check the form's "password" and "password2" (SPEC §2: length, common
 * list, not the username or phone, typed twice alike), adding messages.
 */
void account_check_passwords(struct req *r, struct form *f, const char *username, const char *phone);

#endif
