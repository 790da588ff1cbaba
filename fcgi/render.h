/* render.h: ClearSilver glue: request parsing, templates, headers, redirects, error pages */
#ifndef CERTDESK_RENDER_H
#define CERTDESK_RENDER_H

#include <stddef.h>

#include "request.h"

/* Once per process: wire the CGI kit to libfcgi, build the dataset every request starts from. */
int render_init_process(void);

/*
 * Start a request: dataset, cookies, query string and body. Returns 0, or the
 * HTTP status to answer with when the body cannot be parsed (400, 413).
 */
int req_begin(struct req *r, FCGX_Request *fr);
/* Log the request's line and free everything it holds. */
void req_end(struct req *r);

/* A form or query value (Query.<name>), or NULL. */
const char *req_value(const struct req *r, const char *name);
const char *req_cookie(const struct req *r, const char *name);
/*
 * The raw body of a POST the CGI kit leaves unread (a gateway's text/xml
 * notification; it reads form and multipart bodies itself) into buf, at most
 * max bytes. 0, or 413 when the body is longer.
 */
int req_body(struct req *r, char *buf, size_t max, size_t *len);
/* The client's address as nginx saw it (REMOTE_ADDR), "" when unknown. */
const char *req_remote_addr(const struct req *r);
/* Queue a Set-Cookie header; max_age < 0 makes a session cookie, 0 deletes. */
void req_set_cookie(struct req *r, const char *name, const char *value, long max_age);
/* HDF setters that log instead of returning errors (a failure is out of memory). */
void req_set(struct req *r, const char *key, const char *value);
void req_set_int(struct req *r, const char *key, long value);

/* Set <prefix>.<key> in any dataset (domain modules filling Page.*); logs on failure. */
void hdf_put(HDF *hdf, const char *prefix, const char *key, const char *value);
/*
 * For many values under one node: the node at path (created if need be;
 * NULL on failure, logged), then hdf_set_value(node, name, value) with its
 * error logged (nothing for a NULL node). Each value then costs a look-up
 * among the node's children, not a walk from the top and a formatted path.
 */
HDF *hdf_node(HDF *hdf, const char *path);
void hdf_put_at(HDF *node, const char *name, const char *value);
void hdf_put_long_at(HDF *node, const char *name, long value);
void hdf_put_long(HDF *hdf, const char *prefix, const char *key, long value);

/*
 * The one writer of response headers: status, type, length, the security
 * headers every response carries, the request id and queued cookies.
 * csp may be NULL for the site-wide policy.
 */
void render_headers(struct req *r, int status, const char *ctype, size_t len, const char *csp,
    const char *cache);

/* Render views/<template> with the request's dataset. Returns the status sent. */
int render_page(struct req *r, int status, const char *template);
/* The error page for status (400, 403, 404, 405, 413, 429, 500, 503). Returns status. */
int render_error(struct req *r, int status);
/* 303 See Other to a local path (after a successful POST). Returns 303. */
/*
 * A page that needs a login, asked without one (login is /login for
 * applicants, /admin/login for staff): a GET comes back after login
 * (?next=), anything else starts at the login page. Returns 303.
 */
int render_login_redirect(struct req *r, const char *login);
int render_redirect(struct req *r, const char *location);
/* A body as is (plain text, XML, images). Returns status. */
int render_body(struct req *r, int status, const char *ctype, const void *body, size_t len,
    const char *csp, const char *cache);

#endif
