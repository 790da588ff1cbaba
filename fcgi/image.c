/* image.c: image type sniffing for uploads from magic bytes and a parsed header, pure functions (SPEC §4) */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "image.h"

/* MIME type and file extension per type, in one place. */
static const struct {
	const char *mime;
	const char *ext;
} image_types[] = {
	[IMAGE_NONE] = { NULL, NULL },
	[IMAGE_JPEG] = { "image/jpeg", "jpg" },
	[IMAGE_PNG] = { "image/png", "png" },
	[IMAGE_GIF] = { "image/gif", "gif" },
	[IMAGE_BMP] = { "image/bmp", "bmp" },
};

#define IMAGE_TYPE_COUNT (sizeof(image_types) / sizeof(image_types[0]))

static uint32_t
read_be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t
read_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t
read_le16(const unsigned char *p)
{
	return (uint32_t)p[1] << 8 | p[0];
}

static uint32_t
read_le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/*
 * The one size check every format shares.  The product is taken in 64 bits
 * so that two sides within IMAGE_DIM_MAX can never wrap.
 */
static int
dimensions_sane(uint32_t width, uint32_t height)
{
	if (width == 0 || height == 0)
		return 0;
	if (width > IMAGE_DIM_MAX || height > IMAGE_DIM_MAX)
		return 0;
	return (uint64_t)width * height <= IMAGE_PIXELS_MAX;
}

/*
 * CRC-32 as in the PNG specification (ISO 3309, reflected polynomial
 * 0xEDB88320, pre- and post-inverted).  A 16-entry table, one nibble at a
 * time: constant, so there is no lazy initialisation to race on, and fast
 * enough for the 17 bytes of an IHDR chunk.
 */
static uint32_t
png_crc32(const unsigned char *p, size_t len)
{
	static const uint32_t table[16] = {
		0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
		0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
		0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
		0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
	};
	uint32_t crc = 0xffffffffu;
	size_t i;

	for (i = 0; i < len; i++) {
		crc = table[(crc ^ p[i]) & 0x0f] ^ (crc >> 4);
		crc = table[(crc ^ (p[i] >> 4)) & 0x0f] ^ (crc >> 4);
	}
	return crc ^ 0xffffffffu;
}

/*
 * JPEG: SOI, then marker segments up to the first start-of-frame, which
 * holds the size.  Every segment length is checked against the data before
 * it is skipped.  Scan data (after SOS) is never reached: a frame header
 * must come first, so SOS, EOI or the end of the data before one is a
 * reject.
 */
static int
sniff_jpeg(const unsigned char *data, size_t len, uint32_t *width, uint32_t *height)
{
	size_t pos = 2, segment_len, components;

	if (len < 3 || data[0] != 0xff || data[1] != 0xd8 || data[2] != 0xff)
		return -1;
	for (;;) {
		unsigned char marker;

		if (pos >= len || data[pos] != 0xff)
			return -1;
		/* Any number of 0xFF fill bytes may precede a marker. */
		while (pos < len && data[pos] == 0xff)
			pos++;
		if (pos >= len)
			return -1;
		marker = data[pos++];
		/* Byte stuffing belongs in scan data; a second SOI means a broken stream. */
		if (marker == 0x00 || marker == 0xd8)
			return -1;
		if (marker == 0xd9 || marker == 0xda)
			return -1;
		/* RST0-7 and TEM stand alone, with no length. */
		if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
			continue;
		if (len - pos < 2)
			return -1;
		segment_len = read_be16(data + pos);
		if (segment_len < 2 || segment_len > len - pos)
			return -1;
		/* SOF0-15, except DHT (C4), JPG (C8) and DAC (CC) that share the range. */
		if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
		    marker != 0xc8 && marker != 0xcc) {
			/* length(2) precision(1) height(2) width(2) components(1), then 3 per component */
			if (segment_len < 8)
				return -1;
			if (data[pos + 2] < 2 || data[pos + 2] > 16)
				return -1;
			components = data[pos + 7];
			if (components == 0 || segment_len != 8 + 3 * components)
				return -1;
			*height = read_be16(data + pos + 3);
			*width = read_be16(data + pos + 5);
			return 0;
		}
		pos += segment_len;
	}
}

/*
 * PNG: the signature, then IHDR as the first chunk with its CRC intact and
 * a valid bit depth for its colour type.  The CRC catches a header that was
 * damaged or hand-made to look like a PNG.
 */
