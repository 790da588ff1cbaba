/* payment.c: order payments (SPEC §7): online through the gateway adapter, transfers finance confirms, unpaid orders closing */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "gateway.h"
#include "log.h"
#include "order-state.h"
#include "outbox.h"
#include "payment.h"
#include "render.h"
#include "run.h"

static const char *const methods[] = { "alipay", "wechat", "unionpay", "transfer" };

int
payment_method_valid(const char *method)
{
	size_t i;

	for (i = 0; method != NULL && i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(method, methods[i]) == 0)
			return 1;
	return 0;
}

int
payment_method_online(const char *method)
{
	return payment_method_valid(method) && strcmp(method, "transfer") != 0;
}

static void
copy(char *dst, size_t dstsz, const char *src)
{
	snprintf(dst, dstsz, "%s", src != NULL ? src : "");
}

/* One row of the PAYMENT_COLUMNS select (db.c) into p. */
static void
from_row(const struct db_result *res, struct payment *p)
{
	memset(p, 0, sizeof(*p));
	p->id = strtoll(db_cell(res, 0, 0), NULL, 10);
	p->order_id = strtoll(db_cell(res, 0, 1), NULL, 10);
	copy(p->out_trade_no, sizeof(p->out_trade_no), db_cell(res, 0, 2));
	copy(p->method, sizeof(p->method), db_cell(res, 0, 3));
	p->amount_fen = strtol(db_cell(res, 0, 4), NULL, 10);
	copy(p->currency, sizeof(p->currency), db_cell(res, 0, 5));
	copy(p->state, sizeof(p->state), db_cell(res, 0, 6));
	copy(p->transaction_id, sizeof(p->transaction_id), db_cell(res, 0, 7));
	copy(p->created_at, sizeof(p->created_at), db_cell(res, 0, 8));
	copy(p->order_no, sizeof(p->order_no), db_cell(res, 0, 9));
	copy(p->order_state, sizeof(p->order_state), db_cell(res, 0, 10));
	p->order_total_fen = strtol(db_cell(res, 0, 11), NULL, 10);
	p->applicant_id = strtoll(db_cell(res, 0, 12), NULL, 10);
	copy(p->project_name, sizeof(p->project_name), db_cell(res, 0, 13));
}

/* A payment by a select of one row: 0, 1 none, -1. */
static int
load(enum stmt id, const char *types, const void *key, struct payment *p)
{
	struct db_result res;
	int rc;

	rc = types[0] == 's' ? db_select(id, &res, "s", (const char *)key) :
	    db_select(id, &res, "l", *(const long long *)key);
	if (rc != 0)
		return -1;
	rc = res.nrows == 1 ? 0 : 1;
	if (rc == 0)
		from_row(&res, p);
	db_result_free(&res);
	return rc;
}

int
payment_by_trade_no(const char *out_trade_no, struct payment *p)
{
	return load(STMT_PAYMENT_BY_TRADE_NO, "s", out_trade_no, p);
}

int
payment_latest(long long order_id, struct payment *p)
{
	return load(STMT_PAYMENT_LATEST, "l", &order_id, p);
}

void
payment_to_hdf(const struct payment *p, HDF *hdf, const char *prefix)
{
	hdf_put(hdf, prefix, "out_trade_no", p->out_trade_no);
	hdf_put(hdf, prefix, "method", p->method);
	hdf_put_long(hdf, prefix, "amount_fen", p->amount_fen);
	hdf_put(hdf, prefix, "currency", p->currency);
	hdf_put(hdf, prefix, "state", p->state);
	hdf_put(hdf, prefix, "created_at", p->created_at);
	hdf_put(hdf, prefix, "order_no", p->order_no);
	hdf_put(hdf, prefix, "order_state", p->order_state);
	hdf_put(hdf, prefix, "project_name", p->project_name);
}

void
payment_status_to_hdf(long long order_id, HDF *hdf, const char *prefix)
{
	struct payment p;

	if (payment_latest(order_id, &p) == 0)
		payment_to_hdf(&p, hdf, prefix);
}

/* "P" + China time YYYYMMDDhhmmss + 10 random digits: 25 characters, unique by its key. */
static void
trade_number(char out[33])
{
	time_t now = time(NULL) + 8 * 3600;
	struct tm tm;
	char when[16], digits[11];

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y%m%d%H%M%S", &tm);
	crypto_random_digits(digits, 10);
	snprintf(out, 33, "P%s%s", when, digits);
}

