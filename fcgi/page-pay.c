/* page-pay.c: 订单支付 (SPEC §7): the payment page, the gateway's notification, and finance confirming a transfer */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "gateway.h"
#include "page-order.h"
#include "pages.h"
#include "payment.h"
#include "render.h"
#include "route.h"
#include "staff.h"

static const char *
text(struct req *r, const char *key)
{
	char path[96];

	snprintf(path, sizeof(path), "Lang.pay.%s", key);
	return hdf_get_value(r->hdf, path, key);
}

/* The page: the order, its newest payment, what a transfer needs (the CA's account, the reference). */
static int
pay_page(struct req *r, const struct order *o, const char *method, int status)
{
	struct payment p;
	int rc;

	order_page_set(r, o);
	req_set(r, "Page.nav", "orders");
	req_set(r, "Page.title", text(r, "title"));
	req_set(r, "Page.form.method", method != NULL ? method : "");
	rc = payment_latest(o->id, &p);
	if (rc < 0)
		return render_error(r, 500);
	if (rc == 0) {
		payment_to_hdf(&p, r->hdf, "Page.payment");
		if (method == NULL)
			req_set(r, "Page.form.method", p.method);
	}
	if (rc == 0 && strcmp(p.method, "transfer") == 0 && strcmp(p.state, "pending") == 0) {
		req_set(r, "Page.transfer.account_name", config_get("Payment.transfer.account_name", ""));
		req_set(r, "Page.transfer.bank", config_get("Payment.transfer.bank", ""));
		req_set(r, "Page.transfer.account", config_get("Payment.transfer.account", ""));
		req_set(r, "Page.transfer.reference", p.out_trade_no);
	}
	return render_page(r, status, "order/pay.cs");
}

static int
refuse(struct req *r, const struct order *o, const char *method, const char *message, int status)
{
	req_set(r, "Page.errors.method", message);
	req_set(r, "Page.errors.method.label", text(r, "label.method"));
	return pay_page(r, o, method, status);
}

/* Where the gateway takes the applicant: the sandbox cashier, when the sandbox gateway is on. */
static int
cashier_or_respond(struct req *r, const struct order *o, const struct payment *p)
{
	char url[128];

	if (strcmp(config_get("Payment.gateway", "sandbox"), "sandbox") != 0 ||
	    config_long("Sandbox.enabled", 0, 0, 1) != 1) {
		req_set(r, "Page.error_text", text(r, "error.unavailable"));
		return render_error(r, 503);
	}
	snprintf(url, sizeof(url), "/sandbox/pay/%s", p->out_trade_no);
	return render_redirect(r, url);
}

/*
 * GET,POST /orders/{no}/pay (method=alipay|wechat|unionpay|transfer). An
 * online method creates a payment and goes (303) to the gateway's cashier;
 * transfer comes back (303) to this page with the CA's account and the
 * remittance reference. 200, 303, 404 (not the applicant's order), 409 (the
 * order does not await payment, or a payment is being processed: nothing
 * created), 422 (no such method), 500, 503 (no online gateway).
 */
int
page_order_pay(struct req *r)
{
	struct order o;
	struct payment p;
	const char *method = req_value(r, "method");
	char url[96];
	int rc;

	if ((rc = order_load_or_respond(r, &o)) != 0)
		return rc;
	if (strcmp(r->method, "POST") != 0) {
		if (req_value(r, "verified") != NULL) {
			req_set(r, "Page.flash.type", "success");
			req_set(r, "Page.flash.text", text(r, "verified"));
		}
		return pay_page(r, &o, payment_method_valid(method) ? method : NULL, 200);
	}
	if (!payment_method_valid(method))
		return refuse(r, &o, NULL, text(r, "error.method"), 422);
	switch (payment_start(&o, method, &p)) {
	case PAYMENT_OK:
		if (payment_method_online(method))
			return cashier_or_respond(r, &o, &p);
		snprintf(url, sizeof(url), "/orders/%s/pay?method=transfer", o.no);
		return render_redirect(r, url);
	case PAYMENT_NOT_PAYABLE:
		return refuse(r, &o, method, text(r, "error.state"), 409);
	case PAYMENT_IN_FLIGHT:
		return refuse(r, &o, method, text(r, "error.in_flight"), 409);
	default:
		return render_error(r, 500);
	}
}

/*
 * POST /pay/notify/{gateway}: the gateway's server-to-server notification
 * (no CSRF: the signature stands instead). Answers the gateway's XML:
 * SUCCESS with 200 for a payment applied, a replay, or a reported failure;
 * FAIL with 400 (not XML, DOCTYPE, bad signature, amount or currency),
 * 404 (unknown gateway or payment), 409 (order state), 413, 500.
 */
int
page_pay_notify(struct req *r)
{
	static char body[XML_INPUT_MAX];
	const char *gateway = route_param(r, "gateway");
	enum notify_result result;
	char *xml;
	size_t len;
	int status;

	if (!payment_method_online(gateway))
		return render_error(r, 404);
	status = req_body(r, body, sizeof(body), &len);
	if (status != 0)
		return render_error(r, status);
	result = payment_notify(r, gateway, body, len);
	switch (result) {
	case NOTIFY_PAID:
	case NOTIFY_REPLAY:
	case NOTIFY_FAILED:
		status = 200;
		break;
	case NOTIFY_UNKNOWN:
		status = 404;
		break;
	case NOTIFY_STATE:
		status = 409;
		break;
	case NOTIFY_ERROR:
		status = 500;
		break;
	default:
		status = 400;
		break;
	}
	if (gateway_reply(payment_notify_success(result), status == 200 ? "OK" : "refused", &xml, &len) != 0)
		return render_error(r, 500);
	status = render_body(r, status, "text/xml; charset=utf-8", xml, len, NULL, "no-store");
	free(xml);
	return status;
}

/*
 * POST /admin/orders/{no}/transfer (finance, admin): the transfer arrived;
 * the order goes to production. Audited. 303 to the order's console page;
 * 404 no such order; 409 the order does not await payment; 500.
 */
int
page_admin_transfer(struct req *r)
{
	struct payment p;
	const char *no = route_param(r, "no");
	char url[96];

	switch (payment_confirm_transfer(r, no, staff_id(), &p)) {
	case PAYMENT_OK:
		snprintf(url, sizeof(url), "/admin/orders/%s?done=transfer", no);
		return render_redirect(r, url);
	case PAYMENT_NOT_FOUND:
		return render_error(r, 404);
	case PAYMENT_NOT_PAYABLE:
		req_set(r, "Page.error_text", text(r, "error.transfer_state"));
		return render_error(r, 409);
	default:
		return render_error(r, 500);
	}
}
