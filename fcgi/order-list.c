/* order-list.c: 我的订单 (SPEC §9): an applicant's orders, filtered, newest first, a page at a time */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "order.h"
#include "order-list.h"
#include "render.h"

/* Columns of STMT_ORDER_LIST, named as they go to the dataset. */
static const char *const list_cols[] = {
	"no", "project", "created_at", "business_type", "tracking_no", "state", "cert_type", "quantity", "total_fen",
};
enum { COL_STATE = 5, COL_TRACKING = 4 };

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

/* The oldest creation time (UTC, as stored) the period lets through. */
static void
since(int years, char out[20])
{
	time_t now = time(NULL);
	struct tm tm;

	if (years <= 0) {
		snprintf(out, 20, "1000-01-01 00:00:00");
		return;
	}
	gmtime_r(&now, &tm);
	tm.tm_year -= years;	/* 29 February becomes 1 March */
	now = timegm(&tm);
	gmtime_r(&now, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static long
count(long long applicant_id, const struct order_filter *f, const char *from)
{
	struct db_result res;
	long n;

	if (db_select(STMT_ORDER_LIST_COUNT, &res, "lsllssss", applicant_id, from, f->project_id, f->project_id,
	    f->state, f->state, f->business_type, f->business_type) != 0)
		return -1;
	n = res.nrows == 1 && db_cell(&res, 0, 0) != NULL ? strtol(db_cell(&res, 0, 0), NULL, 10) : -1;
	db_result_free(&res);
	return n;
}

int
order_list_hdf(long long applicant_id, const struct order_filter *f, long page, HDF *hdf,
    const char *prefix, long *total)
{
	struct db_result res;
	char from[20], row[96];
	unsigned int i, c;
	long long offset = (long long)(page - 1) * ORDER_LIST_PAGE_SIZE;
	int n;

	since(f->years, from);
	if (db_select(STMT_ORDER_LIST, &res, "lsllssssll", applicant_id, from, f->project_id, f->project_id,
	    f->state, f->state, f->business_type, f->business_type, (long long)ORDER_LIST_PAGE_SIZE, offset) != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		snprintf(row, sizeof(row), "%s.%u", prefix, i);
		for (c = 0; c < sizeof(list_cols) / sizeof(list_cols[0]); c++)
			if (db_cell(&res, i, c) != NULL)
				hdf_put(hdf, row, list_cols[c], db_cell(&res, i, c));
		snprintf(row, sizeof(row), "%s.%u.actions", prefix, i);
		order_actions_hdf(hdf, row, db_cell(&res, i, COL_STATE), db_cell(&res, i, COL_TRACKING));
	}
	n = (int)res.nrows;
	db_result_free(&res);
	/* A first page that is not full already says how many there are. */
	*total = page == 1 && n < ORDER_LIST_PAGE_SIZE ? n : count(applicant_id, f, from);
	return *total < 0 ? -1 : n;
}

int
order_list_projects_hdf(HDF *hdf, const char *prefix, const char *code, long long *id)
{
	struct db_result res;
	char row[96];
	unsigned int i;
	int n;

	*id = 0;
	if (db_select(STMT_ORDER_LIST_PROJECTS, &res, "") != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		snprintf(row, sizeof(row), "%s.%u", prefix, i);
		hdf_put(hdf, row, "value", db_cell(&res, i, 1));
		hdf_put(hdf, row, "label", db_cell(&res, i, 2));
		if (code != NULL && strcmp(code, db_cell(&res, i, 1)) == 0)
			*id = strtoll(db_cell(&res, i, 0), NULL, 10);
	}
	n = (int)res.nrows;
	db_result_free(&res);
	return n;
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
