/* multipart-test.c: TAP unit tests for fcgi/multipart.c (mp_parse with chunked readers, and the ClearSilver glue) */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/multipart.h"

/*
 * TAP: the plan ("1..N") comes first, so result lines are kept and printed
 * at the end; adding an assertion never means counting by hand.
 */

static char **tap_lines;
static size_t tap_count;
static size_t tap_cap;
static int tests_run;
static int tests_failed;

static void tap_vadd(const char *prefix, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void
tap_vadd(const char *prefix, const char *fmt, va_list ap)
{
	char text[512];
	char *line;
	size_t len;

	vsnprintf(text, sizeof(text), fmt, ap);
	len = strlen(prefix) + strlen(text) + 1;
	line = malloc(len);
	if (tap_count == tap_cap) {
		char **grown = realloc(tap_lines, (tap_cap ? tap_cap * 2 : 256) * sizeof(*tap_lines));

		if (grown == NULL) {
			printf("Bail out! out of memory\n");
			exit(1);
		}
		tap_lines = grown;
		tap_cap = tap_cap ? tap_cap * 2 : 256;
	}
	if (line == NULL) {
		printf("Bail out! out of memory\n");
		exit(1);
	}
	snprintf(line, len, "%s%s", prefix, text);
	tap_lines[tap_count++] = line;
}

static int ok(int pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
ok(int pass, const char *fmt, ...)
{
	va_list ap;
	char prefix[32];

	tests_run++;
	if (!pass)
		tests_failed++;
	snprintf(prefix, sizeof(prefix), "%s %d - ", pass ? "ok" : "not ok", tests_run);
	va_start(ap, fmt);
	tap_vadd(prefix, fmt, ap);
	va_end(ap);
	return pass;
}

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vadd("# ", fmt, ap);
	va_end(ap);
}

static void
tap_print(void)
{
	size_t i;

	printf("1..%d\n", tests_run);
	for (i = 0; i < tap_count; i++) {
		printf("%s\n", tap_lines[i]);
		free(tap_lines[i]);
	}
	free(tap_lines);
	if (tests_failed > 0)
		printf("# %d of %d failed\n", tests_failed, tests_run);
}

/* Deterministic PRNG (xorshift64*), never rand(). */

static uint64_t
rng_next(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static size_t
rng_below(uint64_t *state, size_t n)
{
	return n == 0 ? 0 : (size_t)(rng_next(state) % n);
}

/* Growing byte buffer */

struct buf {
	unsigned char *p;
	size_t len;
	size_t cap;
};

static void
buf_add(struct buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		unsigned char *grown;

		while (cap < b->len + n + 1)
			cap *= 2;
		grown = realloc(b->p, cap);
		if (grown == NULL) {
			printf("Bail out! out of memory\n");
			exit(1);
		}
		b->p = grown;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

static void
body_field(struct buf *b, const char *boundary, const char *name, const void *value, size_t len)
{
	buf_str(b, "--");
	buf_str(b, boundary);
	buf_str(b, "\r\nContent-Disposition: form-data; name=\"");
	buf_str(b, name);
	buf_str(b, "\"\r\n\r\n");
	buf_add(b, value, len);
	buf_str(b, "\r\n");
}

static void
body_file(struct buf *b, const char *boundary, const char *name, const char *filename, const void *data,
    size_t len)
{
	buf_str(b, "--");
	buf_str(b, boundary);
	buf_str(b, "\r\nContent-Disposition: form-data; name=\"");
	buf_str(b, name);
	buf_str(b, "\"; filename=\"");
	buf_str(b, filename);
	buf_str(b, "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
	buf_add(b, data, len);
	buf_str(b, "\r\n");
}

static void
body_close(struct buf *b, const char *boundary)
{
	buf_str(b, "--");
	buf_str(b, boundary);
	buf_str(b, "--\r\n");
}

/* In-memory reader: fixed chunk size, or random sizes when chunk is 0 (large) or CHUNK_SMALL. */

#define CHUNK_RANDOM 0
#define CHUNK_SMALL ((size_t)-1)

struct reader {
	const unsigned char *data;
	size_t len;
	size_t pos;
	size_t chunk;
	uint64_t rng;
	size_t fail_at;         /* return -1 once pos reaches this (0: never) */
	int reads_after_end;    /* calls made once everything was returned */
};

static int
reader_read(void *rock, char *out, int len)
{
	struct reader *r = rock;
	size_t n;

	if (r->fail_at != 0 && r->pos >= r->fail_at)
		return -1;
	if (r->pos == r->len) {
		r->reads_after_end++;
		return 0;
	}
	if (r->chunk == CHUNK_RANDOM)
		n = 1 + rng_below(&r->rng, 9000);
	else if (r->chunk == CHUNK_SMALL)
		n = 1 + rng_below(&r->rng, 16);
	else
		n = r->chunk;
	if (n > (size_t)len)
		n = (size_t)len;
	if (n > r->len - r->pos)
		n = r->len - r->pos;
	memcpy(out, r->data + r->pos, n);
	r->pos += n;
	return (int)n;
}

/* Collects text fields in arrival order. */

#define FIELDS_MAX 256

struct fields {
	int count;
	char *name[FIELDS_MAX];
	char *value[FIELDS_MAX];
	size_t len[FIELDS_MAX];
	int fail;               /* make the callback return -1 */
};

static int
fields_cb(void *rock, const char *name, const char *value, size_t len)
{
	struct fields *f = rock;

	if (f->fail)
		return -1;
	if (f->count >= FIELDS_MAX)
		return -1;
	f->name[f->count] = strdup(name);
	f->value[f->count] = malloc(len + 1);
	memcpy(f->value[f->count], value, len + 1);
	f->len[f->count] = len;
	f->count++;
	return 0;
}

static void
fields_free(struct fields *f)
{
	int i;

	for (i = 0; i < f->count; i++) {
		free(f->name[i]);
		free(f->value[i]);
	}
	memset(f, 0, sizeof(*f));
}

/* The value of the first field called name, or NULL. */
static const char *
field(const struct fields *f, const char *name, size_t *len)
{
	int i;

	for (i = 0; i < f->count; i++)
		if (strcmp(f->name[i], name) == 0) {
			if (len != NULL)
				*len = f->len[i];
			return f->value[i];
		}
	return NULL;
}

static int
field_is(const struct fields *f, const char *name, const char *want)
{
	size_t len;
	const char *v = field(f, name, &len);

	return v != NULL && len == strlen(want) && memcmp(v, want, len) == 0;
}

/* One parse of body with the given chunking; form and fields are reset first. */
struct result {
	struct mp_form form;
	struct fields fields;
	const char *errmsg;
	int rc;
	int drained;            /* the reader was read to its end */
};

static void
result_free(struct result *res)
{
	mp_form_free(&res->form);
	fields_free(&res->fields);
}

static int
parse_limits(struct result *res, const void *body, size_t len, const char *ctype, size_t chunk,
    uint64_t seed, const struct mp_limits *limits)
{
	struct reader r;

	memset(res, 0, sizeof(*res));
	mp_form_init(&res->form);
	if (limits != NULL)
		res->form.limits = *limits;
	memset(&r, 0, sizeof(r));
	r.data = body;
	r.len = len;
	r.chunk = chunk;
	r.rng = seed | 1;
	res->rc = mp_parse(&res->form, ctype, reader_read, &r, fields_cb, &res->fields, &res->errmsg);
	res->drained = r.pos == r.len && r.reads_after_end > 0;
	return res->rc;
}

static int
parse(struct result *res, const void *body, size_t len, const char *ctype, size_t chunk)
{
	return parse_limits(res, body, len, ctype, chunk, 42, NULL);
}

static int
file_is(const struct mp_form *form, const char *name, const void *data, size_t len)
{
	const struct mp_file *f = mp_file_get(form, name);

	return f != NULL && !f->oversize && f->len == len && f->data != NULL && memcmp(f->data, data, len) == 0;
}

static const size_t chunkings[] = {1, 7, 4095, 4096, CHUNK_RANDOM};
#define CHUNKINGS (sizeof(chunkings) / sizeof(chunkings[0]))

static const char *
chunk_name(size_t chunk)
{
	static char name[32];

	if (chunk == CHUNK_RANDOM)
		return "random";
	if (chunk == CHUNK_SMALL)
		return "small random";
	snprintf(name, sizeof(name), "%zu", chunk);
	return name;
}

#define CT "multipart/form-data; boundary=AaB03x"
#define B "AaB03x"

static void
test_simple(void)
{
	struct buf b = {0};
	struct result res;
	size_t i;
	int all = 1;
	int seed;

	body_field(&b, B, "a", "1", 1);
	body_field(&b, B, "b", "hello world \t ", 14);
	body_field(&b, B, "empty", "", 0);
	body_field(&b, B, "lines", "x\r\ny\r\n", 6);
	body_close(&b, B);

	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == 0, "simple fields parse");
	ok(field_is(&res.fields, "a", "1"), "simple field value");
	ok(field_is(&res.fields, "b", "hello world \t "), "trailing whitespace kept");
	ok(field_is(&res.fields, "empty", ""), "empty field delivered");
	ok(field_is(&res.fields, "lines", "x\r\ny\r\n"), "field ending in CRLF kept whole");
	ok(res.fields.count == 4 && res.form.files == NULL, "four fields, no files");
	ok(res.drained, "body read to its end");
	result_free(&res);

	for (i = 1; i <= 80; i++) {
		parse(&res, b.p, b.len, CT, i);
		all &= res.rc == 0 && res.fields.count == 4 && field_is(&res.fields, "b", "hello world \t ") &&
		       field_is(&res.fields, "lines", "x\r\ny\r\n");
		result_free(&res);
	}
	for (seed = 1; seed <= 200; seed++) {
		parse_limits(&res, b.p, b.len, CT, CHUNK_SMALL, (uint64_t)seed, NULL);
		all &= res.rc == 0 && res.fields.count == 4 && field_is(&res.fields, "lines", "x\r\ny\r\n");
		result_free(&res);
	}
	ok(all, "simple fields identical with chunks of 1..80 bytes and 200 random small chunkings");

	/* A body that starts without a preamble, and one with a preamble. */
	buf_free(&b);
	buf_str(&b, "This is a preamble with --AaB03 and \r\n--AaB0 in it.\r\n");
	body_field(&b, B, "p", "v", 1);
	body_close(&b, B);
	buf_str(&b, "epilogue\r\n--AaB03x\r\nContent-Disposition: form-data; name=\"evil\"\r\n\r\nx\r\n--AaB03x--\r\n");
	parse(&res, b.p, b.len, CT, 7);
	ok(res.rc == 0 && field_is(&res.fields, "p", "v"), "preamble ignored");
	ok(res.fields.count == 1 && field(&res.fields, "evil", NULL) == NULL, "parts in the epilogue ignored");
	ok(res.drained, "epilogue read to the end");
	result_free(&res);
	buf_free(&b);
}

static void
test_chinese(void)
{
	static const char zh[] = "图片大小不超过1M，请重新上传：北京市海淀区";
	struct buf b = {0};
	struct result res;
	size_t i;
	int all = 1;

	body_field(&b, B, "company", zh, strlen(zh));
	body_close(&b, B);
	for (i = 0; i < CHUNKINGS; i++) {
		parse(&res, b.p, b.len, CT, chunkings[i]);
		all &= res.rc == 0 && field_is(&res.fields, "company", zh);
		result_free(&res);
	}
	ok(all, "Chinese text arrives byte-identical with every chunking");
	buf_free(&b);
}

/* Random bytes with many CR, LF and '-' so delimiters are nearly formed everywhere. */
static void
fill_nasty(unsigned char *p, size_t len, uint64_t *rng)
{
	static const unsigned char pick[] = "\r\n-\r\n--AaB03x\0\xff";
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = rng_below(rng, 2) ? pick[rng_below(rng, sizeof(pick) - 1)] : (unsigned char)rng_next(rng);
}

static void
test_file_sizes(void)
{
	static const size_t sizes[] = {0, 1, 4095, 4096, 4097, 8191, 8192, 1048576};
	uint64_t rng = 7;
	size_t s;
	size_t i;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t len = sizes[s];
		unsigned char *data = malloc(len + 1);
		struct buf b = {0};

		fill_nasty(data, len, &rng);
		if (len > 0)
			data[len - 1] = '\r'; /* a CR right before the delimiter's CR */
		body_file(&b, B, "upload", "photo.jpg", data, len);
		body_field(&b, B, "after", "ok", 2);
		body_close(&b, B);
		for (i = 0; i < CHUNKINGS; i++) {
			struct result res;

			parse(&res, b.p, b.len, CT, chunkings[i]);
			ok(res.rc == 0 && file_is(&res.form, "upload", data, len) && field_is(&res.fields, "after", "ok"),
			   "%zu-byte file byte-identical, chunks %s", len, chunk_name(chunkings[i]));
			result_free(&res);
		}
		buf_free(&b);
		free(data);
	}
}

/* Files whose content holds near-delimiters, placed so a chunk edge falls at every position around the delimiter. */
static void
test_chunk_edges(void)
{
	struct buf content = {0};
	struct buf b = {0};
	size_t chunk;
	size_t shift;
	int all_small = 1;
	int all_page = 1;
	size_t pad;

	buf_str(&content, "--AaB03x\r\n");          /* at the very start: no CRLF before it */
	buf_str(&content, "\r\n--AaB03\r\n");       /* boundary minus its last character */
	buf_str(&content, "\r\n--AaB03y");          /* last character different */
	buf_str(&content, "\r\n--AaC03x");          /* middle character different */
	buf_str(&content, "x\n--AaB03x\r\n");       /* LF without CR */
	buf_str(&content, "\r--AaB03x\r\n");        /* CR without LF */
	buf_str(&content, "\r\r\n-\r\n--\r\n--A\r\r\n\r\n");
	buf_str(&content, "\r\n\r\n--AaB03");
	buf_str(&content, "\r\n--AaB03\r");         /* ends with CR then the real delimiter */

	for (chunk = 1; chunk <= 100; chunk++) {
		for (shift = 0; shift < chunk; shift++) {
			struct result res;

			b.len = 0;
			for (pad = 0; pad < shift; pad++)
				buf_str(&b, "P");
			buf_str(&b, "\r\n");
			body_file(&b, B, "f", "a.bin", content.p, content.len);
			body_field(&b, B, "next", "\r", 1);
			body_close(&b, B);
			parse(&res, b.p, b.len, CT, chunk);
			all_small &= res.rc == 0 && file_is(&res.form, "f", content.p, content.len) &&
				     field_is(&res.fields, "next", "\r");
			result_free(&res);
		}
	}
	ok(all_small, "near-delimiters survive every chunk edge (chunks 1..100, every alignment)");

	/* Around 4096: the delimiter lands at each of 200 offsets around a page-sized chunk edge. */
	{
		size_t header;
		size_t first;
		unsigned char *data = malloc(4096 + 200);
		uint64_t rng = 99;

		b.len = 0;
		buf_str(&b, "\r\n");
		body_file(&b, B, "f", "a.bin", "", 0);
		header = b.len - 2;
		first = 4096 - 100 - header;
		for (shift = 0; shift < 200; shift++) {
			size_t len = first + shift;
			size_t c;

			fill_nasty(data, len - content.len, &rng);
			data[len - content.len - 1] = 'x'; /* "\r\n" + content's leading "--AaB03x" would be a real delimiter */
			memcpy(data + len - content.len, content.p, content.len);
			b.len = 0;
			buf_str(&b, "\r\n");
			body_file(&b, B, "f", "a.bin", data, len);
			body_close(&b, B);
			for (c = 4095; c <= 4096; c++) {
				struct result res;

				parse(&res, b.p, b.len, CT, c);
				all_page &= res.rc == 0 && file_is(&res.form, "f", data, len);
				result_free(&res);
			}
		}
		free(data);
	}
	ok(all_page, "files ending with CR at every offset around 4095/4096-byte reads stay intact");
	buf_free(&b);
	buf_free(&content);
}

/* Random bodies: random boundaries (1-70 bchars), field counts, sizes, chunkings. */

static const char bchars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";

static int
contains(const unsigned char *hay, size_t n, const unsigned char *needle, size_t nl)
{
	size_t i;

	for (i = 0; i + nl <= n; i++)
		if (memcmp(hay + i, needle, nl) == 0)
			return 1;
	return 0;
}

struct want_part {
	char name[MP_NAME_MAX + 1];
	int is_file;
	unsigned char *data;
	size_t len;
};

static void
test_random_bodies(void)
{
	uint64_t rng = 0x5eed;
	int bodies = 1000;
	int failed_parse = 0;
	int lost = 0;
	int bad_files = 0;
	int undrained = 0;
	int n;

	for (n = 0; n < bodies; n++) {
		char boundary[MP_BOUNDARY_MAX + 1];
		unsigned char delim[MP_BOUNDARY_MAX + 4];
		char ctype[160];
		size_t blen = 1 + rng_below(&rng, MP_BOUNDARY_MAX);
		struct want_part want[20];
		int parts = (int)rng_below(&rng, 21);
		struct buf b = {0};
		struct result res;
		size_t chunk;
		size_t i;
		int k;
		int fields = 0;
		int files = 0;
		int field_seen = 0;
		const struct mp_file *f;

		for (i = 0; i < blen; i++)
			boundary[i] = bchars[rng_below(&rng, sizeof(bchars) - 1)];
		if (boundary[blen - 1] == ' ')
			boundary[blen - 1] = '_';
		boundary[blen] = '\0';
		memcpy(delim, "\r\n--", 4);
		memcpy(delim + 4, boundary, blen);
		if (rng_below(&rng, 2))
			snprintf(ctype, sizeof(ctype), "multipart/form-data; boundary=\"%s\"", boundary);
		else if (strpbrk(boundary, "'()+,/:=? ") == NULL)
			snprintf(ctype, sizeof(ctype), "Multipart/Form-Data;charset=utf-8;Boundary=%s", boundary);
		else
			snprintf(ctype, sizeof(ctype), "multipart/form-data; charset=\"utf-8\"; boundary=\"%s\"",
				 boundary);

		/* Preamble: sometimes none, never containing the delimiter. */
		if (rng_below(&rng, 2)) {
			size_t plen = rng_below(&rng, 300);
			unsigned char *pre = malloc(plen + 1);

			do
				fill_nasty(pre, plen, &rng);
			while (contains(pre, plen, delim, blen + 4) || (plen > 0 && pre[plen - 1] == '\r'));
			buf_add(&b, pre, plen);
			buf_str(&b, "\r\n");
			free(pre);
		}
		for (k = 0; k < parts; k++) {
			struct want_part *w = &want[k];
			size_t len;
			size_t target;

			snprintf(w->name, sizeof(w->name), "f%d_", k);
			len = strlen(w->name);
			target = 1 + rng_below(&rng, MP_NAME_MAX);
			while (len < target) {
				static const char nc[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

				w->name[len++] = nc[rng_below(&rng, sizeof(nc) - 1)];
			}
			w->name[len] = '\0';
			w->is_file = (int)rng_below(&rng, 3) == 0;
			w->len = rng_below(&rng, w->is_file ? 9000 : 400);
			w->data = malloc(w->len + 1);
			do {
				fill_nasty(w->data, w->len, &rng);
				for (i = 0; !w->is_file && i < w->len; i++)
					if (w->data[i] == '\0')
						w->data[i] = (unsigned char)"\xe4\xb8\xad"[i % 3];
			} while (contains(w->data, w->len, delim, blen + 4));
			buf_str(&b, "--");
			buf_str(&b, boundary);
			for (i = rng_below(&rng, 3); i > 0; i--)
				buf_str(&b, rng_below(&rng, 2) ? " " : "\t");
			buf_str(&b, "\r\n");
			buf_str(&b, rng_below(&rng, 2) ? "Content-Disposition" : "content-DISPOSITION");
			buf_str(&b, ": form-data; name=");
			if (rng_below(&rng, 2)) {
				buf_str(&b, w->name);
			} else {
				buf_str(&b, "\"");
				buf_str(&b, w->name);
				buf_str(&b, "\"");
			}
			if (w->is_file)
				buf_str(&b, "; filename=\"C:\\\\x\\\\\\\"q\\\".png\"\r\nContent-Type: image/png");
			else if (rng_below(&rng, 2))
				buf_str(&b, "\r\nContent-Type: text/plain; charset=UTF-8");
			buf_str(&b, "\r\n\r\n");
			buf_add(&b, w->data, w->len);
			buf_str(&b, "\r\n");
		}
		buf_str(&b, "--");
		buf_str(&b, boundary);
		buf_str(&b, "--");
		if (rng_below(&rng, 2)) {
			buf_str(&b, "\r\n--");
			buf_str(&b, boundary);
			buf_str(&b, "\r\nContent-Disposition: form-data; name=\"epilogue\"\r\n\r\nx\r\n");
			buf_str(&b, "--");
			buf_str(&b, boundary);
			buf_str(&b, "--\r\n");
		}

		switch (rng_below(&rng, 4)) {
		case 0:
			chunk = CHUNK_RANDOM;
			break;
		case 1:
			chunk = CHUNK_SMALL;
			break;
		default:
			chunk = 1 + rng_below(&rng, rng_below(&rng, 2) ? 100 : 9000);
		}
		parse_limits(&res, b.p, b.len, ctype, chunk, rng_next(&rng), NULL);
		if (res.rc != 0) {
			if (failed_parse++ == 0)
				diag("body %d: boundary \"%s\" failed: %s", n, boundary, res.errmsg);
		}
		f = res.form.files;
		for (k = 0; k < parts; k++) {
			if (want[k].is_file) {
				files++;
				if (f == NULL || strcmp(f->name, want[k].name) != 0 || f->len != want[k].len ||
				    memcmp(f->data, want[k].data, want[k].len) != 0 ||
				    strcmp(f->filename, "C:\\x\\\"q\".png") != 0) {
					if (bad_files++ == 0)
						diag("body %d: file %s differs", n, want[k].name);
				}
				if (f != NULL)
					f = f->next;
			} else {
				if (field_seen >= res.fields.count ||
				    strcmp(res.fields.name[field_seen], want[k].name) != 0 ||
				    res.fields.len[field_seen] != want[k].len ||
				    memcmp(res.fields.value[field_seen], want[k].data, want[k].len) != 0) {
					if (lost++ == 0)
						diag("body %d: field %s lost or altered", n, want[k].name);
				}
				field_seen++;
				fields++;
			}
			free(want[k].data);
		}
		if (res.fields.count != fields || f != NULL) {
			if (lost++ == 0)
				diag("body %d: extra parts", n);
		}
		(void)files;
		if (!res.drained)
			undrained++;
		result_free(&res);
		buf_free(&b);
	}
	ok(failed_parse == 0, "%d random bodies all parse (%d failed)", bodies, failed_parse);
	ok(lost == 0, "random bodies never lose or alter a field (%d)", lost);
	ok(bad_files == 0, "random bodies deliver files byte-identical (%d)", bad_files);
	ok(undrained == 0, "random bodies are read to the end (%d)", undrained);
}

static void
test_boundaries(void)
{
	struct buf b = {0};
	struct result res;
	char b70[71];
	char ctype[200];

	body_field(&b, "simple boundary", "x", "1", 1);
	body_close(&b, "simple boundary");
	parse(&res, b.p, b.len, "multipart/form-data; boundary=\"simple boundary\"", 3);
	ok(res.rc == 0 && field_is(&res.fields, "x", "1"), "quoted boundary with a space");
	result_free(&res);

	b.len = 0;
	body_field(&b, "abc:def", "x", "2", 1);
	body_close(&b, "abc:def");
	parse(&res, b.p, b.len, "MULTIPART/form-data ;charset=utf-8; BOUNDARY=\"abc\\:def\" ", 5);
	ok(res.rc == 0 && field_is(&res.fields, "x", "2"), "quoted boundary with escape, upper-case names");
	result_free(&res);

	memset(b70, 'z', 70);
	b70[70] = '\0';
	b.len = 0;
	body_field(&b, b70, "x", "3", 1);
	body_close(&b, b70);
	snprintf(ctype, sizeof(ctype), "multipart/form-data; boundary=%s", b70);
	parse(&res, b.p, b.len, ctype, 1);
	ok(res.rc == 0 && field_is(&res.fields, "x", "3"), "70-character boundary accepted");
	result_free(&res);

	snprintf(ctype, sizeof(ctype), "multipart/form-data; boundary=\"%sz\"", b70);
	parse(&res, b.p, b.len, ctype, 4096);
	ok(res.rc == -1 && res.form.status == MP_MALFORMED, "71-character boundary rejected (%s)", res.errmsg);
	result_free(&res);

	parse(&res, b.p, b.len, "multipart/form-data", 4096);
	ok(res.rc == -1 && res.errmsg != NULL, "missing boundary parameter rejected (%s)", res.errmsg);
	result_free(&res);

	parse(&res, b.p, b.len, "multipart/form-data; boundary=\"\"", 4096);
	ok(res.rc == -1, "empty boundary rejected (%s)", res.errmsg);
	result_free(&res);

	parse(&res, b.p, b.len, "multipart/form-data; boundary=a; boundary=b", 4096);
	ok(res.rc == -1, "duplicate boundary parameter rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	body_field(&b, "a\rb", "x", "4", 1);
	body_close(&b, "a\rb");
	parse(&res, b.p, b.len, "multipart/form-data; boundary=\"a\rb\"", 4096);
	ok(res.rc == -1, "boundary with a control character rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	body_field(&b, "zzz", "x", "5", 1);
	body_close(&b, "zzz");
	parse(&res, b.p, b.len, "multipart/form-data; boundary=zzz", 4096);
	ok(res.rc == 0 && field_is(&res.fields, "x", "5"), "unquoted boundary accepted");
	result_free(&res);

	parse(&res, b.p, b.len, "text/plain; boundary=zzz", 4096);
	ok(res.rc == -1, "other media type rejected (%s)", res.errmsg);
	result_free(&res);

	parse(&res, b.p, b.len, "multipart/form-datax; boundary=zzz", 4096);
	ok(res.rc == -1, "media type with a suffix rejected (%s)", res.errmsg);
	result_free(&res);
	buf_free(&b);
}

static void
test_oversize(void)
{
	struct buf b = {0};
	struct result res;
	struct mp_limits limits = {1000, 100, 10};
	unsigned char *big = malloc(1048577);
	const struct mp_file *f;
	uint64_t rng = 3;

	fill_nasty(big, 1048577, &rng);
	body_file(&b, B, "fit", "a.png", big, 1000);
	body_file(&b, B, "big", "b.png", big, 1001);
	body_field(&b, B, "after", "still here", 10);
	body_close(&b, B);
	parse_limits(&res, b.p, b.len, CT, 7, 1, &limits);
	ok(res.rc == 0, "oversize file is not an error");
	ok(file_is(&res.form, "fit", big, 1000), "file of exactly file_max kept");
	f = mp_file_get(&res.form, "big");
	ok(f != NULL && f->oversize == 1 && f->len == 0 && f->data == NULL, "file over file_max flagged oversize");
	ok(field_is(&res.fields, "after", "still here"), "field after an oversize file parsed");
	result_free(&res);

	b.len = 0;
	body_file(&b, B, "big", "b.png", big, 1048577);
	body_field(&b, B, "after", "yes", 3);
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, CHUNK_RANDOM);
	f = mp_file_get(&res.form, "big");
	ok(res.rc == 0 && f != NULL && f->oversize && field_is(&res.fields, "after", "yes"),
	   "1 MiB + 1 byte flagged oversize with default limits");
	result_free(&res);
	buf_free(&b);
	free(big);
}

static void
test_malformed(void)
{
	struct buf b = {0};
	struct buf ok_body = {0};
	struct result res;
	char line[1100];
	char *long_value;
	int i;

	/* missing closing delimiter */
	body_field(&b, B, "a", "1", 1);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1 && res.form.status == MP_MALFORMED, "body without closing delimiter rejected (%s)",
	   res.errmsg);
	result_free(&res);

	b.len = 0;
	body_field(&b, B, "a", "1", 1);
	buf_str(&b, "--" B);
	parse(&res, b.p, b.len, CT, 1);
	ok(res.rc == -1, "body ending right after a delimiter rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n");
	parse(&res, b.p, b.len, CT, 3);
	ok(res.rc == -1, "body ending inside headers rejected (%s)", res.errmsg);
	result_free(&res);

	parse(&res, "", 0, CT, 3);
	ok(res.rc == -1, "empty body rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	body_file(&b, B, "f", "x", "data", 4);
	body_field(&b, B, "a", "1", 1);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1 && res.form.files == NULL, "truncated body leaves no files behind");
	result_free(&res);

	/* too many parts */
	b.len = 0;
	for (i = 0; i < 64; i++)
		body_field(&b, B, "n", "v", 1);
	buf_add(&ok_body, b.p, b.len);
	body_close(&ok_body, B);
	parse(&res, ok_body.p, ok_body.len, CT, 4096);
	ok(res.rc == 0 && res.fields.count == 64, "64 parts accepted");
	result_free(&res);
	body_field(&b, B, "n", "v", 1);
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1 && res.form.status == MP_MALFORMED, "65 parts rejected (%s)", res.errmsg);
	result_free(&res);

	/* header line length: 1024 is fine, 1025 is not */
	for (i = 0; i < 2; i++) {
		size_t fill = (size_t)MP_HEADER_LINE_MAX - strlen("X-Pad: ") + (size_t)i;

		b.len = 0;
		buf_str(&b, "--" B "\r\nX-Pad: ");
		memset(line, 'p', fill);
		line[fill] = '\0';
		buf_str(&b, line);
		buf_str(&b, "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n");
		body_close(&b, B);
		parse(&res, b.p, b.len, CT, 7);
		if (i == 0)
			ok(res.rc == 0 && field_is(&res.fields, "a", "v"), "1024-byte header line accepted");
		else
			ok(res.rc == -1, "1025-byte header line rejected (%s)", res.errmsg);
		result_free(&res);
	}

	/* header count: 8 is fine, 9 is not */
	for (i = 0; i < 2; i++) {
		int h;

		b.len = 0;
		buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n");
		for (h = 0; h < 7 + i; h++)
			buf_str(&b, "X-Extra: 1\r\n");
		buf_str(&b, "\r\nv\r\n");
		body_close(&b, B);
		parse(&res, b.p, b.len, CT, 4096);
		if (i == 0)
			ok(res.rc == 0 && field_is(&res.fields, "a", "v"), "8 part headers accepted");
		else
			ok(res.rc == -1, "9 part headers rejected (%s)", res.errmsg);
		result_free(&res);
	}

	/* field length: 64 KiB is fine, one more byte is not */
	long_value = malloc(65537);
	memset(long_value, 'x', 65537);
	for (i = 0; i < 2; i++) {
		b.len = 0;
		body_field(&b, B, "long", long_value, 65536 + (size_t)i);
		body_close(&b, B);
		parse(&res, b.p, b.len, CT, CHUNK_RANDOM);
		if (i == 0)
			ok(res.rc == 0 && res.fields.count == 1 && res.fields.len[0] == 65536, "64 KiB field accepted");
		else
			ok(res.rc == -1 && res.form.status == MP_MALFORMED, "field over 64 KiB rejected (%s)",
			   res.errmsg);
		result_free(&res);
	}
	free(long_value);

	b.len = 0;
	body_field(&b, B, "a", "x\0y", 3);
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1, "NUL in a text field rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	buf_str(&b, "--" B "x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n");
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1, "junk after a boundary rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Other: b\nc\r\n\r\nv\r\n");
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1, "bare LF in part headers rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n");
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1, "unterminated quoted name rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "Content-Transfer-Encoding: base64\r\n\r\ndg==\r\n");
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1, "base64 transfer encoding rejected (%s)", res.errmsg);
	result_free(&res);

	b.len = 0;
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nv\r\n");
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 4096);
	ok(res.rc == -1, "duplicate name parameter rejected (%s)", res.errmsg);
	result_free(&res);

	/* field callback failure and read errors */
	{
		struct reader r;
		struct mp_form form;
		struct fields fields = {0};
		const char *err = NULL;
		int rc;

		b.len = 0;
		body_field(&b, B, "a", "1", 1);
		body_close(&b, B);
		memset(&r, 0, sizeof(r));
		r.data = b.p;
		r.len = b.len;
		r.chunk = 4096;
		mp_form_init(&form);
		fields.fail = 1;
		rc = mp_parse(&form, CT, reader_read, &r, fields_cb, &fields, &err);
		ok(rc == -1 && form.status == MP_CALLBACK, "field callback failure stops the parse (%s)", err);
		mp_form_free(&form);

		memset(&r, 0, sizeof(r));
		r.data = b.p;
		r.len = b.len;
		r.chunk = 5;
		r.fail_at = 10;
		mp_form_init(&form);
		fields.fail = 0;
		rc = mp_parse(&form, CT, reader_read, &r, fields_cb, &fields, &err);
		ok(rc == -1 && form.status == MP_READ_ERROR, "read error reported (%s)", err);
		mp_form_free(&form);
		fields_free(&fields);
	}
	buf_free(&b);
	buf_free(&ok_body);
}

