/* account.h: applicant accounts (SPEC §2): registration, password and SMS login with throttling, password reset */
#ifndef CERTDESK_ACCOUNT_H
#define CERTDESK_ACCOUNT_H

#include "crypto.h"
#include "request.h"
#include "sms.h"

struct account {
	long long id;
	char username[33];
	char phone[12];
	char email[255];
	char password_hash[CRYPTO_PASSWORD_HASH_MAX];
};

/* Look-ups: 1 found (a filled), 0 none, -1 database error. Usernames ignore case. */
int account_by_phone(const char *phone, struct account *a);
int account_by_username(const char *username, struct account *a);

enum account_create_result {
	ACCOUNT_CREATED,
	ACCOUNT_USERNAME_TAKEN,
	ACCOUNT_PHONE_TAKEN,
	ACCOUNT_CREATE_ERROR,
};

/*
 * Register: hash the password, store the account (values already
 * validated), audit. A race lost on the username or phone is reported as
 * taken. out is filled on ACCOUNT_CREATED.
 */
enum account_create_result account_create(struct req *r, const char *username, const char *phone,
    const char *email, const char *password, struct account *out);

enum login_result {
	LOGIN_OK,
	LOGIN_FAILED,		/* 用户名或密码错误, or a bad SMS code: never says which part */
	LOGIN_LOCKED,		/* Login.max_failures in a row: password login locked for Login.lock_seconds */
	LOGIN_THROTTLED,	/* Login.ip_max_failures from this address in Login.ip_window_seconds */
	LOGIN_ERROR,
};

/*
 * Password login with a username or a mobile number. Throttles come first
 * (address, then account lock), so a refused attempt costs no hash; an
 * unknown name is hashed against a dummy and locks like a real one, so
 * neither the answer nor its timing tells whether the account exists.
 * Rehashes a password hashed with old parameters. Audits every outcome.
 * *locked_for: seconds left of a lock (LOGIN_LOCKED).
 */
enum login_result account_login_password(struct req *r, const char *login, const char *password,
    struct account *out, long *locked_for);
/* SMS login: the address throttle, then the code (its result in *check). Audits. */
enum login_result account_login_sms(struct req *r, const char *phone, const char *code,
    struct account *out, enum sms_check_result *check);
/*
 * Set a new password after a proven phone: ends every session of the
 * account, lifts a lock, queues an SMS notice, audits. 0 or -1.
 */
int account_reset_password(struct req *r, const struct account *a, const char *password);
/*
 * The throttles, shared with staff logins (staff.c), on a subject such as
 * "account:<id>": login_address_throttled is 1 when this client address
 * failed too often lately (0, -1 error); login_locked_for gives the seconds
 * left of a lock (0 none, -1 error); login_count_failure counts a failure
 * and is 1 when it is the one that locks.
 */
int login_address_throttled(struct req *r);
long login_locked_for(const char *subject);
int login_count_failure(const char *subject);
/* Log out the request's session, audited. */
void account_logout(struct req *r);
/* Worker housekeeping: old throttle rows. */
void account_purge(void);

#endif
