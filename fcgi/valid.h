/* valid.h: input normalisation and validation, pure functions (SPEC §2, §4) */
#ifndef CERTDESK_VALID_H
#define CERTDESK_VALID_H

#include <stddef.h>

/*
 * Result of every validator: VALID_OK (0) or one of these codes.  The
 * caller shows valid_strerror(code) next to the field; every message is
 * in the one table in valid.c.
 */
enum valid_error {
	VALID_OK = 0,
	VALID_EMPTY,                /* 不能为空，请输入 */
	VALID_FORMAT,               /* 格式不正确 */
	VALID_ENCODING,             /* not valid UTF-8 */
	VALID_CONTROL_CHAR,         /* control or bidi-override character */
	VALID_TOO_SHORT_2,
	VALID_TOO_SHORT_4,
	VALID_TOO_SHORT_5,
	VALID_TOO_LONG_32,
	VALID_TOO_LONG_40,
	VALID_TOO_LONG_64,
	VALID_TOO_LONG_128,
	VALID_TOO_LONG_200,
	VALID_TOO_LONG_254,
	VALID_LENGTH_18,            /* credit code, ID card: exactly 18 */
	VALID_CHECK_CHAR,           /* GB 32100 / GB 11643 check character */
	VALID_BIRTH_DATE,           /* ID card: no such date, or in the future */
	VALID_AGE,                  /* ID card: age outside 16–120 */
	VALID_USERNAME_CHARS,
	VALID_USERNAME_DIGITS,
	VALID_PASSWORD_TOO_SHORT,
	VALID_PASSWORD_TOO_LONG,
	VALID_PASSWORD_IS_USERNAME,
	VALID_PASSWORD_IS_PHONE,
	VALID_PASSWORD_COMMON,
	VALID_TAX_NO,
	VALID_BANK_ACCOUNT,
	VALID_SMS_CODE,
	VALID__MAX
};

/*
 * Short zh-CN message for a code; never NULL.  An unknown code gives a
 * generic message.
 */
const char *valid_strerror(int code);

/*
 * Number of Unicode code points in s, or -1 when s is not well-formed
 * UTF-8 (overlong forms, surrogates and values above U+10FFFF included).
 */
int utf8_length(const char *s);

/*
 * Normalisers.  Each writes a NUL-terminated result into out (outsz bytes)
 * and returns 0, or -1 when the result does not fit (out is then "").  The
 * result is never longer than the input, and in may equal out (in-place
 * normalisation).  Bytes that are not valid UTF-8 are copied unchanged,
 * so the validator reports them.  Passwords are never normalised.
 *
 * norm_text: trims ASCII blanks (space, tab, CR, LF, VT, FF), U+3000 and
 * U+00A0 at both ends; folds full-width U+FF01–U+FF5E to ASCII and inner
 * U+3000 / U+00A0 to a space.  For names, addresses, email.
 */
int norm_text(const char *in, char *out, size_t outsz);

/*
 * norm_code: norm_text, then removes every blank anywhere and upper-cases
 * ASCII letters; '-' is kept.  For credit codes, ID numbers, tax numbers,
 * bank accounts.
 */
int norm_code(const char *in, char *out, size_t outsz);

/*
 * norm_phone: norm_code; then, when the digits (without '-' between digit
 * groups and without a leading +86, 0086 or 86) are 11 digits starting
 * with 1, the result is those 11 digits.  Anything else (landlines, 400
 * numbers, junk) is left as norm_code made it.
 */
int norm_phone(const char *in, char *out, size_t outsz);

/*
 * Validators.  Input is already normalised (norm_text / norm_code /
 * norm_phone); NULL counts as empty.  Each returns VALID_OK or an
 * enum valid_error code.  An optional field is skipped by the caller when
 * empty; these functions answer VALID_EMPTY.
 */
int valid_required(const char *s);            /* anything but empty */
int valid_mobile(const char *s);              /* 1[3-9]\d{9} */
int valid_username(const char *s);            /* 4–32 [A-Za-z0-9_], not all digits */
int valid_sms_code(const char *s);            /* exactly 6 ASCII digits */

/*
 * Password: 8–128 code points, any characters.  Refused when it equals
 * username (ASCII case-insensitive) or phone, or is on the common list
 * (see password_is_common).  username and phone may be NULL or "".
 */
int valid_password(const char *pw, const char *username, const char *phone);

/*
 * Load the common-password list (one per line, UTF-8, '\r' tolerated,
 * blank lines ignored) into a sorted array; a second call replaces the
 * old list.  Returns 0, or -1 on any error (an empty list included), in
 * which case the previous list (if any) stays in place.  Not thread-safe:
 * call it at start-up, and refuse to start when it fails.
 */
int password_list_load(const char *path);

/* Free the list (at exit; lets valgrind see a clean heap). */
void password_list_free(void);

/* Entries in the loaded list; 0 when none is loaded (start-up check). */
size_t password_list_count(void);

/*
 * 1 when pw, or pw with ASCII letters lower-cased, is on the list, else 0
 * (also 0 when no list is loaded).  O(log n).
 */
int password_is_common(const char *pw);

int valid_uscc(const char *s);                /* 统一社会信用代码, GB 32100-2015 */
int valid_org_other(const char *s);           /* other organisation ID: 4–40 chars */
int valid_id_other(const char *s);            /* other personal ID: 4–40 chars */

/*
 * 居民身份证, GB 11643-1999: 18 characters, check character (upper-case X),
 * a real birth date not after today, age 16–120 on today (YYYYMMDD, e.g.
 * 20261125; passed in so that tests are deterministic).
 */
int valid_id_card(const char *s, int today_yyyymmdd);

int valid_tax_no(const char *s);              /* 15/17/18/20 [0-9A-Z]; 18 = USCC */
int valid_bank_account(const char *s);        /* 8–32 digits */

/*
 * 联系电话: a mobile; a landline 0\d{2,3}-?\d{7,8} with an optional
 * extension ('-' or '#' and 1–6 digits); or a 400/800 number
 * ([48]00-?\d{3}-?\d{4}).
 */
int valid_landline_or_mobile(const char *s);

/*
 * Practical email: at most 254 ASCII characters, one '@'; local part 1–64
 * of atext and dots (no leading, trailing or double dot); domain of at
 * least two dot-separated labels of [A-Za-z0-9-] (1–63, no '-' at either
 * end), the last one letters only and at least 2 long.
 */
int valid_email(const char *s);

/* Free text, lengths in code points, control characters refused. */
int valid_name(const char *s);                /* 1–64 */
int valid_address(const char *s);             /* 5–200 */
int valid_org_name(const char *s);            /* 2–128 */

#endif /* CERTDESK_VALID_H */
