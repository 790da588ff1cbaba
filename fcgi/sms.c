/* sms.c: SMS codes (SPEC §2): limits, hashes, single use, and the phone proofs a good code grants */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "render.h"
#include "sms.h"
#include "text.h"

#define CODE_DIGITS 6

static const char *const purposes[] = {
	[SMS_REGISTER] = "register",
	[SMS_LOGIN] = "login",
	[SMS_RESET] = "reset",
};

static long
max_tries(void)
{
	return config_long("SMS.max_tries", 5, 1, 20);
}

/* Keyed (the key is not in the database), so the 10^6 codes cannot be tried offline. */
static void
code_hash(const char *phone, enum sms_purpose purpose, const char *code, char out[65])
{
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "sms:%s:%s:%s", phone, purposes[purpose], code);

	crypto_mac_hex(KEY_LOOKUP, buf, (size_t)n, out);
	explicit_bzero(buf, sizeof(buf));
}

static long
cell_long(const struct db_result *res, unsigned int row, unsigned int col, long def)
{
	const char *v = db_cell(res, row, col);

	return v != NULL ? strtol(v, NULL, 10) : def;
}

/* The SMS text for purpose from Lang.sms, with the code filled in. */
static int
code_text(struct req *r, enum sms_purpose purpose, const char *code, char *out, size_t outsz)
{
	char key[64], minutes[24];
	const char *pairs[] = { "site", hdf_get_value(r->hdf, "Site.name", ""), "code", code,
		"minutes", minutes, NULL };

	snprintf(minutes, sizeof(minutes), "%ld", config_long("SMS.code_seconds", 300, 60, 3600) / 60);
	snprintf(key, sizeof(key), "Lang.sms.%s", purposes[purpose]);
	return text_fill(hdf_get_value(r->hdf, key, "{code}"), pairs, out, outsz);
}

/* The limits, then the code row and its SMS, in one transaction. */
static enum sms_send_result
send_locked(struct req *r, const char *phone, enum sms_purpose purpose, int deliver, long *wait)
{
	struct db_result res;
	long resend = config_long("SMS.resend_seconds", 60, 1, 3600);
	long since, sent_today;
	char code[CODE_DIGITS + 1], hash[65], text[512];
	int rc;

	if (db_select(STMT_SMS_PHONE_RECENT, &res, "ss", purposes[purpose], phone) != 0)
		return SMS_SEND_ERROR;
	sent_today = cell_long(&res, 0, 0, 0);
	since = cell_long(&res, 0, 1, -1);
	db_result_free(&res);
	if (since >= 0 && since < resend) {
		*wait = resend - since;
		return SMS_TOO_SOON;
	}
	if (sent_today >= config_long("SMS.per_number_per_day", 10, 1, 1000))
		return SMS_DAILY_CAP;
	crypto_random_digits(code, CODE_DIGITS);
	code_hash(phone, purpose, code, hash);
	rc = db_exec(STMT_SMS_INSERT, "ssssl", phone, purposes[purpose], hash, req_remote_addr(r),
	    (long long)config_long("SMS.code_seconds", 300, 60, 3600)) == 1 ? 0 : -1;
	if (rc == 0 && deliver)
		rc = code_text(r, purpose, code, text, sizeof(text)) == 0 ? outbox_sms(r, phone, text) : -1;
	explicit_bzero(code, sizeof(code));
	explicit_bzero(text, sizeof(text));
	*wait = resend;
	return rc == 0 ? SMS_SENT : SMS_SEND_ERROR;
}

enum sms_send_result
sms_code_send(struct req *r, const char *phone, enum sms_purpose purpose, int deliver, long *wait)
{
	struct db_result res;
	enum sms_send_result result;
	long from_ip;

	*wait = 0;
	if (db_select(STMT_SMS_COUNT_IP, &res, "s", req_remote_addr(r)) != 0)
		return SMS_SEND_ERROR;
	from_ip = cell_long(&res, 0, 0, 0);
	db_result_free(&res);
	if (from_ip >= config_long("SMS.per_ip_per_hour", 30, 1, 100000))
		return SMS_IP_CAP;
	if (db_begin() != 0)
		return SMS_SEND_ERROR;
	result = send_locked(r, phone, purpose, deliver, wait);
	if (result == SMS_SENT ? db_commit() != 0 : db_rollback() != 0)
		result = SMS_SEND_ERROR;
	if (result == SMS_SEND_ERROR)
		log_error(r->id, "sms: cannot send a %s code", purposes[purpose]);
	return result;
}

