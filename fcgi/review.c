/* review.c: review (SPEC §5): the automated review on submit and the reviewer's decision in manual review */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"
#include "order-state.h"
#include "outbox.h"
#include "registry.h"
#include "render.h"
#include "review.h"
#include "staff.h"
#include "text.h"
#include "valid.h"

#define FINDINGS_MAX 16
#define REASON_MAX 500		/* order_events.reason */

struct findings {
	int n;
	struct {
		const char *code;	/* Lang.review.reason.<code> */
		char detail[256];
	} f[FINDINGS_MAX];
};

static void
found(struct findings *fs, const char *code, const char *detail)
{
	if (fs->n >= FINDINGS_MAX)
		return;
	fs->f[fs->n].code = code;
	snprintf(fs->f[fs->n].detail, sizeof(fs->f[fs->n].detail), "%.255s", detail != NULL ? detail : "");
	fs->n++;
}

static int
today(void)
{
	time_t now = time(NULL) + 8 * 3600;	/* China Standard Time */
	struct tm tm;

	gmtime_r(&now, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* The SPEC §4 rules on what is stored: the wizard checked them, this catches any other way in. */
static void
check_fields(const struct order *o, struct findings *fs)
{
	static const struct { enum order_field f; int (*valid)(const char *); } rules[] = {
		{ OF_ORG_NAME, valid_org_name }, { OF_LEGAL_NAME, valid_name }, { OF_AGENT_NAME, valid_name },
		{ OF_AGENT_PHONE, valid_mobile }, { OF_AGENT_EMAIL, valid_email }, { OF_AGENT_ADDRESS, valid_address },
		{ OF_INVOICE_TITLE, valid_org_name }, { OF_INVOICE_TAX_NO, valid_tax_no },
		{ OF_INVOICE_ADDRESS, valid_address }, { OF_INVOICE_BANK, valid_name },
		{ OF_INVOICE_ACCOUNT, valid_bank_account }, { OF_INVOICE_PHONE, valid_landline_or_mobile },
		{ OF_SHIP_NAME, valid_name }, { OF_SHIP_ADDRESS, valid_address }, { OF_SHIP_PHONE, valid_landline_or_mobile },
	};
	static const struct { enum order_field type, no; } ids[] = {
		{ OF_LEGAL_ID_TYPE, OF_LEGAL_ID_NO }, { OF_AGENT_ID_TYPE, OF_AGENT_ID_NO },
	};
	size_t i;
	int code;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rules[i].valid(o->v[rules[i].f]) != VALID_OK)
			found(fs, "field_invalid", order_field_name(rules[i].f));
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		code = strcmp(o->v[ids[i].type], "id_card") == 0 ? valid_id_card(o->v[ids[i].no], today()) :
		    valid_id_other(o->v[ids[i].no]);
		if (code != VALID_OK)
			found(fs, "field_invalid", order_field_name(ids[i].no));
	}
	if (strcmp(o->v[OF_SAME_PERSON], "1") != 0)
		found(fs, "not_same_person", NULL);
}

/* Names compare as the wizard stores them: trimmed, full-width folded (（中国） is (中国)). */
static int
same_text(const char *a, const char *b)
{
	char na[512], nb[512];

	return norm_text(a, na, sizeof(na)) == 0 && norm_text(b, nb, sizeof(nb)) == 0 && strcmp(na, nb) == 0;
}

static void
check_registry(const struct order *o, struct findings *fs)
{
	struct registry_entry e;
	const char *code = o->v[OF_ORG_ID_NO];

	if (strcmp(o->v[OF_ORG_ID_TYPE], "uscc") != 0) {
		found(fs, "org_id_other", NULL);	/* only a credit code can be looked up */
		return;
	}
	if (valid_uscc(code) != VALID_OK) {
		found(fs, "field_invalid", order_field_name(OF_ORG_ID_NO));
		return;
	}
	switch (registry_lookup(code, &e)) {
	case REGISTRY_UNAVAILABLE:
		found(fs, "registry_unavailable", NULL);
		return;
	case REGISTRY_NOT_FOUND:
		found(fs, "registry_not_found", code);
		return;
	case REGISTRY_FOUND:
		break;
	}
	if (strcmp(e.status, "active") != 0)
		found(fs, "registry_status", e.status);
	if (!same_text(e.name, o->v[OF_ORG_NAME]))
		found(fs, "registry_name", e.name);
	if (!same_text(e.legal_name, o->v[OF_LEGAL_NAME]))
		found(fs, "registry_legal", e.legal_name);
}