static void
test_names_and_headers(void)
{
	static const char *const bad[] = {"a.b", "", "x y", "a[]", "名字", "Query.x",
					  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
	struct buf b = {0};
	struct result res;
	const struct mp_file *f;
	size_t i;
	char name64[65];

	memset(name64, 'N', 64);
	name64[64] = '\0';
	body_field(&b, B, "first", "1", 1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		body_field(&b, B, bad[i], "bad", 3);
		body_file(&b, B, bad[i], "bad.png", "bad", 3);
	}
	body_field(&b, B, name64, "64", 2);
	buf_str(&b, "--" B "\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n");
	buf_str(&b, "--" B "\r\nContent-Disposition: attachment; name=\"att\"\r\n\r\nx\r\n");
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; filename=\"noname.png\"\r\n\r\nx\r\n");
	body_field(&b, B, "last", "2", 1);
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 7);
	ok(res.rc == 0, "bad names do not fail the parse");
	ok(res.fields.count == 3 && field_is(&res.fields, "first", "1") && field_is(&res.fields, "last", "2"),
	   "bad names skipped, good fields around them kept");
	ok(field_is(&res.fields, name64, "64"), "64-character name accepted");
	ok(res.form.files == NULL, "files with bad names or no name not collected");
	ok(field(&res.fields, "att", NULL) == NULL, "non form-data disposition skipped");
	result_free(&res);

	ok(mp_name_valid("Abc_09") && mp_name_valid(name64) && !mp_name_valid("a-b") && !mp_name_valid("") &&
	   !mp_name_valid(bad[6]), "mp_name_valid accepts [A-Za-z0-9_]{1,64} only");

	b.len = 0;
	buf_str(&b, "--" B "\r\ncontent-disposition:form-data;name=unquoted\r\n\r\nu\r\n");
	buf_str(&b, "--" B "\r\nCONTENT-DISPOSITION: form-data; name=\"es\\caped\"\r\n\r\ne\r\n");
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"doc\"; filename*=UTF-8''%E5%9B%BE.png; "
		    "filename=\"a \\\"quoted\\\" name.png\"\r\ncontent-type:  image/png  \r\n\r\nPNG\r\n");
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"none\"; filename=\"\"\r\n\r\n\r\n");
	body_file(&b, B, "doc", "second.png", "2nd", 3);
	body_field(&b, B, "dup", "one", 3);
	body_field(&b, B, "dup", "two", 3);
	body_close(&b, B);
	parse(&res, b.p, b.len, CT, 1);
	ok(res.rc == 0 && field_is(&res.fields, "unquoted", "u"), "unquoted name, lower-case header, no spaces");
	ok(field_is(&res.fields, "escaped", "e"), "backslash escape in a quoted name");
	f = mp_file_get(&res.form, "doc");
	ok(f != NULL && strcmp(f->filename, "a \"quoted\" name.png") == 0, "escaped quotes in filename, filename* ignored");
	ok(f != NULL && f->content_type != NULL && strcmp(f->content_type, "image/png") == 0,
	   "part Content-Type kept, trimmed");
	ok(f != NULL && f->len == 3 && memcmp(f->data, "PNG", 3) == 0, "mp_file_get returns the first of duplicates");
	f = mp_file_get(&res.form, "none");
	ok(f != NULL && f->filename[0] == '\0' && f->len == 0 && f->content_type == NULL && f->data != NULL,
	   "empty file input: empty filename, no data");
	ok(res.fields.count == 4 && res.fields.len[2] == 3 && strcmp(res.fields.value[2], "one") == 0 &&
	   strcmp(res.fields.value[3], "two") == 0, "duplicate text fields all reach the callback, in order");
	ok(mp_file_get(&res.form, "nosuch") == NULL, "mp_file_get of a missing name is NULL");
	result_free(&res);
	buf_free(&b);
}