/* Lock the order row (in the caller's transaction): 1 when it is in `payment`, 0 not, -1 error. */
static int
lock_payable(long long order_id)
{
	struct db_result res;
	int payable;

	if (db_select(STMT_ORDER_LOCK, &res, "l", order_id) != 0)
		return -1;
	payable = res.nrows == 1 && strcmp(db_cell(&res, 0, 0), "payment") == 0;
	db_result_free(&res);
	return payable;
}

/* Insert a pending payment of amount for order_id; its number in otn. 0 or -1. */
static int
insert_payment(long long order_id, const char *method, long amount, char otn[33])
{
	trade_number(otn);
	return db_exec(STMT_PAYMENT_INSERT, "lssl", order_id, otn, method, (long long)amount) == 1 ? 0 : -1;
}

enum payment_result
payment_start(const struct order *o, const char *method, struct payment *p)
{
	struct db_result res;
	enum payment_result rc = PAYMENT_ERROR;
	char otn[33];
	long long id = o->id;
	int payable, busy;

	if (!payment_method_valid(method) || db_begin() != 0)
		return PAYMENT_ERROR;
	payable = lock_payable(o->id);
	if (payable <= 0) {
		rc = payable == 0 ? PAYMENT_NOT_PAYABLE : PAYMENT_ERROR;
		goto fail;
	}
	if (!payment_method_online(method)) {
		/* One open transfer per order: its number stays the remittance reference. */
		switch (load(STMT_PAYMENT_OPEN_TRANSFER, "l", &id, p)) {
		case 0:
			db_commit();
			return PAYMENT_OK;
		case 1:
			break;
		default:
			goto fail;
		}
	} else {
		/* A payment the gateway is processing would be paid twice by a second one. */
		if (db_select(STMT_PAYMENT_PROCESSING, &res, "l", o->id) != 0)
			goto fail;
		busy = res.nrows == 1 && strcmp(db_cell(&res, 0, 0), "0") != 0;
		db_result_free(&res);
		if (busy) {
			rc = PAYMENT_IN_FLIGHT;
			goto fail;
		}
		if (db_exec(STMT_PAYMENT_SUPERSEDE, "l", o->id) < 0)
			goto fail;
	}
	if (insert_payment(o->id, method, o->total_fen, otn) != 0 || db_commit() != 0)
		goto fail;
	return payment_by_trade_no(otn, p) == 0 ? PAYMENT_OK : PAYMENT_ERROR;
fail:
	db_rollback();
	return rc;
}

/* The secret shared with the (sandbox) gateway: var/keys/gateway.key as 64 hex digits. */
static void
gateway_secret(char out[65])
{
	crypto_key_hex(KEY_GATEWAY, out);
}

static enum sign_type
configured_sign_type(void)
{
	int t = gateway_sign_type(config_get("Payment.sign_type", "HMAC-SHA256"));

	return t < 0 ? SIGN_HMAC_SHA256 : (enum sign_type)t;
}

/* The sandbox gateway's notification of a successful payment, signed, into *xml (malloc'd). 0 or -1. */
static int
sandbox_notification(const struct payment *p, char **xml, size_t *len)
{
	char nonce[33], txn[29], fee[24], when[16], secret[65], sign[65];
	time_t now = time(NULL) + 8 * 3600;
	struct tm tm;
	enum sign_type type = configured_sign_type();
	struct gw_field f[] = {
		{ "appid", config_get("Payment.app_id", "certdesk-sandbox") },
		{ "mch_id", config_get("Payment.mch_id", "1900000109") },
		{ "nonce_str", nonce },
		{ "result_code", "SUCCESS" },
		{ "return_code", "SUCCESS" },
		{ "out_trade_no", p->out_trade_no },
		{ "transaction_id", txn },
		{ "total_fee", fee },
		{ "fee_type", "CNY" },
		{ "time_end", when },
		{ "trade_type", "NATIVE" },
		{ "sign_type", type == SIGN_MD5 ? "MD5" : "HMAC-SHA256" },
		{ "sign", sign },
	};
	size_t n = sizeof(f) / sizeof(f[0]);
	int rc;

	crypto_random_hex(nonce, 16);
	memcpy(txn, "4200", 4);
	crypto_random_digits(txn + 4, 24);
	snprintf(fee, sizeof(fee), "%ld", p->amount_fen);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y%m%d%H%M%S", &tm);
	gateway_secret(secret);
	sign[0] = '\0';
	rc = gateway_sign(f, n, secret, type, sign) == 0 ? gateway_build(f, n, xml, len) : -1;
	explicit_bzero(secret, sizeof(secret));
	return rc;
}

