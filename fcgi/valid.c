/* valid.c: input normalisation and validation, pure functions (SPEC §2, §4) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "valid.h"

/* Every message the validators can produce, in one place. */
static const char *const valid_messages[VALID__MAX] = {
	[VALID_OK] = "",
	[VALID_EMPTY] = "不能为空，请输入",
	[VALID_FORMAT] = "格式不正确",
	[VALID_ENCODING] = "含有无法识别的字符",
	[VALID_CONTROL_CHAR] = "不能包含控制字符",
	[VALID_TOO_SHORT_2] = "长度不能少于2个字符",
	[VALID_TOO_SHORT_4] = "长度不能少于4个字符",
	[VALID_TOO_SHORT_5] = "长度不能少于5个字符",
	[VALID_TOO_LONG_32] = "长度不能超过32个字符",
	[VALID_TOO_LONG_40] = "长度不能超过40个字符",
	[VALID_TOO_LONG_64] = "长度不能超过64个字符",
	[VALID_TOO_LONG_128] = "长度不能超过128个字符",
	[VALID_TOO_LONG_200] = "长度不能超过200个字符",
	[VALID_TOO_LONG_254] = "长度不能超过254个字符",
	[VALID_LENGTH_18] = "长度应为18位",
	[VALID_CHECK_CHAR] = "校验位不正确，请核对号码",
	[VALID_BIRTH_DATE] = "出生日期不正确",
	[VALID_AGE] = "年龄应在16至120周岁之间",
	[VALID_USERNAME_CHARS] = "只能包含字母、数字和下划线",
	[VALID_USERNAME_DIGITS] = "不能全部为数字",
	[VALID_PASSWORD_TOO_SHORT] = "密码长度不能少于8个字符",
	[VALID_PASSWORD_TOO_LONG] = "密码长度不能超过128个字符",
	[VALID_PASSWORD_IS_USERNAME] = "密码不能与用户名相同",
	[VALID_PASSWORD_IS_PHONE] = "密码不能与手机号码相同",
	[VALID_PASSWORD_COMMON] = "密码过于常见，请换一个",
	[VALID_TAX_NO] = "应为15、17、18或20位字母或数字",
	[VALID_BANK_ACCOUNT] = "应为8至32位数字",
	[VALID_SMS_CODE] = "验证码应为6位数字",
};

const char *
valid_strerror(int code)
{
	if (code < 0 || code >= VALID__MAX || valid_messages[code] == NULL)
		return "输入有误，请检查";
	return valid_messages[code];
}

/* ---------------------------------------------------------------- UTF-8 */

/*
 * Decode the code point at s and store its length in *len.  Returns the
 * code point, or -1 for a malformed sequence (then *len is 1, so callers
 * step over one byte).  Stops at the first bad continuation byte, so it
 * never reads past a terminating NUL.
 */
static long
utf8_decode(const unsigned char *s, size_t *len)
{
	unsigned char c = s[0];
	long cp, min;
	size_t n, i;

	*len = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
		min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*len = n;
	return cp;
}

int
utf8_length(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	int count = 0;

	if (s == NULL)
		return 0;
	while (p[i] != '\0') {
		if (utf8_decode(p + i, &len) < 0 || count == 0x7FFFFFFF)
			return -1;
		i += len;
		count++;
	}
	return count;
}

/* ------------------------------------------------------------ normalise */

static int
is_blank_code_point(long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	    cp == '\v' || cp == '\f' || cp == 0x3000 || cp == 0x00A0;
}

static int
is_ascii_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/*
 * Works in place (in == out): every code point is written at or before
 * the place it was read from, and only after it was read.
 */
int
norm_text(const char *in, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t start = 0, end = 0, i, len, o = 0, n;
	int seen = 0;
	long cp;
	unsigned char folded = 0;

	if (out == NULL || outsz == 0)
		return -1;
	if (in == NULL) {
		out[0] = '\0';
		return 0;
	}
	for (i = 0; p[i] != '\0'; i += len) {
		cp = utf8_decode(p + i, &len);
		if (!is_blank_code_point(cp)) {
			if (!seen)
				start = i;
			seen = 1;
			end = i + len;
		}
	}
	for (i = start; i < end; i += len) {
		cp = utf8_decode(p + i, &len);
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			folded = (unsigned char)(cp - 0xFEE0);
			n = 1;
		} else if (cp == 0x3000 || cp == 0x00A0) {
			folded = ' ';
			n = 1;
		} else
			n = len;
		if (n >= outsz - o) {
			out[0] = '\0';
			return -1;
		}
		if (n == 1 && len > 1)
			out[o] = (char)folded;
		else
			memmove(out + o, p + i, n);
		o += n;
	}
	out[o] = '\0';
	return 0;
}

