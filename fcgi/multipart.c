/* multipart.c: streaming RFC 7578 multipart/form-data parser and its ClearSilver CGI glue */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"

#define MP_CHUNK 8192                           /* bytes asked of the read function */
#define MP_DELIM_MAX (4 + MP_BOUNDARY_MAX)      /* "\r\n--" + boundary */
#define MP_PADDING_MAX 64                       /* spaces/tabs allowed after a delimiter */
#define MP_FILE_DEFAULT ((size_t)1024 * 1024)
#define MP_FIELD_DEFAULT ((size_t)64 * 1024)
#define MP_PARTS_DEFAULT 64

enum part_kind { PART_SKIP, PART_TEXT, PART_FILE };

struct part {
	enum part_kind kind;
	char *name;
	char *filename;
	char *content_type;
	int seen_disposition;
	int form_data;
	int seen_encoding;
	unsigned char *data;
	size_t len;
	size_t cap;
	size_t max;
	int oversize;
};

struct parser {
	mp_read_fn read;
	void *read_rock;
	unsigned char buf[MP_CHUNK + MP_DELIM_MAX];
	size_t pos;
	size_t end;
	int eof;
	unsigned char delim[MP_DELIM_MAX];
	size_t delim_len;
	const char *errmsg;
	enum mp_status status;
};

static int
fail(struct parser *p, enum mp_status status, const char *why)
{
	p->status = status;
	p->errmsg = why;
	return -1;
}

/* Moves unconsumed bytes to the front and reads once more; sets eof at end. */
static int
fill(struct parser *p)
{
	size_t room;
	int got;

	if (p->eof)
		return 0;
	if (p->pos > 0) {
		memmove(p->buf, p->buf + p->pos, p->end - p->pos);
		p->end -= p->pos;
		p->pos = 0;
	}
	room = sizeof(p->buf) - p->end;
	if (room > MP_CHUNK)
		room = MP_CHUNK;
	if (room == 0)
		return fail(p, MP_MALFORMED, "internal buffer full");
	got = p->read(p->read_rock, (char *)p->buf + p->end, (int)room);
	if (got < 0)
		return fail(p, MP_READ_ERROR, "read error");
	if ((size_t)got > room)
		return fail(p, MP_READ_ERROR, "read function returned too much");
	if (got == 0)
		p->eof = 1;
	p->end += (size_t)got;
	return 0;
}

/* Next byte into *c; 1 when one was read, 0 at end of body, -1 on error. */
static int
next_byte(struct parser *p, unsigned char *c)
{
	while (p->pos == p->end) {
		if (p->eof)
			return 0;
		if (fill(p) != 0)
			return -1;
	}
	*c = p->buf[p->pos++];
	return 1;
}

/* Reads and discards everything up to the end of the body. */
static int
drain(struct parser *p)
{
	while (!p->eof) {
		p->pos = p->end = 0;
		if (fill(p) != 0)
			return -1;
	}
	p->pos = p->end = 0;
	return 0;
}

/* First "\r\n--boundary" in hay, or NULL; binary-safe. */
static const unsigned char *
find_delim(const unsigned char *hay, size_t n, const unsigned char *delim,
    size_t delim_len)
{
	const unsigned char *at = hay;
	const unsigned char *end = hay + n;

	while ((size_t)(end - at) >= delim_len) {
		at = memchr(at, delim[0], (size_t)(end - at) - delim_len + 1);
		if (at == NULL)
			return NULL;
		if (memcmp(at, delim, delim_len) == 0)
			return at;
		at++;
	}
	return NULL;
}

static int
grow(struct part *part, size_t need)
{
	size_t cap;
	unsigned char *data;

	if (need <= part->cap)
		return 0;
	cap = part->cap ? part->cap : 4096;
	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	/* Never more than the limit allows (plus the terminating NUL). */
	if (part->max < SIZE_MAX && cap > part->max + 1 && need <= part->max + 1)
		cap = part->max + 1;
	data = realloc(part->data, cap);
	if (data == NULL)
		return -1;
	part->data = data;
	part->cap = cap;
	return 0;
}