enum payment_result
payment_cashier(const struct req *r, const struct payment *p, int success)
{
	char *xml = NULL;
	size_t len;
	long long n;

	if (strcmp(p->order_state, "payment") != 0)
		return PAYMENT_NOT_PAYABLE;
	if (!success) {
		n = db_exec(STMT_PAYMENT_SET_STATE, "sls", "failed", p->id, "pending");
		return n < 0 ? PAYMENT_ERROR : n == 0 ? PAYMENT_NOT_PENDING : PAYMENT_OK;
	}
	if (sandbox_notification(p, &xml, &len) != 0 || db_begin() != 0) {
		free(xml);
		return PAYMENT_ERROR;
	}
	/* The notification leaves only if this request is the one that moved the payment on. */
	n = db_exec(STMT_PAYMENT_SET_STATE, "sls", "processing", p->id, "pending");
	if (n != 1 || outbox_queue(r, "paynotify", p->method, xml) != 0) {
		db_rollback();
		free(xml);
		return n == 0 ? PAYMENT_NOT_PENDING : PAYMENT_ERROR;
	}
	free(xml);
	return db_commit() == 0 ? PAYMENT_OK : PAYMENT_ERROR;
}

int
payment_notify_success(enum notify_result result)
{
	return result == NOTIFY_PAID || result == NOTIFY_REPLAY || result == NOTIFY_FAILED;
}

static const char *const notify_names[] = {
	[NOTIFY_PAID] = "paid",
	[NOTIFY_REPLAY] = "replay",
	[NOTIFY_FAILED] = "payment_failed",
	[NOTIFY_BAD_MESSAGE] = "bad_message",
	[NOTIFY_BAD_SIGNATURE] = "bad_signature",
	[NOTIFY_UNKNOWN] = "unknown_payment",
	[NOTIFY_MISMATCH] = "mismatch",
	[NOTIFY_STATE] = "order_state",
};

/* Every notification leaves an audit row: the result, and which payment it named. */
static enum notify_result
notified(const struct req *r, enum notify_result result, const char *gateway, const char *otn, const char *why)
{
	char detail[200];

	snprintf(detail, sizeof(detail), "gateway=%s%s%s", gateway, why != NULL ? " " : "", why != NULL ? why : "");
	audit_write(r, AUDIT_SYSTEM, 0, "payment.notify", otn, result >= 0 ? notify_names[result] : "error", detail);
	if (result != NOTIFY_PAID && result != NOTIFY_REPLAY)
		log_warn(r != NULL ? r->id : NULL, "pay notify %s %s: %s", gateway, otn != NULL ? otn : "-",
		    result >= 0 ? notify_names[result] : "error");
	return result;
}

/* A non-negative integer of at most 12 digits, or -1. */
static long long
parse_fen(const char *s)
{
	char *end;
	long long v;

	if (s == NULL || s[0] < '0' || s[0] > '9' || strlen(s) > 12)
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : v;
}

/* The checks of a notification whose signature holds, against its payment. */
static enum notify_result
check_payment(const struct gw_field *f, size_t n, const char *gateway, const struct payment *p)
{
	const char *currency = gateway_field(f, n, "fee_type");
	long long fee = parse_fen(gateway_field(f, n, "total_fee"));

	if (strcmp(p->method, gateway) != 0)
		return NOTIFY_UNKNOWN;
	/* fee_type may be left out (the protocol's default is CNY); any other currency is refused. */
	if ((currency != NULL && strcmp(currency, "CNY") != 0) || strcmp(p->currency, "CNY") != 0)
		return NOTIFY_MISMATCH;
	if (fee < 0 || fee != p->amount_fen || fee != p->order_total_fen)
		return NOTIFY_MISMATCH;
	return NOTIFY_PAID;
}

/* The payment is the gateway's: mark it paid and move the order on, exactly once. */
static enum notify_result
apply_paid(const struct payment *p, const char *gateway, const char *txn)
{
	char reason[128];
	long long n;

	if (strcmp(p->state, "paid") == 0)
		return NOTIFY_REPLAY;
	if (strcmp(p->order_state, "payment") != 0)
		return NOTIFY_STATE;
	n = db_exec(STMT_PAYMENT_PAID, "ssl", txn, NULL, p->id);
	if (n < 0)
		return NOTIFY_ERROR;
	if (n == 0)
		return NOTIFY_REPLAY;	/* an identical notification claimed it a moment ago */
	snprintf(reason, sizeof(reason), "%s %s %s", gateway, p->out_trade_no, txn);
	switch (order_transition(p->order_id, "production", ACTOR_SYSTEM, 0, "paid", reason, -1)) {
	case TRANSITION_OK:
		return NOTIFY_PAID;
	case TRANSITION_ERROR:
		db_exec(STMT_PAYMENT_UNPAID, "sl", p->state, p->id);
		return NOTIFY_ERROR;
	default:
		/* The order left `payment` in between (closed, cancelled): not ours to take. */
		db_exec(STMT_PAYMENT_UNPAID, "sl", p->state, p->id);
		return NOTIFY_STATE;
	}
}

