/* gateway.c: the payment gateway's messages (STACK-NOTES): the signature, reading a notification, the replies */
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "gateway.h"
#include "md5.h"

int
gateway_sign_type(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "HMAC-SHA256") == 0)
		return SIGN_HMAC_SHA256;
	if (strcmp(s, "MD5") == 0)
		return SIGN_MD5;
	return -1;
}

static int
append(char *out, size_t outsz, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (n >= outsz - *pos)
		return -1;
	memcpy(out + *pos, s, n + 1);
	*pos += n;
	return 0;
}

int
gateway_sign_string(const struct gw_field *f, size_t n, const char *secret, char *out, size_t outsz)
{
	size_t order[GATEWAY_FIELDS_MAX], i, j, k, pos = 0;
	int first = 1;

	if (outsz == 0 || n > GATEWAY_FIELDS_MAX)
		return -1;
	out[0] = '\0';
	/* Insertion sort of the indexes by key, byte order; a repeated key is refused. */
	for (i = 0; i < n; i++) {
		for (j = i; j > 0; j--) {
			int c = strcmp(f[order[j - 1]].key, f[i].key);

			if (c == 0)
				return -1;
			if (c < 0)
				break;
			order[j] = order[j - 1];
		}
		order[j] = i;
	}
	for (k = 0; k < n; k++) {
		const struct gw_field *x = &f[order[k]];

		if (strcmp(x->key, "sign") == 0 || x->value == NULL || x->value[0] == '\0')
			continue;
		if ((!first && append(out, outsz, &pos, "&") != 0) || append(out, outsz, &pos, x->key) != 0 ||
		    append(out, outsz, &pos, "=") != 0 || append(out, outsz, &pos, x->value) != 0)
			return -1;
		first = 0;
	}
	if ((!first && append(out, outsz, &pos, "&") != 0) || append(out, outsz, &pos, "key=") != 0 ||
	    append(out, outsz, &pos, secret) != 0)
		return -1;
	return 0;
}

int
gateway_sign(const struct gw_field *f, size_t n, const char *secret, enum sign_type type, char out[65])
{
	size_t cap = 64 + strlen(secret);
	char *s;
	int rc = -1;

	for (size_t i = 0; i < n; i++)
		cap += strlen(f[i].key) + (f[i].value != NULL ? strlen(f[i].value) : 0) + 2;
	s = malloc(cap);
	if (s == NULL)
		return -1;
	if (gateway_sign_string(f, n, secret, s, cap) == 0) {
		if (type == SIGN_MD5)
			md5_upper_hex(s, strlen(s), out);
		else
			crypto_hmac_sha256_upper(secret, strlen(secret), s, strlen(s), out);
		rc = 0;
	}
	explicit_bzero(s, cap);	/* it ends with the secret */
	free(s);
	return rc;
}

const char *
gateway_field(const struct gw_field *f, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].key, key) == 0)
			return f[i].value;
	return NULL;
}

int
gateway_verify(const struct gw_field *f, size_t n, const char *secret, enum sign_type type)
{
	const char *given = gateway_field(f, n, "sign");
	char want[65];

	if (given == NULL || gateway_sign(f, n, secret, type, want) != 0)
		return 0;
	return crypto_str_equal(given, want);
}

int
gateway_fields(const struct xml_flat *x, struct gw_field *f, size_t max, size_t *n)
{
	size_t i;

	*n = 0;
	if (x->n > max)
		return -1;
	for (i = 0; i < x->n; i++) {
		const char *p = x->path[i];

		if (strncmp(p, "xml/", 4) != 0 || p[4] == '\0' || strchr(p + 4, '/') != NULL ||
		    gateway_field(f, *n, p + 4) != NULL)
			return -1;
		f[*n].key = p + 4;
		f[*n].value = x->text[i];
		(*n)++;
	}
	return 0;
}

int
gateway_build(const struct gw_field *f, size_t n, char **out, size_t *len)
{
	struct xml_builder *b = xml_new("xml");
	size_t i;

	for (i = 0; i < n; i++)
		xml_text(b, f[i].key, f[i].value);
	return xml_finish(b, out, len);
}

int
gateway_reply(int ok, const char *msg, char **out, size_t *len)
{
	struct gw_field f[] = {
		{ "return_code", ok ? "SUCCESS" : "FAIL" },
		{ "return_msg", msg },
	};

	return gateway_build(f, 2, out, len);
}
