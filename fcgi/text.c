/* text.c: pure helpers for user-visible text: {name} placeholders, masked numbers, local redirect targets */
#include <string.h>

#include "text.h"

static const char *
pair_value(const char *const *pairs, const char *name, size_t len)
{
	size_t i;

	for (i = 0; pairs != NULL && pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
		if (strlen(pairs[i]) == len && strncmp(pairs[i], name, len) == 0)
			return pairs[i + 1];
	return NULL;
}

int
text_fill(const char *tmpl, const char *const *pairs, char *out, size_t outsz)
{
	const char *p = tmpl, *close, *src, *value;
	size_t used = 0, n;

	if (outsz == 0)
		return -1;
	while (*p != '\0') {
		value = NULL;
		close = *p == '{' ? strchr(p + 1, '}') : NULL;
		if (close != NULL)
			value = pair_value(pairs, p + 1, (size_t)(close - p - 1));
		if (value != NULL) {
			src = value;
			n = strlen(value);
			p = close + 1;
		} else {
			src = p++;
			n = 1;
		}
		if (n >= outsz - used) {
			out[0] = '\0';
			return -1;
		}
		memcpy(out + used, src, n);
		used += n;
	}
	out[used] = '\0';
	return 0;
}

int
mask_middle(const char *s, size_t head, size_t tail, char *out, size_t outsz)
{
	size_t len = strlen(s), i;

	if (len >= outsz) {
		if (outsz > 0)
			out[0] = '\0';
		return -1;
	}
	for (i = 0; i < len; i++)
		out[i] = (len > head + tail && (i < head || i >= len - tail)) ? s[i] : '*';
	out[len] = '\0';
	return 0;
}

int
text_local_path(const char *s)
{
	size_t i, len;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	len = strlen(s);
	if (len > 200)
		return 0;
	for (i = 0; i < len; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_.~?=&%-", s[i]) == NULL)
			return 0;
	return 1;
}

void
text_like_escape(const char *s, char *out, size_t outsz)
{
	size_t i, j;

	if (outsz == 0)
		return;
	for (i = j = 0; s != NULL && s[i] != '\0' && j + 2 < outsz; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			out[j++] = '\\';
		out[j++] = s[i];
	}
	out[j] = '\0';
}
