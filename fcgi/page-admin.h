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

#endif