int
norm_code(const char *in, char *out, size_t outsz)
{
	size_t i, o = 0;

	if (norm_text(in, out, outsz) != 0)
		return -1;
	/* norm_text already turned U+3000 and U+00A0 into ASCII spaces. */
	for (i = 0; out[i] != '\0'; i++) {
		unsigned char c = (unsigned char)out[i];

		if (is_ascii_blank(c))
			continue;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return 0;
}

int
norm_phone(const char *in, char *out, size_t outsz)
{
	char digits[24];
	const char *p, *mobile;
	size_t i, n = 0;
	int plus;

	if (norm_code(in, out, outsz) != 0)
		return -1;
	plus = out[0] == '+';
	p = out + plus;
	/* Collect the digits; '-' only between two digits; nothing else. */
	for (i = 0; p[i] != '\0'; i++) {
		if (is_digit((unsigned char)p[i])) {
			if (n >= sizeof(digits) - 1)
				return 0;
			digits[n++] = p[i];
		} else if (p[i] == '-' && i > 0 &&
		    is_digit((unsigned char)p[i - 1]) &&
		    is_digit((unsigned char)p[i + 1]))
			continue;
		else
			return 0;
	}
	digits[n] = '\0';
	if (plus)
		mobile = (n == 13 && memcmp(digits, "86", 2) == 0) ?
		    digits + 2 : NULL;
	else if (n == 11)
		mobile = digits;
	else if (n == 13 && memcmp(digits, "86", 2) == 0)
		mobile = digits + 2;
	else if (n == 15 && memcmp(digits, "0086", 4) == 0)
		mobile = digits + 4;
	else
		mobile = NULL;
	if (mobile == NULL || mobile[0] != '1')
		return 0;
	/* 11 digits always fit: the input held at least that many. */
	memcpy(out, mobile, 12);
	return 0;
}

/* ------------------------------------------------------------ free text */

/*
 * Control characters, and the invisible characters that reorder or break
 * text: a bidi override in a name would make the staff console show
 * something other than what was typed.
 */
static int
is_control_code_point(long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
	    cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* Length in code points within [min, max], no control characters. */
static int
text_check(const char *s, int min, int max, int short_code, int long_code)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, len;
	int count = 0;

	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	for (i = 0; p[i] != '\0'; i += len) {
		long cp = utf8_decode(p + i, &len);

		if (cp < 0)
			return VALID_ENCODING;
		if (is_control_code_point(cp))
			return VALID_CONTROL_CHAR;
		if (count <= max)
			count++;
	}
	if (count < min)
		return short_code;
	if (count > max)
		return long_code;
	return VALID_OK;
}

int
valid_name(const char *s)
{
	return text_check(s, 1, 64, VALID_EMPTY, VALID_TOO_LONG_64);
}

int
valid_address(const char *s)
{
	return text_check(s, 5, 200, VALID_TOO_SHORT_5, VALID_TOO_LONG_200);
}

int
valid_org_name(const char *s)
{
	return text_check(s, 2, 128, VALID_TOO_SHORT_2, VALID_TOO_LONG_128);
}

int
valid_org_other(const char *s)
{
	return text_check(s, 4, 40, VALID_TOO_SHORT_4, VALID_TOO_LONG_40);
}

int
valid_id_other(const char *s)
{
	return text_check(s, 4, 40, VALID_TOO_SHORT_4, VALID_TOO_LONG_40);
}

/* ------------------------------------------------------- accounts, SMS */

/* 1 when s[0..n-1] are all ASCII digits (stops at NUL: it is no digit). */
static int
digits_at(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 1 when s is entirely ASCII digits and min <= strlen(s) <= max. */
static int
digits_only(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);

	return n >= min && n <= max && digits_at(s, n);
}

int
valid_required(const char *s)
{
	return s == NULL || s[0] == '\0' ? VALID_EMPTY : VALID_OK;
}

int
valid_mobile(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	if (strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9' ||
	    !digits_at(s, 11))
		return VALID_FORMAT;
	return VALID_OK;
}

int
valid_username(const char *s)
{
	size_t i;
	int non_digit = 0;

	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_digit(c))
			continue;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_')
			non_digit = 1;
		else
			return VALID_USERNAME_CHARS;
	}
	if (i < 4)
		return VALID_TOO_SHORT_4;
	if (i > 32)
		return VALID_TOO_LONG_32;
	if (!non_digit)
		return VALID_USERNAME_DIGITS;
	return VALID_OK;
}

int
valid_sms_code(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	return digits_only(s, 6, 6) ? VALID_OK : VALID_SMS_CODE;
}

/* ------------------------------------------------------------ passwords */

static struct {
	char *text;       /* the file, each line NUL-terminated in place */
	char **entries;   /* sorted by strcmp */
	size_t count;
} password_list;

