/* mail.h: e-mail through the outbox: MIME messages (RFC 2045-2047) delivered by sandbox, exec or sendmail */
#ifndef CERTDESK_MAIL_H
#define CERTDESK_MAIL_H

#include <stddef.h>
#include <time.h>

#include <ClearSilver.h>

#include "request.h"

struct mail_attachment {
	const char *name;	/* ASCII file name: "invoice-26111000000000000042.xml" */
	const char *type;	/* "application/xml" */
	const char *data;
	size_t len;
};

struct mail_message {
	const char *from_name;	/* UTF-8 display name, may be "" */
	const char *from;	/* address */
	const char *to;		/* address (already validated) */
	const char *subject;	/* UTF-8 */
	const char *body;	/* UTF-8 plain text */
	time_t date;
	const struct mail_attachment *attachment;	/* NULL for none */
};

/*
 * Build the message as MIME: UTF-8 headers as RFC 2047 encoded words, the
 * text in base64, the attachment (if any) as a base64 part of
 * multipart/mixed with Content-Disposition: attachment. Lines end in LF,
 * as sendmail expects on its input. *out is malloc'd and NUL-terminated.
 * 0, or -1 for an address or header value holding a line break.
 */
int mail_build(const struct mail_message *m, char **out, size_t *len);

/*
 * Queue a mail to an address, in the caller's transaction if one is open.
 * attach is NULL or a reference the worker resolves when it builds the
 * message ("invoice:ID": the e-invoice XML as stored), so the outbox row
 * stays small and the attachment is the stored document. 0 or -1.
 */
int mail_queue(const struct req *r, const char *to, const char *subject, const char *body, const char *attach);

/*
 * certdesk-worker, for an outbox row of channel "mail": build the message
 * and hand it to Mail.transport: "sandbox" (kept for /sandbox/mail),
 * "sendmail" (Mail.sendmail_program -t -i, the message on stdin) or "exec"
 * (Mail.exec_program ADDRESS, the message on stdin). No shell; a non-zero
 * exit is retried by the outbox. 0 or -1 with why.
 */
int mail_deliver(const char *to, const char *payload, const char **why);

/*
 * GET /sandbox/mail: one line per delivered mail, newest first: ISO time,
 * address, subject, attachment names, and where the whole message is
 * (/sandbox/mail/ID). to NULL or "" lists every address. 0 or -1.
 */
int sandbox_mail_list(const char *to, STRING *out);
/* The whole message of sandbox mail id (malloc'd): 0, 1 none, -1 error. */
int sandbox_mail_get(long long id, char **msg, size_t *len);

#endif
