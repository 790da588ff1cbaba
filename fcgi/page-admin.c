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
#include "route.h"
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

int
admin_order_or_respond(struct req *r, struct order *o)
{
	const char *no = route_param(r, "no");
	int rc = no != NULL ? order_get_for_staff(o, no) : 1;

	if (rc == 1)
		return render_error(r, 404);
	if (rc != 0)
		return render_error(r, 500);
	return 0;
}

/* GET /admin: the dashboard, with the number of orders in each state. 200, 500. */
int
page_admin_home(struct req *r)
{
	if (order_state_counts_hdf(r->hdf, "Page.counts") != 0)
		return render_error(r, 500);
	return admin_page(r, 200, "home", "home.title", "home.cs");
}

#define QUERY_MAX_CHARS 64
#define PAGE_MAX 100000

/* The list URL with state and q, URL-escaped, for the pager. */
static void
set_base_url(struct req *r, const char *state, const char *q)
{
	char url[512], *esc = NULL;
	NEOERR *err;
	int n;

	n = snprintf(url, sizeof(url), "/admin/orders?state=%s", state);
	if (q[0] != '\0') {
		err = cgi_url_escape(q, &esc);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return;
		}
		snprintf(url + n, sizeof(url) - (size_t)n, "&q=%s", esc);
		free(esc);
	}
	req_set(r, "Page.base_url", url);
}

/*
 * GET /admin/orders?state=&q=&page=: a queue (state, e.g. manual_review, the
 * oldest first) or a search by order number, organisation name, credit code
 * or agent mobile, ORDER_SEARCH_PAGE a page. 200; 422 with a message at the
 * field for a state that is not one of SPEC §9, a search over 64 characters
 * or a page that is not a number (nothing is listed then).
 */
int
page_admin_orders(struct req *r)
{
	const char *state = req_value(r, "state"), *raw_q = req_value(r, "q"), *raw_page = req_value(r, "page");
	char q[512], code[512], *end;
	long page = 1, total = 0;
	int errors = 0;

	if (state == NULL)
		state = "";
	if (norm_text(raw_q != NULL ? raw_q : "", q, sizeof(q)) != 0 || utf8_length(q) > QUERY_MAX_CHARS) {
		req_set(r, "Page.errors.q", admin_lang(r, "orders.bad_query", ""));
		q[0] = '\0';
		errors++;
	}
	if (state[0] != '\0' && !order_state_valid(state)) {
		req_set(r, "Page.errors.state", admin_lang(r, "orders.bad_state", ""));
		state = "";
		errors++;
	}
	if (raw_page != NULL) {
		errno = 0;
		page = strtol(raw_page, &end, 10);
		if (errno != 0 || *end != '\0' || end == raw_page || page < 1 || page > PAGE_MAX) {
			req_set(r, "Page.errors.page", admin_lang(r, "orders.bad_page", ""));
			page = 1;
			errors++;
		}
	}
	req_set(r, "Page.state", state);
	req_set(r, "Page.q", q);
	set_base_url(r, state, q);
	if (errors > 0)
		return admin_page(r, 422, "orders", "orders.title", "orders.cs");
	/* Numbers match however they were pasted (blanks, full-width, lower case, +86); names by their part. */
	if (norm_phone(q, code, sizeof(code)) != 0)
		code[0] = '\0';
	if (order_search_hdf(r->hdf, "Page.orders", state, q, code, page, &total) != 0)
		return render_error(r, 500);
	req_set_int(r, "Page.page", page);
	req_set_int(r, "Page.total", total);
	req_set_int(r, "Page.pages", (total + ORDER_SEARCH_PAGE - 1) / ORDER_SEARCH_PAGE);
	return admin_page(r, 200, strcmp(state, "manual_review") == 0 ? "review" : "orders", "orders.title",
	    "orders.cs");
}