static int
compare_entries(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* strcmp, with the key's ASCII letters lower-cased when fold is set. */
static int
compare_key(const char *key, const char *entry, int fold)
{
	const unsigned char *k = (const unsigned char *)key;
	const unsigned char *e = (const unsigned char *)entry;

	for (;; k++, e++) {
		int kc = fold ? ascii_lower(*k) : *k;

		if (kc != *e || kc == '\0')
			return kc - *e;
	}
}

static int
password_list_find(const char *key, int fold)
{
	size_t lo = 0, hi = password_list.count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_key(key, password_list.entries[mid], fold);

		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Read a whole file into a NUL-terminated buffer; NULL on error. */
static char *
read_file(const char *path, size_t *size)
{
	/* The shipped list is ~90 KiB; refuse anything absurd. */
	const size_t limit = 64u * 1024 * 1024;
	FILE *f;
	char *buf = NULL, *grown;
	size_t cap = 0, len = 0, got;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (cap - len < 2) {
			if (cap >= limit)
				goto fail;
			cap = cap == 0 ? 128 * 1024 : cap * 2;
			if ((grown = realloc(buf, cap)) == NULL)
				goto fail;
			buf = grown;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0) {
			if (ferror(f))
				goto fail;
			break;
		}
	}
	fclose(f);
	buf[len] = '\0';
	*size = len;
	return buf;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

int
password_list_load(const char *path)
{
	char *text, **entries, *line, *next;
	size_t size, lines = 1, i, count = 0;

	if (path == NULL || (text = read_file(path, &size)) == NULL)
		return -1;
	for (i = 0; i < size; i++)
		if (text[i] == '\n')
			lines++;
	if ((entries = calloc(lines, sizeof(*entries))) == NULL) {
		free(text);
		return -1;
	}
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		size_t n = strlen(line);
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n > 0)
			entries[count++] = line;
	}
	/* An empty list would silently let every password through. */
	if (count == 0) {
		free(entries);
		free(text);
		return -1;
	}
	qsort(entries, count, sizeof(*entries), compare_entries);
	password_list_free();
	password_list.text = text;
	password_list.entries = entries;
	password_list.count = count;
	return 0;
}

void
password_list_free(void)
{
	free(password_list.entries);
	free(password_list.text);
	password_list.entries = NULL;
	password_list.text = NULL;
	password_list.count = 0;
}

size_t
password_list_count(void)
{
	return password_list.count;
}

int
password_is_common(const char *pw)
{
	if (pw == NULL || password_list.count == 0)
		return 0;
	return password_list_find(pw, 0) || password_list_find(pw, 1);
}

static int
ascii_equal_fold(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; *p != '\0' && ascii_lower(*p) == ascii_lower(*q); p++, q++)
		;
	return *p == '\0' && *q == '\0';
}

int
valid_password(const char *pw, const char *username, const char *phone)
{
	int n;

	if (pw == NULL || pw[0] == '\0')
		return VALID_EMPTY;
	if ((n = utf8_length(pw)) < 0)
		return VALID_ENCODING;
	if (n < 8)
		return VALID_PASSWORD_TOO_SHORT;
	if (n > 128)
		return VALID_PASSWORD_TOO_LONG;
	if (username != NULL && username[0] != '\0' &&
	    ascii_equal_fold(pw, username))
		return VALID_PASSWORD_IS_USERNAME;
	if (phone != NULL && phone[0] != '\0' && strcmp(pw, phone) == 0)
		return VALID_PASSWORD_IS_PHONE;
	if (password_is_common(pw))
		return VALID_PASSWORD_COMMON;
	return VALID_OK;
}

/* -------------------------------------------------- organisations, IDs */

/* GB 32100-2015: no I, O, S, V, Z; a character's value is its index. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

static int
uscc_value(char c)
{
	const char *q;

	if (c == '\0' || (q = strchr(uscc_alphabet, c)) == NULL)
		return -1;
	return (int)(q - uscc_alphabet);
}

int
valid_uscc(const char *s)
{
	int i, sum = 0, n;

	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	if ((n = utf8_length(s)) < 0)
		return VALID_ENCODING;
	if (n != 18)
		return VALID_LENGTH_18;
	for (i = 0; i < 18; i++)
		if (uscc_value(s[i]) < 0 ||
		    (i >= 2 && i <= 7 && !is_digit((unsigned char)s[i])))
			return VALID_FORMAT;
	for (i = 0; i < 17; i++)
		sum += uscc_value(s[i]) * uscc_weights[i];
	if (s[17] != uscc_alphabet[(31 - sum % 31) % 31])
		return VALID_CHECK_CHAR;
	return VALID_OK;
}

static const int id_card_weights[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};

static int
digits_value(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

int
valid_id_card(const char *s, int today_yyyymmdd)
{
	int i, n, sum = 0, year, month, day, age, birth;

	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	if ((n = utf8_length(s)) < 0)
		return VALID_ENCODING;
	if (n != 18)
		return VALID_LENGTH_18;
	if (!digits_at(s, 17) || !(is_digit((unsigned char)s[17]) || s[17] == 'X'))
		return VALID_FORMAT;
	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * id_card_weights[i];
	if (s[17] != "10X98765432"[sum % 11])
		return VALID_CHECK_CHAR;
	year = digits_value(s + 6, 4);
	month = digits_value(s + 10, 2);
	day = digits_value(s + 12, 2);
	if (month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month))
		return VALID_BIRTH_DATE;
	birth = year * 10000 + month * 100 + day;
	if (birth > today_yyyymmdd)
		return VALID_BIRTH_DATE;
	/* Full years: one less until this year's birthday has come. */
	age = today_yyyymmdd / 10000 - year;
	if (today_yyyymmdd % 10000 < month * 100 + day)
		age--;
	if (age < 16 || age > 120)
		return VALID_AGE;
	return VALID_OK;
}

