/* page-admin-staff.c: staff accounts for administrators (SPEC §10): the list, adding a member, (de)activating one */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "page-admin.h"
#include "pages.h"
#include "render.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

static const char *const role_names[] = { "reviewer", "operator", "finance", "admin" };
#define NROLES (sizeof(role_names) / sizeof(role_names[0]))

static void
field_error(struct req *r, const char *field, const char *text)
{
	char path[64];

	snprintf(path, sizeof(path), "Page.errors.%s", field);
	req_set(r, path, text);
}

/* The list of staff (Page.staff.N.{username, active, created_at, last_login_at, role.<name>}) and the page. */
static int
list_page(struct req *r, int status)
{
	struct db_result res;
	char node[96];
	unsigned int i, k, roles;

	if (db_select(STMT_STAFF_LIST, &res, "") != 0)
		return render_error(r, 500);
	for (i = 0; i < res.nrows; i++) {
		snprintf(node, sizeof(node), "Page.staff.%u.username", i);
		req_set(r, node, db_cell(&res, i, 1));
		snprintf(node, sizeof(node), "Page.staff.%u.active", i);
		req_set(r, node, db_cell(&res, i, 3));
		snprintf(node, sizeof(node), "Page.staff.%u.created_at", i);
		req_set(r, node, db_cell(&res, i, 4));
		snprintf(node, sizeof(node), "Page.staff.%u.last_login_at", i);
		req_set(r, node, db_cell(&res, i, 5));
		snprintf(node, sizeof(node), "Page.staff.%u.self", i);
		req_set_int(r, node, strtoll(db_cell(&res, i, 0), NULL, 10) == staff_id());
		roles = (unsigned int)strtoul(db_cell(&res, i, 2), NULL, 10);
		for (k = 0; k < NROLES; k++)
			if (roles & (1u << k)) {
				snprintf(node, sizeof(node), "Page.staff.%u.role.%s", i, role_names[k]);
				req_set(r, node, "1");
			}
	}
	db_result_free(&res);
	return admin_page(r, status, "staff", "staff.title", "staff.cs");
}

/* The roles ticked (repeated "roles" fields, or one comma-separated): the mask, 0 for none, -1 for an unknown name. */
static long
form_roles(struct req *r)
{
	HDF *node = hdf_get_obj(r->hdf, "Query.roles"), *c;
	const char *v;
	unsigned int mask = 0, one;
	int n = 0;

	if (node == NULL)
		return 0;
	for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c), n++) {
		v = hdf_obj_value(c);
		if (v == NULL || v[0] == '\0')
			continue;
		if ((one = staff_roles_parse(v)) == 0)
			return -1;
		mask |= one;
	}
	if (n == 0 && (v = hdf_obj_value(node)) != NULL && v[0] != '\0') {
		if ((mask = staff_roles_parse(v)) == 0)
			return -1;
	}
	return mask;
}

/*
 * GET /admin/staff (admin): every staff member with roles and whether
 * active, and the form to add one. POST /admin/staff: add one (username,
 * roles, password twice); audited; 303 back to the list; 422 with a message
 * at each bad field and nothing added.
 */
