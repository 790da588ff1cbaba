/* image-test.c: TAP unit tests for fcgi/image.c (type sniffing by magic and header, truncations, random mutations) */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/image.h"

/* Random mutations run by default; argv[1] overrides (fewer under valgrind). */
#define MUTATIONS_DEFAULT 100000UL

/*
 * TAP wants the plan ("1..N") first; results are kept and printed at the
 * end so that adding an assertion never means counting by hand.
 */
struct result {
	int pass;
	char name[128];
	char diag[256];
};

static struct result results[512];
static size_t result_count;
static int overflowed;

/* How many random mutations were accepted, for a closing TAP comment. */
static unsigned long mutations_accepted;

static void
record(int pass, const char *name, const char *diag)
{
	struct result *r;

	if (result_count == sizeof(results) / sizeof(results[0])) {
		overflowed = 1;
		return;
	}
	r = &results[result_count++];
	r->pass = pass;
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->diag, sizeof(r->diag), "%s", diag != NULL ? diag : "");
}

static void
ok(int cond, const char *name)
{
	record(cond, name, NULL);
}

/*
 * Sniffs a heap copy of exactly len bytes, so that AddressSanitizer and
 * valgrind see any read past the end.  *out starts as garbage to prove
 * that image_sniff sets every field.
 */
static int
sniff_copy(const unsigned char *data, size_t len, struct image_info *out)
{
	unsigned char *copy;
	int rc;

	copy = malloc(len > 0 ? len : 1);
	if (copy == NULL) {
		perror("malloc");
		exit(2);
	}
	if (len > 0)
		memcpy(copy, data, len);
	memset(out, 0xa5, sizeof(*out));
	rc = image_sniff(copy, len, out);
	free(copy);
	return rc;
}

static const char *
type_name(enum image_type t)
{
	switch (t) {
	case IMAGE_NONE:
		return "none";
	case IMAGE_JPEG:
		return "jpeg";
	case IMAGE_PNG:
		return "png";
	case IMAGE_GIF:
		return "gif";
	case IMAGE_BMP:
		return "bmp";
	}
	return "?";
}

static const char *
type_ext(enum image_type t)
{
	switch (t) {
	case IMAGE_JPEG:
		return "jpg";
	case IMAGE_PNG:
		return "png";
	case IMAGE_GIF:
		return "gif";
	case IMAGE_BMP:
		return "bmp";
	case IMAGE_NONE:
		break;
	}
	return NULL;
}

/* data must be accepted as type with these sizes, mime and extension. */
static void
expect_image(const unsigned char *data, size_t len, enum image_type type,
    unsigned int width, unsigned int height, const char *name)
{
	struct image_info info;
	char diag[256];
	int rc, pass;

	rc = sniff_copy(data, len, &info);
	pass = rc == 0 && info.type == type && info.width == width &&
	    info.height == height && info.mime != NULL &&
	    image_mime(type) != NULL && strcmp(info.mime, image_mime(type)) == 0 &&
	    info.ext != NULL && strcmp(info.ext, type_ext(type)) == 0;
	snprintf(diag, sizeof(diag), "rc %d, type %s %ux%u mime %s ext %s; want %s %ux%u",
	    rc, type_name(rc == 0 ? info.type : IMAGE_NONE), rc == 0 ? info.width : 0,
	    rc == 0 ? info.height : 0, rc == 0 && info.mime ? info.mime : "-",
	    rc == 0 && info.ext ? info.ext : "-", type_name(type), width, height);
	record(pass, name, pass ? NULL : diag);
}

/* data must be refused, and the result must say so in every field. */
static void
expect_reject(const unsigned char *data, size_t len, const char *name)
{
	struct image_info info;
	char diag[128];
	int rc, pass;

	rc = sniff_copy(data, len, &info);
	pass = rc == -1 && info.type == IMAGE_NONE && info.width == 0 &&
	    info.height == 0 && info.mime == NULL && info.ext == NULL;
	snprintf(diag, sizeof(diag), "rc %d, type %d %ux%u", rc, (int)info.type,
	    info.width, info.height);
	record(pass, name, pass ? NULL : diag);
}

static void
put_be16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
put_le16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* Appends n bytes at *pos; every builder buffer is sized for its worst case. */
static void
append(unsigned char *buf, size_t *pos, const void *bytes, size_t n)
{
	memcpy(buf + *pos, bytes, n);
	*pos += n;
}

/*
 * A bit-at-a-time CRC-32, deliberately unlike image.c's table version, so
 * that the PNGs built here check that code rather than repeat it.
 */
static uint32_t
crc32_bitwise(const unsigned char *p, size_t len)
{
	uint32_t crc = 0xffffffffu;
	size_t i;
	int bit;

	for (i = 0; i < len; i++) {
		crc ^= p[i];
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ ((crc & 1u) != 0 ? 0xedb88320u : 0);
	}
	return ~crc;
}

/* ---- PNG ---- */

static void
png_chunk(unsigned char *buf, size_t *pos, const char *type, const unsigned char *data,
    size_t len)
{
	unsigned char word[4];

	put_be32(word, (uint32_t)len);
	append(buf, pos, word, 4);
	append(buf, pos, type, 4);
	append(buf, pos, data, len);
	put_be32(word, crc32_bitwise(buf + *pos - len - 4, len + 4));
	append(buf, pos, word, 4);
}