static int
check_open_orders(const struct order *o, struct findings *fs)
{
	struct db_result res;

	if (o->v[OF_ORG_ID_NO][0] == '\0')
		return 0;
	if (db_select(STMT_REVIEW_OPEN_ORDER, &res, "lsl", (long long)o->project.id, o->v[OF_ORG_ID_NO], o->id) != 0)
		return -1;
	if (res.nrows > 0)
		found(fs, "open_order", db_cell(&res, 0, 0));
	db_result_free(&res);
	return 0;
}

static int
check_images(const struct order *o, struct findings *fs)
{
	int files = order_files_present(o);

	if (files < 0)
		return -1;
	if (!(files & (1 << UPLOAD_LICENSE)))
		found(fs, "image_missing", upload_kind_name(UPLOAD_LICENSE));
	if (o->project.requires_seal && !(files & (1 << UPLOAD_SEAL)))
		found(fs, "image_missing", upload_kind_name(UPLOAD_SEAL));
	if (!(files & (1 << UPLOAD_AUTHORIZATION)))
		found(fs, "image_missing", upload_kind_name(UPLOAD_AUTHORIZATION));
	return 0;
}

/* A finding in words: Lang.review.reason.<code> with {detail}, the field's or image's label for those. */
static void
finding_text(const struct req *r, const char *code, const char *detail, char *out, size_t outsz)
{
	char key[96];
	const char *label = detail, *pairs[] = { "detail", NULL, NULL };

	if (strcmp(code, "field_invalid") == 0 || strcmp(code, "image_missing") == 0) {
		snprintf(key, sizeof(key), "Lang.order.label.%s", detail);
		label = hdf_get_value(r->hdf, key, detail);
	} else if (strcmp(code, "registry_status") == 0) {
		snprintf(key, sizeof(key), "Lang.review.registry_status.%s", detail);
		label = hdf_get_value(r->hdf, key, detail);
	}
	pairs[1] = label;
	snprintf(key, sizeof(key), "Lang.review.reason.%s", code);
	if (text_fill(hdf_get_value(r->hdf, key, code), pairs, out, outsz) != 0)
		snprintf(out, outsz, "%s", code);
}

/* Append s to out (outsz bytes) without cutting a UTF-8 character. */
static void
append_utf8(char *out, size_t outsz, const char *s)
{
	size_t used = strlen(out), n = strlen(s);

	if (used + 1 >= outsz)
		return;
	if (n > outsz - used - 1) {
		n = outsz - used - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out + used, s, n);
	out[used + n] = '\0';
}

/* The event's reason: "自动审核未通过：A；B；C", at most REASON_MAX bytes. */
static void
summary(const struct req *r, const struct findings *fs, char out[REASON_MAX + 1])
{
	char text[512];
	int i;

	out[0] = '\0';
	append_utf8(out, REASON_MAX + 1, hdf_get_value(r->hdf, "Lang.review.failed_prefix", ""));
	for (i = 0; i < fs->n; i++) {
		finding_text(r, fs->f[i].code, fs->f[i].detail, text, sizeof(text));
		if (i > 0)
			append_utf8(out, REASON_MAX + 1, hdf_get_value(r->hdf, "Lang.review.separator", "; "));
		append_utf8(out, REASON_MAX + 1, text);
	}
}

/* The run and its reasons, after the transition (a failure here loses detail, never the decision). */
static void
record_run(const struct req *r, const struct order *o, const struct findings *fs)
{
	long long run;
	int i;

	if (db_begin() != 0)
		goto error;
	if (db_exec(STMT_REVIEW_RUN_INSERT, "ll", o->id, (long long)(fs->n == 0)) != 1)
		goto rollback;
	run = (long long)db_last_insert_id();
	for (i = 0; i < fs->n; i++)
		if (db_exec(STMT_REVIEW_REASON_INSERT, "llss", run, (long long)i, fs->f[i].code, fs->f[i].detail) != 1)
			goto rollback;
	if (db_commit() == 0)
		return;
	goto error;
rollback:
	db_rollback();
error:
	log_error(r->id, "review: order %s: cannot record the findings", o->no);
}

enum review_result
review_submit(struct req *r, struct order *o)
{
	struct findings fs;
	char reason[REASON_MAX + 1];
	const char *to;

	memset(&fs, 0, sizeof(fs));
	check_fields(o, &fs);
	check_registry(o, &fs);
	if (check_open_orders(o, &fs) != 0 || check_images(o, &fs) != 0)
		return REVIEW_ERROR;
	to = fs.n == 0 ? "deposit" : "manual_review";
	if (fs.n > 0)
		summary(r, &fs, reason);
	switch (order_transition(o->id, to, ACTOR_SYSTEM, 0, NULL, fs.n > 0 ? reason : NULL, o->version)) {
	case TRANSITION_OK:
		break;
	case TRANSITION_ERROR:
		return REVIEW_ERROR;
	default:
		return REVIEW_CONFLICT;
	}
	snprintf(o->state, sizeof(o->state), "%s", to);
	record_run(r, o, &fs);
	log_info(r->id, "review: order %s %s (%d reasons)", o->no, to, fs.n);
	return fs.n == 0 ? REVIEW_PASSED : REVIEW_MANUAL;
}