/* Stores n bytes of part content, enforcing the limits. */
static int
emit(struct parser *p, struct part *part, const unsigned char *data, size_t n)
{
	if (part == NULL || n == 0 || part->kind == PART_SKIP || part->oversize)
		return 0;
	if (part->kind == PART_TEXT) {
		if (memchr(data, '\0', n) != NULL)
			return fail(p, MP_MALFORMED, "NUL byte in a text field");
		if (n > part->max - part->len)
			return fail(p, MP_MALFORMED, "text field too long");
	} else if (n > part->max - part->len) {
		/* Oversize files are not an error: keep reading, keep nothing. */
		free(part->data);
		part->data = NULL;
		part->len = part->cap = 0;
		part->oversize = 1;
		return 0;
	}
	if (grow(part, part->len + n) != 0)
		return fail(p, MP_NOMEM, "out of memory");
	memcpy(part->data + part->len, data, n);
	part->len += n;
	return 0;
}

/*
 * Passes content to part (NULL: discard) up to the next delimiter and
 * consumes the delimiter. The last delim_len - 1 bytes of the buffer are
 * always held back, so a delimiter split across reads (a CR ending one read
 * included) is found whole on the next pass.
 */
static int
scan_to_delim(struct parser *p, struct part *part, const char *at_eof)
{
	for (;;) {
		size_t avail = p->end - p->pos;

		if (avail >= p->delim_len) {
			const unsigned char *start = p->buf + p->pos;
			const unsigned char *hit = find_delim(start, avail, p->delim, p->delim_len);
			size_t safe;

			if (hit != NULL) {
				if (emit(p, part, start, (size_t)(hit - start)) != 0)
					return -1;
				p->pos += (size_t)(hit - start) + p->delim_len;
				return 0;
			}
			safe = avail - (p->delim_len - 1);
			if (emit(p, part, start, safe) != 0)
				return -1;
			p->pos += safe;
		}
		if (p->eof)
			return fail(p, MP_MALFORMED, at_eof);
		if (fill(p) != 0)
			return -1;
	}
}

/* After a delimiter: "--" closes (*closing = 1), else [ \t]* CRLF opens a part. */
static int
after_delim(struct parser *p, int *closing)
{
	unsigned char c;
	int r;
	int padding = 0;

	*closing = 0;
	r = next_byte(p, &c);
	if (r == 1 && c == '-') {
		r = next_byte(p, &c);
		if (r == 1 && c == '-') {
			*closing = 1;
			return 0;
		}
	} else {
		while (r == 1 && (c == ' ' || c == '\t') && padding++ < MP_PADDING_MAX)
			r = next_byte(p, &c);
		if (r == 1 && c == '\r') {
			r = next_byte(p, &c);
			if (r == 1 && c == '\n')
				return 0;
		}
	}
	if (r < 0)
		return -1;
	if (r == 0)
		return fail(p, MP_MALFORMED, "body ends before the closing boundary");
	return fail(p, MP_MALFORMED, "unexpected bytes after a boundary");
}

/* One header line without its CRLF into line (MP_HEADER_LINE_MAX + 1 bytes). */
static int
read_header_line(struct parser *p, char *line, size_t *len)
{
	unsigned char c;
	int r;

	*len = 0;
	for (;;) {
		r = next_byte(p, &c);
		if (r < 0)
			return -1;
		if (r == 0)
			return fail(p, MP_MALFORMED, "body ends inside part headers");
		if (c == '\r') {
			r = next_byte(p, &c);
			if (r < 0)
				return -1;
			if (r == 0)
				return fail(p, MP_MALFORMED, "body ends inside part headers");
			if (c != '\n')
				return fail(p, MP_MALFORMED, "bare CR in a part header");
			line[*len] = '\0';
			return 0;
		}
		if (c == '\n')
			return fail(p, MP_MALFORMED, "bare LF in a part header");
		if (c == '\0')
			return fail(p, MP_MALFORMED, "NUL byte in a part header");
		if (*len >= MP_HEADER_LINE_MAX)
			return fail(p, MP_MALFORMED, "part header line too long");
		line[(*len)++] = (char)c;
	}
}

