/* deposit.h: bank micro-deposit verification (SPEC §6): a random amount paid to the organisation's account, read back by the applicant */
#ifndef CERTDESK_DEPOSIT_H
#define CERTDESK_DEPOSIT_H

#include <ClearSilver.h>

#include "order.h"
#include "request.h"

/* 0.01 to 1.00 yuan. */
#define DEPOSIT_FEN_MIN 1
#define DEPOSIT_FEN_MAX 100

/* What the deposit page shows of an order's deposit. */
struct deposit {
	int exists;		/* an amount was requested at least once */
	char bank_name[65];
	char account[33];	/* opened: shown masked */
	int tries_used;		/* of the order, in total */
	int tries_left;
	int active;		/* an amount was sent and may still be verified */
	int expired;		/* the newest amount expired unverified */
	int verified;
	char expires_at[17];	/* China time, "YYYY-MM-DD hh:mm" */
};

enum deposit_result {
	DEPOSIT_OK = 0,		/* request: the amount is on its way; verify: verified, the order awaits payment */
	DEPOSIT_WRONG,		/* verify: not the amount sent; a try is used */
	DEPOSIT_FAILED,		/* verify: the last try was wrong: the order went to manual review */
	DEPOSIT_NONE,		/* verify: no amount was requested */
	DEPOSIT_EXPIRED,	/* verify: the amount expired: a new one may be requested */
	DEPOSIT_NO_TRIES,	/* verify: every try of the order is used */
	DEPOSIT_ACTIVE,		/* request: an amount sent earlier is still valid */
	DEPOSIT_STATE,		/* the order does not (or no longer) await deposit verification */
	DEPOSIT_ERROR = -1,
};

/* Reading 收到打款金额（单位：元）. */
enum deposit_amount {
	AMOUNT_OK = 0,
	AMOUNT_EMPTY,
	AMOUNT_TOO_LONG,	/* more than 16 characters */
	AMOUNT_FORMAT,		/* not a number of yuan */
	AMOUNT_DECIMALS,	/* more than two decimals (fen) */
	AMOUNT_RANGE,		/* outside 0.01-1.00 */
};

/*
 * Parse an amount in yuan ("0.37", ".5", "1", "1.00"; already normalised
 * by norm_text) into fen. Pure. Returns enum deposit_amount.
 */
int deposit_parse_yuan(const char *s, long *fen);

/* The deposit of an order for its page. 0 (d->exists 0 when none) or -1. */
int deposit_get(long long order_id, struct deposit *d);
void deposit_to_hdf(const struct deposit *d, HDF *hdf, const char *prefix);

/*
 * 【获取打款金额】: with the order row locked and still in `deposit`, pick a
 * random amount (libsodium), keep only its keyed hash and the sealed
 * account, and queue the payout to the bank adapter, all in one
 * transaction. An amount still valid refuses (DEPOSIT_ACTIVE) unless every
 * try is used (the order came back from review: the tries start again).
 */
enum deposit_result deposit_request(const struct req *r, const struct order *o, const char *bank_name,
    const char *account);
/*
 * 【验证】: reserve one try atomically (at most Deposit.max_tries per order,
 * whatever runs in parallel), then compare. The try that uses up the last
 * one moves the order to manual_review with reason; a right amount moves it
 * to payment. *tries_left is what remains afterwards.
 */
enum deposit_result deposit_verify(const struct order *o, long fen, const char *reason, int *tries_left);

/* certdesk-worker, outbox channel "bank": pay the amount out through Bank.transport. 0 or -1 with *why. */
int deposit_payout_deliver(const char *recipient, const char *text, const char **why);
/* certdesk-worker: forget the hashes of expired amounts. */
void deposit_expire(void);
/*
 * GET /sandbox/bank: what the sandbox bank paid out, newest first, one line
 * per payout "ISO-time account yuan"; account NULL or "" lists every account.
 */
int sandbox_bank_list(const char *account, STRING *out);

#endif
