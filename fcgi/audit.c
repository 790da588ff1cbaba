/* audit.c: the audit log: who did what, from where, with what result (never a secret) */
#include <stdio.h>

#include "audit.h"
#include "db.h"
#include "log.h"
#include "render.h"

static const char *const actor_kinds[] = {
	[AUDIT_ANONYMOUS] = "anonymous",
	[AUDIT_APPLICANT] = "applicant",
	[AUDIT_STAFF] = "staff",
	[AUDIT_SYSTEM] = "system",
};

int
audit_write(const struct req *r, enum audit_actor actor, long long actor_id, const char *action,
    const char *subject, const char *result, const char *detail)
{
	char id[24];
	const char *ip = r != NULL ? req_remote_addr(r) : "";

	snprintf(id, sizeof(id), "%lld", actor_id);
	if (db_exec(STMT_AUDIT_INSERT, "ssssssss", actor_kinds[actor], actor_id > 0 ? id : NULL,
	    ip[0] != '\0' ? ip : NULL, action, subject, result, r != NULL ? r->id : NULL, detail) != 1) {
		log_error(r != NULL ? r->id : NULL, "audit: cannot record %s %s", action, result);
		return -1;
	}
	return 0;
}
