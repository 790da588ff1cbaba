/* page-sandbox-mail.c: what the sandbox mail transport delivered (only when Sandbox.enabled = 1) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "pages.h"
#include "render.h"
#include "route.h"
#include "valid.h"

/*
 * GET /sandbox/mail?to=: one line per mail, newest first: ISO time,
 * address, subject, attachments, and the path of the whole message. 200,
 * 400 (an address that is not one), 500.
 */
int
page_sandbox_mail(struct req *r)
{
	const char *to = req_value(r, "to");
	STRING out;
	int status;

	if (to != NULL && to[0] != '\0' && valid_email(to) != VALID_OK)
		return render_error(r, 400);
	string_init(&out);
	if (sandbox_mail_list(to, &out) != 0) {
		string_clear(&out);
		return render_error(r, 500);
	}
	status = render_body(r, 200, "text/plain; charset=utf-8", out.buf != NULL ? out.buf : "", out.len, NULL, NULL);
	string_clear(&out);
	return status;
}

/* GET /sandbox/mail/{id}: the whole MIME message, as the transport got it, as plain text. 200, 404. */
int
page_sandbox_mail_message(struct req *r)
{
	const char *p = route_param(r, "id");
	char *end, *msg;
	long long id;
	size_t len;
	int rc;

	errno = 0;
	id = p != NULL ? strtoll(p, &end, 10) : 0;
	if (p == NULL || errno != 0 || *end != '\0' || id <= 0)
		return render_error(r, 404);
	rc = sandbox_mail_get(id, &msg, &len);
	if (rc == 1)
		return render_error(r, 404);
	if (rc != 0)
		return render_error(r, 500);
	rc = render_body(r, 200, "text/plain; charset=utf-8", msg, len, NULL, NULL);
	free(msg);
	return rc;
}