int
page_admin_staff(struct req *r)
{
	const char *username = req_value(r, "username"), *password = req_value(r, "password"),
	    *password2 = req_value(r, "password2"), *done = req_value(r, "done");
	char names[64], key[64];
	long roles;
	int why, errors = 0, k;

	if (strcmp(r->method, "POST") != 0) {
		if (done != NULL && (strcmp(done, "added") == 0 || strcmp(done, "activated") == 0 ||
		    strcmp(done, "deactivated") == 0)) {
			snprintf(key, sizeof(key), "staff.done_%s", done);
			req_set(r, "Page.flash.type", "success");
			req_set(r, "Page.flash.text", admin_lang(r, key, ""));
		}
		return list_page(r, 200);
	}
	if (username == NULL)
		username = "";
	if (password == NULL)
		password = "";
	if (password2 == NULL)
		password2 = "";
	req_set(r, "Page.form.username", username);
	roles = form_roles(r);
	for (k = 0; k < (int)NROLES; k++)
		if (roles > 0 && (roles & (1L << k))) {
			snprintf(key, sizeof(key), "Page.form.role.%s", role_names[k]);
			req_set(r, key, "1");
		}
	if (username[0] == '\0' || (why = valid_username(username)) != VALID_OK) {
		field_error(r, "username", username[0] == '\0' ? valid_strerror(VALID_EMPTY) :
		    admin_lang(r, "staff.bad_username", ""));
		errors++;
	}
	if (roles <= 0) {
		field_error(r, "roles", admin_lang(r, roles < 0 ? "staff.bad_role" : "staff.no_role", ""));
		errors++;
	}
	if (password[0] == '\0') {
		field_error(r, "password", valid_strerror(VALID_EMPTY));
		errors++;
	} else if (errors == 0 && (why = valid_password(password, username, NULL)) != VALID_OK) {
		field_error(r, "password", valid_strerror(why));
		errors++;
	} else if (strcmp(password, password2) != 0) {
		field_error(r, "password2", admin_lang(r, "staff.password_mismatch", ""));
		errors++;
	}
	if (errors > 0)
		return list_page(r, 422);
	switch (staff_create(username, (unsigned int)roles, password, &why)) {
	case STAFF_CREATED:
		break;
	case STAFF_EXISTS:
		field_error(r, "username", admin_lang(r, "staff.exists", ""));
		return list_page(r, 422);
	case STAFF_BAD_USERNAME:
		field_error(r, "username", admin_lang(r, "staff.bad_username", ""));
		return list_page(r, 422);
	case STAFF_BAD_ROLE:
		field_error(r, "roles", admin_lang(r, "staff.bad_role", ""));
		return list_page(r, 422);
	case STAFF_BAD_PASSWORD:
		field_error(r, "password", valid_strerror(why));
		return list_page(r, 422);
	default:
		return render_error(r, 500);
	}
	staff_roles_format((unsigned int)roles, names, sizeof(names));
	staff_audit(r, "staff_add", username, "success", names);
	return render_redirect(r, "/admin/staff?done=added");
}

/*
 * POST /admin/staff/{username}/active (admin), active=0 or 1: deactivate
 * (their sessions end) or reactivate a member. Audited. 303 to the list;
 * 404 no such member; 422 a bad value or an administrator deactivating
 * themselves, nothing changed.
 */
int
page_admin_staff_active(struct req *r)
{
	const char *name = route_param(r, "username"), *v = req_value(r, "active");
	struct staff s;
	int found, active;
	long long n;

	if (name == NULL || (found = staff_by_username(name, &s)) == 0)
		return render_error(r, 404);
	if (found < 0)
		return render_error(r, 500);
	if (v == NULL || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)) {
		field_error(r, "active", admin_lang(r, "staff.bad_active", ""));
		return list_page(r, 422);
	}
	active = v[0] == '1';
	if (!active && s.id == staff_id()) {
		field_error(r, "active", admin_lang(r, "staff.not_self", ""));
		staff_audit(r, "staff_deactivate", s.username, "refused", "self");
		return list_page(r, 422);
	}
	if ((n = db_exec(STMT_STAFF_SET_ACTIVE, "lll", (long long)active, s.id, (long long)active)) < 0)
		return render_error(r, 500);
	if (!active && db_exec(STMT_STAFF_SESSIONS_DROP, "l", s.id) < 0)
		return render_error(r, 500);
	staff_audit(r, active ? "staff_activate" : "staff_deactivate", s.username, "success",
	    n == 0 ? "unchanged" : NULL);
	return render_redirect(r, active ? "/admin/staff?done=activated" : "/admin/staff?done=deactivated");
}
