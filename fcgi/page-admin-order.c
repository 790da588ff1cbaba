/* page-admin-order.c: one order in the staff console: every field and image, the review's findings, the decision */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order-staff.h"
#include "order-state.h"
#include "page-admin.h"
#include "page-order.h"
#include "pages.h"
#include "payment.h"
#include "render.h"
#include "review.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define REASON_TYPED_MAX 200	/* characters a reviewer may type */

/* The order named in the path, whoever's it is: 404 for no such order. */
static int
load_or_respond(struct req *r, struct order *o)
{
	const char *no = route_param(r, "no");
	int rc = no != NULL ? order_get_for_staff(o, no) : 1;

	if (rc == 1)
		return render_error(r, 404);
	if (rc != 0)
		return render_error(r, 500);
	return 0;
}

/* The presets of the rejection reason (Lang.admin.review.presets.<code>): 1 when code is one. */
static int
preset_valid(const struct req *r, const char *code)
{
	char key[96];

	if (strlen(code) > 32 || strchr(code, '.') != NULL)
		return 0;
	snprintf(key, sizeof(key), "Lang.admin.review.presets.%s", code);
	return hdf_get_obj(r->hdf, key) != NULL;
}

/*
 * Everything the detail page shows. ID and account numbers are shown in
 * full here (o->v holds them opened): the view is audited, once per page.
 */
static int
detail_page(struct req *r, struct order *o, int status)
{
	char key[64], url[128];
	int files, k;

	order_to_hdf(o, r->hdf, "Page.order");
	project_to_hdf(&o->project, r->hdf, "Page.project");
	files = order_files_present(o);
	if (files < 0 || review_findings_hdf(r, o, r->hdf, "Page.review") != 0 ||
	    order_timeline_hdf(o, r->hdf, "Page.events") != 0)
		return render_error(r, 500);
	for (k = 0; k < UPLOAD__MAX; k++) {
		if (!(files & (1 << k)))
			continue;
		snprintf(key, sizeof(key), "Page.files.%s", upload_kind_name(k));
		snprintf(url, sizeof(url), "/admin/orders/%s/files/%s", o->no, upload_kind_name(k));
		req_set(r, key, url);
	}
	req_set_int(r, "Page.can_review", strcmp(o->state, "manual_review") == 0 &&
	    staff_has_role(ROLE_REVIEWER | ROLE_ADMIN));
	/* 确认到账: finance (or an administrator) confirms an order's transfer where it awaits payment. */
	if (strcmp(o->state, "payment") == 0 && staff_has_role(ROLE_FINANCE | ROLE_ADMIN)) {
		struct payment p;

		req_set_int(r, "Page.can_transfer", 1);
		if (payment_latest(o->id, &p) == 0 && strcmp(p.method, "transfer") == 0 && strcmp(p.state, "pending") == 0) {
			req_set(r, "Page.transfer.reference", p.out_trade_no);
			req_set_int(r, "Page.transfer.amount_fen", p.amount_fen);
		}
	}
	req_set(r, "Page.title", o->no);
	staff_audit(r, "view_pii", o->no, "success", "order detail");
	return admin_page(r, status, "orders", "order.title", "order.cs");
}

/*
 * GET /admin/orders/{no}: the order with every field and image in full, the
 * automated review's reasons, the timeline, and the review form where the
 * order is in manual review and the member may review. 200, 404.
 */
int
page_admin_order(struct req *r)
{
	const char *done = req_value(r, "reviewed");
	struct order o;
	char key[64];
	int rc;

	if ((rc = load_or_respond(r, &o)) != 0)
		return rc;
	if (done != NULL && order_state_valid(done)) {
		snprintf(key, sizeof(key), "order.reviewed.%s", done);
		req_set(r, "Page.flash.type", "success");
		req_set(r, "Page.flash.text", admin_lang(r, key, ""));
	} else if (req_value(r, "done") != NULL && strcmp(req_value(r, "done"), "transfer") == 0) {
		req_set(r, "Page.flash.type", "success");
		req_set(r, "Page.flash.text", admin_lang(r, "transfers.confirmed", ""));
	}
	return detail_page(r, &o, 200);
}

/* A field message and the form's values back, for a 422. */
static void
review_error(struct req *r, const char *field, const char *key)
{
	char path[64];

	snprintf(path, sizeof(path), "Page.errors.%s", field);
	req_set(r, path, admin_lang(r, key, ""));
	req_set_int(r, "Page.error_count", hdf_get_int_value(r->hdf, "Page.error_count", 0) + 1);
}

