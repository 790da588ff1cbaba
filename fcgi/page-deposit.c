/* page-deposit.c: 企业打款验证 (SPEC §6): GET,POST /orders/{no}/deposit, the amount request and its verification */
#include <stdio.h>
#include <string.h>

#include "deposit.h"
#include "form.h"
#include "log.h"
#include "page-order.h"
#include "pages.h"
#include "render.h"
#include "text.h"
#include "valid.h"

static const struct form_field request_fields[] = {
	{ "bank_name", FORM_TEXT, valid_name, VALID_TOO_LONG_64, 1, "Lang.deposit.label.bank_name" },
	{ "bank_account", FORM_CODE, valid_bank_account, VALID_BANK_ACCOUNT, 1, "Lang.deposit.label.bank_account" },
};

static const struct form_field verify_fields[] = {
	{ "amount", FORM_TEXT, NULL, VALID_TOO_LONG_32, 1, "Lang.deposit.label.amount" },
};

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *
text(struct req *r, const char *key)
{
	char path[96];

	snprintf(path, sizeof(path), "Lang.deposit.%s", key);
	return hdf_get_value(r->hdf, path, key);
}

/* The page: the order, its deposit (tries left, expiry), and the status of the answer. */
static int
deposit_page(struct req *r, const struct order *o, int status)
{
	struct deposit d;

	if (deposit_get(o->id, &d) != 0)
		return render_error(r, 500);
	order_page_set(r, o);
	req_set(r, "Page.nav", "orders");
	req_set(r, "Page.title", text(r, "title"));
	deposit_to_hdf(&d, r->hdf, "Page.deposit");
	/* Request form unless an amount is out and may still be verified. */
	req_set_int(r, "Page.deposit.can_request", !d.active || d.tries_left == 0);
	return render_page(r, status, "order/deposit.cs");
}

/* A message on a field, and the page with status. */
static int
refuse(struct req *r, const struct order *o, struct form *f, const char *field, const char *message, int status)
{
	form_error(r, f, field, message);
	return deposit_page(r, o, status);
}

/* The message (Lang.deposit.error.*) for input that is not an amount; nothing is counted for it. */
static const char *const amount_errors[] = {
	[AMOUNT_EMPTY] = "error.empty",
	[AMOUNT_TOO_LONG] = "error.too_long",
	[AMOUNT_FORMAT] = "error.format",
	[AMOUNT_DECIMALS] = "error.decimals",
	[AMOUNT_RANGE] = "error.range",
};

/* What a refused request or verification answers: the message and the status. */
static const struct {
	const char *key;
	int status;
} refusals[] = {
	[DEPOSIT_WRONG] = { "error.wrong", 422 },	/* a try used; {n} tries left */
	[DEPOSIT_FAILED] = { "error.failed", 422 },	/* the last try: the order is in review now */
	[DEPOSIT_NONE] = { "error.none", 409 },
	[DEPOSIT_EXPIRED] = { "error.expired", 409 },
	[DEPOSIT_NO_TRIES] = { "error.no_tries", 409 },
	[DEPOSIT_ACTIVE] = { "error.active", 409 },
	[DEPOSIT_STATE] = { "error.state", 409 },
};

/* action=request: 303 back with ?sent=1; 409 an amount is still valid or the state moved on; 422 bad input. */
static int
deposit_request_or_respond(struct req *r, const struct order *o)
{
	enum deposit_result result;
	struct form f;
	char url[96];

	if (form_read(r, &f, request_fields, NFIELDS(request_fields)) > 0)
		return deposit_page(r, o, 422);
	result = deposit_request(r, o, form_value(&f, "bank_name"), form_value(&f, "bank_account"));
	if (result == DEPOSIT_OK) {
		snprintf(url, sizeof(url), "/orders/%s/deposit?sent=1", o->no);
		return render_redirect(r, url);
	}
	if (result != DEPOSIT_ACTIVE && result != DEPOSIT_STATE)
		return render_error(r, 500);
	return refuse(r, o, &f, "bank_account", text(r, refusals[result].key), refusals[result].status);
}

/*
 * action=verify: 303 to the payment page; 422 a wrong amount (a try used)
 * or bad input (no try used); 409 expired, none requested, no tries left,
 * or the order moved on (the third failure: 422, the order now in review).
 */
static int
deposit_verify_or_respond(struct req *r, struct order *o)
{
	const char *pairs[] = { "n", NULL, NULL };
	enum deposit_result result;
	struct form f;
	char url[96], msg[256], left[16];
	long fen;
	int tries_left, code, rc;

	if (form_read(r, &f, verify_fields, NFIELDS(verify_fields)) > 0)
		return deposit_page(r, o, 422);
	code = deposit_parse_yuan(form_value(&f, "amount"), &fen);
	if (code != AMOUNT_OK)
		return refuse(r, o, &f, "amount", text(r, amount_errors[code]), 422);
	result = deposit_verify(o, fen, text(r, "failed_reason"), &tries_left);
	if (result == DEPOSIT_OK) {
		snprintf(url, sizeof(url), "/orders/%s/pay?verified=1", o->no);
		return render_redirect(r, url);
	}
	if (result < 0 || result >= (int)(sizeof(refusals) / sizeof(refusals[0])))
		return render_error(r, 500);
	/* After the last try the order is in manual review: the page shows it as it is now. */
	if (result == DEPOSIT_FAILED && (rc = order_load_or_respond(r, o)) != 0)
		return rc;
	snprintf(left, sizeof(left), "%d", tries_left);
	pairs[1] = left;
	text_fill(text(r, refusals[result].key), pairs, msg, sizeof(msg));
	return refuse(r, o, &f, "amount", msg, refusals[result].status);
}

/*
 * GET,POST /orders/{no}/deposit (bank_name, bank_account, amount,
 * action=request|verify). The page always shows where the order stands;
 * a POST on an order not awaiting deposit verification is 409 and changes
 * nothing. 200, 303, 400 (no such action), 404 (not the applicant's
 * order), 409, 422, 500.
 */
int
page_order_deposit(struct req *r)
{
	struct order o;
	const char *action = req_value(r, "action");
	struct form f;
	int rc;

	if ((rc = order_load_or_respond(r, &o)) != 0)
		return rc;
	if (strcmp(r->method, "POST") != 0) {
		if (req_value(r, "sent") != NULL) {
			req_set(r, "Page.flash.type", "success");
			req_set(r, "Page.flash.text", text(r, "sent"));
		}
		return deposit_page(r, &o, 200);
	}
	if (action == NULL || (strcmp(action, "request") != 0 && strcmp(action, "verify") != 0))
		return render_error(r, 400);
	if (strcmp(o.state, "deposit") != 0) {
		memset(&f, 0, sizeof(f));
		return refuse(r, &o, &f, strcmp(action, "verify") == 0 ? "amount" : "bank_account", text(r, "error.state"),
		    409);
	}
	return strcmp(action, "request") == 0 ? deposit_request_or_respond(r, &o) : deposit_verify_or_respond(r, &o);
}
