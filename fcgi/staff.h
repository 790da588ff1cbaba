/* staff.h: staff accounts, roles and sessions of the staff console (SPEC §10), kept apart from applicants */
#ifndef CERTDESK_STAFF_H
#define CERTDESK_STAFF_H

#include <stddef.h>

#include "account.h"
#include "crypto.h"
#include "request.h"

/*
 * Roles as bits, in the order of the staff.roles SET column (its numeric
 * value is this mask). A route of the staff console names the roles that
 * may call it (struct route.roles); a member needs one of them.
 */
enum staff_role {
	ROLE_REVIEWER = 1,	/* 审核员: manual review */
	ROLE_OPERATOR = 2,	/* 制作员: production and shipping */
	ROLE_FINANCE = 4,	/* 财务: payments, transfers, invoices */
	ROLE_ADMIN = 8,		/* administrator: projects, staff, audit */
};
#define ROLE_ANY (ROLE_REVIEWER | ROLE_OPERATOR | ROLE_FINANCE | ROLE_ADMIN)

struct staff {
	long long id;
	char username[33];
	unsigned int roles;
	int active;
	char password_hash[CRYPTO_PASSWORD_HASH_MAX];
};

/* "reviewer,finance" -> the mask; 0 when empty or any name is unknown. */
unsigned int staff_roles_parse(const char *names);
/* The mask as "reviewer,finance" into out ("" for 0). */
void staff_roles_format(unsigned int roles, char *out, size_t outsz);

/* Look-up by username (case ignored): 1 found, 0 none, -1 database error. */
int staff_by_username(const char *username, struct staff *s);

enum staff_create_result { STAFF_CREATED, STAFF_EXISTS, STAFF_BAD_USERNAME, STAFF_BAD_ROLE,
	STAFF_BAD_PASSWORD, STAFF_CREATE_ERROR };
/*
 * A new active staff member (certdesk-admin staff add): username as for
 * applicants, roles a non-empty mask, password by the applicants' policy.
 * *why gets the password problem (enum valid_error) for STAFF_BAD_PASSWORD.
 * Audited as a system action.
 */
enum staff_create_result staff_create(const char *username, unsigned int roles, const char *password, int *why);

/*
 * The staff session of the request (process state, like session.c's: one
 * request at a time per FastCGI worker). Only the admin listener loads one;
 * elsewhere the request has no staff member, whatever its cookies say.
 * Idle timeout Session.staff_idle_seconds (15 min), absolute
 * Session.staff_absolute_seconds. Sets Staff.username and Staff.role.<name>
 * for the templates.
 */
void staff_load(struct req *r);
/* The logged-in staff member of this request, or 0. */
long long staff_id(void);
/* 1 when the logged-in staff member has at least one of the roles in mask. */
int staff_has_role(unsigned int mask);
const char *staff_username(void);
/* The raw token of the staff session (binds CSRF tokens on the admin listener), or NULL. */
const char *staff_token(void);
/* Cookie name: __Host-cd_staff under TLS, cd_staff otherwise. */
const char *staff_cookie_name(const struct req *r);

/*
 * Password login at /admin/login with the applicants' throttles (address,
 * then a lock after Login.max_failures); unknown names cost a dummy hash and
 * lock like real ones. An inactive member fails like a wrong password.
 * Every outcome is audited. *locked_for: seconds left of a lock.
 */
enum login_result staff_login(struct req *r, const char *username, const char *password, struct staff *out,
    long *locked_for);
/* Start a new staff session (new token), set the cookie and the page's CSRF token. 0 or -1. */
int staff_session_start(struct req *r, const struct staff *s);
/* Log out: audited, the session and its cookie deleted. */
void staff_logout(struct req *r);
/* Worker housekeeping: expired staff sessions. */
void staff_purge(void);

/* An audit row for the logged-in staff member (every staff action writes one). 0 or -1. */
int staff_audit(const struct req *r, const char *action, const char *subject, const char *result,
    const char *detail);

#endif
