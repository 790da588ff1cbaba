/* csrf.c: per-visitor CSRF tokens for every form, checked on every POST */
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "csrf.h"
#include "render.h"
#include "session.h"
#include "staff.h"

const char *
csrf_cookie_name(const struct req *r)
{
	return r->https ? "__Host-cd_pre" : "cd_pre";
}

const char *
csrf_session_token(const struct req *r)
{
	return r->admin ? staff_token() : session_token();
}

static void
token_for(const char *kind, const char *binding, char out[65])
{
	char buf[80];
	int n = snprintf(buf, sizeof(buf), "csrf:%s:%s", kind, binding);

	crypto_mac_hex(KEY_SESSION, buf, (size_t)n, out);
}

void
csrf_prepare(struct req *r, const char *session_token)
{
	const char *pre = req_cookie(r, csrf_cookie_name(r));
	char fresh[65];

	if (session_token != NULL) {
		token_for("s", session_token, r->csrf);
	} else {
		if (!crypto_is_token(pre)) {
			crypto_random_hex(fresh, 32);
			req_set_cookie(r, csrf_cookie_name(r), fresh, -1);
			pre = fresh;
		}
		token_for("p", pre, r->csrf);
	}
	req_set(r, "Session.csrf", r->csrf);
}

int
csrf_valid(struct req *r, const char *session_token)
{
	const char *pre, *sent = req_value(r, "csrf");
	char want[65];

	if (sent == NULL)
		return 0;
	if (session_token != NULL) {
		token_for("s", session_token, want);
	} else {
		pre = req_cookie(r, csrf_cookie_name(r));
		if (!crypto_is_token(pre))
			return 0;
		token_for("p", pre, want);
	}
	return crypto_str_equal(sent, want);
}
