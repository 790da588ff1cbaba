/* page-orders.c: 我的订单 (SPEC §9): the filtered list, an order's detail and timeline, cancel, address change */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalogue.h"
#include "config.h"
#include "fulfil.h"
#include "order-list.h"
#include "order-state.h"
#include "page-order.h"
#include "pages.h"
#include "payment.h"
#include "render.h"
#include "session.h"
#include "text.h"

/* The 近一年 | 近两年 | 近三年 | 所有订单 choices (SPEC §12 period). */
static const struct {
	const char *value;
	int years;
} periods[] = { { "1y", 1 }, { "2y", 2 }, { "3y", 3 }, { "all", 0 } };

#define PAGE_MAX 1000000000L

/* A string of Lang.orders.<name>, or "". */
static const char *
orders_text(const struct req *r, const char *name)
{
	char key[128];

	snprintf(key, sizeof(key), "Lang.orders.%s", name);
	return hdf_get_value(r->hdf, key, "");
}

/* A form or query value, "" when absent. */
static const char *
value(const struct req *r, const char *name)
{
	const char *v = req_value(r, name);

	return v != NULL ? v : "";
}

/* A decimal number of digits only (no sign, no blanks) within [min, max]; -1 for anything else. */
static long
number(const char *s, long min, long max)
{
	char *end;
	long v;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno != 0 || *end != '\0' || v < min || v > max ? -1 : v;
}

static void
flash(struct req *r, const char *type, const char *text)
{
	req_set(r, "Page.flash.type", type);
	req_set(r, "Page.flash.text", text);
}

/* The filter values that apply, as the query string has them ("" for any). */
struct filter_text {
	const char *period, *project, *status, *type;
};

/*
 * The filters of the query string into f, *page and t; a value that is not
 * one of the choices counts as bad and falls back to "any". project_id is
 * the id of the project the query names (0: none such). Writes nothing to
 * the dataset. Returns the number of bad values.
 */