/* Rewrites the IHDR CRC after a test has changed a field. */
static void
png_fix_crc(unsigned char *png)
{
	put_be32(png + 29, crc32_bitwise(png + 12, 17));
}

/*
 * A complete PNG: IHDR, one IDAT holding a zlib stream with a single
 * stored block of one filter byte plus one 8-bit grey pixel (right for
 * 1x1 greyscale; other headers only need the IHDR to be right), IEND.
 */
static size_t
build_png(unsigned char *buf, uint32_t width, uint32_t height, unsigned int depth,
    unsigned int colour)
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	static const unsigned char idat[] = {
		0x78, 0x01,			/* zlib: deflate, 32K window, no dictionary */
		0x01, 0x02, 0x00, 0xfd, 0xff,	/* final stored block, LEN 2, NLEN */
		0x00, 0x80,			/* filter none, pixel 0x80 */
		0x00, 0x81, 0x00, 0x81,		/* Adler-32 of 00 80 */
	};
	unsigned char ihdr[13];
	size_t pos = 0;

	append(buf, &pos, signature, sizeof(signature));
	put_be32(ihdr, width);
	put_be32(ihdr + 4, height);
	ihdr[8] = (unsigned char)depth;
	ihdr[9] = (unsigned char)colour;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	png_chunk(buf, &pos, "IHDR", ihdr, sizeof(ihdr));
	png_chunk(buf, &pos, "IDAT", idat, sizeof(idat));
	png_chunk(buf, &pos, "IEND", (const unsigned char *)"", 0);
	return pos;
}

/* The well-known 1x1 transparent PNG (RGBA), as written by a real encoder. */
static const unsigned char real_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
	0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* ---- JPEG ---- */

/*
 * SOI, APP0 (JFIF), DQT, SOF (marker sof, three components), DHT, SOS, two
 * bytes of scan data, EOI.  *sof_at is where the SOF segment starts and
 * *header_len where it ends: the shortest prefix that must be accepted.
 */
static size_t
build_jpeg(unsigned char *buf, unsigned char sof, uint32_t width, uint32_t height,
    size_t *sof_at, size_t *header_len)
{
	static const unsigned char soi_app0[] = {
		0xff, 0xd8,
		0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01,
		0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
	};
	static const unsigned char frame_tail[] = {
		0x03,				/* three components */
		0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
	};
	static const unsigned char dht[] = {
		0xff, 0xc4, 0x00, 0x14, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00,
	};
	static const unsigned char sos_eoi[] = {
		0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11,
		0x00, 0x3f, 0x00,
		0x00, 0x00,			/* scan data */
		0xff, 0xd9,
	};
	unsigned char segment[9];
	size_t pos = 0;

	append(buf, &pos, soi_app0, sizeof(soi_app0));
	/* DQT: 8-bit table 0, all ones */
	segment[0] = 0xff;
	segment[1] = 0xdb;
	put_be16(segment + 2, 2 + 1 + 64);
	segment[4] = 0x00;
	append(buf, &pos, segment, 5);
	memset(buf + pos, 1, 64);
	pos += 64;
	*sof_at = pos;
	segment[0] = 0xff;
	segment[1] = sof;
	put_be16(segment + 2, 8 + 3 * 3);
	segment[4] = 8;			/* precision */
	put_be16(segment + 5, height);
	put_be16(segment + 7, width);
	append(buf, &pos, segment, 9);
	append(buf, &pos, frame_tail, sizeof(frame_tail));
	*header_len = pos;
	append(buf, &pos, dht, sizeof(dht));
	append(buf, &pos, sos_eoi, sizeof(sos_eoi));
	return pos;
}

/* ---- GIF ---- */

/* The classic 1x1 GIF: global table of two colours, one image, LZW data, trailer. */
static size_t
build_gif(unsigned char *buf, const char *version, uint32_t width, uint32_t height)
{
	static const unsigned char rest[] = {
		0x80, 0x00, 0x00,			/* global table, 2 entries */
		0xff, 0xff, 0xff, 0x00, 0x00, 0x00,
		0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
		0x02, 0x02, 0x44, 0x01, 0x00,		/* LZW min 2, one sub-block */
		0x3b,
	};
	size_t pos = 0;

	append(buf, &pos, version, 6);
	put_le16(buf + pos, width);
	put_le16(buf + pos + 2, height);
	pos += 4;
	append(buf, &pos, rest, sizeof(rest));
	return pos;
}

/* ---- BMP ---- */

#define BMP_WIDTH 18	/* offsets for DIB headers of 40 bytes and more */
#define BMP_HEIGHT 22
#define BMP_PLANES 26
#define BMP_BITS 28

/*
 * A complete uncompressed BMP: file header, DIB header of dib_size bytes,
 * a grey palette for bits <= 8, rows padded to 4 bytes.  A negative height
 * makes it top-down.  Small sizes only: buf holds 4096 bytes.
 */
