/* page-admin-projects.c: projects for administrators (SPEC §10): every project with its prices; retiring one */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "page-admin.h"
#include "pages.h"
#include "project.h"
#include "render.h"
#include "route.h"
#include "staff.h"

/*
 * Page.projects.N.{code, name, active, cert_types.M.{name, fen}, key_types.M.{name, fen}}
 * from the two price lists, both in project code order. 0 or -1.
 */
static int
projects_hdf(struct req *r)
{
	struct db_result res;
	char node[128], last[16] = "";
	unsigned int i, m = 0;
	int n = -1;

	if (db_select(STMT_PROJECT_ADMIN_CERT_TYPES, &res, "") != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		if (n < 0 || strcmp(last, db_cell(&res, i, 0)) != 0) {
			n++;
			m = 0;
			snprintf(last, sizeof(last), "%s", db_cell(&res, i, 0));
			snprintf(node, sizeof(node), "Page.projects.%d.code", n);
			req_set(r, node, db_cell(&res, i, 0));
			snprintf(node, sizeof(node), "Page.projects.%d.name", n);
			req_set(r, node, db_cell(&res, i, 1));
			snprintf(node, sizeof(node), "Page.projects.%d.active", n);
			req_set(r, node, db_cell(&res, i, 2));
		}
		if (db_cell(&res, i, 3)[0] == '\0')
			continue;
		snprintf(node, sizeof(node), "Page.projects.%d.cert_types.%u.name", n, m);
		req_set(r, node, db_cell(&res, i, 3));
		snprintf(node, sizeof(node), "Page.projects.%d.cert_types.%u.fen", n, m++);
		req_set(r, node, db_cell(&res, i, 4));
	}
	db_result_free(&res);
	if (db_select(STMT_PROJECT_ADMIN_KEY_TYPES, &res, "") != 0)
		return -1;
	for (i = 0, n = -1, last[0] = '\0'; i < res.nrows; i++) {
		if (n < 0 || strcmp(last, db_cell(&res, i, 0)) != 0) {
			n++;
			m = 0;
			snprintf(last, sizeof(last), "%s", db_cell(&res, i, 0));
		}
		if (db_cell(&res, i, 1)[0] == '\0')
			continue;
		snprintf(node, sizeof(node), "Page.projects.%d.key_types.%u.name", n, m);
		req_set(r, node, db_cell(&res, i, 1));
		snprintf(node, sizeof(node), "Page.projects.%d.key_types.%u.fen", n, m++);
		req_set(r, node, db_cell(&res, i, 2));
	}
	db_result_free(&res);
	return 0;
}

static int
list_page(struct req *r, int status)
{
	if (projects_hdf(r) != 0)
		return render_error(r, 500);
	return admin_page(r, status, "projects", "projects.title", "projects.cs");
}

/*
 * GET /admin/projects (admin): every project, active or retired, with the
 * prices of its certificate and key types (fen; the import command changes
 * them). 200.
 */
int
page_admin_projects(struct req *r)
{
	const char *done = req_value(r, "done");

	if (done != NULL && (strcmp(done, "retired") == 0 || strcmp(done, "activated") == 0)) {
		req_set(r, "Page.flash.type", "success");
		req_set(r, "Page.flash.text", admin_lang(r, strcmp(done, "retired") == 0 ? "projects.done_retired" :
		    "projects.done_activated", ""));
	}
	return list_page(r, 200);
}

/*
 * POST /admin/projects/{code}/active (admin), active=0 or 1: retire a
 * project (applicants no longer see it; its orders go on) or offer it again.
 * Audited. 303 to the list; 404 no such project; 422 a bad value.
 */
int
page_admin_project_active(struct req *r)
{
	const char *code = route_param(r, "code"), *v = req_value(r, "active");
	struct db_result res;
	long long n;
	int found, active;

	if (code == NULL || strlen(code) > 8)
		return render_error(r, 404);
	if (db_select(STMT_PROJECT_ADMIN_ACTIVE, &res, "s", code) != 0)
		return render_error(r, 500);
	found = res.nrows == 1;
	db_result_free(&res);
	if (!found)
		return render_error(r, 404);
	if (v == NULL || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)) {
		req_set(r, "Page.errors.active", admin_lang(r, "projects.bad_active", ""));
		return list_page(r, 422);
	}
	active = v[0] == '1';
	if ((n = project_set_active(code, active)) < 0)
		return render_error(r, 500);
	staff_audit(r, active ? "project_activate" : "project_retire", code, "success", n == 0 ? "unchanged" : NULL);
	return render_redirect(r, active ? "/admin/projects?done=activated" : "/admin/projects?done=retired");
}