/* No control characters; the line breaks of a textarea become spaces (the reason goes into an SMS). */
static int
plain_text(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	}
	return 1;
}

/*
 * The reason to record: the chosen preset's text and what was typed, joined
 * ("营业执照不清晰：请重新上传"), into out. Fields are checked here: returns
 * the number of errors (messages on decision, reason_code, reason).
 */
static int
read_review(struct req *r, enum review_decision *decision, char *out, size_t outsz)
{
	const char *d = req_value(r, "decision"), *code = req_value(r, "reason_code");
	const char *raw = req_value(r, "reason"), *preset = "";
	char typed[1024], key[96];
	int errors = 0, n;

	if (d != NULL && strcmp(d, "approve") == 0)
		*decision = REVIEW_APPROVE;
	else if (d != NULL && strcmp(d, "reject") == 0)
		*decision = REVIEW_REJECT;
	else if (++errors)
		review_error(r, "decision", "review.bad_decision");
	req_set(r, "Page.form.decision", d != NULL && errors == 0 ? d : "");
	if (code != NULL && code[0] != '\0') {
		if (preset_valid(r, code)) {
			snprintf(key, sizeof(key), "review.presets.%s", code);
			preset = admin_lang(r, key, "");
			req_set(r, "Page.form.reason_code", code);
		} else if (++errors) {
			review_error(r, "reason_code", "review.bad_preset");
		}
	}
	n = norm_text(raw != NULL ? raw : "", typed, sizeof(typed)) == 0 ? utf8_length(typed) : -1;
	if (n < 0 || n > REASON_TYPED_MAX || !plain_text(typed)) {
		review_error(r, "reason", n > REASON_TYPED_MAX ? "review.reason_too_long" : "review.bad_reason");
		typed[0] = '\0';
		errors++;
	}
	req_set(r, "Page.form.reason", typed);
	if (errors == 0 && *decision == REVIEW_REJECT && preset[0] == '\0' && typed[0] == '\0' && ++errors)
		review_error(r, "reason", "review.reason_required");
	snprintf(out, outsz, "%s%s%s", preset, preset[0] != '\0' && typed[0] != '\0' ?
	    admin_lang(r, "review.reason_join", "：") : "", typed);
	return errors;
}

/*
 * POST /admin/orders/{no}/review (decision=approve|reject, reason_code,
 * reason): the reviewer's decision. 303 back to the order; 404 no such
 * order; 409 not in manual review (nothing changed); 422 bad input, with a
 * message at the field (a rejection needs a reason, chosen and/or typed).
 * Reviewers and administrators only (the route table).
 */
int
page_admin_review(struct req *r)
{
	enum review_decision decision = REVIEW_APPROVE;
	char reason[1200], url[128];
	const char *to;
	struct order o;
	int rc;

	if ((rc = load_or_respond(r, &o)) != 0)
		return rc;
	if (read_review(r, &decision, reason, sizeof(reason)) > 0) {
		staff_audit(r, "review", o.no, "invalid", NULL);
		return detail_page(r, &o, 422);
	}
	switch (review_decide(r, &o, decision, reason, &to)) {
	case DECIDE_OK:
		snprintf(url, sizeof(url), "/admin/orders/%s?reviewed=%s", o.no, to);
		return render_redirect(r, url);
	case DECIDE_NOT_REVIEWABLE:
		req_set(r, "Page.flash.type", "error");
		req_set(r, "Page.flash.text", admin_lang(r, "review.not_reviewable", ""));
		/* The page shows the order as it is now. */
		if ((rc = load_or_respond(r, &o)) != 0)
			return rc;
		return detail_page(r, &o, 409);
	case DECIDE_ERROR:
		break;
	}
	return render_error(r, 500);
}

/*
 * GET /admin/orders/{no}/files/{kind}: an uploaded image for staff, with the
 * applicant route's headers (its sniffed type, nosniff, CSP sandbox, no
 * store). Audited. 200, 404.
 */
int
page_admin_order_file(struct req *r)
{
	struct order o;
	int rc;

	if ((rc = load_or_respond(r, &o)) != 0)
		return rc;
	rc = order_file_or_respond(r, &o, route_param(r, "kind"));
	if (rc == 200)
		staff_audit(r, "view_file", o.no, "success", route_param(r, "kind"));
	return rc;
}
