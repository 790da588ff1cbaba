/* fulfil.c: production through the RA, shipping, the e-invoice and completion (SPEC §8) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "fulfil.h"
#include "invoice.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "order-staff.h"
#include "order-state.h"
#include "outbox.h"
#include "ra.h"
#include "render.h"
#include "staff.h"
#include "valid.h"
#include "xml.h"

int
fulfil_tracking_no(const char *in, char *out, size_t outsz)
{
	size_t i, n;

	if (in == NULL || outsz == 0 || norm_code(in, out, outsz) != 0)
		return 0;
	n = strlen(out);
	if (n == 15 && out[0] == 'S' && out[1] == 'F')
		i = 2;
	else if (n == 12)
		i = 0;
	else
		return 0;
	for (; i < n; i++)
		if (out[i] < '0' || out[i] > '9')
			return 0;
	return 1;
}

/* Copy src into dst, cut at a UTF-8 character boundary when it does not fit. */
static void
copy(char *dst, size_t dstsz, const char *src)
{
	size_t n = src != NULL ? strlen(src) : 0;

	if (dstsz == 0)
		return;
	if (n >= dstsz) {
		n = dstsz - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The transaction number of certificate position of an order: "ZQYL20261125103000123456-01". */
static void
trans_no(const char *order_no, int position, char out[41])
{
	snprintf(out, 41, "%s-%02d", order_no, position);
}

static const char *
role_of(const struct order *o, int position)
{
	return position >= 1 && position <= o->project.n_roles ? o->project.roles[position - 1] : "";
}

static long long
cell_ll(const struct db_result *res, unsigned int row, unsigned int col)
{
	const char *v = db_cell(res, row, col);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

/* Lock the order's row inside a transaction: 1 when it is in state, 0 not, -1 error. */
static int
lock_in_state(long long order_id, const char *state)
{
	struct db_result res;
	int in;

	if (db_select(STMT_ORDER_LOCK, &res, "l", order_id) != 0)
		return -1;
	in = res.nrows == 1 && strcmp(db_cell(&res, 0, 0), state) == 0;
	db_result_free(&res);
	return in;
}

enum fulfil_result
fulfil_produce(const struct req *r, const struct order *o, int *queued)
{
	struct db_result res;
	char tn[41], slots[1001];
	int pos, issued = 0, in;
	unsigned int i;
	long long staff = staff_id();

	*queued = 0;
	if (o->quantity < 1 || o->quantity > 1000)
		return FULFIL_ERROR;
	if (db_begin() != 0)
		return FULFIL_ERROR;
	if ((in = lock_in_state(o->id, "production")) != 1) {
		db_rollback();
		if (in == 0)
			staff_audit(r, "produce", o->no, "refused", o->state);
		return in == 0 ? FULFIL_STATE : FULFIL_ERROR;
	}
	/* What each position has so far: n (none), i (issued), q (queued, fine), r (to request again). */
	memset(slots, 'n', sizeof(slots));
	if (db_select(STMT_RA_REQUEST_SLOTS, &res, "l", o->id) != 0)
		goto error;
	for (i = 0; i < res.nrows; i++) {
		pos = (int)cell_ll(&res, i, 0);
		if (pos < 1 || pos > o->quantity)
			continue;
		if (strcmp(db_cell(&res, i, 1), "issued") == 0)
			slots[pos] = 'i';
		else if (strcmp(db_cell(&res, i, 1), "failed") == 0 || strcmp(db_cell(&res, i, 2), "1") == 0)
			slots[pos] = 'r';
		else
			slots[pos] = 'q';
	}
	db_result_free(&res);
	for (pos = 1; pos <= o->quantity; pos++) {
		trans_no(o->no, pos, tn);
		if (slots[pos] == 'i') {
			issued++;
			continue;
		}
		if (slots[pos] == 'q')
			continue;
		if (slots[pos] == 'n' && db_exec(STMT_RA_REQUEST_INSERT, "llssl", o->id, (long long)pos, role_of(o, pos), tn,
		    staff) != 1)
			goto error;
		if (slots[pos] == 'r' && db_exec(STMT_RA_REQUEST_REQUEUE, "lll", staff, o->id, (long long)pos) != 1)
			goto error;
		if (outbox_queue(r, "ra", tn, tn) != 0)
			goto error;
		(*queued)++;
	}
	if (db_commit() != 0)
		return FULFIL_ERROR;
	staff_audit(r, "produce", o->no, *queued > 0 ? "ok" : "unchanged", NULL);
	return issued == o->quantity ? FULFIL_ALREADY : FULFIL_OK;
error:
	db_rollback();
	log_error(r != NULL ? r->id : NULL, "fulfil: order %s: production requests not queued", o->no);
	return FULFIL_ERROR;
}

/* The RA request of certificate position of order o. */
static void
request_of(const struct order *o, int position, const char *role, struct ra_request *q)
{
	memset(q, 0, sizeof(*q));
	trans_no(o->no, position, q->trans_no);
	q->personal = strncmp(o->cert_type, "personal", 8) == 0;
	copy(q->cert_type, sizeof(q->cert_type), o->cert_type);
	if (q->personal) {
		copy(q->user_name, sizeof(q->user_name), o->v[OF_AGENT_NAME]);
		copy(q->ident_type, sizeof(q->ident_type), strcmp(o->v[OF_AGENT_ID_TYPE], "id_card") == 0 ? "0" : "Y");
		copy(q->ident_no, sizeof(q->ident_no), o->v[OF_AGENT_ID_NO]);
	} else {
		copy(q->user_name, sizeof(q->user_name), o->v[OF_ORG_NAME]);
		copy(q->ident_type, sizeof(q->ident_type), strcmp(o->v[OF_ORG_ID_TYPE], "uscc") == 0 ? "N" : "Z");
		copy(q->ident_no, sizeof(q->ident_no), o->v[OF_ORG_ID_NO]);
	}
	copy(q->org_name, sizeof(q->org_name), o->v[OF_ORG_NAME]);
	copy(q->role, sizeof(q->role), role);
	copy(q->agent_name, sizeof(q->agent_name), o->v[OF_AGENT_NAME]);
	copy(q->email, sizeof(q->email), o->v[OF_AGENT_EMAIL]);
	copy(q->phone, sizeof(q->phone), o->v[OF_AGENT_PHONE]);
	q->months = o->years * 12;
}

/* The answer is in: the certificate and the request's state in one transaction. */
static int
record_issued(long long order_id, int position, const char *role, const char *tn, const struct ra_result *res)
{
	if (db_begin() != 0)
		return -1;
	if (db_exec(STMT_CERT_INSERT, "llsssss", order_id, (long long)position, role, res->serial, res->dn,
	    res->not_before, res->not_after) < 0 ||
	    db_exec(STMT_RA_REQUEST_RESULT, "sss", "issued", NULL, tn) < 0) {
		db_rollback();
		return -1;
	}
	return db_commit();
}

int
fulfil_ra_deliver(const char *tn, const char **why)
{
	static char reason[200];
	struct db_result res;
	struct ra_request q;
	struct ra_result result;
	struct order o;
	char no[33], role[33], *xml = NULL, *resp = NULL;
	size_t len, resplen;
	long long order_id, applicant;
	int position, rc;

	if (db_select(STMT_RA_REQUEST_BY_TRANS, &res, "s", tn) != 0) {
		*why = "database";
		return -1;
	}
	if (res.nrows != 1 || strcmp(db_cell(&res, 0, 3), "issued") == 0) {
		/* Nothing to do: an unknown number, or issued by an earlier answer. */
		db_result_free(&res);
		return 0;
	}
	order_id = cell_ll(&res, 0, 0);
	position = (int)cell_ll(&res, 0, 1);
	copy(role, sizeof(role), db_cell(&res, 0, 2));
	copy(no, sizeof(no), db_cell(&res, 0, 4));
	applicant = cell_ll(&res, 0, 5);
	db_result_free(&res);
	if (order_get(&o, no, applicant) != 0) {
		*why = "the order cannot be read";
		return -1;
	}
	request_of(&o, position, role, &q);
	if (ra_request_xml(&q, &xml, &len) != 0) {
		/* A value the XML cannot carry: no retry will change that. */
		db_exec(STMT_RA_REQUEST_RESULT, "sss", "failed", "证书申请报文无法生成（订单中有无效字符）", tn);
		return 0;
	}
	rc = ra_send(xml, len, &resp, &resplen, reason, sizeof(reason));
	free(xml);
	if (rc != 0) {
		char note[256];

		snprintf(note, sizeof(note), "RA暂时无法连接，稍后自动重试：%s", reason);
		db_exec(STMT_RA_REQUEST_NOTE, "ss", note, tn);
		*why = reason;
		return -1;
	}
	rc = ra_response_parse(resp, resplen, tn, &result);
	free(resp);
	if (rc == 0) {
		if (record_issued(order_id, position, role, tn, &result) != 0) {
			*why = "the certificate cannot be stored";
			return -1;
		}
		log_info(NULL, "fulfil: order %s certificate %d issued, serial %s", no, position, result.serial);
		return 0;
	}
	db_exec(STMT_RA_REQUEST_RESULT, "sss", "failed", result.error, tn);
	log_warn(NULL, "fulfil: order %s certificate %d not issued: %s", no, position, result.error);
	return 0;
}

static int
set_tracking(long long order_id, void *arg)
{
	return db_exec(STMT_FULFIL_SHIP, "sl", (const char *)arg, order_id) == 1 ? 0 : -1;
}

enum fulfil_result
fulfil_ship(const struct req *r, const struct order *o, const char *tracking_no)
{
	struct db_result res;
	char reason[64];
	long long issued;

	if (strcmp(o->state, "production") != 0) {
		staff_audit(r, "ship", o->no, "refused", o->state);
		return FULFIL_STATE;
	}
	if (db_select(STMT_CERT_COUNT, &res, "l", o->id) != 0)
		return FULFIL_ERROR;
	issued = cell_ll(&res, 0, 0);
	db_result_free(&res);
	if (issued < o->quantity) {
		staff_audit(r, "ship", o->no, "refused", "certificates missing");
		return FULFIL_NOT_READY;
	}
	snprintf(reason, sizeof(reason), "顺丰 %s", tracking_no);
	switch (order_transition_with(o->id, "shipped", ACTOR_STAFF, staff_id(), NULL, reason, -1, set_tracking,
	    (void *)tracking_no)) {
	case TRANSITION_OK:
		staff_audit(r, "ship", o->no, "ok", tracking_no);
		return FULFIL_OK;
	case TRANSITION_ERROR:
		return FULFIL_ERROR;
	default:
		staff_audit(r, "ship", o->no, "refused", "state changed");
		return FULFIL_STATE;
	}
}

/*
 * The invoice of o: seller from Invoice.seller.*, buyer from step ③, one
 * line for the certificates and one for the keys, priced from the project
 * and adjusted so they add up to what the order cost (prices may have
 * changed since), VAT at Invoice.rate_percent included.
 */
static int
invoice_of(const struct order *o, struct invoice *inv, time_t now)
{
	const struct project_choice *ct = project_cert_type(&o->project, o->cert_type);
	const struct project_choice *kt = project_key_type(&o->project, o->key_type);
	long certs = ct != NULL ? (long)o->quantity * o->years * ct->fen : o->total_fen;
	long keys = kt != NULL ? (long)o->quantity * kt->fen : 0;
	time_t china = now + 8 * 3600;
	struct tm tm;

	memset(inv, 0, sizeof(*inv));
	if (certs + keys != o->total_fen) {
		keys = keys < o->total_fen ? keys : o->total_fen;
		certs = o->total_fen - keys;
	}
	gmtime_r(&china, &tm);
	strftime(inv->issued_at, sizeof(inv->issued_at), "%Y-%m-%d %H:%M:%S", &tm);
	copy(inv->seller.name, sizeof(inv->seller.name), config_get("Invoice.seller.name", config_get("Site.ca_name", "")));
	copy(inv->seller.tax_no, sizeof(inv->seller.tax_no), config_get("Invoice.seller.tax_no", ""));
	copy(inv->seller.address, sizeof(inv->seller.address), config_get("Invoice.seller.address", ""));
	copy(inv->seller.phone, sizeof(inv->seller.phone), config_get("Invoice.seller.phone", ""));
	copy(inv->seller.bank, sizeof(inv->seller.bank), config_get("Invoice.seller.bank", ""));
	copy(inv->seller.account, sizeof(inv->seller.account), config_get("Invoice.seller.account", ""));
	copy(inv->buyer.name, sizeof(inv->buyer.name), o->v[OF_INVOICE_TITLE]);
	copy(inv->buyer.tax_no, sizeof(inv->buyer.tax_no), o->v[OF_INVOICE_TAX_NO]);
	copy(inv->buyer.address, sizeof(inv->buyer.address), o->v[OF_INVOICE_ADDRESS]);
	copy(inv->buyer.phone, sizeof(inv->buyer.phone), o->v[OF_INVOICE_PHONE]);
	copy(inv->buyer.bank, sizeof(inv->buyer.bank), o->v[OF_INVOICE_BANK]);
	copy(inv->buyer.account, sizeof(inv->buyer.account), o->v[OF_INVOICE_ACCOUNT]);
	inv->rate_percent = (int)config_long("Invoice.rate_percent", 6, 0, 100);
	snprintf(inv->lines[0].name, sizeof(inv->lines[0].name), "%s%s", config_get("Invoice.cert_item_prefix",
	    "*信息技术服务*"), ct != NULL ? ct->name : o->cert_type);
	snprintf(inv->lines[0].spec, sizeof(inv->lines[0].spec), "%d年", o->years);
	copy(inv->lines[0].unit, sizeof(inv->lines[0].unit), "张");
	copy(inv->lines[0].tax_code, sizeof(inv->lines[0].tax_code), config_get("Invoice.cert_tax_code",
	    "3040201990000000000"));
	inv->lines[0].quantity = o->quantity;
	inv->lines[0].price_fen = certs;
	inv->nlines = 1;
	if (keys > 0) {
		snprintf(inv->lines[1].name, sizeof(inv->lines[1].name), "%s%s", config_get("Invoice.key_item_prefix",
		    "*计算机外部设备*"), kt->name);
		copy(inv->lines[1].unit, sizeof(inv->lines[1].unit), "个");
		copy(inv->lines[1].tax_code, sizeof(inv->lines[1].tax_code), config_get("Invoice.key_tax_code",
		    "1090511990000000000"));
		inv->lines[1].quantity = o->quantity;
		inv->lines[1].price_fen = keys;
		inv->nlines = 2;
	}
	copy(inv->drawer, sizeof(inv->drawer), config_get("Invoice.drawer", staff_username()));
	snprintf(inv->remark, sizeof(inv->remark), "订单号：%s", o->no);
	copy(inv->tax_bureau_code, sizeof(inv->tax_bureau_code), config_get("Invoice.tax_bureau_code", ""));
	copy(inv->tax_bureau_name, sizeof(inv->tax_bureau_name), config_get("Invoice.tax_bureau_name", ""));
	return invoice_compute(inv);
}

/* The invoice mail to the agent, with the stored XML attached when the worker sends it. 0 or -1. */
static int
invoice_mail(const struct req *r, const struct order *o, long long invoice_id, const char *number, long price_fen)
{
	char yuan[32], subject[512], body[2048], ref[48];
	const char *pairs[] = { "site", config_get("Site.name", ""), "no", o->no, "invoice_no", number, "extra", yuan,
		NULL };

	invoice_yuan(price_fen, yuan, sizeof(yuan));
	snprintf(ref, sizeof(ref), "invoice:%lld", invoice_id);
	if (notify_text("mail.invoice.subject", pairs, subject, sizeof(subject)) != 0 ||
	    notify_text("mail.invoice.body", pairs, body, sizeof(body)) != 0)
		return -1;
	return mail_queue(r, o->v[OF_AGENT_EMAIL], subject, body, ref);
}

enum fulfil_result
fulfil_invoice_issue(const struct req *r, const struct order *o, char no[21])
{
	struct invoice inv;
	char utc[20], *xml = NULL;
	size_t len;
	long long id;
	time_t now = time(NULL);
	struct tm tm;
	int in;

	no[0] = '\0';
	if (strcmp(o->state, "shipped") != 0) {
		staff_audit(r, "invoice", o->no, "refused", o->state);
		return strcmp(o->state, "completed") == 0 ? FULFIL_ALREADY : FULFIL_STATE;
	}
	if (invoice_of(o, &inv, now) != 0)
		return FULFIL_ERROR;
	gmtime_r(&now, &tm);
	strftime(utc, sizeof(utc), "%Y-%m-%d %H:%M:%S", &tm);
	if (db_begin() != 0)
		return FULFIL_ERROR;
	if ((in = lock_in_state(o->id, "shipped")) != 1) {
		db_rollback();
		return in == 0 ? FULFIL_STATE : FULFIL_ERROR;
	}
	/* The unique key on order_id refuses a second invoice, also from a request racing this one. */
	if (db_exec(STMT_INVOICE_INSERT, "llllls", o->id, (long long)inv.amount_fen, (long long)inv.tax_fen,
	    (long long)inv.price_fen, staff_id(), utc) != 1) {
		in = db_last_was_duplicate();
		db_rollback();
		if (in)
			staff_audit(r, "invoice", o->no, "refused", "already issued");
		return in ? FULFIL_ALREADY : FULFIL_ERROR;
	}
	id = (long long)db_last_insert_id();
	if (invoice_number(tm.tm_year + 1900, config_get("Invoice.region", "11"),
	    (int)config_long("Invoice.channel", 1, 0, 9), (unsigned long long)id, inv.number) != 0 ||
	    invoice_xml(&inv, &xml, &len) != 0 ||
	    db_exec(STMT_INVOICE_SET, "sbl", inv.number, xml, len, id) != 1)
		goto error;
	/* The mail and the SMS are committed with the invoice, or not at all. */
	if (invoice_mail(r, o, id, inv.number, inv.price_fen) != 0)
		goto error;
	notify_order(o->id, "invoice_issued", inv.number);
	if (db_commit() != 0) {
		free(xml);
		return FULFIL_ERROR;
	}
	free(xml);
	snprintf(no, 21, "%s", inv.number);
	staff_audit(r, "invoice", o->no, "ok", inv.number);
	return FULFIL_OK;
error:
	free(xml);
	db_rollback();
	log_error(r != NULL ? r->id : NULL, "fulfil: order %s: the invoice was not issued", o->no);
	return FULFIL_ERROR;
}

int
fulfil_invoice_resend(const char *order_no)
{
	struct db_result res;
	struct order o;
	int rc;

	if ((rc = order_get_for_staff(&o, order_no)) != 0)
		return rc;
	if (db_select(STMT_INVOICE_BY_ORDER, &res, "l", o.id) != 0)
		return -1;
	if (res.nrows != 1) {
		db_result_free(&res);
		return 1;
	}
	rc = invoice_mail(NULL, &o, strtoll(db_cell(&res, 0, 0), NULL, 10), db_cell(&res, 0, 1),
	    strtol(db_cell(&res, 0, 3), NULL, 10));
	db_result_free(&res);
	return rc;
}

void
fulfil_complete_due(void)
{
	struct db_result res;
	unsigned int i;

	if (db_select(STMT_FULFIL_COMPLETE_DUE, &res, "l", (long long)config_long("Fulfil.complete_days", 15, 0, 365)) != 0)
		return;
	/* The state machine locks each order: with several workers, one of them completes it. */
	for (i = 0; i < res.nrows; i++)
		order_transition(cell_ll(&res, i, 0), "completed", ACTOR_SYSTEM, 0, NULL, NULL, -1);
	db_result_free(&res);
}

int
fulfil_invoice_get(long long order_id, char no[21], char **xml, size_t *len)
{
	struct db_result res;

	*xml = NULL;
	*len = 0;
	no[0] = '\0';
	if (db_select(STMT_INVOICE_BY_ORDER, &res, "l", order_id) != 0)
		return -1;
	if (res.nrows != 1 || db_cell(&res, 0, 4) == NULL) {
		db_result_free(&res);
		return 1;
	}
	copy(no, 21, db_cell(&res, 0, 1));
	*len = db_cell_len(&res, 0, 4);
	*xml = malloc(*len + 1);
	if (*xml != NULL) {
		memcpy(*xml, db_cell(&res, 0, 4), *len);
		(*xml)[*len] = '\0';
	}
	db_result_free(&res);
	return *xml != NULL ? 0 : -1;
}

int
fulfil_invoice_file(long long invoice_id, char *name, size_t namesz, char **xml, size_t *len)
{
	struct db_result res;

	*xml = NULL;
	*len = 0;
	if (db_select(STMT_INVOICE_BY_ID, &res, "l", invoice_id) != 0)
		return -1;
	if (res.nrows != 1 || db_cell(&res, 0, 1) == NULL) {
		db_result_free(&res);
		return -1;
	}
	snprintf(name, namesz, "invoice-%s.xml", db_cell(&res, 0, 0));
	*len = db_cell_len(&res, 0, 1);
	*xml = malloc(*len + 1);
	if (*xml != NULL) {
		memcpy(*xml, db_cell(&res, 0, 1), *len);
		(*xml)[*len] = '\0';
	}
	db_result_free(&res);
	return *xml != NULL ? 0 : -1;
}

/* Row i of res under <prefix>.<i>.<names[c]>. */
static void
row_hdf(HDF *hdf, const char *prefix, const struct db_result *res, unsigned int i, const char *const *names)
{
	char node[128];
	unsigned int c;

	snprintf(node, sizeof(node), "%s.%u", prefix, i);
	for (c = 0; names[c] != NULL && c < res->ncols; c++)
		if (names[c][0] != '\0')
			hdf_put(hdf, node, names[c], db_cell(res, i, c) != NULL ? db_cell(res, i, c) : "");
}

/* The rows of a statement taking the order id (order_id > 0) or nothing, under <prefix>.N.<names>. */
static int
rows_hdf(enum stmt id, long long order_id, HDF *hdf, const char *prefix, const char *const *names)
{
	struct db_result res;
	unsigned int i;

	if ((order_id > 0 ? db_select(id, &res, "l", order_id) : db_select(id, &res, "")) != 0)
		return -1;
	for (i = 0; i < res.nrows; i++)
		row_hdf(hdf, prefix, &res, i, names);
	db_result_free(&res);
	return 0;
}

int
fulfil_order_hdf(const struct order *o, HDF *hdf, const char *prefix, const char *base, int staff)
{
	static const char *const cert_names[] = { "position", "role", "serial", "dn", "valid_from", "valid_to", NULL };
	static const char *const ra_names[] = { "position", "role", "state", "error", "attempts", "updated_at", NULL };
	struct db_result res;
	char node[96], url[160];
	/* Certificates are made from 制作中 on, the invoice is issued once shipped (SPEC §8, the
	 * state machine): an order before them has neither, and needs no look-up. */
	int made = strcmp(o->state, "production") == 0 || strcmp(o->state, "shipped") == 0 ||
	    strcmp(o->state, "completed") == 0;
	int invoiced = made && strcmp(o->state, "production") != 0;

	snprintf(node, sizeof(node), "%s.certificates", prefix);
	if ((made || staff) && rows_hdf(STMT_CERT_LIST, o->id, hdf, node, cert_names) != 0)
		return -1;
	if (staff) {
		snprintf(node, sizeof(node), "%s.ra", prefix);
		if (rows_hdf(STMT_RA_REQUEST_LIST, o->id, hdf, node, ra_names) != 0)
			return -1;
	}
	if (!invoiced && !staff)
		return 0;
	if (db_select(STMT_INVOICE_BY_ORDER, &res, "l", o->id) != 0)
		return -1;
	if (res.nrows == 1) {
		snprintf(node, sizeof(node), "%s.invoice", prefix);
		hdf_put(hdf, node, "no", db_cell(&res, 0, 1));
		hdf_put(hdf, node, "issued_at", db_cell(&res, 0, 2));
		hdf_put(hdf, node, "total_fen", db_cell(&res, 0, 3));
		snprintf(url, sizeof(url), "%s/invoice", base);
		hdf_put(hdf, node, "url", url);
		snprintf(url, sizeof(url), "%s/invoice.xml", base);
		hdf_put(hdf, node, "xml_url", url);
	}
	db_result_free(&res);
	return 0;
}

/* The readable invoice page: the stored XML, read back, so it shows exactly what was issued. */
int
fulfil_invoice_hdf(const struct order *o, HDF *hdf, const char *prefix)
{
	static const struct { const char *key, *path; } fields[] = {
		{ "number", "EInvoice/TaxSupervisionInfo/InvoiceNumber" },
		{ "issued_at", "EInvoice/TaxSupervisionInfo/IssueTime" },
		{ "type", "EInvoice/Header/InherentLabel/GeneralOrSpecialVAT/LabelName" },
		{ "seller.name", "EInvoice/EInvoiceData/SellerInformation/SellerName" },
		{ "seller.tax_no", "EInvoice/EInvoiceData/SellerInformation/SellerIdNum" },
		{ "seller.address", "EInvoice/EInvoiceData/SellerInformation/SellerAddr" },
		{ "seller.phone", "EInvoice/EInvoiceData/SellerInformation/SellerTelNum" },
		{ "seller.bank", "EInvoice/EInvoiceData/SellerInformation/SellerBankName" },
		{ "seller.account", "EInvoice/EInvoiceData/SellerInformation/SellerBankAccNum" },
		{ "buyer.name", "EInvoice/EInvoiceData/BuyerInformation/BuyerName" },
		{ "buyer.tax_no", "EInvoice/EInvoiceData/BuyerInformation/BuyerIdNum" },
		{ "buyer.address", "EInvoice/EInvoiceData/BuyerInformation/BuyerAddr" },
		{ "buyer.phone", "EInvoice/EInvoiceData/BuyerInformation/BuyerTelNum" },
		{ "buyer.bank", "EInvoice/EInvoiceData/BuyerInformation/BuyerBankName" },
		{ "buyer.account", "EInvoice/EInvoiceData/BuyerInformation/BuyerBankAccNum" },
		{ "amount", "EInvoice/EInvoiceData/BasicInformation/TotalAmWithoutTax" },
		{ "tax", "EInvoice/EInvoiceData/BasicInformation/TotalTaxAm" },
		{ "total", "EInvoice/EInvoiceData/BasicInformation/TotalTax-includedAmount" },
		{ "total_words", "EInvoice/EInvoiceData/BasicInformation/TotalTax-includedAmountInChinese" },
		{ "drawer", "EInvoice/EInvoiceData/BasicInformation/Drawer" },
		{ "remark", "EInvoice/EInvoiceData/AdditionalInformation/Remark" },
	};
	static const char *const line_fields[] = { "ItemName", "SpecMod", "MeaUnits", "Quantity", "UnPrice", "Amount",
		"TaxRate", "ComTaxAm", "TotaltaxIncludedAmount", NULL };
	static const char *const line_keys[] = { "name", "spec", "unit", "quantity", "unit_price", "amount", "rate", "tax",
		"price", NULL };
	struct xml_flat f;
	char no[21], *xml, err[160], path[160], node[96];
	size_t len, i;
	int rc, n, k;

	if ((rc = fulfil_invoice_get(o->id, no, &xml, &len)) != 0)
		return rc;
	rc = xml_parse(xml, len, &f, err, sizeof(err));
	free(xml);
	if (rc != 0) {
		log_error(NULL, "fulfil: order %s: the stored invoice does not parse: %s", o->no, err);
		xml_flat_free(&f);
		return -1;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		hdf_put(hdf, prefix, fields[i].key, xml_get(&f, fields[i].path) != NULL ? xml_get(&f, fields[i].path) : "");
	n = xml_count(&f, "EInvoice/EInvoiceData/IssuItemInformation/ItemName");
	for (k = 0; k < n; k++) {
		snprintf(node, sizeof(node), "%s.lines.%d", prefix, k);
		for (i = 0; line_fields[i] != NULL; i++) {
			const char *v;

			snprintf(path, sizeof(path), "EInvoice/EInvoiceData/IssuItemInformation/%s", line_fields[i]);
			v = xml_get_nth(&f, path, k);
			hdf_put(hdf, node, line_keys[i], v != NULL ? v : "");
		}
	}
	xml_flat_free(&f);
	return 0;
}

int
fulfil_production_queue_hdf(HDF *hdf, const char *prefix)
{
	static const char *const names[] = { "no", "project", "org_name", "quantity", "issued", "queued", "failed",
		"updated_at", NULL };

	return rows_hdf(STMT_FULFIL_PRODUCTION_QUEUE, 0, hdf, prefix, names);
}

int
fulfil_invoice_queue_hdf(HDF *hdf, const char *prefix)
{
	static const char *const names[] = { "no", "project", "invoice_title", "total_fen", "tracking_no", "shipped_at",
		NULL };

	return rows_hdf(STMT_FULFIL_INVOICE_QUEUE, 0, hdf, prefix, names);
}