enum sms_check_result
sms_code_check(const char *phone, enum sms_purpose purpose, const char *code)
{
	struct db_result res;
	enum sms_check_result result;
	char want[65], got[65];
	long long id;

	if (db_select(STMT_SMS_LATEST, &res, "ss", phone, purposes[purpose]) != 0)
		return SMS_CODE_ERROR;
	if (res.nrows != 1) {
		db_result_free(&res);
		return SMS_CODE_NONE;
	}
	id = strtoll(db_cell(&res, 0, 0), NULL, 10);
	snprintf(want, sizeof(want), "%s", db_cell(&res, 0, 1));
	if (strcmp(db_cell(&res, 0, 3), "1") == 0)
		result = SMS_CODE_USED;
	else if (strcmp(db_cell(&res, 0, 4), "1") == 0)
		result = SMS_CODE_EXPIRED;
	else if (cell_long(&res, 0, 2, 0) >= max_tries())
		result = SMS_CODE_TOO_MANY;
	else
		result = SMS_CODE_OK;
	db_result_free(&res);
	if (result != SMS_CODE_OK)
		return result;
	/* Reserve the try first: parallel guesses cannot go past the limit. */
	switch (db_exec(STMT_SMS_TRY, "ll", id, (long long)max_tries())) {
	case 1:
		break;
	case 0:
		return SMS_CODE_TOO_MANY;
	default:
		return SMS_CODE_ERROR;
	}
	code_hash(phone, purpose, code, got);
	if (!crypto_str_equal(got, want))
		return SMS_CODE_WRONG;
	/* Single use: of two requests with the same code, one wins. */
	switch (db_exec(STMT_SMS_USE, "l", id)) {
	case 1:
		return SMS_CODE_OK;
	case 0:
		return SMS_CODE_USED;
	default:
		return SMS_CODE_ERROR;
	}
}

const char *
sms_check_message(const struct req *r, enum sms_check_result result)
{
	static const char *const keys[] = {
		[SMS_CODE_OK] = "Lang.account.sms_error.wrong",
		[SMS_CODE_WRONG] = "Lang.account.sms_error.wrong",
		[SMS_CODE_NONE] = "Lang.account.sms_error.none",
		[SMS_CODE_EXPIRED] = "Lang.account.sms_error.expired",
		[SMS_CODE_USED] = "Lang.account.sms_error.used",
		[SMS_CODE_TOO_MANY] = "Lang.account.sms_error.too_many",
		[SMS_CODE_ERROR] = "Lang.account.sms_error.error",
	};

	return hdf_get_value(r->hdf, keys[result], "验证码错误");
}

static const char *
proof_cookie_name(const struct req *r)
{
	return r->https ? "__Host-cd_proof" : "cd_proof";
}

/* Delete the proof the browser's cookie names, if any. 1 when it named one. */
static int
proof_delete(struct req *r)
{
	const char *token = req_cookie(r, proof_cookie_name(r));
	char hash[65];

	if (!crypto_is_token(token))
		return 0;
	crypto_token_hash("proof", token, hash);
	db_exec(STMT_PROOF_DELETE, "s", hash);
	return 1;
}

int
phone_proof_grant(struct req *r, const char *phone, enum sms_purpose purpose)
{
	long seconds = config_long("Session.proof_seconds", 900, 60, 86400);
	char token[65], hash[65];

	proof_delete(r);	/* one proof per browser; the new cookie replaces the old */
	crypto_random_hex(token, 32);
	crypto_token_hash("proof", token, hash);
	if (db_exec(STMT_PROOF_INSERT, "sssl", hash, phone, purposes[purpose], (long long)seconds) != 1) {
		log_error(r->id, "sms: cannot store a phone proof");
		return -1;
	}
	req_set_cookie(r, proof_cookie_name(r), token, seconds);
	return 0;
}

int
phone_proof_get(struct req *r, enum sms_purpose purpose, char phone[12])
{
	const char *token = req_cookie(r, proof_cookie_name(r));
	struct db_result res;
	char hash[65];
	int found;

	phone[0] = '\0';
	if (!crypto_is_token(token))
		return 0;
	crypto_token_hash("proof", token, hash);
	if (db_select(STMT_PROOF_LOAD, &res, "ss", hash, purposes[purpose]) != 0)
		return -1;
	found = res.nrows == 1 && db_cell_len(&res, 0, 0) == 11;
	if (found)
		memcpy(phone, db_cell(&res, 0, 0), 12);
	db_result_free(&res);
	return found;
}

void
phone_proof_spend(struct req *r)
{
	if (proof_delete(r))
		req_set_cookie(r, proof_cookie_name(r), "", 0);
}

void
sms_purge(void)
{
	db_exec(STMT_SMS_PURGE, "");
	db_exec(STMT_PROOF_PURGE, "");
}
