/* page-home.c: the home page, fixed content pages, /healthz and the parsing echo of the sandbox */
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "pages.h"
#include "render.h"

int
page_home(struct req *r)
{
	req_set(r, "Page.nav", "home");
	req_set(r, "Page.title", hdf_get_value(r->hdf, "Lang.home.title", "首页"));
	return render_page(r, 200, "home.cs");
}

/*
 * GET /healthz: 200 "ok" when MariaDB answers a query, else 503. nginx
 * monitoring and scripts/run poll it; it never renders a template.
 */
int
page_healthz(struct req *r)
{
	static const char ok[] = "ok\n", down[] = "database unavailable\n";

	if (db_ping() == 0)
		return render_body(r, 200, "text/plain; charset=utf-8", ok, sizeof(ok) - 1, NULL, NULL);
	return render_body(r, 503, "text/plain; charset=utf-8", down, sizeof(down) - 1, NULL, NULL);
}

static int
content_page(struct req *r, const char *nav, const char *title_key, const char *template)
{
	req_set(r, "Page.nav", nav);
	req_set(r, "Page.title", hdf_get_value(r->hdf, title_key, ""));
	return render_page(r, 200, template);
}

int
page_service(struct req *r)
{
	return content_page(r, "service", "Lang.nav.service", "pages/service.cs");
}

int
page_faq(struct req *r)
{
	return content_page(r, "faq", "Lang.nav.faq", "pages/faq.cs");
}

int
page_agreement(struct req *r)
{
	return content_page(r, "register", "Lang.agreement.title", "pages/agreement.cs");
}

/*
 * GET,POST /sandbox/echo (sandbox only): what the request parser made of a
 * body, one line per field or file with its length and SHA-256, so tests can
 * prove that nothing is lost or altered. GET gives the CSRF token to post with.
 */
int
page_sandbox_echo(struct req *r)
{
	const struct mp_file *f;
	char line[512], sum[65];
	const char *name, *value;
	STRING out;
	HDF *q;
	int n, status;

	csrf_prepare(r, NULL);
	string_init(&out);
	n = snprintf(line, sizeof(line), "csrf %s\n", r->csrf);
	string_appendn(&out, line, n);
	for (q = hdf_obj_child(hdf_get_obj(r->hdf, "Query")); q != NULL; q = hdf_obj_next(q)) {
		name = hdf_obj_name(q);
		value = hdf_obj_value(q);
		if (name == NULL || value == NULL || strcmp(name, "csrf") == 0)
			continue;
		crypto_sha256_hex(value, strlen(value), sum);
		n = snprintf(line, sizeof(line), "field %s %lu %s\n", name, (unsigned long)strlen(value), sum);
		if (n > 0 && (size_t)n < sizeof(line))
			string_appendn(&out, line, n);
	}
	for (f = r->form.files; f != NULL; f = f->next) {
		crypto_sha256_hex(f->data != NULL ? (const char *)f->data : "", f->len, sum);
		n = snprintf(line, sizeof(line), "file %s %lu %s oversize=%d\n", f->name,
		    (unsigned long)f->len, sum, f->oversize);
		if (n > 0 && (size_t)n < sizeof(line))
			string_appendn(&out, line, n);
	}
	status = render_body(r, 200, "text/plain; charset=utf-8", out.buf != NULL ? out.buf : "",
	    out.len, NULL, NULL);
	string_clear(&out);
	return status;
}
