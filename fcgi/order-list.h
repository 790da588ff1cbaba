/* order-list.h: 我的订单 (SPEC §9): an applicant's orders, filtered, newest first, a page at a time */
#ifndef CERTDESK_ORDER_LIST_H
#define CERTDESK_ORDER_LIST_H

#include <ClearSilver.h>

#include "request.h"

#define ORDER_LIST_PAGE_SIZE 10

/* What the list shows; each member's "any" value leaves that filter out. */
struct order_filter {
	int years;			/* created in the last 1, 2 or 3 years; 0 any time */
	long long project_id;		/* 0 any project */
	char state[16];			/* a SPEC §9 state, "" any */
	char business_type[8];		/* new, renew, replace, revoke; "" any */
};

/* 1 when s is a business type (业务类型) orders can have. */
int order_business_type_valid(const char *s);
/*
 * One page (1-based) of applicant's orders matching f under prefix, newest
 * first: N.no, N.project, N.created_at, N.business_type, N.tracking_no,
 * N.state, N.cert_type (its name), N.quantity, N.total_fen and
 * N.actions.{edit,cancel,deposit,pay,address} = 1 for what the applicant
 * may do (order_actions). *total gets how many orders match in all. One
 * query for the page and, unless the first page already shows them all, one
 * count, both answered from the orders_applicant index. Returns the rows on
 * this page or -1.
 */
int order_list_hdf(long long applicant_id, const struct order_filter *f, long page, HDF *hdf,
    const char *prefix, long *total);
/*
 * The same page for the request's own session, read with it in one round
 * trip (a page with route.session_in_page; the session is taken as
 * session_load would): the rows written, -2 without a valid session, -1 on
 * an error. The total is then order_list_total's.
 */
int order_list_with_session(struct req *r, const struct order_filter *f, long page, HDF *hdf, const char *prefix);
/* How many orders match f in all, given that page (1-based) showed rows of them; -1 on an error. */
long order_list_total(long long applicant_id, const struct order_filter *f, long page, int rows);
/*
 * The project filter's choices under prefix (N.value = code, N.label =
 * name). *id gets the id of the project whose code is `code`, 0 when there
 * is none. Returns the number of projects or -1.
 */
int order_list_projects_hdf(HDF *hdf, const char *prefix, const char *code, long long *id);
/* <prefix>.edit, .cancel, .deposit, .pay, .address = 1 for each order_actions() bit of state and tracking_no. */
void order_actions_hdf(HDF *hdf, const char *prefix, const char *state, const char *tracking_no);
/* 1 when the applicant has any order, 0 when none, -1 on error. */
int order_list_any(long long applicant_id);

#endif
