/* notify.c: telling the agent by SMS of what happened to their order (SPEC §5-§8), through the outbox */
#include <stdio.h>
#include <string.h>

#include <ClearSilver.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "order-state.h"
#include "outbox.h"
#include "text.h"

static HDF *strings;

/* notify.hdf of the site's language, read once per process. */
static HDF *
load_strings(void)
{
	char path[4096];
	NEOERR *err;

	if (strings != NULL)
		return strings;
	if (hdf_init(&strings) != STATUS_OK) {
		strings = NULL;
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/lang/%s.d/notify.hdf", config_path("Paths.views", "views"),
	    config_get("Site.lang", "zh-CN"));
	if ((err = hdf_read_file(strings, path)) != STATUS_OK) {
		log_error(NULL, "notify: cannot read %s", path);
		nerr_ignore(&err);
	}
	return strings;
}

int
notify_text(const char *key, const char *const *pairs, char *out, size_t outsz)
{
	char path[128];
	const char *tmpl;
	HDF *s = load_strings();

	snprintf(path, sizeof(path), "Lang.notify.%s", key);
	tmpl = s != NULL ? hdf_get_value(s, path, NULL) : NULL;
	if (tmpl == NULL) {
		log_error(NULL, "notify: no text %s", path);
		return -1;
	}
	return text_fill(tmpl, pairs, out, outsz);
}

static int
send_for(struct db_result *res, const char *event, const char *extra)
{
	char text[512], key[64];
	const char *no, *phone, *tracking;
	const char *pairs[] = { "site", config_get("Site.name", ""), "no", NULL, "tracking_no", NULL,
		"invoice_no", extra != NULL ? extra : "", "extra", extra != NULL ? extra : "", NULL };
	int rc = -1;

	if (res->nrows == 1) {
		no = db_cell(res, 0, 0);
		phone = db_cell(res, 0, 1);
		tracking = db_cell(res, 0, 2);
		pairs[3] = no;
		pairs[5] = tracking != NULL ? tracking : "";
		snprintf(key, sizeof(key), "sms.%s", event);
		if (phone == NULL || phone[0] == '\0')
			log_warn(NULL, "notify: order %s has no agent phone for %s", no, event);
		else if (notify_text(key, pairs, text, sizeof(text)) == 0 && outbox_sms(NULL, phone, text) == 0)
			rc = 0;
	}
	if (rc != 0)
		log_error(NULL, "notify: %s was not queued", event);
	db_result_free(res);
	return rc;
}

int
notify_order(long long order_id, const char *event, const char *extra)
{
	struct db_result res;

	if (db_select(STMT_NOTIFY_ORDER, &res, "l", order_id) != 0)
		return -1;
	return send_for(&res, event, extra);
}

int
notify_order_no(const char *order_no, const char *event, const char *extra)
{
	struct db_result res;

	if (db_select(STMT_NOTIFY_ORDER_BY_NO, &res, "s", order_no) != 0)
		return -1;
	return send_for(&res, event, extra);
}

void
notify_transition(long long order_id, const char *from, const char *to, const char *event, int actor)
{
	if (strcmp(to, "deposit") == 0 && actor == ACTOR_SYSTEM)
		notify_order(order_id, "review_passed", NULL);
	else if (strcmp(to, "production") == 0 && strcmp(from, "payment") == 0)
		notify_order(order_id, "paid", NULL);
	else if (strcmp(to, "shipped") == 0)
		notify_order(order_id, "shipped", NULL);
}
