/* order-staff.c: orders as the staff console sees them: counts per state, queues and search, full detail */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "order-staff.h"
#include "order-state.h"
#include "render.h"
#include "text.h"

int
order_state_counts_hdf(HDF *hdf, const char *prefix)
{
	struct db_result res;
	unsigned int i;
	size_t s;

	if (db_select(STMT_STAFF_ORDER_COUNTS, &res, "") != 0)
		return -1;
	for (s = 0; order_state_nth(s) != NULL; s++)
		hdf_put(hdf, prefix, order_state_nth(s), "0");
	for (i = 0; i < res.nrows; i++)
		if (order_state_valid(db_cell(&res, i, 0)))
			hdf_put(hdf, prefix, db_cell(&res, i, 0), db_cell(&res, i, 1));
	db_result_free(&res);
	return 0;
}

/* Put the cells of row i under <prefix>.i.<names[c]>. */
static void
row_to_hdf(HDF *hdf, const char *prefix, const struct db_result *res, unsigned int i,
    const char *const *names, unsigned int ncols)
{
	char node[96];
	unsigned int c;

	snprintf(node, sizeof(node), "%s.%u", prefix, i);
	for (c = 0; c < ncols && c < res->ncols; c++)
		hdf_put(hdf, node, names[c], db_cell(res, i, c) != NULL ? db_cell(res, i, c) : "");
}

int
order_search_hdf(HDF *hdf, const char *prefix, const char *state, const char *q, const char *code, long page,
    long *total)
{
	static const char *const names[] = { "no", "state", "project", "org_name", "org_id_no", "agent_name",
		"updated_at", "submitted_at" };
	struct db_result res;
	char like[400];
	unsigned int i;

	if (state == NULL)
		state = "";
	if (q == NULL || code == NULL)
		q = code = "";
	text_like_escape(q, like, sizeof(like));
	*total = 0;
	if (db_select(STMT_STAFF_ORDER_COUNT, &res, "sssssss", state, state, q, code, code, code, like) != 0)
		return -1;
	*total = res.nrows == 1 ? strtol(db_cell(&res, 0, 0), NULL, 10) : 0;
	db_result_free(&res);
	if (page < 1)
		page = 1;
	if (db_select(STMT_STAFF_ORDER_SEARCH, &res, "sssssssll", state, state, q, code, code, code, like,
	    (long long)ORDER_SEARCH_PAGE, (long long)(page - 1) * ORDER_SEARCH_PAGE) != 0)
		return -1;
	for (i = 0; i < res.nrows; i++)
		row_to_hdf(hdf, prefix, &res, i, names, sizeof(names) / sizeof(names[0]));
	db_result_free(&res);
	return 0;
}

int
order_get_for_staff(struct order *o, const char *no)
{
	struct db_result res;
	long long owner;

	if (db_select(STMT_STAFF_ORDER_OWNER, &res, "s", no) != 0)
		return -1;
	if (res.nrows != 1) {
		db_result_free(&res);
		return 1;
	}
	owner = strtoll(db_cell(&res, 0, 0), NULL, 10);
	db_result_free(&res);
	return order_get(o, no, owner);
}

int
order_timeline_hdf(const struct order *o, HDF *hdf, const char *prefix)
{
	static const char *const names[] = { "at", "actor_kind", "actor", "from", "to", "event", "reason" };
	struct db_result res;
	unsigned int i;

	if (db_select(STMT_STAFF_ORDER_EVENTS, &res, "l", o->id) != 0)
		return -1;
	for (i = 0; i < res.nrows; i++)
		row_to_hdf(hdf, prefix, &res, i, names, sizeof(names) / sizeof(names[0]));
	db_result_free(&res);
	return 0;
}
