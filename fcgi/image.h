/* image.h: decides an upload's image type from its bytes: magic plus a header that parses (SPEC §4) */
#ifndef CERTDESK_IMAGE_H
#define CERTDESK_IMAGE_H

#include <stddef.h>

enum image_type {
	IMAGE_NONE = 0,
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE_GIF,
	IMAGE_BMP
};

struct image_info {
	enum image_type type;
	unsigned int width, height;
	const char *mime;	/* "image/jpeg" ... static strings */
	const char *ext;	/* "jpg", "png", "gif", "bmp" */
};

/* Each side must be 1..IMAGE_DIM_MAX pixels. */
#define IMAGE_DIM_MAX 20000
/* width * height (computed in 64 bits) must not exceed this. */
#define IMAGE_PIXELS_MAX (100u * 1000u * 1000u)

/*
 * Decides the type of an upload from its bytes alone: the magic number of
 * a JPEG, PNG, GIF or BMP and a header that parses with sane dimensions
 * (each side 1..IMAGE_DIM_MAX, at most IMAGE_PIXELS_MAX pixels).  The file
 * name and the browser's Content-Type never enter into it.  Pure: reads
 * only data[0..len), keeps no state.
 * Returns 0 and fills *out, or -1 (out->type = IMAGE_NONE, sizes 0,
 * mime and ext NULL) for anything else, truncated headers included.
 */
int image_sniff(const unsigned char *data, size_t len, struct image_info *out);

/* The MIME type to serve an image of type t with; NULL for IMAGE_NONE. */
const char *image_mime(enum image_type t);

/*
 * 1 when a sniffed image is also whole, not cut off after its header: a PNG
 * ends with its IEND chunk, a JPEG with EOI (FF D9, zero padding allowed), a
 * GIF with its trailer (3B), a BMP is at least as long as its header says.
 */
int image_complete(const unsigned char *data, size_t len, enum image_type type);

#endif