static int
is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static const char *
skip_ows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * Reads a parameter value (token or quoted-string with backslash escapes)
 * at *sp. Writes up to cap - 1 bytes and a NUL to out when out is not NULL;
 * *len gets the full decoded length. Returns 0, or -1 on bad syntax.
 */
static int
param_value(const char **sp, char *out, size_t cap, size_t *len)
{
	const unsigned char *s = (const unsigned char *)*sp;
	size_t n = 0;

	if (*s == '"') {
		s++;
		for (;;) {
			unsigned char c = *s++;

			if (c == '\0')
				return -1;
			if (c == '"')
				break;
			if (c == '\\') {
				c = *s++;
				if (c == '\0')
					return -1;
			}
			if (out != NULL && n + 1 < cap)
				out[n] = (char)c;
			n++;
		}
	} else {
		while (*s > ' ' && *s != ';' && *s != '"' && *s != 0x7f) {
			if (out != NULL && n + 1 < cap)
				out[n] = (char)*s;
			n++;
			s++;
		}
		if (n == 0)
			return -1;
	}
	if (out != NULL && cap > 0)
		out[n < cap ? n : cap - 1] = '\0';
	*len = n;
	*sp = (const char *)s;
	return 0;
}

/* Reads "name=" at *sp, leaving *sp at the value; the name is not copied. */
static int
param_name(const char **sp, const char **name, size_t *name_len)
{
	const char *s = skip_ows(*sp);

	*name = s;
	while (is_tchar((unsigned char)*s))
		s++;
	*name_len = (size_t)(s - *name);
	if (*name_len == 0)
		return -1;
	s = skip_ows(s);
	if (*s != '=')
		return -1;
	*sp = skip_ows(s + 1);
	return 0;
}

static int
name_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && strncasecmp(name, want, len) == 0;
}

/* RFC 2046 bchars: boundary characters, space allowed but not last. */
static int
boundary_valid(const char *b, size_t len)
{
	size_t i;

	if (len == 0 || len > MP_BOUNDARY_MAX || b[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)b[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL)))
			return 0;
	}
	return 1;
}

/* Checks the media type and extracts the boundary into p->delim. */
static int
parse_content_type(struct parser *p, const char *content_type)
{
	static const char media[] = "multipart/form-data";
	const size_t media_len = sizeof(media) - 1;
	const char *s = skip_ows(content_type);
	const char *type_end;
	char boundary[MP_BOUNDARY_MAX + 2];
	size_t boundary_len = 0;
	int found = 0;

	type_end = s;
	while (*type_end != '\0' && *type_end != ';' && *type_end != ' ' && *type_end != '\t')
		type_end++;
	if ((size_t)(type_end - s) != media_len || strncasecmp(s, media, media_len) != 0)
		return fail(p, MP_MALFORMED, "content type is not multipart/form-data");
	s = skip_ows(type_end);
	while (*s != '\0') {
		const char *name;
		size_t name_len;
		size_t len;

		if (*s != ';')
			return fail(p, MP_MALFORMED, "malformed content type parameters");
		s = skip_ows(s + 1);
		if (*s == '\0' || *s == ';')
			continue;
		if (param_name(&s, &name, &name_len) != 0)
			return fail(p, MP_MALFORMED, "malformed content type parameters");
		if (name_is(name, name_len, "boundary")) {
			if (found)
				return fail(p, MP_MALFORMED, "duplicate boundary parameter");
			found = 1;
			if (param_value(&s, boundary, sizeof(boundary), &boundary_len) != 0)
				return fail(p, MP_MALFORMED, "malformed content type parameters");
		} else if (param_value(&s, NULL, 0, &len) != 0) {
			return fail(p, MP_MALFORMED, "malformed content type parameters");
		}
		s = skip_ows(s);
	}
	if (!found)
		return fail(p, MP_MALFORMED, "missing boundary parameter");
	if (boundary_len == 0)
		return fail(p, MP_MALFORMED, "empty boundary");
	if (boundary_len > MP_BOUNDARY_MAX)
		return fail(p, MP_MALFORMED, "boundary too long");
	if (!boundary_valid(boundary, boundary_len))
		return fail(p, MP_MALFORMED, "invalid character in boundary");
	memcpy(p->delim, "\r\n--", 4);
	memcpy(p->delim + 4, boundary, boundary_len);
	p->delim_len = 4 + boundary_len;
	return 0;
}

