/* text.h: pure helpers for user-visible text: {name} placeholders, masked numbers, local redirect targets */
#ifndef CERTDESK_TEXT_H
#define CERTDESK_TEXT_H

#include <stddef.h>

/*
 * Copy tmpl into out, replacing each {name} by its value from pairs
 * ("name", "value", ..., NULL). A placeholder without a pair stays as it is.
 * Returns 0, or -1 when the result does not fit (out is then "").
 */
int text_fill(const char *tmpl, const char *const *pairs, char *out, size_t outsz);

/*
 * s with all but the first head and the last tail characters replaced by
 * '*' ("13800138000", 3, 4 -> "138****8000"); a string not longer than
 * head + tail is masked whole. Bytes, so for ASCII numbers only.
 * Returns 0 or -1 when out is too small (out is then "").
 */
int mask_middle(const char *s, size_t head, size_t tail, char *out, size_t outsz);

/*
 * 1 when s may be used as where to go after login: a path on this site
 * ("/orders/ZQYL1?x=1"), not "//host" or "/\host", at most 200 characters
 * of [A-Za-z0-9/_.~?=&%-]. Else 0.
 */
int text_local_path(const char *s);

/*
 * s as a literal inside a LIKE pattern: %, _ and the escape \ escaped.
 * A value too long for out is cut (never mid-escape). NULL counts as "".
 */
void text_like_escape(const char *s, char *out, size_t outsz);

#endif
