/* page-sandbox-gateway.c: the sandbox bank's ledger (/sandbox/bank) and the sandbox gateway's cashier (/sandbox/pay/…) */
#include <stdio.h>
#include <string.h>

#include "deposit.h"
#include "pages.h"
#include "payment.h"
#include "render.h"
#include "route.h"
#include "valid.h"

/*
 * GET /sandbox/bank?account=: what the sandbox bank paid out, plain text,
 * newest first, one line per micro-deposit: ISO time, account, amount in
 * yuan. Without account, every account. 200, 400 (not an account number), 500.
 */
int
page_sandbox_bank(struct req *r)
{
	const char *q = req_value(r, "account");
	char account[64] = "";
	STRING out;
	int status;

	if (q != NULL && (norm_code(q, account, sizeof(account)) != 0 ||
	    (account[0] != '\0' && valid_bank_account(account) != VALID_OK)))
		return render_error(r, 400);
	string_init(&out);
	if (sandbox_bank_list(account, &out) != 0) {
		string_clear(&out);
		return render_error(r, 500);
	}
	status = render_body(r, 200, "text/plain; charset=utf-8", out.buf != NULL ? out.buf : "", out.len, NULL,
	    "no-store");
	string_clear(&out);
	return status;
}

/*
 * GET,POST /sandbox/pay/{out_trade_no} (result=success|fail): the sandbox
 * gateway's cashier. Success queues the signed notification (the worker
 * sends it to /pay/notify/{gateway}) and fail marks the payment failed;
 * both return the browser (303) to the order, which shows 支付处理中 until
 * the notification lands. 200, 303, 400 (no such result), 404 (no such
 * online payment), 409 (the payment is no longer open), 500.
 */
int
page_sandbox_pay(struct req *r)
{
	struct payment p;
	const char *result = req_value(r, "result");
	const char *otn = route_param(r, "out_trade_no");
	char url[96];
	int rc = otn != NULL ? payment_by_trade_no(otn, &p) : 1;

	if (rc < 0)
		return render_error(r, 500);
	if (rc == 1 || !payment_method_online(p.method))
		return render_error(r, 404);
	payment_to_hdf(&p, r->hdf, "Page.payment");
	req_set_int(r, "Page.cashier_open", strcmp(p.state, "pending") == 0 && strcmp(p.order_state, "payment") == 0);
	req_set(r, "Page.title", hdf_get_value(r->hdf, "Lang.cashier.title", ""));
	if (strcmp(r->method, "POST") != 0)
		return render_page(r, 200, "sandbox/cashier.cs");
	if (result == NULL || (strcmp(result, "success") != 0 && strcmp(result, "fail") != 0))
		return render_error(r, 400);
	switch (payment_cashier(r, &p, strcmp(result, "success") == 0)) {
	case PAYMENT_OK:
		snprintf(url, sizeof(url), "/orders/%s", p.order_no);
		return render_redirect(r, url);
	case PAYMENT_NOT_PENDING:
	case PAYMENT_NOT_PAYABLE:
		req_set_int(r, "Page.cashier_open", 0);
		req_set(r, "Page.errors.result", hdf_get_value(r->hdf, "Lang.cashier.closed", ""));
		return render_page(r, 409, "sandbox/cashier.cs");
	default:
		return render_error(r, 500);
	}
}
