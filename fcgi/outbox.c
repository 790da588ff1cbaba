/* outbox.c: messages to the outside world, queued in MariaDB and delivered by certdesk-worker */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "fulfil.h"
#include "mail.h"
#include "notify.h"
#include "deposit.h"
#include "outbox.h"
#include "render.h"
#include "payment.h"
#include "run.h"

#define SEALED_MAX 8192
#define TEXT_MAX (SEALED_MAX - CRYPTO_SEAL_OVERHEAD)

/* Sealed values open only under the context they were sealed for: "outbox:sms:13800138000". */
static void
seal_context(char *out, size_t outsz, const char *where, const char *channel, const char *recipient)
{
	snprintf(out, outsz, "%s:%s:%s", where, channel, recipient);
}

int
outbox_queue(const struct req *r, const char *channel, const char *recipient, const char *text)
{
	unsigned char sealed[SEALED_MAX];
	char context[300];
	size_t len;

	seal_context(context, sizeof(context), "outbox", channel, recipient);
	if (crypto_seal(KEY_PII, context, text, strlen(text), sealed, sizeof(sealed), &len) != 0 ||
	    db_exec(STMT_OUTBOX_INSERT, "ssbs", channel, recipient, sealed, len, r != NULL ? r->id : NULL) != 1) {
		log_error(r != NULL ? r->id : NULL, "outbox: cannot queue a message for %s", channel);
		return -1;
	}
	return 0;
}

int
outbox_sms(const struct req *r, const char *phone, const char *text)
{
	return outbox_queue(r, "sms", phone, text);
}

/* The sandbox transport keeps the message, sealed, for /sandbox/sms. */
static int
sms_sandbox(const char *phone, const char *text, const char **why)
{
	unsigned char sealed[SEALED_MAX];
	char context[300];
	size_t len;

	if (config_long("Sandbox.enabled", 0, 0, 1) != 1) {
		*why = "SMS.transport sandbox needs Sandbox.enabled = 1";
		return -1;
	}
	seal_context(context, sizeof(context), "sandbox", "sms", phone);
	if (crypto_seal(KEY_PII, context, text, strlen(text), sealed, sizeof(sealed), &len) != 0 ||
	    db_exec(STMT_SANDBOX_SMS_INSERT, "sb", phone, sealed, len) != 1) {
		*why = "sandbox store failed";
		return -1;
	}
	return 0;
}

/*
 * The exec transport: SMS.exec_program PHONE, the text on its stdin, exit
 * status 0 for delivered; the program is an SMS gateway's client, run
 * without a shell and killed after SMS.exec_timeout_seconds.
 */
static int
sms_exec(const char *phone, const char *text, const char **why)
{
	static char reason[160];
	const char *program = config_get("SMS.exec_program", "");
	char *argv[] = { NULL, (char *)phone, NULL };

	if (program[0] == '\0') {
		*why = "SMS.exec_program is not set";
		return -1;
	}
	argv[0] = (char *)config_path("SMS.exec_program", NULL);
	if (argv[0] == NULL || run_with_input(argv, text, strlen(text),
	    config_long("SMS.exec_timeout_seconds", 10, 1, 300) * 1000L, reason, sizeof(reason)) != 0) {
		*why = argv[0] == NULL ? "SMS.exec_program: path too long" : reason;
		return -1;
	}
	return 0;
}

static int
deliver(const char *channel, const char *recipient, const char *text, const char **why)
{
	const char *transport;

	/* Bank payouts (micro-deposits) and the sandbox gateway's notifications have their own transports. */
	if (strcmp(channel, "bank") == 0)
		return deposit_payout_deliver(recipient, text, why);
	if (strcmp(channel, "paynotify") == 0)
		return payment_notify_deliver(recipient, text, why);
	if (strcmp(channel, "mail") == 0)
		return mail_deliver(recipient, text, why);
	if (strcmp(channel, "ra") == 0)
		return fulfil_ra_deliver(recipient, why);
	if (strcmp(channel, "sms") != 0) {
		*why = "unknown channel";
		return -1;
	}
	transport = config_get("SMS.transport", "sandbox");
	if (strcmp(transport, "sandbox") == 0)
		return sms_sandbox(recipient, text, why);
	if (strcmp(transport, "exec") == 0)
		return sms_exec(recipient, text, why);
	*why = "unknown SMS.transport";
	return -1;
}

/* Seconds before the next try: backoff_seconds x 2^(attempts - 1), capped. */
static long
backoff(long attempts)
{
	long base = config_long("Outbox.backoff_seconds", 5, 1, 3600);
	long cap = config_long("Outbox.backoff_max_seconds", 3600, 1, 86400);
	long wait = base;

	while (--attempts > 0 && wait < cap)
		wait *= 2;
	return wait < cap ? wait : cap;
}