static int
parse_filters(struct req *r, long long project_id, struct order_filter *f, long *page, struct filter_text *t)
{
	size_t i;
	int bad = 0;

	t->period = value(r, "period");
	t->project = value(r, "project");
	t->status = value(r, "status");
	t->type = value(r, "type");
	memset(f, 0, sizeof(*f));
	for (i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
		if (strcmp(t->period, periods[i].value) == 0)
			break;
	if (i == sizeof(periods) / sizeof(periods[0])) {
		bad += t->period[0] != '\0';
		i--;	/* all */
	}
	f->years = periods[i].years;
	t->period = periods[i].value;
	f->project_id = project_id;
	if (t->project[0] != '\0' && f->project_id == 0) {
		bad++;
		t->project = "";
	}
	if (t->status[0] != '\0' && !order_state_valid(t->status)) {
		bad++;
		t->status = "";
	}
	if (t->type[0] != '\0' && !order_business_type_valid(t->type)) {
		bad++;
		t->type = "";
	}
	snprintf(f->state, sizeof(f->state), "%s", t->status);
	snprintf(f->business_type, sizeof(f->business_type), "%s", t->type);
	*page = req_value(r, "page") == NULL ? 1 : number(value(r, "page"), 1, PAGE_MAX);
	if (*page < 0) {
		bad++;
		*page = 1;
	}
	return bad;
}

/*
 * The filters with the current catalogue (parse_filters), and the page's
 * part of them: Page.options.project (every project), Page.filter.*,
 * Page.base_url (the list URL with them, for the pager). Returns the number
 * of bad values, or -1 on a database error.
 */
static int
read_filters(struct req *r, struct order_filter *f, long *page)
{
	struct filter_text t;
	long long project_id;
	char url[160];
	size_t n;
	int bad;

	if (order_list_projects_hdf(r->hdf, "Page.options.project", value(r, "project"), &project_id) < 0)
		return -1;
	bad = parse_filters(r, project_id, f, page, &t);
	req_set(r, "Page.filter.period", t.period);
	req_set(r, "Page.filter.project", t.project);
	req_set(r, "Page.filter.status", t.status);
	req_set(r, "Page.filter.type", t.type);
	/* Every value here is one of the known choices: nothing to escape in the URL. */
	n = (size_t)snprintf(url, sizeof(url), "/orders");
	if (f->years != 0)
		n += (size_t)snprintf(url + n, sizeof(url) - n, "%speriod=%s", n > 7 ? "&" : "?", t.period);
	if (t.project[0] != '\0')
		n += (size_t)snprintf(url + n, sizeof(url) - n, "%sproject=%s", n > 7 ? "&" : "?", t.project);
	if (t.status[0] != '\0')
		n += (size_t)snprintf(url + n, sizeof(url) - n, "%sstatus=%s", n > 7 ? "&" : "?", t.status);
	if (t.type[0] != '\0')
		snprintf(url + n, sizeof(url) - n, "%stype=%s", n > 7 ? "&" : "?", t.type);
	req_set(r, "Page.base_url", url);
	req_set_int(r, "Page.filtered", strchr(url, '?') != NULL);
	return bad;
}

static int
same_filter(const struct order_filter *a, const struct order_filter *b)
{
	return a->years == b->years && a->project_id == b->project_id && strcmp(a->state, b->state) == 0 &&
	    strcmp(a->business_type, b->business_type) == 0;
}

/*
 * GET /orders?period=&project=&status=&type=&page=: the applicant's orders,
 * ten a page, newest first. 200; 400 when a filter or the page number is not
 * one of the choices (the list is then shown without it, and says so); a page
 * past the end is an empty page, not an error.
 */
int
page_orders(struct req *r)
{
	struct order_filter f, guess;
	struct filter_text t;
	long page, total, guess_page = 0;
	NEOERR *err;
	int bad, rows = -1;

	memset(&guess, 0, sizeof(guess));
	req_set(r, "Page.nav", "orders");
	req_set(r, "Page.title", orders_text(r, "title"));
	if (r->session_in_page) {
		/*
		 * The session and the page in one round trip, with the project as this
		 * worker's catalogue has it; checked below against the current one.
		 */
		parse_filters(r, catalogue_peek_id(value(r, "project")), &guess, &guess_page, &t);
		rows = order_list_with_session(r, &guess, guess_page, r->hdf, "Page.orders");
		if (rows == -2)
			return render_login_redirect(r, "/login");
		if (rows < 0)
			return render_error(r, 500);
	}
	if ((bad = read_filters(r, &f, &page)) < 0)
		return render_error(r, 500);
	if (rows >= 0 && same_filter(&f, &guess) && page == guess_page) {
		total = order_list_total(session_account_id(), &f, page, rows);
	} else {
		/* Not what was guessed (a project new to this worker, say): the page again, as filtered. */
		err = hdf_remove_tree(r->hdf, "Page.orders");
		nerr_ignore(&err);
		rows = order_list_hdf(session_account_id(), &f, page, r->hdf, "Page.orders", &total);
	}
	if (rows < 0 || total < 0)
		return render_error(r, 500);
	req_set_int(r, "Page.page", page);
	req_set_int(r, "Page.total", total);
	req_set_int(r, "Page.pages", (total + ORDER_LIST_PAGE_SIZE - 1) / ORDER_LIST_PAGE_SIZE);
	req_set_int(r, "Page.past_end", rows == 0 && total > 0);
	if (bad > 0) {
		flash(r, "error", orders_text(r, "bad_filter"));
		return render_page(r, 400, "order/list.cs");
	}
	return render_page(r, 200, "order/list.cs");
}

/* Page.order.<name>: the value as SPEC §9 masks it, over the full one order_page_set wrote. */
static void
mask(struct req *r, const char *name, const char *value, size_t head, size_t tail)
{
	char out[ORDER_VALUE_MAX], key[64];
	size_t len = strlen(value);

	if (head == 0 && len > tail)
		snprintf(out, sizeof(out), "****%s", value + len - tail);
	else if (mask_middle(value, head, tail, out, sizeof(out)) != 0)
		out[0] = '\0';
	snprintf(key, sizeof(key), "Page.order.%s", name);
	req_set(r, key, out);
}

/*
 * The order's page data with every ID, account and phone number masked
 * (110101********1234, 138****1234, ****1234): the full values are not in
 * the dataset at all, so no template can show them.
 */
static void
set_order(struct req *r, const struct order *o)
{
	order_page_set(r, o);
	req_set(r, "Page.nav", "orders");
	req_set(r, "Page.title", o->no);
	mask(r, "legal_id_no", o->v[OF_LEGAL_ID_NO], 6, 4);
	mask(r, "agent_id_no", o->v[OF_AGENT_ID_NO], 6, 4);
	mask(r, "agent_phone", o->v[OF_AGENT_PHONE], 3, 4);
	mask(r, "invoice_account", o->v[OF_INVOICE_ACCOUNT], 0, 4);
	mask(r, "invoice_phone", o->v[OF_INVOICE_PHONE], 3, 4);
	mask(r, "ship_phone", o->v[OF_SHIP_PHONE], 3, 4);
	order_actions_hdf(r->hdf, "Page.actions", o->state, o->tracking_no);
}

/* since ("YYYY-MM-DD hh:mm:ss") plus days, to the minute; "" when since is not a time. */
static void
add_days(const char *since, long days, char out[20])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	out[0] = '\0';
	if (sscanf(since, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
	    &tm.tm_sec) != 6)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm) + days * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M", &tm);
}

