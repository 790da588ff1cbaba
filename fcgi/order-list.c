/* order-list.c: 我的订单 (SPEC §9): an applicant's orders, filtered, newest first, a page at a time */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalogue.h"
#include "db.h"
#include "order.h"
#include "order-list.h"
#include "render.h"
#include "session.h"

static const struct {
	unsigned int bit;
	const char *name;
} action_names[] = {
	{ ORDER_ACTION_EDIT, "edit" }, { ORDER_ACTION_CANCEL, "cancel" }, { ORDER_ACTION_DEPOSIT, "deposit" },
	{ ORDER_ACTION_PAY, "pay" }, { ORDER_ACTION_ADDRESS, "address" },
};

int
order_business_type_valid(const char *s)
{
	static const char *const types[] = { "new", "renew", "replace", "revoke" };
	size_t i;

	for (i = 0; s != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(s, types[i]) == 0)
			return 1;
	return 0;
}

void
order_actions_hdf(HDF *hdf, const char *prefix, const char *state, const char *tracking_no)
{
	unsigned int actions = order_actions(state, tracking_no);
	size_t a;

	for (a = 0; a < sizeof(action_names) / sizeof(action_names[0]); a++)
		if (actions & action_names[a].bit)
			hdf_put(hdf, prefix, action_names[a].name, "1");
}

/*
 * The oldest creation time (UTC, as stored) the period lets through: the
 * start of the same calendar day 1, 2 or 3 years ago in China time (UTC+8,
 * no daylight saving), which is what 近一年 means to a person, and which
 * stays put for a day, so that counts can be kept (below).
 */
