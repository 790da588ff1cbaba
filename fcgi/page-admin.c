/* page-admin.c: the staff console's dashboard (/admin) and order queues and search (/admin/orders) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order-staff.h"
#include "order-state.h"
#include "page-admin.h"
#include "pages.h"
#include "render.h"
#include "valid.h"

const char *
admin_lang(const struct req *r, const char *key, const char *def)
{
	char path[128];

	snprintf(path, sizeof(path), "Lang.admin.%s", key);
	return hdf_get_value(r->hdf, path, def);
}

int
admin_page(struct req *r, int status, const char *nav, const char *title_key, const char *template)
{
	char path[96];

	snprintf(path, sizeof(path), "admin/%s", template);
	req_set(r, "Page.nav", nav);
	req_set(r, "Page.title", admin_lang(r, title_key, ""));
	return render_page(r, status, path);
}

/* GET /admin: the dashboard, with the number of orders in each state. 200, 500. */
int
page_admin_home(struct req *r)
{
	if (order_state_counts_hdf(r->hdf, "Page.counts") != 0)
		return render_error(r, 500);
	return admin_page(r, 200, "home", "home.title", "home.cs");
}
