/* mail.c: e-mail through the outbox: MIME messages (RFC 2045-2047) delivered by sandbox, exec or sendmail */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "fulfil.h"
#include "log.h"
#include "mail.h"
#include "outbox.h"
#include "run.h"

#define MESSAGE_MAX (1024 * 1024)

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* A growing string; ok stays 0 after the first failed append. */
struct buf {
	char *s;
	size_t len, cap;
	int failed;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	char *p;
	size_t cap;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = (b->len + n + 1) * 2;
		if (cap > MESSAGE_MAX || (p = realloc(b->s, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Base64 of data, wrapped at 76 characters per line (RFC 2045) when wrap is set. */
static void
put_base64(struct buf *b, const unsigned char *d, size_t n, int wrap)
{
	char q[4];
	size_t i, col = 0;

	for (i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)d[i] << 16 | (i + 1 < n ? (unsigned long)d[i + 1] << 8 : 0) |
		    (i + 2 < n ? d[i + 2] : 0);

		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		put(b, q, 4);
		col += 4;
		if (wrap && col >= 76 && i + 3 < n) {
			puts_(b, "\n");
			col = 0;
		}
	}
	if (wrap)
		puts_(b, "\n");
}

static int
ascii_only(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x7f || (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/*
 * A header value: as is when plain ASCII, else RFC 2047 encoded words of
 * whole UTF-8 characters, at most 45 bytes each so lines stay short.
 */
static void
put_header_text(struct buf *b, const char *s)
{
	size_t n = strlen(s), start = 0, end;

	if (ascii_only(s)) {
		puts_(b, s);
		return;
	}
	while (start < n) {
		end = start + 45 < n ? start + 45 : n;
		while (end < n && ((unsigned char)s[end] & 0xC0) == 0x80)
			end--;	/* never split a character */
		if (start > 0)
			puts_(b, "\n ");
		puts_(b, "=?UTF-8?B?");
		put_base64(b, (const unsigned char *)s + start, end - start, 0);
		puts_(b, "?=");
		start = end;
	}
}

static int
one_line(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") == NULL;
}

int
mail_build(const struct mail_message *m, char **out, size_t *len)
{
	struct buf b = { NULL, 0, 0, 0 };
	char boundary[64], hex[33], date[64], id[128];
	const char *domain;
	struct tm tm;
	time_t t = m->date + 8 * 3600;

	*out = NULL;
	*len = 0;
	if (!one_line(m->from) || !one_line(m->to) || !one_line(m->subject) || !one_line(m->from_name) ||
	    !ascii_only(m->from) || !ascii_only(m->to) || strchr(m->to, ',') != NULL ||
	    (m->attachment != NULL && (!one_line(m->attachment->name) || !ascii_only(m->attachment->name) ||
	    strchr(m->attachment->name, '"') != NULL || !one_line(m->attachment->type))))
		return -1;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0800", &tm);
	crypto_random_hex(hex, 16);
	domain = strchr(m->from, '@');
	snprintf(id, sizeof(id), "<%s@%s>", hex, domain != NULL ? domain + 1 : "certdesk.invalid");
	snprintf(boundary, sizeof(boundary), "=_certdesk_%s", hex);

	puts_(&b, "From: ");
	if (m->from_name != NULL && m->from_name[0] != '\0') {
		put_header_text(&b, m->from_name);
		puts_(&b, " ");
	}
	puts_(&b, "<");
	puts_(&b, m->from);
	puts_(&b, ">\nTo: ");
	puts_(&b, m->to);
	puts_(&b, "\nSubject: ");
	put_header_text(&b, m->subject);
	puts_(&b, "\nDate: ");
	puts_(&b, date);
	puts_(&b, "\nMessage-ID: ");
	puts_(&b, id);
	puts_(&b, "\nMIME-Version: 1.0\n");
	if (m->attachment != NULL) {
		puts_(&b, "Content-Type: multipart/mixed; boundary=\"");
		puts_(&b, boundary);
		puts_(&b, "\"\n\nThis is a multi-part message in MIME format.\n\n--");
		puts_(&b, boundary);
		puts_(&b, "\n");
	}
	puts_(&b, "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n");
	put_base64(&b, (const unsigned char *)m->body, strlen(m->body), 1);
	if (m->attachment != NULL) {
		puts_(&b, "\n--");
		puts_(&b, boundary);
		puts_(&b, "\nContent-Type: ");
		puts_(&b, m->attachment->type);
		puts_(&b, "; name=\"");
		puts_(&b, m->attachment->name);
		puts_(&b, "\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"");
		puts_(&b, m->attachment->name);
		puts_(&b, "\"\n\n");
		put_base64(&b, (const unsigned char *)m->attachment->data, m->attachment->len, 1);
		puts_(&b, "\n--");
		puts_(&b, boundary);
		puts_(&b, "--\n");
	}
	if (b.failed) {
		free(b.s);
		return -1;
	}
	*out = b.s;
	*len = b.len;
	return 0;
}

/*
 * The outbox payload of a mail: "Subject: …\nAttach: …\n\nbody". The
 * subject and the reference are one line each (checked when queued).
 */
int
mail_queue(const struct req *r, const char *to, const char *subject, const char *body, const char *attach)
{
	struct buf b = { NULL, 0, 0, 0 };
	int rc;

	if (!one_line(to) || !one_line(subject) || (attach != NULL && !one_line(attach)))
		return -1;
	puts_(&b, "Subject: ");
	puts_(&b, subject);
	puts_(&b, "\nAttach: ");
	puts_(&b, attach != NULL ? attach : "");
	puts_(&b, "\n\n");
	puts_(&b, body);
	rc = b.failed ? -1 : outbox_queue(r, "mail", to, b.s);
	free(b.s);
	return rc;
}

/* Sealed like the SMS sandbox: "sandbox:mail:ADDRESS". */
static int
mail_sandbox(const char *to, const char *msg, size_t len, const char **why)
{
	unsigned char *sealed = malloc(len + CRYPTO_SEAL_OVERHEAD);
	char context[300];
	size_t slen;
	int rc = -1;

	if (config_long("Sandbox.enabled", 0, 0, 1) != 1)
		*why = "Mail.transport sandbox needs Sandbox.enabled = 1";
	else if (sealed == NULL)
		*why = "out of memory";
	else {
		snprintf(context, sizeof(context), "sandbox:mail:%s", to);
		if (crypto_seal(KEY_PII, context, msg, len, sealed, len + CRYPTO_SEAL_OVERHEAD, &slen) != 0 ||
		    db_exec(STMT_SANDBOX_MAIL_INSERT, "sb", to, sealed, slen) != 1)
			*why = "sandbox store failed";
		else
			rc = 0;
	}
	free(sealed);
	return rc;
}

static int
mail_program(const char *key, char *const *args, const char *msg, size_t len, const char **why)
{
	static char reason[200];
	char *argv[5] = { NULL, NULL, NULL, NULL, NULL };
	int i;

	if (config_get(key, "")[0] == '\0' || (argv[0] = (char *)config_path(key, NULL)) == NULL) {
		snprintf(reason, sizeof(reason), "%s is not set", key);
		*why = reason;
		return -1;
	}
	for (i = 0; args[i] != NULL && i < 3; i++)
		argv[i + 1] = args[i];
	if (run_with_input(argv, msg, len, config_long("Mail.timeout_seconds", 30, 1, 300) * 1000L, reason,
	    sizeof(reason)) != 0) {
		*why = reason;
		return -1;
	}
	return 0;
}

int
mail_deliver(const char *to, const char *payload, const char **why)
{
	static char reason[160];
	struct mail_message m;
	struct mail_attachment a;
	char subject[512], attach[64], name[64], *xml = NULL, *msg = NULL;
	const char *p = payload, *nl, *transport = config_get("Mail.transport", "sandbox");
	size_t xmllen = 0, len;
	long long invoice_id;
	int rc;

	/* The payload as mail_queue wrote it. */
	if (strncmp(p, "Subject: ", 9) != 0 || (nl = strchr(p, '\n')) == NULL || (size_t)(nl - p - 9) >= sizeof(subject)) {
		*why = "malformed mail payload";
		return -1;
	}
	snprintf(subject, sizeof(subject), "%.*s", (int)(nl - p - 9), p + 9);
	p = nl + 1;
	if (strncmp(p, "Attach: ", 8) != 0 || (nl = strchr(p, '\n')) == NULL || (size_t)(nl - p - 8) >= sizeof(attach) ||
	    nl[1] != '\n') {
		*why = "malformed mail payload";
		return -1;
	}
	snprintf(attach, sizeof(attach), "%.*s", (int)(nl - p - 8), p + 8);
	memset(&m, 0, sizeof(m));
	m.from_name = config_get("Mail.from_name", config_get("Site.ca_name", ""));
	m.from = config_get("Mail.from", "noreply@ca.example.cn");
	m.to = to;
	m.subject = subject;
	m.body = nl + 2;
	m.date = time(NULL);
	if (attach[0] != '\0') {
		if (sscanf(attach, "invoice:%lld", &invoice_id) != 1 ||
		    fulfil_invoice_file(invoice_id, name, sizeof(name), &xml, &xmllen) != 0) {
			snprintf(reason, sizeof(reason), "attachment %s cannot be read", attach);
			*why = reason;
			return -1;
		}
		a.name = name;
		a.type = "application/xml";
		a.data = xml;
		a.len = xmllen;
		m.attachment = &a;
	}
	rc = mail_build(&m, &msg, &len);
	free(xml);
	if (rc != 0) {
		*why = "the message cannot be built";
		return -1;
	}
	if (strcmp(transport, "sandbox") == 0) {
		rc = mail_sandbox(to, msg, len, why);
	} else if (strcmp(transport, "sendmail") == 0) {
		char *args[] = { "-t", "-i", NULL };

		rc = mail_program("Mail.sendmail_program", args, msg, len, why);
	} else if (strcmp(transport, "exec") == 0) {
		char *args[] = { (char *)to, NULL };

		rc = mail_program("Mail.exec_program", args, msg, len, why);
	} else {
		*why = "unknown Mail.transport";
		rc = -1;
	}
	free(msg);
	return rc;
}

/* Decode "=?UTF-8?B?…?=" words of a Subject line (ours only) into out, for the sandbox listing. */
static void
subject_text(const char *msg, char *out, size_t outsz)
{
	const char *p = strstr(msg, "\nSubject: "), *end, *w;
	size_t n = 0;
	unsigned long v;
	int bits, c;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += 10;
	for (end = p; *end != '\0' && !(end[0] == '\n' && end[1] != ' '); end++)
		;
	if (strncmp(p, "=?UTF-8?B?", 10) != 0) {
		snprintf(out, outsz, "%.*s", (int)(end - p), p);
		return;
	}
	for (w = p; w < end && (w = strstr(w, "=?UTF-8?B?")) != NULL && w < end; ) {
		w += 10;
		for (v = 0, bits = 0; *w != '?' && w < end; w++) {
			const char *k = strchr(b64, *w);

			if (*w == '=' || k == NULL)
				continue;
			v = v << 6 | (unsigned long)(k - b64);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				c = (int)(v >> bits & 0xFF);
				if (n + 1 < outsz)
					out[n++] = (char)c;
			}
		}
	}
	out[n] = '\0';
}

static int
open_message(const struct db_result *res, unsigned int row, unsigned int to_col, unsigned int msg_col, char **msg,
    size_t *len)
{
	char context[300];
	size_t slen = db_cell_len(res, row, msg_col);

	*msg = NULL;
	if (slen < CRYPTO_SEAL_OVERHEAD || (*msg = malloc(slen)) == NULL)
		return -1;
	snprintf(context, sizeof(context), "sandbox:mail:%s", db_cell(res, row, to_col));
	if (crypto_open(KEY_PII, context, (const unsigned char *)db_cell(res, row, msg_col), slen, *msg, slen, len) != 0) {
		free(*msg);
		*msg = NULL;
		return -1;
	}
	return 0;
}

int
sandbox_mail_list(const char *to, STRING *out)
{
	struct db_result res;
	char subject[512], names[256], *msg, *p;
	const char *f;
	unsigned int i;
	size_t len, n;
	NEOERR *err;
	int rc;

	if (to != NULL && to[0] != '\0')
		rc = db_select(STMT_SANDBOX_MAIL_BY_TO, &res, "s", to);
	else
		rc = db_select(STMT_SANDBOX_MAIL_LATEST, &res, "");
	if (rc != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		names[0] = '\0';
		if (open_message(&res, i, 2, 3, &msg, &len) != 0) {
			snprintf(subject, sizeof(subject), "(unreadable)");
		} else {
			subject_text(msg, subject, sizeof(subject));
			for (f = msg; (f = strstr(f, "filename=\"")) != NULL; f += 10) {
				n = strcspn(f + 10, "\"\n");
				if (strlen(names) + n + 2 < sizeof(names))
					snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%.*s",
					    names[0] != '\0' ? "," : "", (int)n, f + 10);
			}
			free(msg);
		}
		for (p = subject; *p != '\0'; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		err = string_appendf(out, "%s %s %s | attachments: %s | /sandbox/mail/%s\n", db_cell(&res, i, 1),
		    db_cell(&res, i, 2), subject, names[0] != '\0' ? names : "-", db_cell(&res, i, 0));
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			rc = -1;
		}
	}
	db_result_free(&res);
	return rc;
}

int
sandbox_mail_get(long long id, char **msg, size_t *len)
{
	struct db_result res;
	int rc;

	if (db_select(STMT_SANDBOX_MAIL_GET, &res, "l", id) != 0)
		return -1;
	if (res.nrows != 1) {
		db_result_free(&res);
		return 1;
	}
	rc = open_message(&res, 0, 0, 1, msg, len);
	db_result_free(&res);
	return rc;
}