static void
since(int years, char out[20])
{
	time_t now = time(NULL) + 8 * 3600;
	struct tm tm;

	if (years <= 0) {
		snprintf(out, 20, "1000-01-01 00:00:00");
		return;
	}
	gmtime_r(&now, &tm);
	tm.tm_year -= years;	/* 29 February becomes 1 March */
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	now = timegm(&tm) - 8 * 3600;
	gmtime_r(&now, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/*
 * Counts kept by this worker. An applicant with thousands of orders would
 * otherwise have them counted on every page view (0.4 ms of the server's
 * time for 2,000), though the count changes only when one of the orders is
 * created or changes state, which raises accounts.orders_version, read with
 * the session (session_orders_version), or when the period's first day moves.
 */
#define COUNTS_KEPT 64
static struct kept_count {
	long long applicant_id;
	unsigned long long version;
	struct order_filter f;
	char since[20];
	long n;
	unsigned long used;	/* when last used (a clock of look-ups): the oldest goes first */
} kept[COUNTS_KEPT];
static unsigned long kept_clock;

static struct kept_count *
kept_find(long long applicant_id, const struct order_filter *f, const char *from)
{
	size_t i;

	for (i = 0; i < COUNTS_KEPT; i++) {
		struct kept_count *k = &kept[i];

		if (k->applicant_id == applicant_id && k->f.project_id == f->project_id &&
		    strcmp(k->since, from) == 0 && strcmp(k->f.state, f->state) == 0 &&
		    strcmp(k->f.business_type, f->business_type) == 0)
			return k;
	}
	return NULL;
}

static void
kept_put(long long applicant_id, unsigned long long version, const struct order_filter *f, const char *from, long n)
{
	struct kept_count *k = kept_find(applicant_id, f, from);
	size_t i;

	if (k == NULL) {
		k = &kept[0];
		for (i = 1; i < COUNTS_KEPT; i++)
			if (kept[i].used < k->used)
				k = &kept[i];
	}
	k->applicant_id = applicant_id;
	k->version = version;
	k->f = *f;
	snprintf(k->since, sizeof(k->since), "%s", from);
	k->n = n;
	k->used = ++kept_clock;
}

static long
count(long long applicant_id, const struct order_filter *f, const char *from)
{
	struct db_result res;
	struct kept_count *k;
	unsigned long long version;
	int known = session_orders_version(&version) == 0;
	long n;

	if (known && (k = kept_find(applicant_id, f, from)) != NULL && k->version == version) {
		k->used = ++kept_clock;
		return k->n;
	}
	if (db_select(STMT_ORDER_LIST_COUNT, &res, "lsllssss", applicant_id, from, f->project_id, f->project_id,
	    f->state, f->state, f->business_type, f->business_type) != 0)
		return -1;
	n = res.nrows == 1 && db_cell(&res, 0, 0) != NULL ? strtol(db_cell(&res, 0, 0), NULL, 10) : -1;
	db_result_free(&res);
	/* Counted after the version was read: a change in between is seen as a new version next time. */
	if (known && n >= 0)
		kept_put(applicant_id, version, f, from, n);
	return n;
}

/* Columns of STMT_ORDER_LIST. */
enum { COL_NO, COL_PROJECT, COL_CREATED, COL_TYPE, COL_TRACKING, COL_STATE, COL_CERT_TYPE, COL_QUANTITY, COL_TOTAL };

/*
 * The rows of a page, STMT_ORDER_LIST's columns from col on, under prefix;
 * rows whose order number is NULL (the session's row alone) are passed
 * over. Returns the rows written or -1.
 */
static int
rows_to_hdf(const struct db_result *res, unsigned int col, HDF *hdf, const char *prefix)
{
	/* The dataset's names for the columns read as they are. */
	static const struct {
		int col;
		const char *name;
	} as_is[] = {
		{ COL_NO, "no" }, { COL_CREATED, "created_at" }, { COL_TYPE, "business_type" },
		{ COL_TRACKING, "tracking_no" }, { COL_STATE, "state" }, { COL_QUANTITY, "quantity" },
		{ COL_TOTAL, "total_fen" },
	};
	const struct project *p;
	const struct project_choice *ct;
	const char *v, *cert_type;
	char row[96];
	unsigned int i;
	size_t c;
	HDF *node;
	int n = 0;

	for (i = 0; i < res->nrows; i++) {
		if (db_cell(res, i, col + COL_NO) == NULL)
			continue;
		snprintf(row, sizeof(row), "%s.%d", prefix, n++);
		if ((node = hdf_node(hdf, row)) == NULL)
			return -1;
		for (c = 0; c < sizeof(as_is) / sizeof(as_is[0]); c++)
			if ((v = db_cell(res, i, col + (unsigned int)as_is[c].col)) != NULL)
				hdf_put_at(node, as_is[c].name, v);
		/* Names from the catalogue; an unknown certificate type shows its code. */
		if (catalogue_by_id(strtol(db_cell(res, i, col + COL_PROJECT), NULL, 10), &p) < 0)
			return -1;
		cert_type = db_cell(res, i, col + COL_CERT_TYPE);
		ct = p != NULL ? project_cert_type(p, cert_type) : NULL;
		hdf_put_at(node, "project", p != NULL ? p->name : "");
		hdf_put_at(node, "cert_type", ct != NULL ? ct->name : cert_type);
		order_actions_hdf(node, "actions", db_cell(res, i, col + COL_STATE), db_cell(res, i, col + COL_TRACKING));
	}
	return n;
}

long
order_list_total(long long applicant_id, const struct order_filter *f, long page, int rows)
{
	char from[20];

	/* A first page that is not full already says how many there are. */
	if (page == 1 && rows < ORDER_LIST_PAGE_SIZE)
		return rows;
	since(f->years, from);
	return count(applicant_id, f, from);
}

int
order_list_hdf(long long applicant_id, const struct order_filter *f, long page, HDF *hdf,
    const char *prefix, long *total)
{
	struct db_result res;
	char from[20];
	long long offset = (long long)(page - 1) * ORDER_LIST_PAGE_SIZE;
	int n;

	since(f->years, from);
	if (db_select(STMT_ORDER_LIST, &res, "lsllssssll", applicant_id, from, f->project_id, f->project_id,
	    f->state, f->state, f->business_type, f->business_type, (long long)ORDER_LIST_PAGE_SIZE, offset) != 0)
		return -1;
	n = rows_to_hdf(&res, 0, hdf, prefix);
	db_result_free(&res);
	if (n < 0)
		return -1;
	*total = order_list_total(applicant_id, f, page, n);
	return *total < 0 ? -1 : n;
}

int
order_list_with_session(struct req *r, const struct order_filter *f, long page, HDF *hdf, const char *prefix)
{
	struct db_result res;
	char hash[65], from[20];
	long long offset = (long long)(page - 1) * ORDER_LIST_PAGE_SIZE;
	int n;

	if (session_cookie_hash(r, hash) != 0)
		return -2;
	since(f->years, from);
	if (db_select(STMT_ORDER_LIST_SESSION, &res, "ssllssssllsll", hash, from, f->project_id, f->project_id,
	    f->state, f->state, f->business_type, f->business_type, (long long)ORDER_LIST_PAGE_SIZE, offset,
	    hash, session_idle_seconds(), session_absolute_seconds()) != 0)
		return -1;
	if (session_take_row(r, &res, 0, 0, hash) != 0) {
		db_result_free(&res);
		return -2;
	}
	n = rows_to_hdf(&res, SESSION_NCOLS, hdf, prefix);
	db_result_free(&res);
	return n;
}

int
order_list_projects_hdf(HDF *hdf, const char *prefix, const char *code, long long *id)
{
	const struct project *list;
	char row[96];
	size_t i, n;

	*id = 0;
	if ((list = catalogue_list(&n)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		snprintf(row, sizeof(row), "%s.%zu", prefix, i);
		hdf_put(hdf, row, "value", list[i].code);
		hdf_put(hdf, row, "label", list[i].name);
		if (code != NULL && strcmp(code, list[i].code) == 0)
			*id = list[i].id;
	}
	return (int)n;
}

int
order_list_any(long long applicant_id)
{
	struct db_result res;
	int any;

	if (db_select(STMT_ORDER_ANY, &res, "l", applicant_id) != 0)
		return -1;
	any = res.nrows > 0;
	db_result_free(&res);
	return any;
}