static int
dup_value(struct parser *p, char **out, const char *value, size_t len)
{
	*out = malloc(len + 1);
	if (*out == NULL)
		return fail(p, MP_NOMEM, "out of memory");
	memcpy(*out, value, len);
	(*out)[len] = '\0';
	return 0;
}

/* Content-Disposition: form-data; name="..."; filename="..." */
static int
parse_disposition(struct parser *p, struct part *part, const char *value)
{
	const char *s = value;
	const char *type = s;
	char decoded[MP_HEADER_LINE_MAX + 1];

	if (part->seen_disposition)
		return fail(p, MP_MALFORMED, "duplicate Content-Disposition");
	part->seen_disposition = 1;
	while (is_tchar((unsigned char)*s))
		s++;
	part->form_data = name_is(type, (size_t)(s - type), "form-data");
	s = skip_ows(s);
	while (*s != '\0') {
		const char *name;
		size_t name_len;
		size_t len;
		char **target = NULL;

		if (*s != ';')
			return fail(p, MP_MALFORMED, "malformed Content-Disposition");
		s = skip_ows(s + 1);
		if (*s == '\0' || *s == ';')
			continue;
		if (param_name(&s, &name, &name_len) != 0 ||
		    param_value(&s, decoded, sizeof(decoded), &len) != 0)
			return fail(p, MP_MALFORMED, "malformed Content-Disposition");
		if (name_is(name, name_len, "name"))
			target = &part->name;
		else if (name_is(name, name_len, "filename"))
			target = &part->filename;
		/* filename* (RFC 5987) and other parameters are ignored. */
		if (target != NULL) {
			if (*target != NULL)
				return fail(p, MP_MALFORMED, "duplicate Content-Disposition parameter");
			if (len >= sizeof(decoded))
				return fail(p, MP_MALFORMED, "malformed Content-Disposition");
			if (dup_value(p, target, decoded, len) != 0)
				return -1;
		}
		s = skip_ows(s);
	}
	return 0;
}

static void
trim_trailing_ows(char *s, size_t *len)
{
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		s[--*len] = '\0';
}

