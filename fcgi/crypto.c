/* crypto.c: the libsodium wrappers: keys, random tokens, keyed hashes, sealing, passwords */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto.h"
#include "log.h"

static const char *const key_files[KEY__MAX] = {
	[KEY_SESSION] = "session.key",
	[KEY_PII] = "pii.key",
	[KEY_LOOKUP] = "lookup.key",
	[KEY_GATEWAY] = "gateway.key",
};

static unsigned char keys[KEY__MAX][CRYPTO_KEY_BYTES];

static int
key_path(const char *dir, enum key_id id, char *out, size_t outsz)
{
	int n = snprintf(out, outsz, "%s/%s", dir, key_files[id]);

	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

int
crypto_keys_create(const char *keydir)
{
	unsigned char key[CRYPTO_KEY_BYTES];
	char path[4096];
	int fd, id;
	ssize_t w;

	if (sodium_init() < 0)
		return -1;
	if (mkdir(keydir, 0700) != 0 && errno != EEXIST) {
		log_error(NULL, "keys: mkdir %s: %s", keydir, strerror(errno));
		return -1;
	}
	for (id = 0; id < KEY__MAX; id++) {
		if (key_path(keydir, id, path, sizeof(path)) != 0)
			return -1;
		/* O_EXCL: two hosts or processes racing never overwrite a key in use. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			if (errno == EEXIST)
				continue;
			log_error(NULL, "keys: create %s: %s", path, strerror(errno));
			return -1;
		}
		randombytes_buf(key, sizeof(key));
		w = write(fd, key, sizeof(key));
		sodium_memzero(key, sizeof(key));
		if (w != (ssize_t)sizeof(key) || fsync(fd) != 0) {
			log_error(NULL, "keys: write %s failed", path);
			close(fd);
			unlink(path);
			return -1;
		}
		close(fd);
		log_info(NULL, "keys: created %s", path);
	}
	return 0;
}

int
crypto_init(const char *keydir)
{
	char path[4096];
	struct stat st;
	ssize_t r;
	int fd, id;

	if (sodium_init() < 0) {
		log_error(NULL, "crypto: sodium_init failed");
		return -1;
	}
	for (id = 0; id < KEY__MAX; id++) {
		if (key_path(keydir, id, path, sizeof(path)) != 0)
			return -1;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			log_error(NULL, "crypto: open %s: %s (run certdesk-admin keys)", path, strerror(errno));
			return -1;
		}
		if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
			log_error(NULL, "crypto: %s must be mode 0600", path);
			close(fd);
			return -1;
		}
		r = read(fd, keys[id], CRYPTO_KEY_BYTES);
		close(fd);
		if (r != CRYPTO_KEY_BYTES) {
			log_error(NULL, "crypto: %s is not %d bytes", path, CRYPTO_KEY_BYTES);
			return -1;
		}
	}
	return 0;
}

void
crypto_random_hex(char *out, size_t nbytes)
{
	unsigned char buf[64];

	if (nbytes > sizeof(buf))
		nbytes = sizeof(buf);
	randombytes_buf(buf, nbytes);
	sodium_bin2hex(out, nbytes * 2 + 1, buf, nbytes);
	sodium_memzero(buf, sizeof(buf));
}

void
crypto_mac_hex(enum key_id key, const void *data, size_t len, char out[65])
{
	unsigned char mac[32];

	crypto_generichash(mac, sizeof(mac), data, len, keys[key], CRYPTO_KEY_BYTES);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

void
crypto_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int
crypto_str_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

unsigned int
crypto_random_uniform(unsigned int upper)
{
	return randombytes_uniform(upper);
}
