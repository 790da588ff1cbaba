/* sms.h: SMS codes (SPEC §2): limits, hashes, single use, and the phone proofs a good code grants */
#ifndef CERTDESK_SMS_H
#define CERTDESK_SMS_H

#include "request.h"

/* What a code is for: a code of one purpose never serves another. */
enum sms_purpose { SMS_REGISTER, SMS_LOGIN, SMS_RESET };

enum sms_send_result {
	SMS_SENT,
	SMS_TOO_SOON,		/* a code of this number and purpose less than SMS.resend_seconds ago */
	SMS_DAILY_CAP,		/* SMS.per_number_per_day codes to this number in 24 hours */
	SMS_IP_CAP,		/* SMS.per_ip_per_hour codes from this client address in an hour */
	SMS_SEND_ERROR,
};

enum sms_check_result {
	SMS_CODE_OK,
	SMS_CODE_WRONG,
	SMS_CODE_NONE,		/* no code of this purpose was sent to this number */
	SMS_CODE_EXPIRED,
	SMS_CODE_USED,
	SMS_CODE_TOO_MANY,	/* SMS.max_tries wrong tries: ask for a new code */
	SMS_CODE_ERROR,
};

/*
 * Send a new code to phone (11 digits, already valid) after checking the
 * limits. Only its keyed hash is stored; the text goes to the outbox,
 * sealed. deliver 0 is for a number without an account (login, reset):
 * the limits, the stored row and the answer are the same, but nothing is
 * sent, so the answer does not tell whether the number has an account.
 * *wait: seconds before the next code may be asked for (SMS_SENT, SMS_TOO_SOON).
 */
enum sms_send_result sms_code_send(struct req *r, const char *phone, enum sms_purpose purpose,
    int deliver, long *wait);
/*
 * Check code (6 digits) against the newest code of phone and purpose. A
 * good code is used up; every try counts against SMS.max_tries.
 */
enum sms_check_result sms_code_check(const char *phone, enum sms_purpose purpose, const char *code);
/* The message (Lang.account.sms_error.*) for a failed check. */
const char *sms_check_message(const struct req *r, enum sms_check_result result);

/*
 * Phone proofs: after a good code, the next screen (registration profile,
 * new password) must know which number was proven, and must not trust the
 * browser for it. The proof lives in phone_proofs; the browser holds a random
 * token in a cookie (__Host-cd_proof under TLS).
 */
int phone_proof_grant(struct req *r, const char *phone, enum sms_purpose purpose);
/* The phone proven by this browser for purpose into phone: 1, or 0 (none, expired), or -1. */
int phone_proof_get(struct req *r, enum sms_purpose purpose, char phone[12]);
/* The proof has served: delete it and its cookie. */
void phone_proof_spend(struct req *r);

/* Worker housekeeping: old codes and expired proofs. */
void sms_purge(void);

#endif
