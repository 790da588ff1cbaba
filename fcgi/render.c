/* render.c: ClearSilver glue: request parsing, templates, headers, redirects, error pages */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "crypto.h"
#include "csrf.h"
#include "log.h"
#include "render.h"
#include "route.h"
#include "session.h"
#include "text.h"

/*
 * The CGI kit's I/O hooks are one process-global table (cgiwrap), so the
 * request they act on is process-global too: workers are single-threaded.
 */
static FCGX_Request *current;
/*
 * What every request's dataset starts from: Site, Lang, Config, hdf.loadpaths
 * (about 700 nodes). It is lent to each request rather than copied (a copy
 * cost ~175 us and 2,100 allocations a request): the request's top node
 * starts with proto's top-level nodes as its children, its own nodes are
 * appended after proto_last, and dataset_release() takes proto's back before
 * the request's nodes are freed. Nothing may write under Site, Lang, Config
 * or hdf during a request; proto_check() makes sure after every request.
 */
static HDF *proto;
static HDF *proto_last;	/* proto's last top-level node */
static HDF *lent;	/* the request dataset proto is lent to, or NULL */

/* One node of proto as it was built: proto_check() compares every request's leftovers with it. */
struct proto_node {
	HDF *node, *child, *next;
	char *value;
	HDF_ATTR *attr;
	int link;
};
static struct proto_node *proto_nodes;
static size_t proto_nnodes;

/* Parsed templates, kept for the life of the process (Templates.cache = 1, the default). */
#define TEMPLATES_MAX 64
static struct template {
	char name[96];
	CSPARSE *cs;
} templates[TEMPLATES_MAX];
static int ntemplates;

static const char site_csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'";

static int
wrap_read(void *data, char *buf, int len)
{
	int n;

	if (current == NULL || len <= 0)
		return 0;
	n = FCGX_GetStr(buf, len, current->in);
	return n < 0 ? -1 : n;
}

static int
wrap_write(void *data, const char *buf, int len)
{
	if (current == NULL || len < 0)
		return -1;
	if (len > 0 && FCGX_PutStr(buf, len, current->out) != len)
		return -1;
	return len;
}

/* libfcgi's own printf does not know %zu: format here, then write. Non-zero on error. */
static int
wrap_writef(void *data, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0 || (size_t)n >= sizeof(buf))
		return -1;
	return wrap_write(data, buf, n) == n ? 0 : -1;
}

/*
 * What the kit is told of the request: the parameters it parses itself.
 * cgi_init copies every CGI variable and HTTP header it is given into the
 * dataset (152 look-ups, a third of a page's set-up, and as many nodes to
 * free), but the application reads its parameters from FastCGI (request.h)
 * and no template prints CGI.* or HTTP.*.
 */
static int
kit_needs(const char *name)
{
	static const char *const needed[] = {
		"REQUEST_METHOD", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_COOKIE",
	};
	size_t i;

	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		if (strcmp(name, needed[i]) == 0)
			return 1;
	return 0;
}

/*
 * The kit ignores urlencoded bodies whose type carries parameters
 * ("; charset=UTF-8"), so hand it the bare media type. Returns a malloc'd copy.
 */
static char *
wrap_getenv(void *data, const char *name)
{
	static const char form[] = "application/x-www-form-urlencoded";
	const char *v;
	size_t n = sizeof(form) - 1;

	if (current == NULL || !kit_needs(name))
		return NULL;
	v = FCGX_GetParam(name, current->envp);
	if (v == NULL)
		return NULL;
	if (strcmp(name, "CONTENT_TYPE") == 0 && strncasecmp(v, form, n) == 0 &&
	    (v[n] == '\0' || v[n] == ';' || v[n] == ' ' || v[n] == '\t'))
		return strdup(form);
	return strdup(v);
}

static int
wrap_putenv(void *data, const char *name, const char *value)
{
	return -1; /* the request environment is read-only */
}

