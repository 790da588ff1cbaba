/* outbox.h: messages to the outside world, queued in MariaDB and delivered by certdesk-worker */
#ifndef CERTDESK_OUTBOX_H
#define CERTDESK_OUTBOX_H

#include <ClearSilver.h>

#include "request.h"

/*
 * Queue text for recipient on channel ("sms", "bank", "paynotify"), in the
 * caller's transaction if one is open. The text is sealed at rest (it may
 * carry a code, an account number, an amount). 0 or -1.
 */
int outbox_queue(const struct req *r, const char *channel, const char *recipient, const char *text);
/* outbox_queue(r, "sms", phone, text). */
int outbox_sms(const struct req *r, const char *phone, const char *text);
/*
 * certdesk-worker: claim the due rows (several workers may run at once),
 * hand each to its channel's transport (SMS.transport), and record the
 * result: sent, or retried later with exponential backoff, or failed after
 * Outbox.max_attempts. Returns the number of rows handled, or -1.
 */
int outbox_deliver_due(void);
/*
 * GET /sandbox/sms: what the sandbox transport delivered, one line per SMS
 * "ISO-time phone text", newest first; phone NULL or "" lists every number.
 * 0 or -1.
 */
int sandbox_sms_list(const char *phone, STRING *out);
/*
 * /admin/outbox: failed rows, newest first, as <prefix>.N.{id, channel,
 * recipient, attempts, error, created_at}, and the number
 * of rows waiting and failed as <prefix>_counts.{pending, failed}. 0 or -1.
 */
int outbox_failed_hdf(HDF *hdf, const char *prefix);
/* Deliver a failed row again, from its first attempt: 0, 1 when it is not a failed row, -1. */
int outbox_retry(long long id);

#endif
