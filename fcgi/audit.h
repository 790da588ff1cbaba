/* audit.h: the audit log: who did what, from where, with what result (never a secret) */
#ifndef CERTDESK_AUDIT_H
#define CERTDESK_AUDIT_H

#include "request.h"

enum audit_actor { AUDIT_ANONYMOUS, AUDIT_APPLICANT, AUDIT_STAFF, AUDIT_SYSTEM };

/*
 * One audit_log row with the time, the request's client address and id.
 * actor_id 0 stores NULL. subject and detail may be NULL; they must never
 * hold a password, code or token (callers pass names and masked numbers).
 * Returns 0 or -1 (logged).
 */
int audit_write(const struct req *r, enum audit_actor actor, long long actor_id, const char *action,
    const char *subject, const char *result, const char *detail);

#endif