static int
wrap_iterenv(void *data, int i, char **name, char **value)
{
	const char *e, *eq;
	int n;

	*name = *value = NULL;
	if (current == NULL)
		return 0;
	for (n = 0; n < i && current->envp[n] != NULL; n++)
		;
	e = current->envp[n];
	if (e == NULL)
		return 0;
	eq = strchr(e, '=');
	if (eq == NULL)
		return 0;
	*name = strndup(e, (size_t)(eq - e));
	*value = strdup(eq + 1);
	if (*name == NULL || *value == NULL) {
		free(*name);
		free(*value);
		*name = *value = NULL;
		return -1;
	}
	return 0;
}

static void
log_neoerr(const char *rid, const char *what, NEOERR **err)
{
	STRING str;

	string_init(&str);
	nerr_error_string(*err, &str);
	log_error(rid, "%s: %s", what, str.buf != NULL ? str.buf : "?");
	string_clear(&str);
	nerr_ignore(err);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Strings of an area may live in views/lang/<lang>.d/NAME.hdf, read in name order after <lang>.hdf. */
static NEOERR *
read_lang_dir(HDF *hdf, const char *views, const char *lang)
{
	char dir[4096], path[4096 + 256], *names[64];
	struct dirent *e;
	NEOERR *err = STATUS_OK;
	size_t n = 0, i, len;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/lang/%s.d", views, lang);
	d = opendir(dir);
	if (d == NULL)
		return STATUS_OK;
	while ((e = readdir(d)) != NULL && n < 64) {
		len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".hdf") == 0 && (names[n] = strdup(e->d_name)) != NULL)
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (err == STATUS_OK)
			err = hdf_read_file(hdf, path);
		free(names[i]);
	}
	return err;
}

/* Build the dataset every request starts from into *out. 0 or -1 (logged). */
static int
build_proto(HDF **out)
{
	char path[4096];
	NEOERR *err;
	HDF *hdf;
	const char *views = config_path("Paths.views", "views");
	const char *lang = config_get("Site.lang", "zh-CN");

	if ((err = hdf_init(&hdf)) != STATUS_OK) {
		log_neoerr(NULL, "render: hdf_init", &err);
		return -1;
	}
	/* Escaping on for every var:, no debug dumps, no timing comment. */
	err = hdf_copy(hdf, "Site", hdf_get_obj(config_hdf(), "Site"));
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.TimeFooter", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.DebugEnabled", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.WhiteSpaceStrip", "1");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "hdf.loadpaths.0", views);
	if (err == STATUS_OK) {
		if (snprintf(path, sizeof(path), "%s/lang/%s.hdf", views, lang) >= (int)sizeof(path)) {
			hdf_destroy(&hdf);
			return -1;
		}
		err = hdf_read_file(hdf, path);
	}
	if (err == STATUS_OK)
		err = read_lang_dir(hdf, views, lang);
	if (err != STATUS_OK) {
		log_neoerr(NULL, "render: building the page dataset", &err);
		hdf_destroy(&hdf);
		return -1;
	}
	*out = hdf;
	return 0;
}

/*
 * Append node and everything under and after it to proto_nodes (depth
 * first). Each value becomes proto's for good (alloc_value = 0: the library
 * never frees it), so a request that sets a value leaves a different pointer
 * behind even if malloc hands the new value the old one's address. 0 or -1.
 */
static int
snapshot(HDF *node, size_t *cap)
{
	struct proto_node *grown;

	for (; node != NULL; node = node->next) {
		node->alloc_value = 0;
		if (proto_nnodes == *cap) {
			grown = realloc(proto_nodes, (*cap = *cap * 2 + 256) * sizeof(*proto_nodes));
			if (grown == NULL)
				return -1;
			proto_nodes = grown;
		}
		proto_nodes[proto_nnodes++] = (struct proto_node){ node, node->child, node->next, node->value,
		    node->attr, node->link };
		if (node->child != NULL && snapshot(node->child, cap) != 0)
			return -1;
	}
	return 0;
}

