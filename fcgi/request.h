/* request.h: the context of one HTTP request as it passes through the lifecycle */
#ifndef CERTDESK_REQUEST_H
#define CERTDESK_REQUEST_H

#include <time.h>

#include <ClearSilver.h>
#include <fcgiapp.h>

#include "multipart.h"

#define REQ_PARAMS_MAX 4
#define REQ_COOKIES_MAX 6

struct route;

struct req {
	FCGX_Request *fcgx;
	CGI *cgi;		/* ClearSilver CGI kit state for this request (owns hdf) */
	HDF *hdf;		/* the request's dataset: Query, Cookie, CGI, HTTP, Site, Lang, Page */
	struct mp_form form;	/* uploaded files of a multipart body */
	char id[33];		/* request id: nginx's $request_id, or our own */
	const char *method;
	const char *path;	/* path without query string */
	int https;		/* reached over TLS (nginx says HTTPS=on) */
	int admin;		/* reached through the staff console listener */
	const struct route *route;
	int session_in_page;	/* the handler reads the session with its page (route.h): not loaded yet */
	char params[REQ_PARAMS_MAX][65];	/* values of {name} parts of the route pattern */
	char cookies[REQ_COOKIES_MAX][512];	/* Set-Cookie values queued for the response */
	int ncookies;
	int status;		/* status written, 0 until the response starts */
	char csrf[65];		/* the CSRF token for forms on this page */
	struct timespec start;
};

#endif