/*
 * GET /orders/{no}: every field (masked), the images, the timeline with who
 * the order waits for and what comes next, tracking number, certificates and
 * invoice once they exist. 200; 404 for anyone else's order.
 */
int
page_order_detail(struct req *r)
{
	static const char *const done[] = { "cancelled", "address", "unchanged" };
	struct order o;
	char since[20], deadline[20], reason[512], key[64];
	const char *d = value(r, "done");
	size_t i;
	int rc;

	if ((rc = order_load_or_respond(r, &o)) != 0)
		return rc;
	set_order(r, &o);
	if (order_events_to_hdf(&o, r->hdf, "Page.events", since, reason, sizeof(reason)) < 0)
		return render_error(r, 500);
	req_set(r, "Page.now.since", since);
	req_set(r, "Page.now.reason", reason);
	if (strcmp(o.state, "payment") == 0) {
		/* SPEC §7: unpaid orders close after 7 days (the worker's timed job). */
		payment_status_to_hdf(o.id, r->hdf, "Page.payment");
		add_days(since, config_long("Payment.unpaid_days", 7, 1, 365), deadline);
		req_set(r, "Page.now.deadline", deadline);
	}
	/* Fulfilment (SPEC §8): Page.certificates.N.{serial,role,valid_from,valid_to}, Page.invoice.{no,issued_at,url,xml_url}. */
	snprintf(key, sizeof(key), "/orders/%s", o.no);
	if (fulfil_order_hdf(&o, r->hdf, "Page", key, 0) != 0)
		return render_error(r, 500);
	for (i = 0; i < sizeof(done) / sizeof(done[0]); i++) {
		if (strcmp(d, done[i]) != 0)
			continue;
		snprintf(key, sizeof(key), "done.%s", done[i]);
		flash(r, "success", orders_text(r, key));
	}
	return render_page(r, 200, "order/detail.cs");
}

/*
 * A form's "version" (the order as the applicant saw it) must still be the
 * order's: a replayed or outdated form changes nothing. Absent is allowed
 * (the route's contract names no such field). 1 when outdated.
 */
static int
outdated(const struct req *r, const struct order *o)
{
	const char *v = req_value(r, "version");

	return v != NULL && number(v, 0, 2147483647L) != o->version;
}

/* An action the order's state does not allow: the reason and the way back, no form. 409. */
static int
refuse(struct req *r, const char *template, const char *text_key)
{
	req_set(r, "Page.refused", orders_text(r, text_key));
	return render_page(r, 409, template);
}