static int
sniff_png(const unsigned char *data, size_t len, uint32_t *width, uint32_t *height)
{
	static const unsigned char signature[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	/* Allowed bit depths per colour type, one bit per depth (1 << depth). */
	static const uint32_t depths[7] = {
		[0] = 1u << 1 | 1u << 2 | 1u << 4 | 1u << 8 | 1u << 16,	/* greyscale */
		[2] = 1u << 8 | 1u << 16,				/* truecolour */
		[3] = 1u << 1 | 1u << 2 | 1u << 4 | 1u << 8,		/* indexed */
		[4] = 1u << 8 | 1u << 16,				/* greyscale + alpha */
		[6] = 1u << 8 | 1u << 16,				/* truecolour + alpha */
	};
	const unsigned char *ihdr = data + 16;
	unsigned int depth, colour;

	/* signature(8) length(4) "IHDR"(4) fields(13) crc(4) */
	if (len < 33 || memcmp(data, signature, sizeof(signature)) != 0)
		return -1;
	if (read_be32(data + 8) != 13 || memcmp(data + 12, "IHDR", 4) != 0)
		return -1;
	if (png_crc32(data + 12, 4 + 13) != read_be32(data + 29))
		return -1;
	depth = ihdr[8];
	colour = ihdr[9];
	if (colour >= sizeof(depths) / sizeof(depths[0]) || depth > 16 ||
	    (depths[colour] & 1u << depth) == 0)
		return -1;
	/* compression, filter method 0; interlace none or Adam7 */
	if (ihdr[10] != 0 || ihdr[11] != 0 || ihdr[12] > 1)
		return -1;
	*width = read_be32(ihdr);
	*height = read_be32(ihdr + 4);
	return 0;
}

/* GIF: the version signature and the logical screen descriptor. */
static int
sniff_gif(const unsigned char *data, size_t len, uint32_t *width, uint32_t *height)
{
	/* "GIF8?a"(6) width(2) height(2) flags(1) background(1) aspect(1) */
	if (len < 13)
		return -1;
	if (memcmp(data, "GIF87a", 6) != 0 && memcmp(data, "GIF89a", 6) != 0)
		return -1;
	*width = read_le16(data + 6);
	*height = read_le16(data + 8);
	return 0;
}

/*
 * BMP: the file header and a DIB header of one of the known sizes, whole.
 * The file-size field is not checked: writers disagree about it and
 * nothing here depends on it.  The pixel data must start after the headers
 * and inside the data.
 */
static int
sniff_bmp(const unsigned char *data, size_t len, uint32_t *width, uint32_t *height)
{
	uint32_t dib_size, pixel_offset, planes, bits, raw_height;

	/* "BM"(2) file size(4) reserved(4) pixel offset(4), then the DIB header */
	if (len < 18 || data[0] != 'B' || data[1] != 'M')
		return -1;
	pixel_offset = read_le32(data + 10);
	dib_size = read_le32(data + 14);
	switch (dib_size) {
	case 12: case 40: case 52: case 56: case 64: case 108: case 124:
		break;
	default:
		return -1;
	}
	/* The offset check below implies this; stated so every read is visibly in bounds. */
	if (len - 14 < dib_size)
		return -1;
	if (pixel_offset < 14 + dib_size || pixel_offset >= len)
		return -1;
	if (dib_size == 12) {
		/* BITMAPCOREHEADER: unsigned 16-bit sides */
		*width = read_le16(data + 18);
		raw_height = read_le16(data + 20);
		planes = read_le16(data + 22);
		bits = read_le16(data + 24);
	} else {
		/* BITMAPINFOHEADER and later: signed 32-bit sides */
		*width = read_le32(data + 18);
		raw_height = read_le32(data + 22);
		planes = read_le16(data + 26);
		bits = read_le16(data + 28);
		/*
		 * A negative width, read unsigned, is above IMAGE_DIM_MAX and is
		 * refused with the other sizes.  A negative height means
		 * top-down rows; it is negated as two's complement in unsigned
		 * arithmetic, so nothing overflows: INT32_MIN becomes 2^31 and
		 * fails the size check too.
		 */
		if (raw_height & 0x80000000u)
			raw_height = ~raw_height + 1u;
	}
	if (planes != 1)
		return -1;
	switch (bits) {
	case 1: case 4: case 8: case 16: case 24: case 32:
		break;
	default:
		return -1;
	}
	*height = raw_height;
	return 0;
}

int
image_sniff(const unsigned char *data, size_t len, struct image_info *out)
{
	uint32_t width = 0, height = 0;
	enum image_type type = IMAGE_NONE;
	int rc = -1;

	out->type = IMAGE_NONE;
	out->width = out->height = 0;
	out->mime = out->ext = NULL;
	if (data == NULL || len < 2)
		return -1;

	/* The first bytes pick at most one parser; there is no fallback. */
	if (data[0] == 0xff) {
		type = IMAGE_JPEG;
		rc = sniff_jpeg(data, len, &width, &height);
	} else if (data[0] == 0x89) {
		type = IMAGE_PNG;
		rc = sniff_png(data, len, &width, &height);
	} else if (data[0] == 'G') {
		type = IMAGE_GIF;
		rc = sniff_gif(data, len, &width, &height);
	} else if (data[0] == 'B') {
		type = IMAGE_BMP;
		rc = sniff_bmp(data, len, &width, &height);
	}
	if (rc != 0 || !dimensions_sane(width, height))
		return -1;

	out->type = type;
	out->width = width;
	out->height = height;
	out->mime = image_types[type].mime;
	out->ext = image_types[type].ext;
	return 0;
}

const char *
image_mime(enum image_type t)
{
	if ((size_t)t >= IMAGE_TYPE_COUNT)
		return NULL;
	return image_types[t].mime;
}

int
image_complete(const unsigned char *data, size_t len, enum image_type type)
{
	static const unsigned char iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82 };
	uint32_t declared;

	if (data == NULL)
		return 0;
	switch (type) {
	case IMAGE_PNG:
		return len >= 12 + 33 && memcmp(data + len - 12, iend, 12) == 0;
	case IMAGE_JPEG:
		while (len > 2 && data[len - 1] == 0)
			len--;
		return len >= 4 && data[len - 2] == 0xFF && data[len - 1] == 0xD9;
	case IMAGE_GIF:
		return len >= 14 && data[len - 1] == 0x3B;
	case IMAGE_BMP:
		if (len < 6)
			return 0;
		declared = (uint32_t)data[2] | (uint32_t)data[3] << 8 | (uint32_t)data[4] << 16 |
		    (uint32_t)data[5] << 24;
		return declared == 0 || declared <= len;	/* 0: the writer left it unset */
	default:
		return 0;
	}
}
