/* page-admin-audit.c: the audit log for administrators (SPEC §10): newest first, paged, by action and actor; read-only */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "page-admin.h"
#include "pages.h"
#include "render.h"

#define AUDIT_PAGE 50
#define AUDIT_PAGE_MAX 100000
#define FILTER_MAX 64

/* An action or a username as the log stores them: 1–64 of [A-Za-z0-9_.-]. */
static int
filter_valid(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++)
		if (n >= FILTER_MAX || !((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '_' || s[n] == '.' || s[n] == '-'))
			return 0;
	return 1;
}

/* The list URL with the filters (already of URL-safe characters), for the page links. */
static void
set_url(struct req *r, const char *key, const char *action, const char *actor, long page)
{
	char url[256];

	snprintf(url, sizeof(url), "/admin/audit?action=%s&actor=%s&page=%ld", action, actor, page);
	req_set(r, key, url);
}

/*
 * GET /admin/audit?action=&actor=&page= (admin): AUDIT_PAGE entries a page,
 * the newest first; action is an exact action name, actor a staff username.
 * 200; 422 with a message at the field for a filter that cannot be one (too
 * long, other characters) or a page that is not a number, nothing listed.
 */
int
page_admin_audit(struct req *r)
{
	static const char *const names[] = { "at", "actor_kind", "actor", "ip", "action", "subject", "result", "detail" };
	const char *action = req_value(r, "action"), *actor = req_value(r, "actor"), *raw_page = req_value(r, "page");
	struct db_result res;
	char node[96], *end;
	long page = 1;
	unsigned int i, c;
	int errors = 0;

	if (action == NULL)
		action = "";
	if (actor == NULL)
		actor = "";
	if (!filter_valid(action)) {
		req_set(r, "Page.errors.action", admin_lang(r, "audit.bad_action", ""));
		action = "";
		errors++;
	}
	if (!filter_valid(actor)) {
		req_set(r, "Page.errors.actor", admin_lang(r, "audit.bad_actor", ""));
		actor = "";
		errors++;
	}
	if (raw_page != NULL && raw_page[0] != '\0') {
		errno = 0;
		page = strtol(raw_page, &end, 10);
		if (errno != 0 || *end != '\0' || page < 1 || page > AUDIT_PAGE_MAX) {
			req_set(r, "Page.errors.page", admin_lang(r, "audit.bad_page", ""));
			page = 1;
			errors++;
		}
	}
	req_set(r, "Page.action", action);
	req_set(r, "Page.actor", actor);
	if (errors > 0)
		return admin_page(r, 422, "audit", "audit.title", "audit.cs");
	/* One more than a page: whether there is a next one, without counting the whole log. */
	if (db_select(STMT_AUDIT_LIST, &res, "ssssll", action, action, actor, actor, (long long)AUDIT_PAGE + 1,
	    (long long)(page - 1) * AUDIT_PAGE) != 0)
		return render_error(r, 500);
	for (i = 0; i < res.nrows && i < AUDIT_PAGE; i++)
		for (c = 0; c < sizeof(names) / sizeof(names[0]) && c < res.ncols; c++) {
			snprintf(node, sizeof(node), "Page.entries.%u.%s", i, names[c]);
			req_set(r, node, db_cell(&res, i, c) != NULL ? db_cell(&res, i, c) : "");
		}
	req_set_int(r, "Page.page", page);
	if (page > 1)
		set_url(r, "Page.prev_url", action, actor, page - 1);
	if (res.nrows > AUDIT_PAGE)
		set_url(r, "Page.next_url", action, actor, page + 1);
	db_result_free(&res);
	return admin_page(r, 200, "audit", "audit.title", "audit.cs");
}
