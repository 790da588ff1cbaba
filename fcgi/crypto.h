/* crypto.h: the libsodium wrappers: keys, random tokens, keyed hashes, sealing, passwords */
#ifndef CERTDESK_CRYPTO_H
#define CERTDESK_CRYPTO_H

#include <stddef.h>

enum key_id {
	KEY_SESSION,	/* BLAKE2b key: session-token hashes and CSRF tokens */
	KEY_PII,	/* XChaCha20-Poly1305 key: ID and account numbers at rest */
	KEY_LOOKUP,	/* BLAKE2b key: equality look-ups of sealed values */
	KEY_GATEWAY,	/* HMAC-SHA256 secret shared with the (sandbox) payment gateway */
	KEY__MAX
};

#define CRYPTO_KEY_BYTES 32

/* sodium_init and load every key from dir. 0 or -1 (logged). */
int crypto_init(const char *keydir);
/* Create missing key files in dir (mode 0600, never overwriting). 0 or -1. */
int crypto_keys_create(const char *keydir);
/* nbytes random bytes as 2*nbytes lower-case hex plus NUL into out. */
void crypto_random_hex(char *out, size_t nbytes);
/* Keyed BLAKE2b-256 of data, as 64 hex characters plus NUL. */
void crypto_mac_hex(enum key_id key, const void *data, size_t len, char out[65]);
/* SHA-256 of data as 64 hex characters plus NUL (not keyed: for checksums). */
void crypto_sha256_hex(const void *data, size_t len, char out[65]);
/* Constant-time comparison of two NUL-terminated strings. 1 when equal. */
int crypto_str_equal(const char *a, const char *b);
/* Uniform random number in [0, upper). */
unsigned int crypto_random_uniform(unsigned int upper);

#endif