/* Reads the part headers up to the empty line and decides the part kind. */
static int
read_part_headers(struct parser *p, struct part *part, const struct mp_limits *limits)
{
	char line[MP_HEADER_LINE_MAX + 1];
	size_t len;
	int count = 0;

	for (;;) {
		char *colon;
		const char *value;
		size_t name_len;
		size_t value_len;
		size_t i;

		if (read_header_line(p, line, &len) != 0)
			return -1;
		if (len == 0)
			break;
		if (++count > MP_HEADERS_MAX)
			return fail(p, MP_MALFORMED, "too many part headers");
		colon = memchr(line, ':', len);
		if (colon == NULL || colon == line)
			return fail(p, MP_MALFORMED, "malformed part header");
		name_len = (size_t)(colon - line);
		for (i = 0; i < name_len; i++)
			if (!is_tchar((unsigned char)line[i]))
				return fail(p, MP_MALFORMED, "malformed part header");
		trim_trailing_ows(line, &len);
		value = skip_ows(colon + 1);
		value_len = len - (size_t)(value - line);
		if (name_is(line, name_len, "content-disposition")) {
			if (parse_disposition(p, part, value) != 0)
				return -1;
		} else if (name_is(line, name_len, "content-type")) {
			if (part->content_type != NULL)
				return fail(p, MP_MALFORMED, "duplicate Content-Type");
			if (dup_value(p, &part->content_type, value, value_len) != 0)
				return -1;
		} else if (name_is(line, name_len, "content-transfer-encoding")) {
			/* Deprecated by RFC 7578; anything that changes the bytes is refused. */
			if (part->seen_encoding || !(name_is(value, value_len, "binary") ||
						     name_is(value, value_len, "8bit") ||
						     name_is(value, value_len, "7bit")))
				return fail(p, MP_MALFORMED, "unsupported Content-Transfer-Encoding");
			part->seen_encoding = 1;
		}
	}
	if (!part->form_data || part->name == NULL || !mp_name_valid(part->name)) {
		part->kind = PART_SKIP;
	} else if (part->filename != NULL) {
		part->kind = PART_FILE;
		part->max = limits->file_max;
	} else {
		part->kind = PART_TEXT;
		part->max = limits->field_max;
	}
	return 0;
}

static void
part_clear(struct part *part)
{
	free(part->name);
	free(part->filename);
	free(part->content_type);
	free(part->data);
	memset(part, 0, sizeof(*part));
}

static void
file_free(struct mp_file *file)
{
	free(file->name);
	free(file->filename);
	free(file->content_type);
	free(file->data);
	free(file);
}

/* Hands a finished part over: text to field_cb, files to the form list. */
static int
part_finish(struct parser *p, struct part *part, struct mp_file ***tail, mp_field_fn field_cb,
    void *field_rock)
{
	struct mp_file *file;

	if (part->kind == PART_SKIP)
		return 0;
	if (!part->oversize) {
		if (grow(part, part->len + 1) != 0)
			return fail(p, MP_NOMEM, "out of memory");
		part->data[part->len] = '\0';
	}
	if (part->kind == PART_TEXT) {
		if (field_cb != NULL && field_cb(field_rock, part->name, (const char *)part->data, part->len) != 0)
			return fail(p, MP_CALLBACK, "field callback failed");
		return 0;
	}
	file = calloc(1, sizeof(*file));
	if (file == NULL)
		return fail(p, MP_NOMEM, "out of memory");
	file->name = part->name;
	file->filename = part->filename;
	file->content_type = part->content_type;
	file->data = part->data;
	file->len = part->len;
	file->oversize = part->oversize;
	part->name = part->filename = part->content_type = NULL;
	part->data = NULL;
	**tail = file;
	*tail = &file->next;
	return 0;
}

static void
files_free(struct mp_file *file)
{
	while (file != NULL) {
		struct mp_file *next = file->next;

		file_free(file);
		file = next;
	}
}