static size_t
build_bmp(unsigned char *buf, uint32_t dib_size, int32_t width, int32_t height,
    unsigned int bits)
{
	uint32_t rows = height < 0 ? (uint32_t)-height : (uint32_t)height;
	size_t palette = bits <= 8 ? (size_t)1 << bits : 0;
	size_t entry = dib_size == 12 ? 3 : 4;
	size_t row_size = ((size_t)bits * (size_t)width + 31) / 32 * 4;
	size_t offset = 14 + dib_size + palette * entry, i;
	size_t total = offset + row_size * rows;

	memset(buf, 0, total);
	buf[0] = 'B';
	buf[1] = 'M';
	put_le32(buf + 2, (uint32_t)total);
	put_le32(buf + 10, (uint32_t)offset);
	put_le32(buf + 14, dib_size);
	if (dib_size == 12) {
		put_le16(buf + 18, (uint32_t)width);
		put_le16(buf + 20, (uint32_t)height);
		put_le16(buf + 22, 1);
		put_le16(buf + 24, bits);
	} else {
		put_le32(buf + BMP_WIDTH, (uint32_t)width);
		put_le32(buf + BMP_HEIGHT, (uint32_t)height);
		put_le16(buf + BMP_PLANES, 1);
		put_le16(buf + BMP_BITS, bits);
		put_le32(buf + 34, (uint32_t)(row_size * rows));	/* image size */
		put_le32(buf + 38, 2835);			/* 72 dpi */
		put_le32(buf + 42, 2835);
		if (dib_size >= 108)
			put_le32(buf + 14 + 56, 0x73524742);	/* LCS_sRGB */
		if (dib_size == 124)
			put_le32(buf + 14 + 108, 4);		/* LCS_GM_IMAGES */
	}
	for (i = 0; i < palette; i++) {
		unsigned char grey = (unsigned char)(i * 255 / (palette - 1));

		memset(buf + 14 + dib_size + i * entry, grey, 3);
	}
	memset(buf + offset, 0x7f, row_size * rows);
	return total;
}

/* ---- the samples every generic test runs over ---- */

struct sample {
	const char *name;
	unsigned char data[4096];
	size_t len;
	size_t header_len;	/* shortest prefix that is accepted */
	enum image_type type;
	unsigned int width, height;
};

static struct sample samples[16];
static size_t sample_count;

static struct sample *
sample_add(const char *name, enum image_type type, unsigned int width, unsigned int height)
{
	struct sample *s = &samples[sample_count++];

	s->name = name;
	s->type = type;
	s->width = width;
	s->height = height;
	return s;
}

static void
build_samples(void)
{
	struct sample *s;
	size_t sof_at;

	s = sample_add("png 1x1 grey", IMAGE_PNG, 1, 1);
	s->len = build_png(s->data, 1, 1, 8, 0);
	s->header_len = 33;

	s = sample_add("png real 1x1 rgba", IMAGE_PNG, 1, 1);
	memcpy(s->data, real_png, sizeof(real_png));
	s->len = sizeof(real_png);
	s->header_len = 33;

	s = sample_add("jpeg baseline 640x480", IMAGE_JPEG, 640, 480);
	s->len = build_jpeg(s->data, 0xc0, 640, 480, &sof_at, &s->header_len);

	s = sample_add("jpeg progressive 3x7", IMAGE_JPEG, 3, 7);
	s->len = build_jpeg(s->data, 0xc2, 3, 7, &sof_at, &s->header_len);

	s = sample_add("gif87a 1x1", IMAGE_GIF, 1, 1);
	s->len = build_gif(s->data, "GIF87a", 1, 1);
	s->header_len = 13;

	s = sample_add("gif89a 300x200", IMAGE_GIF, 300, 200);
	s->len = build_gif(s->data, "GIF89a", 300, 200);
	s->header_len = 13;

	/* A BMP is accepted once the pixel data has begun: offset + 1 bytes. */
	s = sample_add("bmp 40-byte 1x1 24bpp", IMAGE_BMP, 1, 1);
	s->len = build_bmp(s->data, 40, 1, 1, 24);
	s->header_len = 14 + 40 + 1;

	s = sample_add("bmp 124-byte 5x3 32bpp top-down", IMAGE_BMP, 5, 3);
	s->len = build_bmp(s->data, 124, 5, -3, 32);
	s->header_len = 14 + 124 + 1;

	s = sample_add("bmp 12-byte core 2x2 8bpp", IMAGE_BMP, 2, 2);
	s->len = build_bmp(s->data, 12, 2, 2, 8);
	s->header_len = 14 + 12 + 256 * 3 + 1;

	s = sample_add("bmp 40-byte 3x2 1bpp", IMAGE_BMP, 3, 2);
	s->len = build_bmp(s->data, 40, 3, 2, 1);
	s->header_len = 14 + 40 + 2 * 4 + 1;
}

/* ---- tests ---- */

static void
test_crc(void)
{
	unsigned char png[256];

	/* The CRC-32 check value from the PNG spec's reference algorithm. */
	ok(crc32_bitwise((const unsigned char *)"123456789", 9) == 0xcbf43926u,
	    "test crc32 gives the standard check value");
	build_png(png, 1, 1, 8, 6);
	ok(memcmp(png, real_png, 33) == 0,
	    "test png builder reproduces a real encoder's signature and ihdr");
}

static void
test_valid_samples(void)
{
	char name[128];
	size_t i;

	for (i = 0; i < sample_count; i++) {
		snprintf(name, sizeof(name), "accepts %s", samples[i].name);
		expect_image(samples[i].data, samples[i].len, samples[i].type,
		    samples[i].width, samples[i].height, name);
	}
}