/* Mutation fuzzing: damaged bodies and content types fail cleanly or parse within limits. */

static int
fuzz_field_cb(void *rock, const char *name, const char *value, size_t len)
{
	int *bad = rock;

	if (!mp_name_valid(name) || strlen(value) != len || len > 200)
		(*bad)++;
	return 0;
}

static void
test_fuzz(void)
{
	static const char *const ctypes[] = {
	    CT, "multipart/form-data; boundary=\"AaB03x\"", "multipart/form-data;boundary=AaB03x;x=\"\\\"\"",
	};
	struct buf seed = {0};
	struct buf b = {0};
	uint64_t rng = 0xf022;
	int broken = 0;
	int parsed = 0;
	int rejected = 0;
	int n;

	body_field(&seed, B, "a", "hello", 5);
	body_file(&seed, B, "f", "x.png", "PNG\r\n--AaB03\r", 13);
	body_field(&seed, B, "zh", "图片", strlen("图片"));
	body_close(&seed, B);
	for (n = 0; n < 3000; n++) {
		struct mp_limits limits = {300, 200, 5};
		struct mp_form form;
		struct reader r;
		const struct mp_file *f;
		const char *err = NULL;
		char ctype[128];
		int bad = 0;
		int edits = 1 + (int)rng_below(&rng, 8);
		int rc;

		b.len = 0;
		buf_add(&b, seed.p, seed.len);
		snprintf(ctype, sizeof(ctype), "%s", ctypes[rng_below(&rng, 3)]);
		while (edits-- > 0 && b.len > 0) {
			size_t at = rng_below(&rng, b.len);
			unsigned char c;

			fill_nasty(&c, 1, &rng);
			switch (rng_below(&rng, 6)) {
			case 0:
				b.p[at] = c;
				break;
			case 1:
				buf_add(&b, "", 1);
				memmove(b.p + at + 1, b.p + at, b.len - at - 1);
				b.p[at] = c;
				break;
			case 2:
				memmove(b.p + at, b.p + at + 1, b.len - at - 1);
				b.len--;
				break;
			case 3:
				b.len = at;
				break;
			case 4:
				ctype[rng_below(&rng, strlen(ctype))] = (char)(c ? c : 'x');
				break;
			default: {
				size_t len = (b.len - at) / 2;
				unsigned char *copy = malloc(len + 1);

				memcpy(copy, b.p + at, len);
				buf_add(&b, copy, len);
				free(copy);
			}
			}
		}
		memset(&r, 0, sizeof(r));
		r.data = b.p;
		r.len = b.len;
		r.chunk = 1 + rng_below(&rng, 70);
		mp_form_init(&form);
		form.limits = limits;
		rc = mp_parse(&form, ctype, reader_read, &r, fuzz_field_cb, &bad, &err);
		if (rc == 0) {
			parsed++;
			if (r.pos != r.len || form.status != MP_OK)
				bad++;
			for (f = form.files; f != NULL; f = f->next)
				if (!mp_name_valid(f->name) || f->len > 300 || (f->oversize && (f->data || f->len)) ||
				    (!f->oversize && f->data == NULL))
					bad++;
		} else {
			rejected++;
			if (rc != -1 || err == NULL || form.files != NULL || form.status == MP_OK)
				bad++;
		}
		if (bad > 0 && broken++ == 0)
			diag("fuzz case %d broke an invariant (rc %d, %s)", n, rc, err != NULL ? err : "");
		mp_form_free(&form);
	}
	ok(broken == 0, "3000 damaged bodies: clean -1 or a parse within limits (%d parsed, %d rejected)", parsed,
	   rejected);
	ok(parsed > 100 && rejected > 100, "damaged bodies exercise both outcomes");
	buf_free(&b);
	buf_free(&seed);
}