/* Make a freshly built dataset the one requests borrow. 0 or -1. */
static int
proto_install(HDF *hdf)
{
	size_t cap = 0;

	proto = hdf;
	for (proto_last = proto->child; proto_last != NULL && proto_last->next != NULL; proto_last = proto_last->next)
		;
	proto_nnodes = 0;
	return proto_last != NULL && snapshot(proto->child, &cap) == 0 ? 0 : -1;
}

/*
 * After a request, proto must be exactly as built. A request that wrote
 * under Site, Lang, Config or hdf (a handler, or a template's set:) would
 * otherwise show its data to every later request of this process: log it
 * and build a fresh proto (the old one is left as it is, it may be damaged).
 * Depth first, so a changed link is seen before the nodes it led to.
 */
static void
proto_check(const char *rid)
{
	const struct proto_node *n;
	HDF *fresh;
	size_t i;

	for (i = 0; i < proto_nnodes; i++) {
		n = &proto_nodes[i];
		if (n->node->child != n->child || n->node->next != n->next || n->node->value != n->value ||
		    n->node->attr != n->attr || n->node->link != n->link)
			break;
	}
	if (i == proto_nnodes)
		return;
	log_error(rid, "render: the request changed the shared dataset at or under %s; rebuilding it",
	    n->node->name != NULL ? n->node->name : "?");
	if (build_proto(&fresh) != 0 || proto_install(fresh) != 0) {
		log_error(rid, "render: cannot rebuild the shared dataset; exiting");
		exit(1);
	}
}

/* A new request dataset that starts with proto's top-level nodes. */
static NEOERR *
dataset_new(HDF **out)
{
	NEOERR *err = hdf_init(out);

	if (err != STATUS_OK)
		return err;
	(*out)->child = proto->child;
	lent = *out;
	return STATUS_OK;
}

/* Take proto's nodes back from the request dataset, so that freeing it frees only its own. */
static void
dataset_release(HDF *hdf)
{
	if (hdf == NULL || hdf != lent)
		return;
	hdf->child = proto_last->next;
	proto_last->next = NULL;
	lent = NULL;
}

int
render_init_process(void)
{
	HDF *hdf;

	cgiwrap_init_emu(NULL, wrap_read, wrap_writef, wrap_write, wrap_getenv, wrap_putenv,
	    wrap_iterenv);
	if (build_proto(&hdf) != 0)
		return -1;
	if (proto_install(hdf) != 0) {
		log_error(NULL, "render: the page dataset is empty or memory ran out");
		return -1;
	}
	return 0;
}

/* nginx's $request_id is 32 hex characters; anything else is replaced by our own. */
static void
set_request_id(struct req *r)
{
	const char *v = FCGX_GetParam("REQUEST_ID", r->fcgx->envp);
	size_t i;

	if (v != NULL && strlen(v) == 32) {
		for (i = 0; i < 32 && isxdigit((unsigned char)v[i]); i++)
			;
		if (i == 32) {
			memcpy(r->id, v, 33);
			return;
		}
	}
	crypto_random_hex(r->id, 16);
}

