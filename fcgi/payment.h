/* payment.h: order payments (SPEC §7): online through the gateway adapter, transfers finance confirms, unpaid orders closing */
#ifndef CERTDESK_PAYMENT_H
#define CERTDESK_PAYMENT_H

#include <ClearSilver.h>

#include "order.h"
#include "request.h"

/* A payment with what the pages need of its order. */
struct payment {
	long long id, order_id, applicant_id;
	char out_trade_no[33];
	char method[12];	/* alipay, wechat, unionpay, transfer */
	long amount_fen;
	char currency[4];
	char state[12];		/* pending, processing, paid, failed, closed */
	char transaction_id[65];
	char created_at[20];	/* China time */
	char order_no[33];
	char order_state[16];
	long order_total_fen;
	char project_name[129];
};

enum payment_result {
	PAYMENT_OK = 0,
	PAYMENT_NOT_PAYABLE,	/* the order does not await payment */
	PAYMENT_IN_FLIGHT,	/* the gateway is processing a payment of the order: wait for it */
	PAYMENT_NOT_FOUND,
	PAYMENT_NOT_PENDING,	/* the payment is no longer open (cashier) */
	PAYMENT_ERROR = -1,
};

/* 1 for alipay, wechat, unionpay, transfer. */
int payment_method_valid(const char *method);
/* 1 for the methods that go through the gateway (all but transfer). */
int payment_method_online(const char *method);

/*
 * Start paying o with method, the order row locked and still in `payment`:
 * an online method gets a new payment (the order's total, a new unique
 * out-trade number; unfinished online attempts are closed); a transfer
 * reuses its open payment, whose number is the remittance reference.
 * Fills p.
 */
enum payment_result payment_start(const struct order *o, const char *method, struct payment *p);
/* The newest payment of an order: 0, 1 none, -1. */
int payment_latest(long long order_id, struct payment *p);
/* A payment by its out-trade number: 0, 1 none, -1. */
int payment_by_trade_no(const char *out_trade_no, struct payment *p);
void payment_to_hdf(const struct payment *p, HDF *hdf, const char *prefix);
/* The newest payment of an order under prefix, if it has one (the order page shows 支付处理中 from it). */
void payment_status_to_hdf(long long order_id, HDF *hdf, const char *prefix);

/*
 * The sandbox gateway's cashier: success marks the payment processing and
 * queues its signed notification (the worker POSTs it to Payment.notify_url);
 * fail marks it failed. PAYMENT_NOT_PENDING when it is no longer open,
 * PAYMENT_NOT_PAYABLE when the order does not await payment.
 */
enum payment_result payment_cashier(const struct req *r, const struct payment *p, int success);

enum notify_result {
	NOTIFY_PAID = 0,	/* this notification marked the order paid */
	NOTIFY_REPLAY,		/* already applied: nothing changed, answered as a success */
	NOTIFY_FAILED,		/* the gateway reports a failed payment: recorded */
	NOTIFY_BAD_MESSAGE,	/* not the gateway's XML (a DOCTYPE included) */
	NOTIFY_BAD_SIGNATURE,
	NOTIFY_UNKNOWN,		/* no such payment at this gateway */
	NOTIFY_MISMATCH,	/* amount or currency are not the payment's */
	NOTIFY_STATE,		/* the order does not await payment */
	NOTIFY_ERROR = -1,
};

/*
 * POST /pay/notify/{gateway}: parse (no DTD, no entities, a DOCTYPE
 * refused), verify the signature (unknown fields included), check the
 * payment, amount, currency and the order's state, then claim the payment
 * with one conditional UPDATE, so of identical notifications arriving
 * together exactly one moves the order to production. Audited.
 */
enum notify_result payment_notify(const struct req *r, const char *gateway, const char *body, size_t len);
/* 1 when the gateway is told SUCCESS for this result (it stops resending). */
int payment_notify_success(enum notify_result result);

/*
 * Finance confirms that a transfer arrived (POST /admin/orders/{no}/transfer):
 * the order's open transfer payment (one is made if the applicant never
 * chose transfer) is marked paid by staff_id and the order goes to
 * production. PAYMENT_NOT_FOUND, PAYMENT_NOT_PAYABLE. Fills p. Audited.
 */
enum payment_result payment_confirm_transfer(const struct req *r, const char *order_no, long long staff_id,
    struct payment *p);

/* certdesk-worker: close orders awaiting payment longer than Payment.unpaid_days. Returns how many. */
int payment_close_overdue(void);
/* certdesk-worker, outbox channel "paynotify": POST the notification to Payment.notify_url/{gateway}. 0 or -1. */
int payment_notify_deliver(const char *gateway, const char *xml, const char **why);

#endif