/* ClearSilver glue through the cgiwrap emulation */

struct emu {
	const char *const *env;  /* name, value, ..., NULL */
	struct reader body;
};

static int
emu_read(void *data, char *buf, int len)
{
	struct emu *emu = data;

	return reader_read(&emu->body, buf, len);
}

static int
emu_writef(void *data, const char *fmt, va_list ap)
{
	(void)data;
	(void)fmt;
	(void)ap;
	return 0;
}

static int
emu_write(void *data, const char *buf, int len)
{
	(void)data;
	(void)buf;
	return len;
}

static char *
emu_getenv(void *data, const char *name)
{
	struct emu *emu = data;
	int i;

	for (i = 0; emu->env[i] != NULL; i += 2)
		if (strcmp(emu->env[i], name) == 0)
			return strdup(emu->env[i + 1]);
	return NULL;
}

static int
emu_putenv(void *data, const char *name, const char *value)
{
	(void)data;
	(void)name;
	(void)value;
	return 0;
}

static int
emu_iterenv(void *data, int n, char **name, char **value)
{
	struct emu *emu = data;
	int i;

	*name = *value = NULL;
	for (i = 0; emu->env[i] != NULL; i += 2)
		if (i / 2 == n) {
			*name = strdup(emu->env[i]);
			*value = strdup(emu->env[i + 1]);
			break;
		}
	return 0;
}