int
req_begin(struct req *r, FCGX_Request *fr)
{
	const char *v;
	char *path;
	NEOERR *err;
	HDF *hdf;
	long long len;
	char *end;
	int status;

	memset(r, 0, sizeof(*r));
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->fcgx = fr;
	current = fr;
	set_request_id(r);
	mp_form_init(&r->form);
	r->method = FCGX_GetParam("REQUEST_METHOD", fr->envp);
	if (r->method == NULL)
		r->method = "GET";
	v = FCGX_GetParam("HTTPS", fr->envp);
	r->https = v != NULL && strcasecmp(v, "on") == 0;
	v = FCGX_GetParam("CERTDESK_LISTENER", fr->envp);
	r->admin = v != NULL && strcmp(v, "admin") == 0;

	/* Path from DOCUMENT_URI (decoded, normalised by nginx), else REQUEST_URI up to '?'. */
	v = FCGX_GetParam("DOCUMENT_URI", fr->envp);
	if (v == NULL)
		v = FCGX_GetParam("REQUEST_URI", fr->envp);
	if (v == NULL)
		v = "/";
	if ((err = dataset_new(&hdf)) != STATUS_OK) {
		log_neoerr(r->id, "hdf_init", &err);
		return 500;
	}
	err = hdf_set_value(hdf, "Page.request_id", r->id);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Request.path_raw", v);
	if (err != STATUS_OK) {
		log_neoerr(r->id, "request dataset", &err);
		dataset_release(hdf);
		hdf_destroy(&hdf);
		return 500;
	}
	path = hdf_get_value(hdf, "Request.path_raw", "/");
	path[strcspn(path, "?")] = '\0';
	r->path = path;
	r->hdf = hdf;

	/* cgi_init takes ownership of hdf: cgi_destroy frees it. */
	if ((err = cgi_init(&r->cgi, hdf)) != STATUS_OK) {
		log_neoerr(r->id, "cgi_init", &err);
		dataset_release(r->hdf);
		hdf_destroy(&r->hdf);
		r->cgi = NULL;
		return 400;
	}
	if (strcmp(r->method, "POST") != 0)
		return 0;
	v = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	if (v != NULL && v[0] != '\0') {
		errno = 0;
		len = strtoll(v, &end, 10);
		if (errno != 0 || *end != '\0' || len < 0)
			return 400;
		if (len > config_long("Limits.body_max", 4L << 20, 1024, 64L << 20))
			return 413;
	}
	if (multipart_register(r->cgi, &r->form) != 0)
		return 500;
	err = cgi_parse(r->cgi);
	/* Debian's cgi_destroy never frees registered parse callbacks. */
	multipart_unregister(r->cgi);
	if (err != STATUS_OK) {
		status = nerr_match(err, NERR_NOMEM) ? 500 : 400;
		log_neoerr(r->id, "parsing the request body", &err);
		return status;
	}
	return 0;
}

void
req_end(struct req *r)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - r->start.tv_sec) * 1000L + (now.tv_nsec - r->start.tv_nsec) / 1000000L;
	log_info(r->id, "%s %s %d %ldms", r->method, r->path != NULL ? r->path : "-", r->status, ms);
	mp_form_free(&r->form);
	dataset_release(r->hdf);
	if (r->cgi != NULL)
		cgi_destroy(&r->cgi);	/* frees r->hdf too */
	else if (r->hdf != NULL)
		hdf_destroy(&r->hdf);
	r->hdf = NULL;
	current = NULL;
	proto_check(r->id);
}

const char *
req_value(const struct req *r, const char *name)
{
	char key[128];

	if (r->hdf == NULL || snprintf(key, sizeof(key), "Query.%s", name) >= (int)sizeof(key))
		return NULL;
	return hdf_get_value(r->hdf, key, NULL);
}

const char *
req_cookie(const struct req *r, const char *name)
{
	char key[128];

	if (r->hdf == NULL || snprintf(key, sizeof(key), "Cookie.%s", name) >= (int)sizeof(key))
		return NULL;
	return hdf_get_value(r->hdf, key, NULL);
}

