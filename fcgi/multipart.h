/* multipart.h: our RFC 7578 multipart/form-data parser, registered with the ClearSilver CGI kit */
#ifndef CERTDESK_MULTIPART_H
#define CERTDESK_MULTIPART_H

#include <stddef.h>

#include <ClearSilver/ClearSilver.h>

#define MP_BOUNDARY_MAX 70       /* RFC 2046 §5.1.1 */
#define MP_NAME_MAX 64           /* field names: [A-Za-z0-9_]{1,64} */
#define MP_HEADER_LINE_MAX 1024  /* bytes of one part header line, CRLF excluded */
#define MP_HEADERS_MAX 8         /* header lines per part */

/* One uploaded file part. */
struct mp_file {
	char *name;             /* form field name, always [A-Za-z0-9_]{1,64} */
	char *filename;         /* as sent by the client (may be ""), never trusted */
	char *content_type;     /* as sent, may be NULL; never trusted */
	unsigned char *data;    /* contents, up to limits.file_max bytes kept; NUL-terminated
				   (not counted in len); NULL when oversize */
	size_t len;             /* bytes kept */
	int oversize;           /* 1 when the part was longer than file_max (data NULL, len 0) */
	struct mp_file *next;
};

/* Defaults: 1 MiB per file (inclusive), 64 KiB per text field, 64 parts. */
struct mp_limits {
	size_t file_max;
	size_t field_max;
	int parts_max;
};

/* Why the last mp_parse failed; lets the glue tell 400 from 500. */
enum mp_status {
	MP_OK = 0,
	MP_MALFORMED,           /* bad body or header, or a limit exceeded: answer 400 */
	MP_READ_ERROR,          /* the read function returned -1 */
	MP_NOMEM,
	MP_CALLBACK             /* field_cb returned -1 */
};

struct mp_form {
	struct mp_file *files;  /* in arrival order */
	struct mp_limits limits;
	enum mp_status status;  /* of the last mp_parse */
};

/* Returns bytes read (at most len), 0 at end of body, -1 on error. */
typedef int (*mp_read_fn)(void *rock, char *buf, int len);

/* Called once per text field, in arrival order, duplicates included; value is
   NUL-terminated and never contains NUL. Returns 0, or -1 to abort the parse. */
typedef int (*mp_field_fn)(void *rock, const char *name, const char *value, size_t len);

/*
 * Parses a whole body, reading it to its end (the epilogue is read and
 * discarded). content_type is the full header value (boundary=..., possibly
 * quoted). Parts whose name is not [A-Za-z0-9_]{1,64}, or that have no
 * Content-Disposition: form-data, are skipped. Parts with a filename
 * parameter are files (collected in form->files, appended); others are text
 * fields (passed to field_cb, which may be NULL).
 * Returns 0, or -1 with *errmsg (may be NULL) set to a short static reason and
 * form->status saying why; on -1 the files collected so far are freed.
 */
int mp_parse(struct mp_form *form, const char *content_type, mp_read_fn read,
	     void *read_rock, mp_field_fn field_cb, void *field_rock, const char **errmsg);

/* The first file part with this name, or NULL. */
const struct mp_file *mp_file_get(const struct mp_form *form, const char *name);

/* Sets default limits and an empty file list. */
void mp_form_init(struct mp_form *form);

/* Frees all files; the form can be reused after mp_form_init. */
void mp_form_free(struct mp_form *form);

/* 1 when name is [A-Za-z0-9_]{1,64}, else 0. */
int mp_name_valid(const char *name);

/*
 * Registers our parser for POST multipart/form-data on this CGI: call after
 * cgi_init and before cgi_parse; form must outlive cgi_parse. Text fields go
 * to Query.<name> (raw: trailing whitespace kept; the first of duplicates
 * wins; a body field replaces a query-string Query.<name> of the same name);
 * files go to form, and the first file of each name is described in
 * Files.<name>.filename, Files.<name>.size and Files.<name>.oversize.
 * Nothing is written to the HDF unless the whole body parsed.
 * cgi_parse then returns NERR_PARSE for a malformed body (answer 400),
 * NERR_IO for a read error, NERR_NOMEM.
 * Returns 0, or -1 when the kit could not register the callback.
 */
int multipart_register(CGI *cgi, struct mp_form *form);

/* Removes and frees what multipart_register added: cgi_destroy does not free
   parse callbacks, so call this after cgi_parse (before cgi_destroy). */
void multipart_unregister(CGI *cgi);

#endif