int
review_findings_hdf(const struct req *r, const struct order *o, HDF *hdf, const char *prefix)
{
	struct db_result res;
	char node[128], text[512];
	unsigned int i;

	if (db_select(STMT_REVIEW_LATEST, &res, "l", o->id) != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		if (i == 0) {
			hdf_put(hdf, prefix, "at", db_cell(&res, 0, 0));
			hdf_put(hdf, prefix, "passed", db_cell(&res, 0, 1));
		}
		if (db_cell(&res, i, 2) == NULL)
			continue;	/* a run without reasons */
		snprintf(node, sizeof(node), "%s.reasons.%u", prefix, i);
		finding_text(r, db_cell(&res, i, 2), db_cell(&res, i, 3), text, sizeof(text));
		hdf_put(hdf, node, "code", db_cell(&res, i, 2));
		hdf_put(hdf, node, "detail", db_cell(&res, i, 3));
		hdf_put(hdf, node, "text", text);
	}
	db_result_free(&res);
	return 0;
}

int
review_rejection_reason(const struct order *o, char *out, size_t outsz)
{
	struct db_result res;

	out[0] = '\0';
	if (db_select(STMT_REVIEW_LAST_REJECTION, &res, "l", o->id) != 0)
		return -1;
	if (res.nrows == 1 && db_cell(&res, 0, 0) != NULL)
		snprintf(out, outsz, "%s", db_cell(&res, 0, 0));
	db_result_free(&res);
	return 0;
}

/* Approve goes to payment when the deposit is done with: verified, or failed into this review. */
static int
approve_target(const struct order *o, const char **to)
{
	struct db_result res;
	int payment;

	if (db_select(STMT_REVIEW_DEPOSIT_DONE, &res, "ll", o->id, o->id) != 0)
		return -1;
	payment = res.nrows == 1 && ((db_cell(&res, 0, 0) != NULL && strcmp(db_cell(&res, 0, 0), "deposit") == 0) ||
	    strtol(db_cell(&res, 0, 1), NULL, 10) > 0);
	db_result_free(&res);
	*to = payment ? "payment" : "deposit";
	return 0;
}

/* The SMS to the agent (Lang.review.sms.<which>). A failure is logged: the decision stands. */
static void
notify_agent(struct req *r, const struct order *o, const char *which, const char *reason)
{
	char key[64], text[1024];
	const char *pairs[] = { "site", hdf_get_value(r->hdf, "Site.name", ""), "no", o->no,
		"reason", reason != NULL ? reason : "", NULL };

	snprintf(key, sizeof(key), "Lang.review.sms.%s", which);
	if (o->v[OF_AGENT_PHONE][0] == '\0' ||
	    text_fill(hdf_get_value(r->hdf, key, ""), pairs, text, sizeof(text)) != 0 ||
	    outbox_sms(r, o->v[OF_AGENT_PHONE], text) != 0)
		log_error(r->id, "review: order %s: the agent's SMS was not queued", o->no);
}

enum decide_result
review_decide(struct req *r, struct order *o, enum review_decision decision, const char *reason,
    const char **to)
{
	const char *action = decision == REVIEW_APPROVE ? "review_approve" : "review_reject";
	enum transition_result t;

	*to = decision == REVIEW_APPROVE ? "deposit" : "rejected";
	if (strcmp(o->state, "manual_review") != 0) {
		staff_audit(r, action, o->no, "refused", o->state);
		return DECIDE_NOT_REVIEWABLE;
	}
	if (decision == REVIEW_APPROVE && approve_target(o, to) != 0)
		return DECIDE_ERROR;
	t = order_transition(o->id, *to, ACTOR_STAFF, staff_id(), NULL,
	    reason != NULL && reason[0] != '\0' ? reason : NULL, o->version);
	if (t == TRANSITION_ERROR)
		return DECIDE_ERROR;
	if (t != TRANSITION_OK) {
		staff_audit(r, action, o->no, "refused", "changed meanwhile");
		return DECIDE_NOT_REVIEWABLE;
	}
	snprintf(o->state, sizeof(o->state), "%s", *to);
	staff_audit(r, action, o->no, "success", decision == REVIEW_APPROVE ? *to : reason);
	notify_agent(r, o, decision == REVIEW_REJECT ? "rejected" : strcmp(*to, "payment") == 0 ?
	    "approved_payment" : "approved_deposit", reason);
	return DECIDE_OK;
}