/* The order changed since the form was shown: the form again, as the order is now. 409. */
static int
outdated_respond(struct req *r, const char *template)
{
	flash(r, "error", orders_text(r, "outdated"));
	return render_page(r, 409, template);
}

/*
 * GET,POST /orders/{no}/cancel: GET asks for confirmation (the step that
 * works without JavaScript), POST cancels. Only where the state machine
 * lets the applicant cancel (订单待提交, 审核未通过, 订单待支付). 200; 303 to the
 * order after cancelling; 404 anyone else's; 409 not cancellable now, or
 * changed since the form was shown (nothing is changed).
 */
int
page_order_cancel(struct req *r)
{
	struct order o;
	char url[96];
	int rc;

	if ((rc = order_load_or_respond(r, &o)) != 0)
		return rc;
	set_order(r, &o);
	req_set_int(r, "Page.order.version", o.version);
	if (!(order_actions(o.state, o.tracking_no) & ORDER_ACTION_CANCEL))
		return refuse(r, "order/cancel.cs", "cancel.refused");
	if (strcmp(r->method, "POST") != 0)
		return render_page(r, 200, "order/cancel.cs");
	if (outdated(r, &o))
		return outdated_respond(r, "order/cancel.cs");
	switch (order_transition(o.id, "cancelled", ACTOR_APPLICANT, o.applicant_id, NULL, NULL, o.version)) {
	case TRANSITION_OK:
		snprintf(url, sizeof(url), "/orders/%s?done=cancelled", o.no);
		return render_redirect(r, url);
	case TRANSITION_ERROR:
		return render_error(r, 500);
	default:
		return outdated_respond(r, "order/cancel.cs");
	}
}

/*
 * GET,POST /orders/{no}/address: the shipping address (ship_name,
 * ship_address, ship_phone), checked as on step ③, in every state until a
 * tracking number exists; recorded in the timeline. 200; 303 to the order
 * after saving; 404 anyone else's; 409 shipped or ended, or changed since
 * the form was shown; 422 with a message at each wrong field.
 */
int
page_order_address(struct req *r)
{
	struct order o;
	char old[3][ORDER_VALUE_MAX], url[96];
	int rc;

	if ((rc = order_load_or_respond(r, &o)) != 0)
		return rc;
	memcpy(old[0], o.v[OF_SHIP_NAME], sizeof(old[0]));
	memcpy(old[1], o.v[OF_SHIP_ADDRESS], sizeof(old[1]));
	memcpy(old[2], o.v[OF_SHIP_PHONE], sizeof(old[2]));
	set_order(r, &o);
	req_set_int(r, "Page.order.version", o.version);
	if (!order_address_changeable(o.state, o.tracking_no))
		return refuse(r, "order/address.cs", "address.refused");
	req_set(r, "Page.form.ship_name", old[0]);
	req_set(r, "Page.form.ship_address", old[1]);
	req_set(r, "Page.form.ship_phone", old[2]);
	if (strcmp(r->method, "POST") != 0)
		return render_page(r, 200, "order/address.cs");
	if (outdated(r, &o))
		return outdated_respond(r, "order/address.cs");
	if (order_read_shipping(r, &o) > 0)
		return render_page(r, 422, "order/address.cs");
	if (strcmp(old[0], o.v[OF_SHIP_NAME]) == 0 && strcmp(old[1], o.v[OF_SHIP_ADDRESS]) == 0 &&
	    strcmp(old[2], o.v[OF_SHIP_PHONE]) == 0) {
		snprintf(url, sizeof(url), "/orders/%s?done=unchanged", o.no);
		return render_redirect(r, url);
	}
	rc = order_change_address(&o);
	if (rc < 0)
		return render_error(r, 500);
	if (rc == 1)
		return outdated_respond(r, "order/address.cs");
	snprintf(url, sizeof(url), "/orders/%s?done=address", o.no);
	return render_redirect(r, url);
}
