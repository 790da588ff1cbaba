/* page-admin.h: what the staff console's pages share: rendering in the console's chrome, its strings */
#ifndef CERTDESK_PAGE_ADMIN_H
#define CERTDESK_PAGE_ADMIN_H

#include "request.h"

/* A string of the console (Lang.admin.<key>), def when missing. */
const char *admin_lang(const struct req *r, const char *key, const char *def);
/*
 * Render views/admin/<template> with Page.nav (the console's menu entry)
 * and Page.title (Lang.admin.<title_key>). Returns status.
 */
int admin_page(struct req *r, int status, const char *nav, const char *title_key, const char *template);

struct order;
/*
 * The order named by the path's {no}, whoever's it is, into o (staff see
 * every order). Returns 0, or the status already answered: 404 for no such
 * order, 500.
 */
int admin_order_or_respond(struct req *r, struct order *o);

#endif