int
mp_parse(struct mp_form *form, const char *content_type, mp_read_fn read, void *read_rock,
    mp_field_fn field_cb, void *field_rock, const char **errmsg)
{
	struct parser *p;
	struct part part;
	struct mp_file **tail;
	struct mp_file **start;
	int parts = 0;
	int rc = -1;

	if (errmsg != NULL)
		*errmsg = NULL;
	if (form == NULL)
		return -1;
	if (content_type == NULL || read == NULL) {
		form->status = MP_MALFORMED;
		if (errmsg != NULL)
			*errmsg = "no content type";
		return -1;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		form->status = MP_NOMEM;
		if (errmsg != NULL)
			*errmsg = "out of memory";
		return -1;
	}
	memset(&part, 0, sizeof(part));
	p->read = read;
	p->read_rock = read_rock;
	tail = &form->files;
	while (*tail != NULL)
		tail = &(*tail)->next;
	start = tail; /* files this call adds hang from here */

	if (parse_content_type(p, content_type) != 0)
		goto out;
	/* A virtual CRLF lets a body that starts with "--boundary" match. */
	memcpy(p->buf, "\r\n", 2);
	p->end = 2;
	if (scan_to_delim(p, NULL, "no boundary in the body") != 0)
		goto out;
	for (;;) {
		int closing;

		if (after_delim(p, &closing) != 0)
			goto out;
		if (closing)
			break;
		if (++parts > form->limits.parts_max) {
			fail(p, MP_MALFORMED, "too many parts");
			goto out;
		}
		if (read_part_headers(p, &part, &form->limits) != 0)
			goto out;
		if (scan_to_delim(p, &part, "body ends before the closing boundary") != 0)
			goto out;
		if (part_finish(p, &part, &tail, field_cb, field_rock) != 0)
			goto out;
		part_clear(&part);
	}
	/* Read the epilogue too: nothing may be left for another parser to take for parts. */
	if (drain(p) != 0)
		goto out;
	p->status = MP_OK;
	rc = 0;
out:
	part_clear(&part);
	if (rc != 0) {
		/* Nothing partial survives a failed parse. */
		files_free(*start);
		*start = NULL;
	}
	form->status = p->status;
	if (errmsg != NULL)
		*errmsg = p->errmsg;
	free(p);
	return rc;
}

const struct mp_file *
mp_file_get(const struct mp_form *form, const char *name)
{
	const struct mp_file *file;

	if (form == NULL || name == NULL)
		return NULL;
	for (file = form->files; file != NULL; file = file->next)
		if (strcmp(file->name, name) == 0)
			return file;
	return NULL;
}

void
mp_form_init(struct mp_form *form)
{
	memset(form, 0, sizeof(*form));
	form->limits.file_max = MP_FILE_DEFAULT;
	form->limits.field_max = MP_FIELD_DEFAULT;
	form->limits.parts_max = MP_PARTS_DEFAULT;
	form->status = MP_OK;
}

void
mp_form_free(struct mp_form *form)
{
	if (form == NULL)
		return;
	files_free(form->files);
	form->files = NULL;
}

int
mp_name_valid(const char *name)
{
	size_t i;

	for (i = 0; name[i] != '\0'; i++) {
		unsigned char c = (unsigned char)name[i];

		if (i >= MP_NAME_MAX)
			return 0;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
			return 0;
	}
	return i > 0;
}

/* ClearSilver glue */

struct glue {
	HDF *fields;    /* this body's fields, committed to Query.* only on success */
	NEOERR *err;
};

static int
glue_read(void *rock, char *buf, int len)
{
	int got = 0;

	(void)rock;
	cgiwrap_read(buf, len, &got);
	return got < 0 ? -1 : got;
}

static int
glue_field(void *rock, const char *name, const char *value, size_t len)
{
	struct glue *glue = rock;

	(void)len;
	/* The first of duplicate names wins; later ones are ignored. */
	if (hdf_get_obj(glue->fields, name) != NULL)
		return 0;
	glue->err = hdf_set_value(glue->fields, name, value);
	return glue->err == STATUS_OK ? 0 : -1;
}

