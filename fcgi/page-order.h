/* page-order.h: what the wizard (page-order.c) shares with the other order pages (page-orders.c) */
#ifndef CERTDESK_PAGE_ORDER_H
#define CERTDESK_PAGE_ORDER_H

#include "order.h"
#include "request.h"

/*
 * Load the applicant's order named by the path's {no} into o. Returns 0, or
 * the status already answered: 404 for no such order of theirs (anyone
 * else's included), 500.
 */
int order_load_or_respond(struct req *r, struct order *o);
/* Page.project, Page.order (unmasked values), Page.files.<kind> (image URLs) for o. */
void order_page_set(struct req *r, const struct order *o);
/*
 * ship_name, ship_address and ship_phone from the form, normalised and
 * checked exactly as on step ③: values go to o->v and Page.form.*, messages
 * to Page.errors.*. Returns the number of wrong fields.
 */
int order_read_shipping(struct req *r, struct order *o);
/*
 * Answer with o's stored image of kind_name (license, seal, authorization):
 * its sniffed type, nosniff, CSP sandbox, never stored by caches. For the
 * owner's and the staff's routes. Returns the status: 200, 404 (no such kind
 * or none stored), 500.
 */
int order_file_or_respond(struct req *r, const struct order *o, const char *kind_name);

#endif