static void
deliver_row(const struct db_result *res, unsigned int row, const char *claim)
{
	char text[TEXT_MAX], context[300];
	const char *channel = db_cell(res, row, 1), *recipient = db_cell(res, row, 2);
	const char *payload = db_cell(res, row, 3), *why = NULL;
	long long id = strtoll(db_cell(res, row, 0), NULL, 10);
	long attempts = strtol(db_cell(res, row, 4), NULL, 10);
	size_t len;
	int rc = -1;

	/*
	 * Still ours? The claim is renewed for this row and the attempt counted
	 * only now, so rows of a worker that died before trying them cost no
	 * attempt, and a row whose claim lapsed (another worker may hold it) is
	 * left alone: it is never delivered twice by two live workers.
	 */
	if (db_exec(STMT_OUTBOX_ATTEMPT, "lls", (long long)config_long("Outbox.claim_seconds", 60, 5, 3600), id,
	    claim) != 1) {
		log_warn(NULL, "outbox: %s #%lld: claim lapsed, left to another worker", channel, id);
		return;
	}
	attempts++;
	seal_context(context, sizeof(context), "outbox", channel, recipient);
	if (payload == NULL || crypto_open(KEY_PII, context, (const unsigned char *)payload,
	    db_cell_len(res, row, 3), text, sizeof(text), &len) != 0)
		why = "payload does not open";
	else
		rc = deliver(channel, recipient, text, &why);
	explicit_bzero(text, sizeof(text));
	if (rc == 0) {
		db_exec(STMT_OUTBOX_SENT, "ls", id, claim);
		log_info(NULL, "outbox: %s #%lld delivered", channel, id);
		/* SPEC §6: the agent hears that the verification amount is on its way. */
		if (strcmp(channel, "bank") == 0 && strncmp(recipient, "order:", 6) == 0)
			notify_order_no(recipient + 6, "deposit_sent", NULL);
		return;
	}
	db_exec(STMT_OUTBOX_RETRY, "sllls", why, (long long)config_long("Outbox.max_attempts", 8, 1, 100),
	    (long long)backoff(attempts), id, claim);
	log_warn(NULL, "outbox: %s #%lld attempt %ld failed: %s", channel, id, attempts, why);
}

int
outbox_deliver_due(void)
{
	struct db_result res;
	char claim[33];
	long long claimed;
	unsigned int i;

	crypto_random_hex(claim, 16);
	claimed = db_exec(STMT_OUTBOX_CLAIM, "sll", claim,
	    (long long)config_long("Outbox.claim_seconds", 60, 5, 3600),
	    (long long)config_long("Outbox.batch", 20, 1, 1000));
	if (claimed <= 0)
		return (int)claimed;
	if (db_select(STMT_OUTBOX_CLAIMED, &res, "s", claim) != 0)
		return -1;	/* the claim lapses and another pass retries */
	for (i = 0; i < res.nrows; i++)
		deliver_row(&res, i, claim);
	db_result_free(&res);
	return (int)i;
}

int
outbox_failed_hdf(HDF *hdf, const char *prefix)
{
	static const char *const names[] = { "id", "channel", "recipient", "attempts", "error", "created_at" };
	struct db_result res;
	char node[96];
	unsigned int i, c;

	if (db_select(STMT_OUTBOX_FAILED, &res, "") != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		snprintf(node, sizeof(node), "%s.%u", prefix, i);
		for (c = 0; c < res.ncols && c < sizeof(names) / sizeof(names[0]); c++)
			hdf_put(hdf, node, names[c], db_cell(&res, i, c) != NULL ? db_cell(&res, i, c) : "");
	}
	db_result_free(&res);
	if (db_select(STMT_OUTBOX_COUNTS, &res, "") != 0)
		return -1;
	snprintf(node, sizeof(node), "%s_counts", prefix);
	for (i = 0; i < res.nrows; i++)
		hdf_put(hdf, node, db_cell(&res, i, 0), db_cell(&res, i, 1));
	db_result_free(&res);
	return 0;
}

int
outbox_retry(long long id)
{
	long long n = db_exec(STMT_OUTBOX_REQUEUE, "l", id);

	return n < 0 ? -1 : n == 1 ? 0 : 1;
}

int
sandbox_sms_list(const char *phone, STRING *out)
{
	struct db_result res;
	char text[TEXT_MAX], context[300], *p;
	const char *sealed;
	unsigned int i;
	size_t len;
	NEOERR *err;
	int rc;

	if (phone != NULL && phone[0] != '\0')
		rc = db_select(STMT_SANDBOX_SMS_BY_PHONE, &res, "s", phone);
	else
		rc = db_select(STMT_SANDBOX_SMS_LATEST, &res, "");
	if (rc != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		seal_context(context, sizeof(context), "sandbox", "sms", db_cell(&res, i, 1));
		sealed = db_cell(&res, i, 2);
		if (sealed == NULL || crypto_open(KEY_PII, context, (const unsigned char *)sealed,
		    db_cell_len(&res, i, 2), text, sizeof(text), &len) != 0)
			snprintf(text, sizeof(text), "(unreadable)");
		/* One SMS per line. */
		for (p = text; *p != '\0'; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		err = string_appendf(out, "%s %s %s\n", db_cell(&res, i, 0), db_cell(&res, i, 1), text);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			rc = -1;
		}
	}
	db_result_free(&res);
	return rc;
}