int
req_body(struct req *r, char *buf, size_t max, size_t *len)
{
	char extra;
	int n;

	*len = 0;
	if (strcmp(r->method, "POST") != 0)
		return 0;
	while (*len < max) {
		n = FCGX_GetStr(buf + *len, (int)(max - *len), r->fcgx->in);
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	return *len == max && FCGX_GetStr(&extra, 1, r->fcgx->in) > 0 ? 413 : 0;
}

const char *
req_remote_addr(const struct req *r)
{
	const char *v = r->fcgx != NULL ? FCGX_GetParam("REMOTE_ADDR", r->fcgx->envp) : NULL;

	return v != NULL && strlen(v) <= 45 ? v : "";
}

void
req_set(struct req *r, const char *key, const char *value)
{
	NEOERR *err = hdf_set_value(r->hdf, key, value);

	if (err != STATUS_OK)
		log_neoerr(r->id, key, &err);
}

void
req_set_int(struct req *r, const char *key, long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", value);
	req_set(r, key, buf);
}

void
hdf_put(HDF *hdf, const char *prefix, const char *key, const char *value)
{
	char path[256];
	NEOERR *err;

	if (snprintf(path, sizeof(path), "%s.%s", prefix, key) >= (int)sizeof(path))
		return;
	err = hdf_set_value(hdf, path, value);
	if (err != STATUS_OK)
		log_neoerr(NULL, path, &err);
}

HDF *
hdf_node(HDF *hdf, const char *path)
{
	NEOERR *err;
	HDF *node = NULL;

	if ((err = hdf_get_node(hdf, path, &node)) != STATUS_OK) {
		log_neoerr(NULL, path, &err);
		return NULL;
	}
	return node;
}

void
hdf_put_at(HDF *node, const char *name, const char *value)
{
	NEOERR *err;

	if (node == NULL)
		return;
	if ((err = hdf_set_value(node, name, value)) != STATUS_OK)
		log_neoerr(NULL, name, &err);
}

void
hdf_put_long_at(HDF *node, const char *name, long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", value);
	hdf_put_at(node, name, buf);
}

void
hdf_put_long(HDF *hdf, const char *prefix, const char *key, long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", value);
	hdf_put(hdf, prefix, key, buf);
}

void
req_set_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char age[48] = "";
	int n;

	if (r->ncookies >= REQ_COOKIES_MAX)
		return;
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	/* Names and values are ours (hex tokens), never user data. */
	n = snprintf(r->cookies[r->ncookies], sizeof(r->cookies[0]), "%s=%s; Path=/%s; HttpOnly; SameSite=Lax%s",
	    name, value, age, r->https ? "; Secure" : "");
	if (n > 0 && (size_t)n < sizeof(r->cookies[0]))
		r->ncookies++;
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

static void
put(struct req *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof(buf))
		FCGX_PutStr(buf, n, r->fcgx->out);
}

void
render_headers(struct req *r, int status, const char *ctype, size_t len, const char *csp,
    const char *cache)
{
	int i;

	r->status = status;
	put(r, "Status: %d %s\r\n", status, reason(status));
	if (ctype != NULL)
		put(r, "Content-Type: %s\r\n", ctype);
	put(r, "Content-Length: %lu\r\n", (unsigned long)len);
	put(r, "Content-Security-Policy: %s\r\n", csp != NULL ? csp : site_csp);
	put(r, "X-Content-Type-Options: nosniff\r\n");
	put(r, "X-Frame-Options: DENY\r\n");
	put(r, "Referrer-Policy: same-origin\r\n");
	put(r, "Cross-Origin-Opener-Policy: same-origin\r\n");
	put(r, "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n");
	if (r->https)
		put(r, "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n");
	put(r, "Cache-Control: %s\r\n", cache != NULL ? cache : "no-store");
	put(r, "X-Request-Id: %s\r\n", r->id);
	for (i = 0; i < r->ncookies; i++)
		put(r, "Set-Cookie: %s\r\n", r->cookies[i]);
	put(r, "\r\n");
}

int
render_body(struct req *r, int status, const char *ctype, const void *body, size_t len,
    const char *csp, const char *cache)
{
	render_headers(r, status, ctype, len, csp, cache);
	if (strcmp(r->method, "HEAD") != 0 && len > 0)
		FCGX_PutStr(body, (int)len, r->fcgx->out);
	return status;
}

static NEOERR *
render_to_string(void *ctx, char *s)
{
	return string_append((STRING *)ctx, s);
}

/*
 * A template parsed with proto as its dataset: parse-time lookups (the
 * include path, Config.VarEscapeMode) find the same values in proto as in
 * any request. Cached unless Templates.cache is 0 (then the caller destroys it).
 */