/* Every prefix of every sample: no crash, no read past the end, the right verdict. */
static void
test_truncations(void)
{
	struct image_info info;
	char name[128], diag[128];
	size_t i, n;
	int rc;

	for (i = 0; i < sample_count; i++) {
		const struct sample *s = &samples[i];
		size_t bad_short = 0, bad_long = 0, first_short = 0, first_long = 0;

		for (n = 0; n <= s->len; n++) {
			rc = sniff_copy(s->data, n, &info);
			if (n < s->header_len && (rc != -1 || info.type != IMAGE_NONE)) {
				if (bad_short++ == 0)
					first_short = n;
			}
			if (n >= s->header_len && (rc != 0 || info.type != s->type ||
			    info.width != s->width || info.height != s->height)) {
				if (bad_long++ == 0)
					first_long = n;
			}
		}
		snprintf(name, sizeof(name), "%s: every prefix under %zu bytes rejected",
		    s->name, s->header_len);
		snprintf(diag, sizeof(diag), "%zu accepted, first at length %zu", bad_short,
		    first_short);
		record(bad_short == 0, name, bad_short == 0 ? NULL : diag);
		snprintf(name, sizeof(name), "%s: every prefix from %zu bytes accepted",
		    s->name, s->header_len);
		snprintf(diag, sizeof(diag), "%zu rejected, first at length %zu", bad_long,
		    first_long);
		record(bad_long == 0, name, bad_long == 0 ? NULL : diag);
	}
}

static void
test_png(void)
{
	unsigned char png[256];
	size_t len;

	len = build_png(png, 20000, 5000, 8, 2);
	expect_image(png, len, IMAGE_PNG, 20000, 5000, "png 20000x5000 is exactly the pixel limit");
	len = build_png(png, 20000, 5001, 8, 2);
	expect_reject(png, len, "png 20000x5001 is over the pixel limit");
	len = build_png(png, 20001, 1, 8, 2);
	expect_reject(png, len, "png width 20001 rejected");
	len = build_png(png, 1, 20001, 8, 2);
	expect_reject(png, len, "png height 20001 rejected");
	len = build_png(png, 0, 1, 8, 2);
	expect_reject(png, len, "png width 0 rejected");
	len = build_png(png, 1, 0, 8, 2);
	expect_reject(png, len, "png height 0 rejected");
	len = build_png(png, 0x80000000u, 1, 8, 2);
	expect_reject(png, len, "png width 2^31 rejected");
	len = build_png(png, 0xffffffffu, 0xffffffffu, 8, 2);
	expect_reject(png, len, "png 2^32-1 square rejected");

	len = build_png(png, 2, 3, 16, 0);
	expect_image(png, len, IMAGE_PNG, 2, 3, "png 16-bit grey accepted");
	len = build_png(png, 4, 4, 4, 3);
	expect_image(png, len, IMAGE_PNG, 4, 4, "png 4-bit indexed accepted");
	len = build_png(png, 4, 4, 16, 4);
	expect_image(png, len, IMAGE_PNG, 4, 4, "png 16-bit grey+alpha accepted");
	len = build_png(png, 1, 1, 4, 2);
	expect_reject(png, len, "png 4-bit truecolour rejected");
	len = build_png(png, 1, 1, 16, 3);
	expect_reject(png, len, "png 16-bit indexed rejected");
	len = build_png(png, 1, 1, 8, 5);
	expect_reject(png, len, "png colour type 5 rejected");
	len = build_png(png, 1, 1, 8, 7);
	expect_reject(png, len, "png colour type 7 rejected");
	len = build_png(png, 1, 1, 3, 0);
	expect_reject(png, len, "png bit depth 3 rejected");
	len = build_png(png, 1, 1, 32, 0);
	expect_reject(png, len, "png bit depth 32 rejected");

	len = build_png(png, 1, 1, 8, 0);
	png[26] = 1;
	png_fix_crc(png);
	expect_reject(png, len, "png compression method 1 rejected");
	len = build_png(png, 1, 1, 8, 0);
	png[27] = 1;
	png_fix_crc(png);
	expect_reject(png, len, "png filter method 1 rejected");
	len = build_png(png, 1, 1, 8, 0);
	png[28] = 1;
	png_fix_crc(png);
	expect_image(png, len, IMAGE_PNG, 1, 1, "png adam7 interlace accepted");
	png[28] = 2;
	png_fix_crc(png);
	expect_reject(png, len, "png interlace method 2 rejected");

	len = build_png(png, 1, 1, 8, 0);
	png[32] ^= 0x01;
	expect_reject(png, len, "png with bad ihdr crc rejected");
	len = build_png(png, 1, 1, 8, 0);
	png[19] = 2;	/* width 1 -> 2 without fixing the CRC */
	expect_reject(png, len, "png with edited width and stale crc rejected");
	len = build_png(png, 1, 1, 8, 0);
	put_be32(png + 8, 14);
	expect_reject(png, len, "png ihdr length 14 rejected");
	len = build_png(png, 1, 1, 8, 0);
	memcpy(png + 12, "IHDr", 4);
	png_fix_crc(png);
	expect_reject(png, len, "png first chunk not ihdr rejected");
	len = build_png(png, 1, 1, 8, 0);
	png[4] = '\n';	/* the signature's CR LF, as a text-mode transfer would leave it */
	expect_reject(png, len, "png with mangled signature rejected");
}