enum notify_result
payment_notify(const struct req *r, const char *gateway, const char *body, size_t len)
{
	struct xml_flat x;
	struct gw_field f[GATEWAY_FIELDS_MAX];
	struct payment p;
	enum notify_result rc;
	char err[160], secret[65], otn[33] = "";
	const char *v, *type;
	size_t n;
	int valid;

	if (xml_parse(body, len, &x, err, sizeof(err)) != 0)
		return notified(r, NOTIFY_BAD_MESSAGE, gateway, NULL, err);
	if (gateway_fields(&x, f, GATEWAY_FIELDS_MAX, &n) != 0) {
		xml_flat_free(&x);
		return notified(r, NOTIFY_BAD_MESSAGE, gateway, NULL, "not a flat <xml> message");
	}
	v = gateway_field(f, n, "out_trade_no");
	if (v != NULL && strlen(v) < sizeof(otn))
		copy(otn, sizeof(otn), v);
	/* Only the configured sign type: a message cannot choose a weaker one. */
	type = gateway_field(f, n, "sign_type");
	gateway_secret(secret);
	valid = (type == NULL || gateway_sign_type(type) == (int)configured_sign_type()) &&
	    gateway_verify(f, n, secret, configured_sign_type());
	explicit_bzero(secret, sizeof(secret));
	if (!valid) {
		xml_flat_free(&x);
		return notified(r, NOTIFY_BAD_SIGNATURE, gateway, otn[0] ? otn : NULL, NULL);
	}
	v = gateway_field(f, n, "return_code");
	if (v == NULL || strcmp(v, "SUCCESS") != 0 || otn[0] == '\0') {
		xml_flat_free(&x);
		return notified(r, NOTIFY_BAD_MESSAGE, gateway, otn[0] ? otn : NULL, "no return_code SUCCESS or out_trade_no");
	}
	switch (payment_by_trade_no(otn, &p)) {
	case 0:
		rc = check_payment(f, n, gateway, &p);
		break;
	case 1:
		rc = NOTIFY_UNKNOWN;
		break;
	default:
		rc = NOTIFY_ERROR;
		break;
	}
	if (rc == NOTIFY_PAID) {
		v = gateway_field(f, n, "result_code");
		if (v == NULL || strcmp(v, "SUCCESS") != 0) {
			/* The gateway says the payment failed: an open one is marked so, nothing else moves. */
			if (strcmp(p.state, "pending") == 0 || strcmp(p.state, "processing") == 0)
				db_exec(STMT_PAYMENT_SET_STATE, "sls", "failed", p.id, p.state);
			rc = NOTIFY_FAILED;
		} else {
			v = gateway_field(f, n, "transaction_id");
			rc = apply_paid(&p, gateway, v != NULL && v[0] != '\0' && strlen(v) <= 64 ? v : "-");
		}
	}
	xml_flat_free(&x);
	return notified(r, rc, gateway, otn, NULL);
}