int
valid_tax_no(const char *s)
{
	size_t i, n;

	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	for (i = 0; s[i] != '\0'; i++)
		if (!is_digit((unsigned char)s[i]) && !(s[i] >= 'A' && s[i] <= 'Z'))
			return VALID_TAX_NO;
	n = i;
	if (n == 18)
		return valid_uscc(s);
	if (n != 15 && n != 17 && n != 20)
		return VALID_TAX_NO;
	return VALID_OK;
}

int
valid_bank_account(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	return digits_only(s, 8, 32) ? VALID_OK : VALID_BANK_ACCOUNT;
}

/* ------------------------------------------------------ phones, email */

/* 0\d{2,3}-?\d{7,8}, then nothing or [-#]\d{1,6}. */
static int
is_landline(const char *s)
{
	size_t area, subscriber, i;
	int dash;

	if (s[0] != '0')
		return 0;
	for (area = 2; area <= 3; area++)
		for (dash = 0; dash <= 1; dash++)
			for (subscriber = 7; subscriber <= 8; subscriber++) {
				i = 1;
				if (!digits_at(s + i, area))
					continue;
				i += area;
				if (dash && s[i++] != '-')
					continue;
				if (!digits_at(s + i, subscriber))
					continue;
				i += subscriber;
				if (s[i] == '\0')
					return 1;
				if ((s[i] == '-' || s[i] == '#') &&
				    digits_only(s + i + 1, 1, 6))
					return 1;
			}
	return 0;
}

/* [48]00-?\d{3}-?\d{4} */
static int
is_service_number(const char *s)
{
	size_t i = 3;

	if (strncmp(s, "400", 3) != 0 && strncmp(s, "800", 3) != 0)
		return 0;
	if (s[i] == '-')
		i++;
	if (!digits_at(s + i, 3))
		return 0;
	i += 3;
	if (s[i] == '-')
		i++;
	return digits_only(s + i, 4, 4);
}

int
valid_landline_or_mobile(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	if (valid_mobile(s) == VALID_OK || is_landline(s) ||
	    is_service_number(s))
		return VALID_OK;
	return VALID_FORMAT;
}

static int
is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    is_digit(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

static int
is_ascii_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Dot-separated labels, at least two; the last letters only, >= 2. */
static int
is_email_domain(const char *d)
{
	size_t i, label = 0, labels = 0, start = 0;
	int tld_letters = 1;

	for (i = 0;; i++) {
		unsigned char c = (unsigned char)d[i];

		if (c == '.' || c == '\0') {
			if (label == 0 || label > 63 || d[start] == '-' ||
			    d[i - 1] == '-')
				return 0;
			labels++;
			if (c == '\0')
				break;
			label = 0;
			start = i + 1;
			tld_letters = 1;
			continue;
		}
		if (!is_ascii_letter(c) && !is_digit(c) && c != '-')
			return 0;
		if (!is_ascii_letter(c))
			tld_letters = 0;
		label++;
	}
	return labels >= 2 && tld_letters && label >= 2;
}

int
valid_email(const char *s)
{
	const char *at;
	size_t i, local;

	if (s == NULL || s[0] == '\0')
		return VALID_EMPTY;
	if (strlen(s) > 254)
		return VALID_TOO_LONG_254;
	if ((at = strchr(s, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return VALID_FORMAT;
	local = (size_t)(at - s);
	if (local < 1 || local > 64 || s[0] == '.' || s[local - 1] == '.')
		return VALID_FORMAT;
	for (i = 0; i < local; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return VALID_FORMAT;
		} else if (!is_atext((unsigned char)s[i]))
			return VALID_FORMAT;
	}
	return is_email_domain(at + 1) ? VALID_OK : VALID_FORMAT;
}
