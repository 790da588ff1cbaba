/* page-sandbox.c: the sandbox adapters' read-back pages (only when Sandbox.enabled = 1) */
#include "outbox.h"
#include "pages.h"
#include "render.h"
#include "valid.h"

/*
 * GET /sandbox/sms?phone=: what the sandbox SMS transport delivered, plain
 * text, newest first, one line per SMS: ISO time, phone, text. Without
 * phone, every number. Answers 200, 400 (a phone that cannot be read), 500.
 */
int
page_sandbox_sms(struct req *r)
{
	const char *q = req_value(r, "phone");
	char phone[64] = "";
	STRING out;
	int status;

	if (q != NULL && norm_phone(q, phone, sizeof(phone)) != 0)
		return render_error(r, 400);
	string_init(&out);
	if (sandbox_sms_list(phone, &out) != 0) {
		string_clear(&out);
		return render_error(r, 500);
	}
	status = render_body(r, 200, "text/plain; charset=utf-8", out.buf != NULL ? out.buf : "", out.len,
	    NULL, NULL);
	string_clear(&out);
	return status;
}
