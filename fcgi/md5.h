/* md5.h: MD5 (RFC 1321), only for gateways that still sign in the legacy MD5 mode; never for our own secrets */
#ifndef CERTDESK_MD5_H
#define CERTDESK_MD5_H

#include <stddef.h>

/* MD5 of data as 32 upper-case hex digits plus NUL (the legacy gateway signature form). */
void md5_upper_hex(const void *data, size_t len, char out[33]);

#endif