enum payment_result
payment_confirm_transfer(const struct req *r, const char *order_no, long long staff_id, struct payment *p)
{
	struct db_result res;
	enum payment_result rc = PAYMENT_ERROR;
	char otn[33], staff[24], reason[96];
	long long order_id;
	long total;
	int payable;

	if (db_select(STMT_PAYMENT_ORDER_BY_NO, &res, "s", order_no) != 0)
		return PAYMENT_ERROR;
	if (res.nrows != 1) {
		db_result_free(&res);
		return PAYMENT_NOT_FOUND;
	}
	order_id = strtoll(db_cell(&res, 0, 0), NULL, 10);
	total = strtol(db_cell(&res, 0, 2), NULL, 10);
	db_result_free(&res);
	snprintf(staff, sizeof(staff), "%lld", staff_id);
	if (db_begin() != 0)
		return PAYMENT_ERROR;
	payable = lock_payable(order_id);
	if (payable <= 0) {
		rc = payable == 0 ? PAYMENT_NOT_PAYABLE : PAYMENT_ERROR;
		goto fail;
	}
	switch (load(STMT_PAYMENT_OPEN_TRANSFER, "l", &order_id, p)) {
	case 0:
		copy(otn, sizeof(otn), p->out_trade_no);
		break;
	case 1:
		/* The applicant never chose transfer, yet the money arrived: record it as one. */
		if (insert_payment(order_id, "transfer", total, otn) != 0)
			goto fail;
		break;
	default:
		goto fail;
	}
	if (payment_by_trade_no(otn, p) != 0 || db_exec(STMT_PAYMENT_PAID, "ssl", "transfer", staff, p->id) != 1 ||
	    db_commit() != 0)
		goto fail;
	/* The transition locks the order again in its own transaction; the state is still `payment`. */
	snprintf(reason, sizeof(reason), "transfer %s", otn);
	switch (order_transition(order_id, "production", ACTOR_STAFF, staff_id, "paid", reason, -1)) {
	case TRANSITION_OK:
		rc = PAYMENT_OK;
		break;
	case TRANSITION_ERROR:
		db_exec(STMT_PAYMENT_UNPAID, "sl", "pending", p->id);
		rc = PAYMENT_ERROR;
		break;
	default:
		db_exec(STMT_PAYMENT_UNPAID, "sl", "pending", p->id);
		rc = PAYMENT_NOT_PAYABLE;
		break;
	}
	payment_by_trade_no(otn, p);
	audit_write(r, AUDIT_STAFF, staff_id, "order.transfer_confirm", order_no,
	    rc == PAYMENT_OK ? "success" : "refused", otn);
	return rc;
fail:
	db_rollback();
	audit_write(r, AUDIT_STAFF, staff_id, "order.transfer_confirm", order_no,
	    rc == PAYMENT_ERROR ? "error" : "refused", NULL);
	return rc;
}

int
payment_close_overdue(void)
{
	struct db_result res;
	long long id;
	unsigned int i;
	int closed = 0;

	/* Payment.unpaid_days: the order page shows the same deadline. */
	if (db_select(STMT_PAYMENT_OVERDUE, &res, "l", config_long("Payment.unpaid_days", 7, 1, 365) * 86400LL) != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		id = strtoll(db_cell(&res, i, 0), NULL, 10);
		/* The state machine re-checks under the row lock: a payment landing now wins or loses cleanly. */
		if (order_transition(id, "closed", ACTOR_SYSTEM, 0, "closed", config_get("Payment.close_reason",
		    "超过7天未支付，订单已关闭"), -1) != TRANSITION_OK)
			continue;
		db_exec(STMT_PAYMENT_CLOSE_ORDER, "l", id);
		closed++;
	}
	db_result_free(&res);
	if (closed > 0)
		log_info(NULL, "payment: %d unpaid order(s) closed", closed);
	return closed;
}

int
payment_notify_deliver(const char *gateway, const char *xml, const char **why)
{
	static char reason[200];
	char url[512], timeout[16];
	const char *base = config_get("Payment.notify_url", ""), *cacert = config_get("Payment.notify_cacert", "");
	char *argv[24];
	int i = 0;

	if (base[0] == '\0' || !payment_method_online(gateway) ||
	    snprintf(url, sizeof(url), "%s/%s", base, gateway) >= (int)sizeof(url)) {
		*why = base[0] == '\0' ? "Payment.notify_url is not set" : "bad notification target";
		return -1;
	}
	snprintf(timeout, sizeof(timeout), "%ld", config_long("Payment.notify_timeout_seconds", 10, 1, 120));
	/* curl without a shell and without ~/.curlrc (-q); --fail: anything but 2xx is a failed delivery. */
	argv[i++] = (char *)config_path("Payment.curl", "/usr/bin/curl");
	argv[i++] = "-q";
	argv[i++] = "--silent";
	argv[i++] = "--fail";
	argv[i++] = "--max-time";
	argv[i++] = timeout;
	argv[i++] = "--proto";
	argv[i++] = "=https,http";
	if (cacert[0] != '\0') {
		argv[i++] = "--cacert";
		argv[i++] = (char *)cacert;
	}
	argv[i++] = "-H";
	argv[i++] = "Content-Type: text/xml; charset=utf-8";
	argv[i++] = "--data-binary";
	argv[i++] = "@-";
	argv[i++] = url;
	argv[i] = NULL;
	if (argv[0] == NULL || run_with_input(argv, xml, strlen(xml),
	    (config_long("Payment.notify_timeout_seconds", 10, 1, 120) + 5) * 1000L, reason, sizeof(reason)) != 0) {
		*why = argv[0] == NULL ? "Payment.curl: path too long" : reason;
		return -1;
	}
	return 0;
}
