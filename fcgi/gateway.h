/* gateway.h: the payment gateway's messages (STACK-NOTES): the signature, reading a notification, the replies */
#ifndef CERTDESK_GATEWAY_H
#define CERTDESK_GATEWAY_H

#include <stddef.h>

#include "xml.h"

#define GATEWAY_FIELDS_MAX 32

enum sign_type { SIGN_HMAC_SHA256, SIGN_MD5 };

/* One field of a gateway message; the strings belong to the caller. */
struct gw_field {
	const char *key;
	const char *value;
};

/* The sign type named s ("HMAC-SHA256" or "MD5"), or -1. */
int gateway_sign_type(const char *s);
/*
 * The string that is signed: every field but "sign" and those with an empty
 * value, keys in byte order, "k=v&k=v", then "&key=SECRET". Pure.
 * 0, or -1 when a key repeats or the result does not fit outsz.
 */
int gateway_sign_string(const struct gw_field *f, size_t n, const char *secret, char *out, size_t outsz);
/*
 * The signature of the fields under secret, upper-case hex: HMAC-SHA256 with
 * the secret as key (64 digits), or MD5 of the string (32, the legacy mode).
 * 0 or -1.
 */
int gateway_sign(const struct gw_field *f, size_t n, const char *secret, enum sign_type type, char out[65]);
/*
 * 1 when the "sign" field is the signature of the others (unknown ones
 * included) under secret, compared in constant time; else 0.
 */
int gateway_verify(const struct gw_field *f, size_t n, const char *secret, enum sign_type type);
/*
 * The fields of a parsed <xml>…</xml> message: every leaf must be a direct
 * child of the root "xml", each key once. The values point into x.
 * 0, or -1 when the message is not of that shape.
 */
int gateway_fields(const struct xml_flat *x, struct gw_field *f, size_t max, size_t *n);
/* The value of key among the fields, or NULL. */
const char *gateway_field(const struct gw_field *f, size_t n, const char *key);
/* The message <xml><k>v</k>…</xml> (with an XML declaration) into *out (malloc'd). 0 or -1. */
int gateway_build(const struct gw_field *f, size_t n, char **out, size_t *len);
/* The reply to a notification: return_code SUCCESS (ok) or FAIL with msg. 0 or -1. */
int gateway_reply(int ok, const char *msg, char **out, size_t *len);

#endif