static NEOERR *
glue_commit(CGI *cgi, struct glue *glue, const struct mp_form *form)
{
	NEOERR *err;
	HDF *field;
	const struct mp_file *file;
	char path[sizeof("Files..filename") + MP_NAME_MAX];
	char size[32];

	for (field = hdf_obj_child(glue->fields); field != NULL; field = hdf_obj_next(field)) {
		snprintf(path, sizeof(path), "Query.%s", hdf_obj_name(field));
		/* The body is authoritative: drop a query-string value (and its list) first. */
		if (hdf_get_obj(cgi->hdf, path) != NULL) {
			err = hdf_remove_tree(cgi->hdf, path);
			if (err != STATUS_OK)
				return nerr_pass(err);
		}
		err = hdf_set_value(cgi->hdf, path, hdf_obj_value(field));
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	for (file = form->files; file != NULL; file = file->next) {
		if (mp_file_get(form, file->name) != file)
			continue;
		snprintf(path, sizeof(path), "Files.%s.filename", file->name);
		err = hdf_set_value(cgi->hdf, path, file->filename);
		if (err != STATUS_OK)
			return nerr_pass(err);
		snprintf(path, sizeof(path), "Files.%s.size", file->name);
		snprintf(size, sizeof(size), "%zu", file->len);
		err = hdf_set_value(cgi->hdf, path, size);
		if (err != STATUS_OK)
			return nerr_pass(err);
		snprintf(path, sizeof(path), "Files.%s.oversize", file->name);
		err = hdf_set_value(cgi->hdf, path, file->oversize ? "1" : "0");
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

/*
 * Registered for POST with any content type, because the kit matches the
 * type exactly ("multipart/form-data " with a space would miss us). After a
 * callback succeeds, cgi_parse still runs the kit's own rfc2388 parser on
 * any type starting with "multipart/form-data" (case-sensitive). So we take
 * every such body, case-insensitively, read it to the end, and on success
 * upper-case the type in place (media types are case-insensitive; ctype is
 * the kit's own CGI.ContentType.Type string, same length) so that parser
 * never runs: on an empty stream it reads an uninitialised length.
 */
static NEOERR *
multipart_parse_cb(CGI *cgi, char *method, char *ctype, void *rock)
{
	struct mp_form *form = rock;
	struct glue glue;
	const char *content_type;
	const char *errmsg = NULL;
	NEOERR *err;

	(void)method;
	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return STATUS_OK;
	content_type = hdf_get_value(cgi->hdf, "CGI.ContentType", NULL);
	if (content_type == NULL)
		return nerr_raise(NERR_PARSE, "multipart/form-data: no Content-Type");
	glue.err = STATUS_OK;
	err = hdf_init(&glue.fields);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (mp_parse(form, content_type, glue_read, &glue, glue_field, &glue, &errmsg) != 0) {
		hdf_destroy(&glue.fields);
		if (errmsg == NULL)
			errmsg = "failed";
		switch (form->status) {
		case MP_CALLBACK:
			if (glue.err != STATUS_OK)
				return nerr_pass(glue.err);
			return nerr_raise(NERR_ASSERT, "multipart/form-data: %s", errmsg);
		case MP_NOMEM:
			return nerr_raise(NERR_NOMEM, "multipart/form-data: %s", errmsg);
		case MP_READ_ERROR:
			return nerr_raise(NERR_IO, "multipart/form-data: %s", errmsg);
		default:
			return nerr_raise(NERR_PARSE, "multipart/form-data: %s", errmsg);
		}
	}
	err = glue_commit(cgi, &glue, form);
	hdf_destroy(&glue.fields);
	if (err == STATUS_OK) {
		size_t i;

		for (i = 0; i < 19; i++)
			ctype[i] = (char)toupper((unsigned char)ctype[i]);
	}
	return nerr_pass(err);
}

int
multipart_register(CGI *cgi, struct mp_form *form)
{
	NEOERR *err;

	if (cgi == NULL || form == NULL)
		return -1;
	err = cgi_register_parse_cb(cgi, "POST", "*", form, multipart_parse_cb);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

void
multipart_unregister(CGI *cgi)
{
	struct _cgi_parse_cb **link;

	if (cgi == NULL)
		return;
	link = &cgi->parse_callbacks;
	while (*link != NULL) {
		struct _cgi_parse_cb *pcb = *link;

		if (pcb->parse_cb != multipart_parse_cb) {
			link = &pcb->next;
			continue;
		}
		*link = pcb->next;
		free(pcb->method);
		free(pcb->ctype);
		free(pcb);
	}
}
