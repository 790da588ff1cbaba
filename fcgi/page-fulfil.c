/* page-fulfil.c: the staff console's production, shipping and invoicing (SPEC §8, §10), its queues and the outbox */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulfil.h"
#include "order-staff.h"
#include "outbox.h"
#include "page-admin.h"
#include "pages.h"
#include "render.h"
#include "route.h"
#include "staff.h"

static const char *
text(const struct req *r, const char *key, const char *def)
{
	char path[128];

	snprintf(path, sizeof(path), "Lang.fulfil.%s", key);
	return hdf_get_value(r->hdf, path, def);
}

static void
flash(struct req *r, const char *type, const char *key)
{
	req_set(r, "Page.flash.type", type);
	req_set(r, "Page.flash.text", text(r, key, ""));
}

/*
 * The fulfilment page of o: certificates and their RA requests, tracking
 * number, invoice, and the forms of the member's roles where the order's
 * state allows them.
 */
static int
fulfilment_page(struct req *r, const struct order *o, int status)
{
	char base[96];

	snprintf(base, sizeof(base), "/admin/orders/%s", o->no);
	order_to_hdf(o, r->hdf, "Page.order");
	project_to_hdf(&o->project, r->hdf, "Page.project");
	if (fulfil_order_hdf(o, r->hdf, "Page", base, 1) != 0)
		return render_error(r, 500);
	req_set_int(r, "Page.can_produce", strcmp(o->state, "production") == 0 &&
	    staff_has_role(ROLE_OPERATOR | ROLE_ADMIN));
	req_set_int(r, "Page.can_ship", strcmp(o->state, "production") == 0 &&
	    staff_has_role(ROLE_OPERATOR | ROLE_ADMIN));
	req_set_int(r, "Page.can_invoice", strcmp(o->state, "shipped") == 0 &&
	    hdf_get_value(r->hdf, "Page.invoice.no", NULL) == NULL && staff_has_role(ROLE_FINANCE | ROLE_ADMIN));
	req_set(r, "Page.title", o->no);
	return admin_page(r, status, "fulfil", "order.title", "fulfilment.cs");
}

/* GET /admin/orders/{no}/fulfilment: production, shipping and invoice of one order. 200, 404. */
int
page_admin_fulfilment(struct req *r)
{
	static const char *const done[] = { "produce", "ship", "invoice" };
	const char *d = req_value(r, "done");
	struct order o;
	char key[48];
	size_t i;
	int rc;

	if ((rc = admin_order_or_respond(r, &o)) != 0)
		return rc;
	for (i = 0; d != NULL && i < sizeof(done) / sizeof(done[0]); i++) {
		if (strcmp(d, done[i]) != 0)
			continue;
		snprintf(key, sizeof(key), "done.%s", done[i]);
		flash(r, "success", key);
	}
	return fulfilment_page(r, &o, 200);
}

static int
done_redirect(struct req *r, const struct order *o, const char *what)
{
	char url[128];

	snprintf(url, sizeof(url), "/admin/orders/%s/fulfilment?done=%s", o->no, what);
	return render_redirect(r, url);
}

/* A refused action: the page as the order is now, with why. 409. */
static int
refused(struct req *r, const char *key)
{
	struct order o;
	int rc;

	if ((rc = admin_order_or_respond(r, &o)) != 0)
		return rc;
	flash(r, "error", key);
	return fulfilment_page(r, &o, 409);
}

/*
 * POST /admin/orders/{no}/produce: request every certificate of a paid
 * order from the RA (the worker sends them); again after a failure. 303 to
 * the order's fulfilment page; 404; 409 not in 制作中, or every
 * certificate already issued. Operators and administrators (the route table).
 */
int
page_admin_produce(struct req *r)
{
	struct order o;
	int rc, queued;

	if ((rc = admin_order_or_respond(r, &o)) != 0)
		return rc;
	switch (fulfil_produce(r, &o, &queued)) {
	case FULFIL_OK:
		return done_redirect(r, &o, "produce");
	case FULFIL_ALREADY:
		return refused(r, "refused.produced");
	case FULFIL_STATE:
		return refused(r, "refused.not_production");
	default:
		return render_error(r, 500);
	}
}

/*
 * POST /admin/orders/{no}/ship (tracking_no: 顺丰, SF + 13 digits or 12
 * digits): 制作中 -> 已发货 and an SMS to the agent. 303; 404; 409 not in
 * 制作中 (unpaid, shipped) or a certificate missing; 422 a wrong number,
 * with the message at the field. Operators and administrators.
 */
