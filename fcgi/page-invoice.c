/* page-invoice.c: the e-invoice of an order as a readable page and as its XML, to the owner and to staff (SPEC §8) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulfil.h"
#include "order-staff.h"
#include "page-admin.h"
#include "page-order.h"
#include "pages.h"
#include "render.h"
#include "route.h"
#include "staff.h"

/* The invoice page of o in template, or 404 while there is no invoice. */
static int
invoice_page(struct req *r, const struct order *o, const char *base, const char *template)
{
	char url[128];

	switch (fulfil_invoice_hdf(o, r->hdf, "Page.inv")) {
	case 0:
		break;
	case 1:
		req_set(r, "Page.error_text", hdf_get_value(r->hdf, "Lang.fulfil.no_invoice", ""));
		return render_error(r, 404);
	default:
		return render_error(r, 500);
	}
	order_to_hdf(o, r->hdf, "Page.order");
	snprintf(url, sizeof(url), "%s/invoice.xml", base);
	req_set(r, "Page.xml_url", url);
	req_set(r, "Page.back_url", base);
	req_set(r, "Page.title", hdf_get_value(r->hdf, "Lang.fulfil.invoice.title", ""));
	return render_page(r, 200, template);
}

/*
 * The stored XML as is: the document that was issued and mailed. A
 * download: the file name carries the invoice number. 200, 404 none yet.
 */
static int
invoice_xml(struct req *r, const struct order *o)
{
	char no[21], *xml;
	size_t len;
	int rc;

	rc = fulfil_invoice_get(o->id, no, &xml, &len);
	if (rc == 1)
		return render_error(r, 404);
	if (rc != 0)
		return render_error(r, 500);
	rc = render_body(r, 200, "application/xml; charset=utf-8", xml, len, "sandbox", "private, no-store");
	free(xml);
	return rc;
}

/* GET /orders/{no}/invoice: the applicant's invoice as a page. 200; 404 anyone else's order, or no invoice yet. */
int
page_order_invoice(struct req *r)
{
	struct order o;
	char base[96];
	int rc;

	if ((rc = order_load_or_respond(r, &o)) != 0)
		return rc;
	req_set(r, "Page.nav", "orders");
	snprintf(base, sizeof(base), "/orders/%s", o.no);
	return invoice_page(r, &o, base, "order/invoice.cs");
}

/* GET /orders/{no}/invoice.xml: its XML. 200; 404 as above. */
int
page_order_invoice_xml(struct req *r)
{
	struct order o;
	int rc;

	if ((rc = order_load_or_respond(r, &o)) != 0)
		return rc;
	return invoice_xml(r, &o);
}

/* GET /admin/orders/{no}/invoice: the same page for staff (audited: it shows the buyer's bank account). */
int
page_admin_invoice(struct req *r)
{
	struct order o;
	char base[96];
	int rc;

	if ((rc = admin_order_or_respond(r, &o)) != 0)
		return rc;
	staff_audit(r, "view_invoice", o.no, "success", NULL);
	req_set(r, "Page.nav", "fulfil");
	snprintf(base, sizeof(base), "/admin/orders/%s/fulfilment", o.no);
	rc = invoice_page(r, &o, base, "admin/invoice.cs");
	return rc;
}

/* GET /admin/orders/{no}/invoice.xml: its XML for staff. */
int
page_admin_invoice_xml(struct req *r)
{
	struct order o;
	int rc;

	if ((rc = admin_order_or_respond(r, &o)) != 0)
		return rc;
	staff_audit(r, "view_invoice", o.no, "success", "xml");
	return invoice_xml(r, &o);
}
