/* fulfil.h: production through the RA, shipping, the e-invoice and completion (SPEC §8) */
#ifndef CERTDESK_FULFIL_H
#define CERTDESK_FULFIL_H

#include <stddef.h>

#include <ClearSilver.h>

#include "order.h"
#include "request.h"

enum fulfil_result {
	FULFIL_OK = 0,
	FULFIL_STATE,		/* the order is not in the state this needs (e.g. shipping an unpaid order) */
	FULFIL_ALREADY,		/* already done: every certificate issued, the invoice exists */
	FULFIL_NOT_READY,	/* shipping before every certificate is issued */
	FULFIL_ERROR = -1,
};

/*
 * 顺丰 tracking numbers: "SF" and 13 digits, or 12 digits. in is normalised
 * first (blanks removed, full-width folded, letters upper-cased) into out.
 * 1 when valid.
 */
int fulfil_tracking_no(const char *in, char *out, size_t outsz);

/*
 * POST /admin/orders/{no}/produce: one RA request per certificate of a paid
 * order (state production), queued in the outbox for the worker, with the
 * project's role of each. Safe to repeat: issued certificates are left
 * alone, failed ones (and ones still retrying) are requested again under the
 * same transaction number. *queued: how many were queued. FULFIL_ALREADY
 * when every certificate is issued. Audited.
 */
enum fulfil_result fulfil_produce(const struct req *r, const struct order *o, int *queued);
/*
 * certdesk-worker, for an outbox row of channel "ra" (recipient: the
 * transaction number): build the request, send it, read the answer. An
 * answer (issued, or refused, or unreadable) ends the row: the certificate
 * is stored, or the request is marked failed with the reason for the
 * operator. 0; -1 with why only when the RA could not be reached (retried).
 */
int fulfil_ra_deliver(const char *trans_no, const char **why);
/*
 * POST /admin/orders/{no}/ship: production -> shipped with the tracking
 * number (valid, see fulfil_tracking_no), in one transaction; the agent
 * gets an SMS with the number. FULFIL_STATE when the order is not in
 * production (unpaid, already shipped), FULFIL_NOT_READY when a
 * certificate is missing. Audited.
 */
enum fulfil_result fulfil_ship(const struct req *r, const struct order *o, const char *tracking_no);
/*
 * POST /admin/orders/{no}/invoice: issue the e-invoice of a shipped order:
 * numbered, built as XML, stored, mailed to the agent with the XML
 * attached, and an SMS, all in one transaction. FULFIL_ALREADY when the
 * order has one (nothing changes), FULFIL_STATE when it is not shipped.
 * no receives the invoice number. Audited.
 */
enum fulfil_result fulfil_invoice_issue(const struct req *r, const struct order *o, char no[21]);
/* certdesk-admin invoice resend: mail an order's invoice to its agent again. 0, 1 no such order or invoice, -1. */
int fulfil_invoice_resend(const char *order_no);
/* certdesk-worker's timed job: shipped orders with an invoice, Fulfil.complete_days after shipping -> completed. */
void fulfil_complete_due(void);

/* The stored invoice XML of an order (malloc'd) and its number: 0, 1 none yet, -1 error. */
int fulfil_invoice_get(long long order_id, char no[21], char **xml, size_t *len);
/* For mail attachments: invoice id -> file name "invoice-NUMBER.xml" and the XML (malloc'd). 0 or -1. */
int fulfil_invoice_file(long long invoice_id, char *name, size_t namesz, char **xml, size_t *len);
/*
 * What order pages show: <prefix>.certificates.N.{position, role, serial,
 * dn, valid_from, valid_to}; <prefix>.invoice.{no, issued_at, total_fen,
 * url, xml_url} with links under base ("/orders/NO" or "/admin/orders/NO");
 * with staff set, also <prefix>.ra.N.{position, role, state, error,
 * attempts, updated_at}. 0 or -1.
 */
int fulfil_order_hdf(const struct order *o, HDF *hdf, const char *prefix, const char *base, int staff);
/* The invoice document for its readable page: <prefix>.{number, issued_at, seller.*, buyer.*, lines.N.*, totals}. 0, 1 none, -1. */
int fulfil_invoice_hdf(const struct order *o, HDF *hdf, const char *prefix);
/* The operator's queue (paid orders and their certificates) and finance's (shipped, no invoice). 0 or -1. */
int fulfil_production_queue_hdf(HDF *hdf, const char *prefix);
int fulfil_invoice_queue_hdf(HDF *hdf, const char *prefix);

#endif