static void
test_jpeg(void)
{
	unsigned char jpeg[512], alt[512];
	size_t len, sof_at, header_len, pos;
	static const unsigned char no_sof[] = {
		0xff, 0xd8,
		0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01,
		0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
		0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
		/* scan data that looks like a frame header must not count */
		0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
		0xff, 0xd9,
	};
	static const unsigned char only_eoi[] = { 0xff, 0xd8, 0xff, 0xd9 };
	static const unsigned char standalone[] = {
		0xff, 0xd8,
		0xff, 0x01,			/* TEM */
		0xff, 0xd0, 0xff, 0xd7,		/* RST0, RST7 */
		0xff, 0xff, 0xff,		/* fill bytes */
		0xc1, 0x00, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00,
	};
	static const unsigned char dht_like_sof[] = {
		0xff, 0xd8,
		0xff, 0xc4, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
		0xff, 0xc8, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
		0xff, 0xcc, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
		0xff, 0xd9,
	};

	expect_reject(no_sof, sizeof(no_sof), "jpeg with sos before any sof rejected");
	expect_reject(only_eoi, sizeof(only_eoi), "jpeg soi eoi only rejected");
	expect_image(standalone, sizeof(standalone), IMAGE_JPEG, 16, 32,
	    "jpeg with tem, rst and fill bytes before sof1 accepted");
	expect_reject(dht_like_sof, sizeof(dht_like_sof),
	    "jpeg dht, jpg, dac segments not taken for sof");

	len = build_jpeg(jpeg, 0xc0, 20000, 5000, &sof_at, &header_len);
	expect_image(jpeg, len, IMAGE_JPEG, 20000, 5000, "jpeg 20000x5000 accepted");
	len = build_jpeg(jpeg, 0xc0, 20000, 5001, &sof_at, &header_len);
	expect_reject(jpeg, len, "jpeg 20000x5001 over the pixel limit");
	len = build_jpeg(jpeg, 0xc0, 20001, 1, &sof_at, &header_len);
	expect_reject(jpeg, len, "jpeg width 20001 rejected");
	len = build_jpeg(jpeg, 0xc0, 0, 1, &sof_at, &header_len);
	expect_reject(jpeg, len, "jpeg width 0 rejected");
	len = build_jpeg(jpeg, 0xc0, 1, 0, &sof_at, &header_len);
	expect_reject(jpeg, len, "jpeg height 0 (dnl) rejected");
	len = build_jpeg(jpeg, 0xcf, 65535, 65535, &sof_at, &header_len);
	expect_reject(jpeg, len, "jpeg 65535x65535 rejected");

	/* A segment length that points past the end. */
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	put_be16(jpeg + 4, 0xfff0);
	expect_reject(jpeg, len, "jpeg app0 length past the end rejected");
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	put_be16(jpeg + sof_at + 2, (uint32_t)(len - sof_at - 2 + 1));
	expect_reject(jpeg, len, "jpeg sof length one past the end rejected");
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	put_be16(jpeg + 4, 1);
	expect_reject(jpeg, len, "jpeg segment length 1 rejected");
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	put_be16(jpeg + 4, 0);
	expect_reject(jpeg, len, "jpeg segment length 0 rejected");
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	put_be16(jpeg + 4, 0x12);	/* two bytes long: the next "marker" is not FF */
	expect_reject(jpeg, len, "jpeg segment length landing off a marker rejected");
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	put_be16(jpeg + sof_at + 2, 8 + 3 * 2);
	expect_reject(jpeg, len, "jpeg sof length disagreeing with components rejected");
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	jpeg[sof_at + 4] = 0;
	expect_reject(jpeg, len, "jpeg sof precision 0 rejected");
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	jpeg[sof_at + 9] = 0;
	expect_reject(jpeg, len, "jpeg sof with zero components rejected");

	/* The SOF after a large APP1 (as EXIF puts it) is still found. */
	len = build_jpeg(jpeg, 0xc0, 8, 9, &sof_at, &header_len);
	pos = 0;
	append(alt, &pos, jpeg, 2);
	alt[pos++] = 0xff;
	alt[pos++] = 0xe1;
	put_be16(alt + pos, 2 + 200);
	pos += 2;
	memset(alt + pos, 0xff, 200);	/* payload full of FF must be skipped, not parsed */
	pos += 200;
	append(alt, &pos, jpeg + 2, len - 2);
	expect_image(alt, pos, IMAGE_JPEG, 8, 9, "jpeg with 200-byte app1 of ff bytes accepted");

	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	jpeg[2] = 0x00;
	expect_reject(jpeg, len, "jpeg ff d8 00 rejected");
	/* A second SOI, laid out so that reading it as a segment would reach the SOF. */
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	pos = 0;
	append(alt, &pos, jpeg, 2);
	append(alt, &pos, "\xff\xd8\x00\x04\x00\x00", 6);
	append(alt, &pos, jpeg + sof_at, len - sof_at);
	expect_reject(alt, pos, "jpeg second soi rejected");
	alt[3] = 0xe0;
	expect_image(alt, pos, IMAGE_JPEG, 8, 8, "jpeg same bytes with app0 instead accepted");
	len = build_jpeg(jpeg, 0xc0, 8, 8, &sof_at, &header_len);
	jpeg[sof_at + 1] = 0x00;
	expect_reject(jpeg, len, "jpeg ff 00 outside scan data rejected");
	expect_reject(jpeg, 3, "jpeg magic alone rejected");
	memset(alt, 0xff, 64);
	alt[1] = 0xd8;
	expect_reject(alt, 64, "jpeg soi then only fill bytes rejected");
}

