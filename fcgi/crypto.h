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
/* HMAC-SHA256 of msg under key (any length), as 64 upper-case hex digits plus NUL (gateway signatures). */
void crypto_hmac_sha256_upper(const void *key, size_t keylen, const void *msg, size_t len, char out[65]);
/* A key as 64 lower-case hex digits plus NUL: KEY_GATEWAY is the secret shared with the gateway in this form. */
void crypto_key_hex(enum key_id key, char out[65]);
/* Constant-time comparison of two NUL-terminated strings. 1 when equal. */
int crypto_str_equal(const char *a, const char *b);
/* Uniform random number in [0, upper). */
unsigned int crypto_random_uniform(unsigned int upper);
/* n random decimal digits plus NUL into out (SMS codes). */
void crypto_random_digits(char *out, size_t n);
/* What the database keeps of a cookie token: keyed BLAKE2b of "use:token", 64 hex digits. */
void crypto_token_hash(const char *use, const char *token, char out[65]);
/* 1 when s has the shape of crypto_random_hex(out, 32): 64 lower-case hex digits. */
int crypto_is_token(const char *s);

/*
 * Sealing (XChaCha20-Poly1305 with a key of enum key_id): out receives the
 * nonce, the ciphertext and the tag, CRYPTO_SEAL_OVERHEAD bytes more than
 * len. context is authenticated, not encrypted: a sealed value opens only
 * with the context it was sealed under (e.g. "outbox:sms:13800138000").
 * Both return 0 or -1; crypto_open NUL-terminates out (outsz >= sealed - overhead + 1).
 */
#define CRYPTO_SEAL_OVERHEAD 40
int crypto_seal(enum key_id key, const char *context, const void *msg, size_t len,
    unsigned char *out, size_t outsz, size_t *outlen);
int crypto_open(enum key_id key, const char *context, const unsigned char *sealed, size_t len,
    char *out, size_t outsz, size_t *outlen);

/*
 * Passwords: Argon2id through crypto_pwhash_str, INTERACTIVE limits (about
 * 90 ms and 64 MiB each). A process hashes one password at a time (FastCGI
 * workers are single-threaded), so the pool size (spawn-fcgi/multiwatch -f N,
 * CERTDESK_WORKERS) bounds the hashes running at once on a host, and the
 * memory they take, to N x 64 MiB. Callers throttle before they hash.
 */
#define CRYPTO_PASSWORD_HASH_MAX 128
/* Once per process, before the first login: prepares the dummy hash. 0 or -1. */
int crypto_password_init(void);
/* Hash pw into out. 0 or -1 (out of memory). */
int crypto_password_hash(const char *pw, char out[CRYPTO_PASSWORD_HASH_MAX]);
/* 1 when pw matches hash, 0 otherwise. hash NULL: verifies against a dummy hash
 * (same cost) so that an unknown account takes as long as a known one. */
int crypto_password_verify(const char *hash, const char *pw);
/* 1 when hash was made with other parameters than the current ones. */
int crypto_password_needs_rehash(const char *hash);

#endif