struct cgi_run {
	CGI *cgi;
	struct mp_form form;
	NEOERR *err;
	int registered;
	int unregistered;       /* no parse callback left after multipart_unregister */
	int reads_after_end;
	size_t consumed;
	size_t body_len;
};

static void
cgi_run(struct cgi_run *run, const char *ctype, const char *query, const void *body, size_t len,
    size_t chunk)
{
	char length[32];
	const char *env[] = {"REQUEST_METHOD", "POST", "CONTENT_TYPE", ctype, "CONTENT_LENGTH", length,
			     "QUERY_STRING", query, NULL};
	struct emu emu;
	HDF *hdf = NULL;
	NEOERR *err;

	memset(run, 0, sizeof(*run));
	snprintf(length, sizeof(length), "%zu", len);
	memset(&emu, 0, sizeof(emu));
	emu.env = env;
	emu.body.data = body;
	emu.body.len = len;
	emu.body.chunk = chunk;
	emu.body.rng = 77;
	cgiwrap_init_emu(&emu, emu_read, emu_writef, emu_write, emu_getenv, emu_putenv, emu_iterenv);
	mp_form_init(&run->form);
	err = hdf_init(&hdf);
	if (err == STATUS_OK)
		err = cgi_init(&run->cgi, hdf);
	else
		hdf_destroy(&hdf);
	if (err != STATUS_OK) {
		run->err = err;
		return;
	}
	run->registered = multipart_register(run->cgi, &run->form) == 0;
	run->err = cgi_parse(run->cgi);
	multipart_unregister(run->cgi);
	run->unregistered = run->cgi->parse_callbacks == NULL;
	run->reads_after_end = emu.body.reads_after_end;
	run->consumed = emu.body.pos;
	run->body_len = len;
	cgiwrap_init_emu(NULL, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
cgi_done(struct cgi_run *run)
{
	nerr_ignore(&run->err);
	cgi_destroy(&run->cgi);
	mp_form_free(&run->form);
}

static const char *
q(struct cgi_run *run, const char *name)
{
	return run->cgi == NULL ? NULL : hdf_get_value(run->cgi->hdf, name, NULL);
}

static int
q_is(struct cgi_run *run, const char *name, const char *want)
{
	const char *v = q(run, name);

	return v != NULL && strcmp(v, want) == 0;
}

static void
test_cgi(void)
{
	static const char zh[] = "图片大小不超过1M";
	struct buf b = {0};
	struct cgi_run run;
	unsigned char *data = malloc(4095);
	uint64_t rng = 11;
	int lost = 0;
	int n;

	fill_nasty(data, 4095, &rng);
	data[4094] = '\r';
	body_field(&b, B, "a", "x  ", 3);
	body_field(&b, B, "zh", zh, strlen(zh));
	body_field(&b, B, "d", "first", 5);
	body_field(&b, B, "d", "second", 6);
	body_field(&b, B, "a.b", "evil", 4);
	body_file(&b, B, "photo", "我的照片.jpg", data, 4095);
	body_file(&b, B, "photo", "second.jpg", "2nd", 3);
	body_close(&b, B);
	/* A long epilogue that the kit's own parser, which runs after ours, would take for parts. */
	for (n = 0; n < 3000; n++)
		buf_str(&b, "epilogue\r\n");
	buf_str(&b, "--" B "\r\nContent-Disposition: form-data; name=\"evil\"\r\n\r\nx\r\n--" B "--\r\n");

	cgi_run(&run, CT, "a=fromurl&a=again&q=1", b.p, b.len, 4096);
	ok(run.registered && run.err == STATUS_OK, "cgi: multipart POST parses");
	ok(q_is(&run, "Query.a", "x  "), "cgi: Query value raw, trailing spaces kept, body wins over query string");
	ok(q(&run, "Query.a.0") == NULL && q_is(&run, "Query.q", "1"), "cgi: query-string list replaced, others kept");
	ok(q_is(&run, "Query.zh", zh), "cgi: Chinese value in Query");
	ok(q_is(&run, "Query.d", "first") && q(&run, "Query.d.0") == NULL && q(&run, "Query.d.1") == NULL,
	   "cgi: first of duplicate fields kept, no list");
	ok(q(&run, "Query.a.b") == NULL, "cgi: bad field name creates no HDF path");
	ok(q_is(&run, "Files.photo.filename", "我的照片.jpg") && q_is(&run, "Files.photo.size", "4095") &&
	   q_is(&run, "Files.photo.oversize", "0"), "cgi: Files.photo describes the first file of that name");
	ok(file_is(&run.form, "photo", data, 4095), "cgi: 4095-byte file ending in CR byte-identical");
	ok(run.consumed == run.body_len && run.reads_after_end >= 1, "cgi: body read to its end");
	ok(q(&run, "Query.evil") == NULL, "cgi: nothing parsed from the epilogue");
	ok(run.reads_after_end == 1, "cgi: the kit's own multipart parser did not run after ours");
	ok(run.unregistered, "cgi: multipart_unregister removes the callback");
	cgi_done(&run);

	/* The kit bug: same process, boundaries of other lengths, fields must all arrive. */
	for (n = 0; n < 300; n++) {
		char boundary[MP_BOUNDARY_MAX + 1];
		char ctype[120];
		size_t blen = 1 + rng_below(&rng, MP_BOUNDARY_MAX);
		size_t i;

		for (i = 0; i < blen; i++)
			boundary[i] = "abcdefghijklmnopqrstuvwxyz0123456789-_"[rng_below(&rng, 38)];
		boundary[blen] = '\0';
		snprintf(ctype, sizeof(ctype), "multipart/form-data; boundary=%s", boundary);
		b.len = 0;
		body_field(&b, boundary, "x", "1", 1);
		body_field(&b, boundary, "y", zh, strlen(zh));
		body_file(&b, boundary, "f", "f.bin", data, 4095);
		body_close(&b, boundary);
		cgi_run(&run, ctype, "", b.p, b.len, rng_below(&rng, 2) ? 4096 : CHUNK_RANDOM);
		if (run.err != STATUS_OK || !q_is(&run, "Query.x", "1") || !q_is(&run, "Query.y", zh) ||
		    !file_is(&run.form, "f", data, 4095))
			lost++;
		cgi_done(&run);
	}
	ok(lost == 0, "cgi: 300 requests with random boundaries in one process lose nothing (%d)", lost);

	/* A space before ';' makes the kit's type "multipart/form-data ": still ours. */
	b.len = 0;
	body_field(&b, B, "s", "spaced", 6);
	body_close(&b, B);
	cgi_run(&run, "multipart/form-data ; boundary=" B, "", b.p, b.len, 4096);
	ok(run.err == STATUS_OK && q_is(&run, "Query.s", "spaced"), "cgi: type with a space before ';' handled");
	cgi_done(&run);

	cgi_run(&run, "Multipart/Form-Data; boundary=" B, "", b.p, b.len, 4096);
	ok(run.err == STATUS_OK && q_is(&run, "Query.s", "spaced"), "cgi: media type matched case-insensitively");
	cgi_done(&run);

	/* Malformed: NERR_PARSE, and nothing from the body lands in Query. */
	b.len = 0;
	body_field(&b, B, "m", "1", 1);
	body_field(&b, B, "n", "x\0y", 3);
	body_close(&b, B);
	cgi_run(&run, CT, "", b.p, b.len, 4096);
	ok(run.err != STATUS_OK && nerr_match(run.err, NERR_PARSE), "cgi: malformed body gives NERR_PARSE");
	ok(q(&run, "Query.m") == NULL, "cgi: no Query values from a rejected body");
	cgi_done(&run);

	cgi_run(&run, "multipart/form-data", "", b.p, b.len, 4096);
	ok(run.err != STATUS_OK && nerr_match(run.err, NERR_PARSE), "cgi: missing boundary gives NERR_PARSE");
	cgi_done(&run);

	/* Oversize file through the glue. */
	{
		unsigned char *big = calloc(1, 1048577);

		b.len = 0;
		body_file(&b, B, "img", "big.png", big, 1048577);
		body_field(&b, B, "after", "1", 1);
		body_close(&b, B);
		cgi_run(&run, CT, "", b.p, b.len, CHUNK_RANDOM);
		ok(run.err == STATUS_OK && q_is(&run, "Files.img.oversize", "1") && q_is(&run, "Files.img.size", "0") &&
		   q_is(&run, "Query.after", "1"), "cgi: oversize file flagged, later field kept");
		cgi_done(&run);
		free(big);
	}

	/* Other content types stay with the kit. */
	cgi_run(&run, "application/x-www-form-urlencoded", "", "u=v%20w", 7, 4096);
	ok(run.err == STATUS_OK && q_is(&run, "Query.u", "v w"), "cgi: urlencoded POST still parsed by the kit");
	cgi_done(&run);

	buf_free(&b);
	free(data);
}

int
main(void)
{
	test_simple();
	test_chinese();
	test_file_sizes();
	test_chunk_edges();
	test_random_bodies();
	test_boundaries();
	test_oversize();
	test_malformed();
	test_names_and_headers();
	test_fuzz();
	test_cgi();
	tap_print();
	return tests_failed > 0;
}