static void
test_gif(void)
{
	unsigned char gif[64];
	size_t len;

	len = build_gif(gif, "GIF89a", 20000, 5000);
	expect_image(gif, len, IMAGE_GIF, 20000, 5000, "gif 20000x5000 accepted");
	len = build_gif(gif, "GIF89a", 20000, 5001);
	expect_reject(gif, len, "gif 20000x5001 over the pixel limit");
	len = build_gif(gif, "GIF89a", 20001, 1);
	expect_reject(gif, len, "gif width 20001 rejected");
	len = build_gif(gif, "GIF89a", 0, 1);
	expect_reject(gif, len, "gif width 0 rejected");
	len = build_gif(gif, "GIF89a", 1, 0);
	expect_reject(gif, len, "gif height 0 rejected");
	len = build_gif(gif, "GIF88a", 1, 1);
	expect_reject(gif, len, "gif88a rejected");
	len = build_gif(gif, "gif89a", 1, 1);
	expect_reject(gif, len, "lower-case gif89a rejected");
	build_gif(gif, "GIF89a", 1, 1);
	expect_image(gif, 13, IMAGE_GIF, 1, 1, "gif of exactly 13 bytes accepted");
	expect_reject((const unsigned char *)"GIF89a\x01\x00\x01\x00", 10,
	    "10-byte GIF89a polyglot rejected");
	/* "<s" and "cr" read as 29500x29283: over the limit */
	expect_reject((const unsigned char *)"GIF89a<script>alert(1)</script>", 31,
	    "GIF89a followed by a script rejected by its size");
}

static void
test_bmp(void)
{
	unsigned char bmp[4096];
	size_t len;

	len = build_bmp(bmp, 40, 1, 1, 24);
	put_le32(bmp + BMP_WIDTH, 20000);
	put_le32(bmp + BMP_HEIGHT, 5000);
	expect_image(bmp, len, IMAGE_BMP, 20000, 5000, "bmp 20000x5000 header accepted");
	put_le32(bmp + BMP_HEIGHT, (uint32_t)-5000);
	expect_image(bmp, len, IMAGE_BMP, 20000, 5000, "bmp 20000x-5000 top-down accepted");
	put_le32(bmp + BMP_HEIGHT, 5001);
	expect_reject(bmp, len, "bmp 20000x5001 over the pixel limit");
	put_le32(bmp + BMP_WIDTH, 20001);
	put_le32(bmp + BMP_HEIGHT, 1);
	expect_reject(bmp, len, "bmp width 20001 rejected");

	len = build_bmp(bmp, 40, 1, 1, 24);
	put_le32(bmp + BMP_HEIGHT, 0x80000000u);
	expect_reject(bmp, len, "bmp height int32_min rejected");
	put_le32(bmp + BMP_HEIGHT, 0x80000001u);
	expect_reject(bmp, len, "bmp height -int32_max rejected");
	put_le32(bmp + BMP_HEIGHT, 0);
	expect_reject(bmp, len, "bmp height 0 rejected");
	put_le32(bmp + BMP_HEIGHT, 1);
	put_le32(bmp + BMP_WIDTH, 0);
	expect_reject(bmp, len, "bmp width 0 rejected");
	put_le32(bmp + BMP_WIDTH, (uint32_t)-1);
	expect_reject(bmp, len, "bmp width -1 rejected");
	put_le32(bmp + BMP_WIDTH, 0x80000000u);
	expect_reject(bmp, len, "bmp width int32_min rejected");

	len = build_bmp(bmp, 40, 1, 1, 24);
	put_le16(bmp + BMP_PLANES, 2);
	expect_reject(bmp, len, "bmp planes 2 rejected");
	put_le16(bmp + BMP_PLANES, 0);
	expect_reject(bmp, len, "bmp planes 0 rejected");
	len = build_bmp(bmp, 40, 1, 1, 24);
	put_le16(bmp + BMP_BITS, 7);
	expect_reject(bmp, len, "bmp 7 bits per pixel rejected");
	put_le16(bmp + BMP_BITS, 0);
	expect_reject(bmp, len, "bmp 0 bits per pixel (embedded jpeg/png) rejected");
	put_le16(bmp + BMP_BITS, 48);
	expect_reject(bmp, len, "bmp 48 bits per pixel rejected");
	len = build_bmp(bmp, 40, 2, 2, 16);
	expect_image(bmp, len, IMAGE_BMP, 2, 2, "bmp 16 bits per pixel accepted");
	len = build_bmp(bmp, 40, 2, 2, 4);
	expect_image(bmp, len, IMAGE_BMP, 2, 2, "bmp 4 bits per pixel accepted");
	len = build_bmp(bmp, 108, 2, 2, 24);
	expect_image(bmp, len, IMAGE_BMP, 2, 2, "bmp 108-byte v4 header accepted");

	len = build_bmp(bmp, 40, 1, 1, 24);
	put_le32(bmp + 14, 20);
	expect_reject(bmp, len, "bmp dib header size 20 rejected");
	put_le32(bmp + 14, 0xffffffffu);
	expect_reject(bmp, len, "bmp dib header size 2^32-1 rejected");
	len = build_bmp(bmp, 40, 1, 1, 24);
	put_le32(bmp + 10, (uint32_t)len);
	expect_reject(bmp, len, "bmp pixel offset at the end of data rejected");
	put_le32(bmp + 10, 0xffffffffu);
	expect_reject(bmp, len, "bmp pixel offset 2^32-1 rejected");
	put_le32(bmp + 10, 14 + 40 - 1);
	expect_reject(bmp, len, "bmp pixel offset inside the dib header rejected");
	put_le32(bmp + 10, 14 + 40);
	put_le32(bmp + 2, 0);
	expect_image(bmp, len, IMAGE_BMP, 1, 1, "bmp with file-size field 0 still accepted");
	len = build_bmp(bmp, 12, 2, 2, 8);
	put_le16(bmp + 22, 2);
	expect_reject(bmp, len, "bmp core header planes 2 rejected");
	len = build_bmp(bmp, 12, 2, 2, 8);
	put_le16(bmp + 18, 0xffff);
	put_le16(bmp + 20, 0xffff);
	expect_reject(bmp, len, "bmp core header 65535x65535 rejected");
	/* Core header sizes are unsigned: 0xffff is 65535 tall, not -1. */
	len = build_bmp(bmp, 12, 2, 2, 8);
	put_le16(bmp + 20, 0xffff);
	expect_reject(bmp, len, "bmp core header height 0xffff not taken as -1");
}