static NEOERR *
template_parse(const char *name, int cache, CSPARSE **out)
{
	CSPARSE *cs = NULL;
	NEOERR *err;
	int i;

	for (i = 0; cache && i < ntemplates; i++) {
		if (strcmp(templates[i].name, name) == 0) {
			*out = templates[i].cs;
			return STATUS_OK;
		}
	}
	err = cs_init(&cs, proto);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, name);
	if (err != STATUS_OK) {
		cs_destroy(&cs);
		return err;
	}
	if (cache && ntemplates < TEMPLATES_MAX && strlen(name) < sizeof(templates[0].name)) {
		snprintf(templates[ntemplates].name, sizeof(templates[0].name), "%s", name);
		templates[ntemplates++].cs = cs;
	}
	*out = cs;
	return STATUS_OK;
}

/*
 * Render a template with the request's dataset. The parse tree is the same
 * for every request (parsed once per process); only the dataset it reads
 * changes. ClearSilver reads parse->hdf at render time only for var:, if:,
 * each:, call: arguments and set: (which writes the request's dataset), and
 * restores its locals and escaping state after every node, so pointing the
 * tree at this request's dataset for the length of cs_render is all it takes
 * (t/unit/render-test.c holds the cases: macros, each, loops, set:, escaping).
 */
static int
render_template(struct req *r, const char *template, STRING *out)
{
	int cache = config_long("Templates.cache", 1, 0, 1) == 1;
	CSPARSE *cs = NULL;
	NEOERR *err;
	int i;

	err = template_parse(template, cache, &cs);
	if (err == STATUS_OK) {
		cs->hdf = r->hdf;
		err = cs_render(cs, out, render_to_string);
		cs->hdf = proto;
	}
	for (i = 0; cache && i < ntemplates && templates[i].cs != cs; i++)
		;
	if (!cache || i == ntemplates)
		cs_destroy(&cs);
	if (err != STATUS_OK) {
		log_neoerr(r->id, template, &err);
		return -1;
	}
	return 0;
}

int
render_page(struct req *r, int status, const char *template)
{
	STRING out;

	if (r->csrf[0] == '\0')
		csrf_prepare(r, csrf_session_token(r));
	string_init(&out);
	if (render_template(r, template, &out) != 0) {
		string_clear(&out);
		return status == 500 ? render_body(r, 500, "text/plain; charset=utf-8",
		    "500 Internal Server Error\n", 26, NULL, NULL) : render_error(r, 500);
	}
	render_body(r, status, "text/html; charset=utf-8", out.buf, out.len, NULL, NULL);
	string_clear(&out);
	return status;
}

int
render_error(struct req *r, int status)
{
	char key[64];
	const char *title;

	if (r->hdf == NULL) {
		char text[128];
		int n = snprintf(text, sizeof(text), "%d %s\nrequest id: %s\n", status, reason(status), r->id);

		return render_body(r, status, "text/plain; charset=utf-8", text, (size_t)n, NULL, NULL);
	}
	snprintf(key, sizeof(key), "Lang.error.%d.title", status);
	title = hdf_get_value(r->hdf, key, reason(status));
	req_set_int(r, "Page.status", status);
	req_set(r, "Page.title", title);
	return render_page(r, status, "error.cs");
}

int
render_login_redirect(struct req *r, const char *login)
{
	char to[256];
	int n;

	if (strcmp(r->method, "POST") != 0 && text_local_path(r->path)) {
		n = snprintf(to, sizeof(to), "%s?next=%s", login, r->path);
		if (n > 0 && (size_t)n < sizeof(to))
			return render_redirect(r, to);
	}
	return render_redirect(r, login);
}

int
render_redirect(struct req *r, const char *location)
{
	/* Only local paths: an open redirect could send applicants to a look-alike site. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\' ||
	    strpbrk(location, "\r\n") != NULL)
		location = "/";
	r->status = 303;
	put(r, "Location: %s\r\n", location);
	render_headers(r, 303, NULL, 0, NULL, NULL);
	return 303;
}
