/* deposit.c: bank micro-deposit verification (SPEC §6): a random amount paid to the organisation's account, read back by the applicant */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "deposit.h"
#include "log.h"
#include "order-state.h"
#include "outbox.h"
#include "render.h"

#define ACCOUNT_MAX 32
#define SEALED_MAX 512

static long
max_tries(void)
{
	return config_long("Deposit.max_tries", 3, 1, 10);
}

int
deposit_parse_yuan(const char *s, long *fen)
{
	size_t i, n = strlen(s), dot = n, decimals;
	long yuan = 0, cents = 0;

	*fen = 0;
	if (n == 0)
		return AMOUNT_EMPTY;
	if (n > 16)
		return AMOUNT_TOO_LONG;
	for (i = 0; i < n; i++) {
		if (s[i] == '.' && dot == n) {
			dot = i;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return AMOUNT_FORMAT;
		if (dot == n)	/* saturates: anything above 1000 yuan is out of range anyway */
			yuan = yuan < 1000 ? yuan * 10 + (s[i] - '0') : 1000;
	}
	decimals = dot == n ? 0 : n - dot - 1;
	/* "." alone, or a trailing point ("1."): not an amount. */
	if ((dot != n && decimals == 0) || (dot == 0 && decimals == 0))
		return AMOUNT_FORMAT;
	if (decimals > 2)
		return AMOUNT_DECIMALS;
	if (decimals >= 1)
		cents = (s[dot + 1] - '0') * 10 + (decimals == 2 ? s[dot + 2] - '0' : 0);
	*fen = yuan * 100 + cents;
	if (*fen < DEPOSIT_FEN_MIN || *fen > DEPOSIT_FEN_MAX)
		return AMOUNT_RANGE;
	return AMOUNT_OK;
}

/* The account is sealed to its order: a sealed value cannot be moved to another row. */
static void
account_context(long long order_id, char out[64])
{
	snprintf(out, 64, "deposit:%lld:account", order_id);
}

/* What is kept of the amount: a keyed hash bound to the order and to this request's nonce. */
static void
amount_mac(long long order_id, const char *nonce, long fen, char out[65])
{
	char buf[128];
	int n = snprintf(buf, sizeof(buf), "deposit:%lld:%s:%ld", order_id, nonce, fen);

	crypto_mac_hex(KEY_LOOKUP, buf, n > 0 && (size_t)n < sizeof(buf) ? (size_t)n : 0, out);
	explicit_bzero(buf, sizeof(buf));
}

int
deposit_get(long long order_id, struct deposit *d)
{
	struct db_result res;
	char ctx[64];
	const char *sealed;
	size_t len;
	long max = max_tries();

	memset(d, 0, sizeof(*d));
	d->tries_left = (int)max;
	if (db_select(STMT_DEPOSIT_GET, &res, "l", order_id) != 0)
		return -1;
	if (res.nrows == 1) {
		d->exists = 1;
		snprintf(d->bank_name, sizeof(d->bank_name), "%s", db_cell(&res, 0, 0));
		account_context(order_id, ctx);
		sealed = db_cell(&res, 0, 1);
		if (sealed == NULL || crypto_open(KEY_PII, ctx, (const unsigned char *)sealed, db_cell_len(&res, 0, 1),
		    d->account, sizeof(d->account), &len) != 0) {
			log_error(NULL, "deposit: the account of order %lld does not open", order_id);
			d->account[0] = '\0';
		}
		d->tries_used = (int)strtol(db_cell(&res, 0, 2), NULL, 10);
		d->tries_left = d->tries_used >= max ? 0 : (int)(max - d->tries_used);
		d->active = strcmp(db_cell(&res, 0, 3), "1") == 0;
		snprintf(d->expires_at, sizeof(d->expires_at), "%s", db_cell(&res, 0, 4));
		d->verified = strcmp(db_cell(&res, 0, 5), "1") == 0;
		d->expired = strcmp(db_cell(&res, 0, 6), "1") == 0;
	}
	db_result_free(&res);
	return 0;
}

void
deposit_to_hdf(const struct deposit *d, HDF *hdf, const char *prefix)
{
	char masked[ACCOUNT_MAX + 8];
	size_t n = strlen(d->account);

	hdf_put_long(hdf, prefix, "exists", d->exists);
	hdf_put_long(hdf, prefix, "max_tries", max_tries());
	hdf_put_long(hdf, prefix, "tries_left", d->tries_left);
	hdf_put_long(hdf, prefix, "valid_hours", config_long("Deposit.valid_seconds", 259200, 60, 2592000) / 3600);
	if (!d->exists)
		return;
	snprintf(masked, sizeof(masked), "****%s", n > 4 ? d->account + n - 4 : d->account);
	hdf_put(hdf, prefix, "bank_name", d->bank_name);
	hdf_put(hdf, prefix, "account_masked", masked);
	hdf_put_long(hdf, prefix, "tries_used", d->tries_used);
	hdf_put_long(hdf, prefix, "active", d->active);
	hdf_put_long(hdf, prefix, "expired", d->expired);
	hdf_put_long(hdf, prefix, "verified", d->verified);
	hdf_put(hdf, prefix, "expires_at", d->expires_at);
}

enum deposit_result
deposit_request(const struct req *r, const struct order *o, const char *bank_name, const char *account)
{
	unsigned char sealed[SEALED_MAX];
	char ctx[64], account_hash[65], nonce[33], amount_hash[65], text[512], recipient[48];
	long fen = DEPOSIT_FEN_MIN + (long)crypto_random_uniform(DEPOSIT_FEN_MAX - DEPOSIT_FEN_MIN + 1);
	long max = max_tries();
	struct deposit d;
	struct db_result res;
	enum deposit_result rc = DEPOSIT_ERROR;
	size_t slen;
	int n, in_deposit;

	account_context(o->id, ctx);
	/* bank_name last: it is free text, the other fields cannot hold a tab. */
	n = snprintf(text, sizeof(text), "%s\t%ld\t%s\t%s", account, fen, o->no, bank_name);
	if (n < 0 || (size_t)n >= sizeof(text) ||
	    crypto_seal(KEY_PII, ctx, account, strlen(account), sealed, sizeof(sealed), &slen) != 0)
		return DEPOSIT_ERROR;
	crypto_mac_hex(KEY_LOOKUP, account, strlen(account), account_hash);
	crypto_random_hex(nonce, 16);
	amount_mac(o->id, nonce, fen, amount_hash);
	snprintf(recipient, sizeof(recipient), "order:%s", o->no);
	if (db_begin() != 0)
		return DEPOSIT_ERROR;
	/* The order row lock serialises requests: two at once cannot both send an amount. */
	if (db_select(STMT_ORDER_LOCK, &res, "l", o->id) != 0)
		goto done;
	in_deposit = res.nrows == 1 && strcmp(db_cell(&res, 0, 0), "deposit") == 0;
	db_result_free(&res);
	if (!in_deposit) {
		rc = DEPOSIT_STATE;
		goto done;
	}
	if (deposit_get(o->id, &d) != 0)
		goto done;
	if (d.active && d.tries_used < max) {
		rc = DEPOSIT_ACTIVE;
		goto done;
	}
	if (db_exec(STMT_DEPOSIT_PUT, "lsbsssll", o->id, bank_name, sealed, slen, account_hash, nonce, amount_hash,
	    (long long)config_long("Deposit.valid_seconds", 259200, 60, 2592000), (long long)max) < 1 ||
	    outbox_queue(r, "bank", recipient, text) != 0)
		goto done;
	if (db_commit() != 0)
		rc = DEPOSIT_ERROR;
	else
		rc = DEPOSIT_OK;
	explicit_bzero(text, sizeof(text));
	return rc;
done:
	explicit_bzero(text, sizeof(text));
	db_rollback();
	return rc;
}

enum deposit_result
deposit_verify(const struct order *o, long fen, const char *reason, int *tries_left)
{
	struct db_result res;
	struct deposit d;
	char want[65];
	const char *stored;
	long max = max_tries(), used;
	long long n;
	int match;

	*tries_left = 0;
	n = db_exec(STMT_DEPOSIT_TRY, "ll", o->id, (long long)max);
	if (n < 0)
		return DEPOSIT_ERROR;
	if (n == 0) {
		/* No try was free: say why. */
		if (deposit_get(o->id, &d) != 0)
			return DEPOSIT_ERROR;
		*tries_left = d.tries_left;
		if (!d.exists)
			return DEPOSIT_NONE;
		if (d.verified)
			return DEPOSIT_STATE;
		if (d.tries_used >= max)
			return DEPOSIT_NO_TRIES;
		return DEPOSIT_EXPIRED;
	}
	if (db_select(STMT_DEPOSIT_SECRET, &res, "l", o->id) != 0)
		return DEPOSIT_ERROR;
	if (res.nrows != 1) {
		db_result_free(&res);
		return DEPOSIT_ERROR;
	}
	used = strtol(db_cell(&res, 0, 2), NULL, 10);
	*tries_left = used >= max ? 0 : (int)(max - used);
	stored = db_cell(&res, 0, 1);
	if (stored != NULL)
		amount_mac(o->id, db_cell(&res, 0, 0), fen, want);
	match = stored != NULL && crypto_str_equal(stored, want);
	db_result_free(&res);
	if (stored == NULL)
		return DEPOSIT_EXPIRED;	/* expired between the reservation and now */
	if (match) {
		switch (order_transition(o->id, "payment", ACTOR_APPLICANT, o->applicant_id, NULL, NULL, -1)) {
		case TRANSITION_OK:
			if (db_exec(STMT_DEPOSIT_VERIFIED, "l", o->id) < 0)
				log_error(NULL, "deposit: order %lld verified but not marked", o->id);
			return DEPOSIT_OK;
		case TRANSITION_ERROR:
			return DEPOSIT_ERROR;
		default:
			return DEPOSIT_STATE;	/* a parallel right answer got there first */
		}
	}
	if (used < max)
		return DEPOSIT_WRONG;
	/* The last try: several wrong ones at once may get here, the state machine applies it once. */
	if (order_transition(o->id, "manual_review", ACTOR_APPLICANT, o->applicant_id, "deposit_failed", reason, -1) ==
	    TRANSITION_ERROR)
		return DEPOSIT_ERROR;
	return DEPOSIT_FAILED;
}

/* The sandbox bank: the payout is kept, sealed, for /sandbox/bank. */
static int
payout_sandbox(const char *account, long fen, const char **why)
{
	unsigned char sealed[SEALED_MAX];
	char hash[65], ctx[96], entry[64];
	size_t len;

	if (config_long("Sandbox.enabled", 0, 0, 1) != 1) {
		*why = "Bank.transport sandbox needs Sandbox.enabled = 1";
		return -1;
	}
	crypto_mac_hex(KEY_LOOKUP, account, strlen(account), hash);
	snprintf(ctx, sizeof(ctx), "sandbox:bank:%s", hash);
	snprintf(entry, sizeof(entry), "%s %ld.%02ld", account, fen / 100, fen % 100);
	if (crypto_seal(KEY_PII, ctx, entry, strlen(entry), sealed, sizeof(sealed), &len) != 0 ||
	    db_exec(STMT_SANDBOX_BANK_INSERT, "sb", hash, sealed, len) != 1) {
		*why = "sandbox store failed";
		return -1;
	}
	return 0;
}

int
deposit_payout_deliver(const char *recipient, const char *text, const char **why)
{
	const char *transport = config_get("Bank.transport", "sandbox");
	char account[ACCOUNT_MAX + 1];
	char *end;
	size_t n = strcspn(text, "\t");
	long fen;

	if (n == 0 || n > ACCOUNT_MAX || text[n] != '\t') {
		*why = "malformed payout";
		return -1;
	}
	memcpy(account, text, n);
	account[n] = '\0';
	fen = strtol(text + n + 1, &end, 10);
	if (*end != '\t' || fen < DEPOSIT_FEN_MIN || fen > DEPOSIT_FEN_MAX) {
		*why = "malformed payout";
		return -1;
	}
	if (strcmp(transport, "sandbox") == 0)
		return payout_sandbox(account, fen, why);
	*why = "unknown Bank.transport";
	return -1;
}

void
deposit_expire(void)
{
	long long n = db_exec(STMT_DEPOSIT_EXPIRE, "");

	if (n > 0)
		log_info(NULL, "deposit: %lld expired amount(s) forgotten", n);
}

int
sandbox_bank_list(const char *account, STRING *out)
{
	struct db_result res;
	char hash[65], ctx[96], entry[SEALED_MAX];
	const char *sealed;
	unsigned int i;
	size_t len;
	NEOERR *err;
	int rc;

	if (account != NULL && account[0] != '\0') {
		crypto_mac_hex(KEY_LOOKUP, account, strlen(account), hash);
		rc = db_select(STMT_SANDBOX_BANK_BY_ACCOUNT, &res, "s", hash);
	} else {
		rc = db_select(STMT_SANDBOX_BANK_LATEST, &res, "");
	}
	if (rc != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		snprintf(ctx, sizeof(ctx), "sandbox:bank:%s", db_cell(&res, i, 1));
		sealed = db_cell(&res, i, 2);
		if (sealed == NULL || crypto_open(KEY_PII, ctx, (const unsigned char *)sealed, db_cell_len(&res, i, 2),
		    entry, sizeof(entry), &len) != 0)
			snprintf(entry, sizeof(entry), "(unreadable)");
		err = string_appendf(out, "%s %s\n", db_cell(&res, i, 0), entry);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			rc = -1;
		}
	}
	db_result_free(&res);
	return rc;
}