static void
test_other_formats(void)
{
	static const char svg[] =
	    "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" "
	    "height=\"1\"><script>alert(1)</script></svg>";
	static const char html[] =
	    "<!DOCTYPE html><html><head><title>x</title></head><body>"
	    "<img src=x onerror=alert(1)></body></html>";
	static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";
	static const unsigned char webp[] = {
		'R', 'I', 'F', 'F', 0x24, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
		'V', 'P', '8', 'L', 0x0d, 0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00,
		0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00,
	};
	static const unsigned char tiff_le[] = {
		'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	static const unsigned char tiff_be[] = {
		'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	static const unsigned char ico[] = {
		0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x10, 0x00, 0x00,
		0x01, 0x00, 0x20, 0x00, 0x68, 0x04, 0x00, 0x00, 0x16, 0x00,
	};
	static const unsigned char zip[] = {
		'P', 'K', 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00";
	unsigned char zeros[64] = { 0 };
	struct image_info info;

	expect_reject((const unsigned char *)svg, sizeof(svg) - 1, "svg rejected");
	expect_reject((const unsigned char *)html, sizeof(html) - 1, "html page rejected");
	expect_reject((const unsigned char *)pdf, sizeof(pdf) - 1, "pdf header rejected");
	expect_reject(webp, sizeof(webp), "webp (riff....webp) rejected");
	expect_reject(tiff_le, sizeof(tiff_le), "little-endian tiff rejected");
	expect_reject(tiff_be, sizeof(tiff_be), "big-endian tiff rejected");
	expect_reject(ico, sizeof(ico), "windows icon rejected");
	expect_reject(zip, sizeof(zip), "zip (docx) rejected");
	expect_reject((const unsigned char *)elf, sizeof(elf) - 1, "elf executable rejected");
	expect_reject(zeros, sizeof(zeros), "64 zero bytes rejected");
	expect_reject(zeros, 0, "empty upload rejected");

	memset(&info, 0xa5, sizeof(info));
	ok(image_sniff(NULL, 0, &info) == -1 && info.type == IMAGE_NONE,
	    "null data rejected");
}

static void
test_mime(void)
{
	struct image_info info;

	ok(image_mime(IMAGE_NONE) == NULL, "image_mime of none is null");
	ok(image_mime(IMAGE_JPEG) != NULL && strcmp(image_mime(IMAGE_JPEG), "image/jpeg") == 0,
	    "image_mime of jpeg");
	ok(image_mime(IMAGE_PNG) != NULL && strcmp(image_mime(IMAGE_PNG), "image/png") == 0,
	    "image_mime of png");
	ok(image_mime(IMAGE_GIF) != NULL && strcmp(image_mime(IMAGE_GIF), "image/gif") == 0,
	    "image_mime of gif");
	ok(image_mime(IMAGE_BMP) != NULL && strcmp(image_mime(IMAGE_BMP), "image/bmp") == 0,
	    "image_mime of bmp");
	ok(image_mime((enum image_type)(IMAGE_BMP + 1)) == NULL,
	    "image_mime one past the last type is null");
	ok(image_mime((enum image_type)99) == NULL, "image_mime of an unknown value is null");

	/* A reused struct must not keep the previous image's fields. */
	image_sniff(samples[0].data, samples[0].len, &info);
	image_sniff((const unsigned char *)"BM", 2, &info);
	ok(info.type == IMAGE_NONE && info.mime == NULL && info.ext == NULL &&
	    info.width == 0 && info.height == 0, "reject clears a reused result");
}

/* xorshift64: deterministic across libcs, unlike rand(). */
static uint64_t prng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
prng_next(void)
{
	uint64_t x = prng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	prng_state = x;
	return x;
}

static size_t
prng_below(size_t n)
{
	return (size_t)(prng_next() % n);
}

/*
 * Random damage to the samples: bytes set, bits flipped, interesting
 * values written, truncation, random tails.  Each buffer is exactly its
 * length on the heap, so the sanitizers see any overread.  Beyond "no
 * crash", every verdict must be self-consistent: an accepted buffer has
 * the magic of its type and sane sizes; a refused one is all zeros.
 */
static void
test_mutations(unsigned long count)
{
	static const unsigned char interesting[] = {
		0x00, 0x01, 0x02, 0x7f, 0x80, 0xc0, 0xc4, 0xd8, 0xd9, 0xda, 0xff,
	};
	unsigned char buf[4096 + 64];
	struct image_info info;
	unsigned long i, accepted = 0, inconsistent = 0;
	char name[128], diag[128];

	for (i = 0; i < count; i++) {
		const struct sample *s = &samples[prng_below(sample_count)];
		size_t len = s->len, edits = 1 + prng_below(4), e;
		int rc;

		memcpy(buf, s->data, s->len);
		for (e = 0; e < edits && len > 0; e++) {
			size_t at;

			/* Most damage lands in the header, where the parsers look. */
			at = prng_below(prng_below(4) == 0 ? len : (len < 64 ? len : 64));
			switch (prng_below(6)) {
			case 0:
				buf[at] = (unsigned char)prng_next();
				break;
			case 1:
				buf[at] ^= (unsigned char)(1u << prng_below(8));
				break;
			case 2:
				buf[at] = interesting[prng_below(sizeof(interesting))];
				break;
			case 3:
				len = prng_below(len + 1);
				break;
			case 4:
				while (len < sizeof(buf) && prng_below(8) != 0)
					buf[len++] = (unsigned char)prng_next();
				break;
			default:
				/* a big-endian or little-endian 16-bit field gone extreme */
				if (at + 1 < len) {
					buf[at] = prng_below(2) ? 0xff : 0x00;
					buf[at + 1] = prng_below(2) ? 0xff : 0x00;
				}
				break;
			}
		}
		rc = sniff_copy(buf, len, &info);
		if (rc == 0) {
			accepted++;
			if (info.width == 0 || info.height == 0 || info.width > IMAGE_DIM_MAX ||
			    info.height > IMAGE_DIM_MAX ||
			    (uint64_t)info.width * info.height > IMAGE_PIXELS_MAX ||
			    info.mime == NULL || info.ext == NULL ||
			    (info.type == IMAGE_JPEG && (len < 3 || buf[0] != 0xff || buf[1] != 0xd8)) ||
			    (info.type == IMAGE_PNG && (len < 33 || buf[0] != 0x89 || buf[1] != 'P')) ||
			    (info.type == IMAGE_GIF && (len < 13 || memcmp(buf, "GIF8", 4) != 0)) ||
			    (info.type == IMAGE_BMP && (len < 26 || memcmp(buf, "BM", 2) != 0)) ||
			    info.type == IMAGE_NONE)
				inconsistent++;
		} else if (rc != -1 || info.type != IMAGE_NONE || info.mime != NULL ||
		    info.width != 0) {
			inconsistent++;
		}
	}
	snprintf(name, sizeof(name), "%lu random mutations sniffed, every verdict consistent",
	    count);
	snprintf(diag, sizeof(diag), "%lu inconsistent verdicts", inconsistent);
	record(inconsistent == 0, name, inconsistent == 0 ? NULL : diag);
	mutations_accepted = accepted;
	snprintf(diag, sizeof(diag), "%lu of %lu accepted", accepted, count);
	record(count < 100 || (accepted > 0 && accepted < count),
	    "mutations exercise both the accept and the reject path", diag);
}

/* The mutation count from argv[1]: digits only, at most 100 million. */
static int
parse_count(const char *s, unsigned long *count)
{
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	*count = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || *count > 100000000UL)
		return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned long mutations = MUTATIONS_DEFAULT;
	size_t i, failed = 0;

	if (argc > 2 || (argc == 2 && parse_count(argv[1], &mutations) != 0)) {
		fprintf(stderr, "usage: %s [mutations]\n", argv[0]);
		return 2;
	}

	build_samples();
	test_crc();
	test_valid_samples();
	test_truncations();
	test_png();
	test_jpeg();
	test_gif();
	test_bmp();
	test_other_formats();
	test_mime();
	test_mutations(mutations);

	printf("1..%zu\n", result_count);
	for (i = 0; i < result_count; i++) {
		printf("%sok %zu - %s\n", results[i].pass ? "" : "not ", i + 1,
		    results[i].name);
		if (!results[i].pass) {
			failed++;
			if (results[i].diag[0] != '\0')
				printf("# %s\n", results[i].diag);
		}
	}
	printf("# %lu of %lu mutations accepted\n", mutations_accepted, mutations);
	if (overflowed) {
		printf("not ok %zu - results table overflowed\n", result_count + 1);
		return 1;
	}
	return failed == 0 ? 0 : 1;
}
