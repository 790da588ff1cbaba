/* order-staff.h: orders as the staff console sees them: counts per state, queues and search, full detail */
#ifndef CERTDESK_ORDER_STAFF_H
#define CERTDESK_ORDER_STAFF_H

#include <ClearSilver.h>

#include "order.h"

/* <prefix>.<state> = the number of orders in each state of SPEC §9 (0 included). 0 or -1. */
int order_state_counts_hdf(HDF *hdf, const char *prefix);

#define ORDER_SEARCH_PAGE 20

/*
 * A queue or search: orders in state (NULL or "" for any) matching q (""
 * for all): its code form (norm_code) is an order number, a credit code or
 * an agent's mobile, matched exactly, and q itself part of an organisation
 * name. Oldest change first,
 * ORDER_SEARCH_PAGE a page. Rows go to <prefix>.N.{no, state, project,
 * org_name, org_id_no, agent_name, updated_at, submitted_at}; *total gets
 * the number of matches. 0 or -1.
 */
int order_search_hdf(HDF *hdf, const char *prefix, const char *state, const char *q, const char *code, long page,
    long *total);

/* Any order by number, for staff (no owner check). 0 found, 1 none, -1 error. */
int order_get_for_staff(struct order *o, const char *no);

/*
 * The order's timeline, oldest first: <prefix>.N.{at, actor_kind, actor,
 * from, to, event, reason}; actor is the staff member's username for staff
 * events. 0 or -1.
 */
int order_timeline_hdf(const struct order *o, HDF *hdf, const char *prefix);

#endif