int
page_admin_ship(struct req *r)
{
	const char *raw = req_value(r, "tracking_no");
	char tracking[64];
	struct order o;
	int rc;

	if ((rc = admin_order_or_respond(r, &o)) != 0)
		return rc;
	if (!fulfil_tracking_no(raw != NULL ? raw : "", tracking, sizeof(tracking))) {
		staff_audit(r, "ship", o.no, "invalid", NULL);
		req_set(r, "Page.errors.tracking_no", text(r, raw == NULL || raw[0] == '\0' ? "tracking_empty" :
		    "tracking_invalid", ""));
		req_set(r, "Page.errors.tracking_no.label", text(r, "tracking_no", ""));
		req_set(r, "Page.form.tracking_no", raw != NULL && strlen(raw) < 64 ? raw : "");
		return fulfilment_page(r, &o, 422);
	}
	switch (fulfil_ship(r, &o, tracking)) {
	case FULFIL_OK:
		return done_redirect(r, &o, "ship");
	case FULFIL_NOT_READY:
		return refused(r, "refused.certificates_missing");
	case FULFIL_STATE:
		return refused(r, strcmp(o.state, "shipped") == 0 || strcmp(o.state, "completed") == 0 ?
		    "refused.shipped" : "refused.not_production");
	default:
		return render_error(r, 500);
	}
}

/*
 * POST /admin/orders/{no}/invoice: issue the e-invoice of a shipped order,
 * mail it to the agent. 303; 404; 409 not shipped yet, or already issued
 * (nothing changes). Finance and administrators.
 */
int
page_admin_invoice_issue(struct req *r)
{
	struct order o;
	char no[21];
	int rc;

	if ((rc = admin_order_or_respond(r, &o)) != 0)
		return rc;
	switch (fulfil_invoice_issue(r, &o, no)) {
	case FULFIL_OK:
		return done_redirect(r, &o, "invoice");
	case FULFIL_ALREADY:
		return refused(r, "refused.invoiced");
	case FULFIL_STATE:
		return refused(r, "refused.not_shipped");
	default:
		return render_error(r, 500);
	}
}

/* GET /admin/production: 待制作 and 待发货, paid orders oldest first, with their certificates so far. 200. */
int
page_admin_production(struct req *r)
{
	if (fulfil_production_queue_hdf(r->hdf, "Page.orders") != 0)
		return render_error(r, 500);
	return admin_page(r, 200, "production", "nav.production", "production.cs");
}

/* GET /admin/invoicing: 待开票, shipped orders without an invoice, longest shipped first. 200. */
int
page_admin_invoicing(struct req *r)
{
	if (fulfil_invoice_queue_hdf(r->hdf, "Page.orders") != 0)
		return render_error(r, 500);
	return admin_page(r, 200, "invoicing", "nav.invoicing", "invoicing.cs");
}

/* GET /admin/outbox: messages that could not be delivered, with their error and a retry button. 200. Administrators. */
int
page_admin_outbox(struct req *r)
{
	const char *d = req_value(r, "retried");

	if (d != NULL && strcmp(d, "1") == 0)
		flash(r, "success", "outbox.retried");
	if (outbox_failed_hdf(r->hdf, "Page.failed") != 0)
		return render_error(r, 500);
	return admin_page(r, 200, "outbox", "nav.outbox", "outbox.cs");
}

/*
 * POST /admin/outbox/{id}/retry: deliver a failed message again, from its
 * first attempt. 303 to /admin/outbox; 404 no such failed message (sent,
 * pending, or unknown: nothing changes). Administrators; audited.
 */
int
page_admin_outbox_retry(struct req *r)
{
	const char *p = route_param(r, "id");
	char *end;
	long long id;
	int rc;

	errno = 0;
	id = p != NULL ? strtoll(p, &end, 10) : 0;
	if (p == NULL || errno != 0 || *end != '\0' || id <= 0)
		return render_error(r, 404);
	rc = outbox_retry(id);
	staff_audit(r, "outbox_retry", p, rc == 0 ? "ok" : "refused", NULL);
	if (rc < 0)
		return render_error(r, 500);
	if (rc == 1)
		return render_error(r, 404);
	return render_redirect(r, "/admin/outbox?retried=1");
}
