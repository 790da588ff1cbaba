/* valid-test.c: TAP unit tests for fcgi/valid.c (normalisers, validators, password list) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/valid.h"

/* The "today" every ID-card test uses, so that ages never drift. */
#define TODAY 20261125

/*
 * TAP wants the plan ("1..N") first; results are kept and printed at the
 * end so that adding an assertion never means counting by hand.
 */
struct result {
	int pass;
	char name[128];
	char diag[256];
};

static struct result results[512];
static size_t result_count;
static int overflowed;

static void
record(int pass, const char *name, const char *diag)
{
	struct result *r;

	if (result_count == sizeof(results) / sizeof(results[0])) {
		overflowed = 1;
		return;
	}
	r = &results[result_count++];
	r->pass = pass;
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->diag, sizeof(r->diag), "%s", diag != NULL ? diag : "");
}

static void
ok(int cond, const char *name)
{
	record(cond, name, NULL);
}

/* A validator's result against the expected code. */
static void
is_code(int got, int want, const char *name)
{
	char diag[256];

	snprintf(diag, sizeof(diag), "got %d (%s), want %d (%s)", got,
	    valid_strerror(got), want, valid_strerror(want));
	record(got == want, name, got == want ? NULL : diag);
}

static void
is_int(int got, int want, const char *name)
{
	char diag[64];

	snprintf(diag, sizeof(diag), "got %d, want %d", got, want);
	record(got == want, name, got == want ? NULL : diag);
}

typedef int (*normaliser)(const char *, char *, size_t);

/* A normaliser's output (with a roomy buffer) against the expected text. */
static void
is_norm(normaliser fn, const char *in, const char *want, const char *name)
{
	char out[512], diag[256];
	int rc;

	rc = fn(in, out, sizeof(out));
	snprintf(diag, sizeof(diag), "rc %d, got \"%.100s\", want \"%.100s\"", rc, out,
	    want);
	record(rc == 0 && strcmp(out, want) == 0, name, diag);
}

/* n copies of unit into buf; the result must fit. */
static const char *
repeat(char *buf, size_t size, const char *unit, size_t n)
{
	size_t len = strlen(unit), i;

	buf[0] = '\0';
	if (len == 0 || n >= size / len)
		return buf;
	for (i = 0; i < n; i++)
		memcpy(buf + i * len, unit, len);
	buf[n * len] = '\0';
	return buf;
}

static void
test_utf8(void)
{
	is_int(utf8_length(""), 0, "utf8 length of empty");
	is_int(utf8_length("abc"), 3, "utf8 length ascii");
	is_int(utf8_length("中文"), 2, "utf8 length cjk");
	is_int(utf8_length("a\u00e9\U0001F600"), 3, "utf8 length 2- and 4-byte");
	is_int(utf8_length("\xC0\xAF"), -1, "utf8 rejects 2-byte overlong");
	is_int(utf8_length("\xE0\x80\xAF"), -1, "utf8 rejects 3-byte overlong");
	is_int(utf8_length("\xF0\x80\x80\xAF"), -1, "utf8 rejects 4-byte overlong");
	is_int(utf8_length("\xED\xA0\x80"), -1, "utf8 rejects surrogate");
	is_int(utf8_length("\xF4\x90\x80\x80"), -1, "utf8 rejects above u+10ffff");
	is_int(utf8_length("\xE4\xB8"), -1, "utf8 rejects truncated sequence");
	is_int(utf8_length("a\x80"), -1, "utf8 rejects lone continuation");
	is_int(utf8_length("\xFF"), -1, "utf8 rejects 0xff");
}

static void
test_norm_text(void)
{
	char buf[64];
	int rc;

	is_norm(norm_text, "  hello  ", "hello", "norm_text trims ascii spaces");
	is_norm(norm_text, "\t a b \r\n", "a b", "norm_text trims tab cr lf, keeps inner space");
	is_norm(norm_text, "\u3000张三\u3000", "张三", "norm_text trims u+3000");
	is_norm(norm_text, "\u00a0abc\u00a0", "abc", "norm_text trims nbsp");
	is_norm(norm_text, "ＡＢＣ１２３", "ABC123", "norm_text folds full-width");
	is_norm(norm_text, "a\u3000b", "a b", "norm_text folds inner u+3000 to space");
	is_norm(norm_text, "ｔｅｓｔ＠ｅｘａｍｐｌｅ．ｃｏｍ", "test@example.com",
	    "norm_text folds full-width email");
	is_norm(norm_text, "！～", "!~", "norm_text folds range ends ff01 ff5e");
	is_norm(norm_text, "北京市 海淀区", "北京市 海淀区", "norm_text keeps cjk and inner space");
	is_norm(norm_text, "", "", "norm_text empty");
	is_norm(norm_text, " \u3000\t ", "", "norm_text blanks only");
	is_norm(norm_text, NULL, "", "norm_text null is empty");
	is_norm(norm_text, "a\xFF" "b", "a\xFF" "b", "norm_text passes invalid bytes through");

	rc = norm_text("abcdef", buf, 4);
	ok(rc == -1 && buf[0] == '\0', "norm_text too small buffer fails");
	rc = norm_text("abc", buf, 4);
	ok(rc == 0 && strcmp(buf, "abc") == 0, "norm_text exact fit");
	rc = norm_text("   abc   ", buf, 4);
	ok(rc == 0 && strcmp(buf, "abc") == 0, "norm_text fits after trimming");
	rc = norm_text("ＡＢＣ", buf, 4);
	ok(rc == 0 && strcmp(buf, "ABC") == 0, "norm_text fits after folding");
	snprintf(buf, sizeof(buf), "%s", " ＡＢ\u3000Ｃ ");
	rc = norm_text(buf, buf, sizeof(buf));
	ok(rc == 0 && strcmp(buf, "AB C") == 0, "norm_text in place");
}

static void
test_norm_code(void)
{
	char buf[64];
	int rc;

	is_norm(norm_code, "９１ ３５０１ ００Ｍ０００１００Ｙ４３", "91350100M000100Y43",
	    "norm_code full-width credit code with inner spaces");
	is_norm(norm_code, "91350100m000100y43", "91350100M000100Y43", "norm_code upper-cases");
	is_norm(norm_code, " 1101 0519 4912 3100 2x ", "11010519491231002X",
	    "norm_code id card lower x");
	is_norm(norm_code, "6222\u30000200\u00a01234\t5678", "6222020012345678",
	    "norm_code removes u+3000 nbsp tab inside");
	is_norm(norm_code, "010-12345678", "010-12345678", "norm_code keeps hyphen");
	is_norm(norm_code, " ａｂｃ－１２３ ", "ABC-123", "norm_code full-width hyphen");
	snprintf(buf, sizeof(buf), "%s", "9 1 a");
	rc = norm_code(buf, buf, sizeof(buf));
	ok(rc == 0 && strcmp(buf, "91A") == 0, "norm_code in place");
	rc = norm_code("123456", buf, 3);
	ok(rc == -1 && buf[0] == '\0', "norm_code too small buffer fails");
}

static void
test_norm_phone(void)
{
	is_norm(norm_phone, "+86 138 0013 8000", "13800138000", "norm_phone +86 with spaces");
	is_norm(norm_phone, "0086 13800138000", "13800138000", "norm_phone 0086");
	is_norm(norm_phone, "8613800138000", "13800138000", "norm_phone 86");
	is_norm(norm_phone, "138-0013-8000", "13800138000", "norm_phone hyphen groups");
	is_norm(norm_phone, "+86-138-0013-8000", "13800138000", "norm_phone +86 and hyphens");
	is_norm(norm_phone, "＋８６ １３８００１３８０００", "13800138000", "norm_phone full-width");
	is_norm(norm_phone, "\u3000138 0013 8000\u3000", "13800138000", "norm_phone u+3000");
	is_norm(norm_phone, "13800138000", "13800138000", "norm_phone plain mobile");
	is_norm(norm_phone, "010-12345678", "010-12345678", "norm_phone landline unchanged");
	is_norm(norm_phone, "0755 1234567-123", "07551234567-123", "norm_phone landline extension");
	is_norm(norm_phone, "400-810-1234", "400-810-1234", "norm_phone 400 unchanged");
	is_norm(norm_phone, "86123", "86123", "norm_phone short 86 unchanged");
	is_norm(norm_phone, "+8612345", "+8612345", "norm_phone short +86 unchanged");
	is_norm(norm_phone, "138--0013-8000", "138--0013-8000", "norm_phone double hyphen unchanged");
	is_norm(norm_phone, "-13800138000", "-13800138000", "norm_phone leading hyphen unchanged");
	is_norm(norm_phone, "+1 415 555 0100", "+14155550100", "norm_phone foreign unchanged");
	is_norm(norm_phone, "+13800138000", "+13800138000", "norm_phone plus without 86 unchanged");
}

static void
test_mobile_username_sms(void)
{
	char buf[64];

	is_code(valid_mobile("13800138000"), VALID_OK, "mobile 138 valid");
	is_code(valid_mobile("19912345678"), VALID_OK, "mobile 199 valid");
	is_code(valid_mobile("12800138000"), VALID_FORMAT, "mobile 12x invalid");
	is_code(valid_mobile("1380013800"), VALID_FORMAT, "mobile 10 digits invalid");
	is_code(valid_mobile("138001380001"), VALID_FORMAT, "mobile 12 digits invalid");
	is_code(valid_mobile("1380013800a"), VALID_FORMAT, "mobile letter invalid");
	is_code(valid_mobile("23800138000"), VALID_FORMAT, "mobile not starting with 1 invalid");
	is_code(valid_mobile(""), VALID_EMPTY, "mobile empty");

	is_code(valid_username("zhang_san"), VALID_OK, "username valid");
	is_code(valid_username("abcd"), VALID_OK, "username 4 chars valid");
	is_code(valid_username("_123"), VALID_OK, "username digits and underscore valid");
	is_code(valid_username(repeat(buf, sizeof(buf), "a", 32)), VALID_OK, "username 32 chars valid");
	is_code(valid_username(repeat(buf, sizeof(buf), "a", 33)), VALID_TOO_LONG_32, "username 33 chars invalid");
	is_code(valid_username("abc"), VALID_TOO_SHORT_4, "username 3 chars invalid");
	is_code(valid_username("12345678"), VALID_USERNAME_DIGITS, "username all digits invalid");
	is_code(valid_username("user-name"), VALID_USERNAME_CHARS, "username hyphen invalid");
	is_code(valid_username("用户名字"), VALID_USERNAME_CHARS, "username cjk invalid");
	is_code(valid_username(""), VALID_EMPTY, "username empty");

	is_code(valid_sms_code("123456"), VALID_OK, "sms code valid");
	is_code(valid_sms_code("012345"), VALID_OK, "sms code leading zero valid");
	is_code(valid_sms_code("12345"), VALID_SMS_CODE, "sms code 5 digits invalid");
	is_code(valid_sms_code("1234567"), VALID_SMS_CODE, "sms code 7 digits invalid");
	is_code(valid_sms_code("12345a"), VALID_SMS_CODE, "sms code letter invalid");
	is_code(valid_sms_code("１２３４５６"), VALID_SMS_CODE, "sms code full-width unnormalised invalid");
	is_code(valid_sms_code(""), VALID_EMPTY, "sms code empty");
}

static void
test_password(const char *list_path)
{
	char buf[1024];

	ok(password_list_load(list_path) == 0, "password list loads");
	is_int((int)password_list_count(), 10000, "password list has 10000 entries");
	ok(password_is_common("password") == 1, "first entry is common");
	ok(password_is_common("dalmatio") == 1, "last entry is common");
	ok(password_is_common("PassWord1") == 1, "common check folds ascii case");
	ok(password_is_common("Zh8#kq!2vL") == 0, "strong password is not common");
	is_code(valid_password("password123", "zhangsan", "13800138000"),
	    VALID_PASSWORD_COMMON, "password123 refused as common");
	is_code(valid_password("iloveyou", NULL, NULL), VALID_PASSWORD_COMMON,
	    "iloveyou refused as common");
	is_code(valid_password("P@ssw0rd", NULL, NULL), VALID_PASSWORD_COMMON,
	    "p@ssw0rd in other case refused as common");
	is_code(valid_password("Zh8#kq!2vL", "zhangsan", "13800138000"), VALID_OK,
	    "strong password accepted");
	is_code(valid_password("ZhangSan_88", "zhangsan_88", "13800138000"),
	    VALID_PASSWORD_IS_USERNAME, "password equal to username other case refused");
	is_code(valid_password("13912345678", "zhangsan", "13912345678"),
	    VALID_PASSWORD_IS_PHONE, "password equal to phone refused");
	is_code(valid_password("Ab3#xyz", NULL, NULL), VALID_PASSWORD_TOO_SHORT,
	    "7-char password refused");
	is_code(valid_password("Ab3#xyzW", NULL, NULL), VALID_OK, "8-char password accepted");
	is_code(valid_password(repeat(buf, sizeof(buf), "k", 128), NULL, NULL),
	    VALID_OK, "128-char password accepted");
	is_code(valid_password(repeat(buf, sizeof(buf), "k", 129), NULL, NULL),
	    VALID_PASSWORD_TOO_LONG, "129-char password refused");
	is_code(valid_password("密码很长很安全", NULL, NULL), VALID_PASSWORD_TOO_SHORT,
	    "7 cjk code points (21 bytes) refused");
	is_code(valid_password("密码很长很安全吧", NULL, NULL), VALID_OK,
	    "8 cjk code points accepted");
	is_code(valid_password(repeat(buf, sizeof(buf), "密", 128), NULL, NULL),
	    VALID_OK, "128 cjk code points (384 bytes) accepted");
	is_code(valid_password(repeat(buf, sizeof(buf), "密", 129), NULL, NULL),
	    VALID_PASSWORD_TOO_LONG, "129 cjk code points refused");
	is_code(valid_password("  spaced pass  ", NULL, NULL), VALID_OK,
	    "password with spaces accepted as is");
	is_code(valid_password("abcdefg\xFF", NULL, NULL), VALID_ENCODING,
	    "password with invalid utf-8 refused");
	is_code(valid_password("", NULL, NULL), VALID_EMPTY, "empty password refused");
	ok(password_list_load(list_path) == 0 && password_list_count() == 10000,
	    "password list reloads");
	ok(password_list_load("/nonexistent/common-passwords.txt") == -1,
	    "missing password list fails");
	ok(password_list_count() == 10000 && password_is_common("password"),
	    "failed load keeps the old list");
	password_list_free();
	ok(password_list_count() == 0 && password_is_common("password") == 0,
	    "freed list has no entries");
}

static void
test_uscc(void)
{
	/* Published codes; each checked against the GB 32100 check character. */
	static const char *const real[] = {
		"91350100M000100Y43", "91110000100010433L", "914403001922038216",
		"91440300708461136T", "91330100799655058B", "91110000802100433B",
		"91100000100003962T", "91520000214434146R", "91310000MA1FL1MMXL",
	};
	/* Made up here, check character computed independently. */
	static const char *const made[] = {
		"91330106MA2CFXXX0N", "12100000400000000W", "Y1440300MA5EXAMPLL",
		"521100005000000008",
	};
	char name[128], buf[64];
	size_t i;

	for (i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		snprintf(name, sizeof(name), "uscc published %s valid", real[i]);
		is_code(valid_uscc(real[i]), VALID_OK, name);
	}
	for (i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
		snprintf(name, sizeof(name), "uscc computed %s valid", made[i]);
		is_code(valid_uscc(made[i]), VALID_OK, name);
	}
	is_code(valid_uscc("91350100M000100Y44"), VALID_CHECK_CHAR, "uscc wrong check char");
	is_code(valid_uscc("91110000100010433M"), VALID_CHECK_CHAR, "uscc wrong check letter");
	is_code(valid_uscc("91110000100010434L"), VALID_CHECK_CHAR, "uscc changed digit");
	is_code(valid_uscc("91350100M000100I43"), VALID_FORMAT, "uscc letter I invalid");
	is_code(valid_uscc("91350100M000100O43"), VALID_FORMAT, "uscc letter O invalid");
	is_code(valid_uscc("91350100m000100y43"), VALID_FORMAT, "uscc lower case invalid");
	is_code(valid_uscc("913A0100M000100Y43"), VALID_FORMAT, "uscc letter in positions 3-8 invalid");
	is_code(valid_uscc("91350100M000100Y4"), VALID_LENGTH_18, "uscc 17 chars invalid");
	is_code(valid_uscc("91350100M000100Y433"), VALID_LENGTH_18, "uscc 19 chars invalid");
	is_code(valid_uscc(""), VALID_EMPTY, "uscc empty");
	ok(norm_code("９１ ３５０１ ００Ｍ０００１００Ｙ４３", buf, sizeof(buf)) == 0 &&
	    valid_uscc(buf) == VALID_OK, "uscc normalised full-width input valid");
}

static void
test_id_card(void)
{
	char buf[64];

	is_code(valid_id_card("11010519491231002X", TODAY), VALID_OK, "id card standard example valid");
	is_code(valid_id_card("110105194912310021", TODAY), VALID_CHECK_CHAR, "id card wrong check char");
	is_code(valid_id_card("11010519491231003X", TODAY), VALID_CHECK_CHAR, "id card changed digit");
	is_code(valid_id_card("11010519491231002x", TODAY), VALID_FORMAT, "id card unnormalised lower x");
	ok(norm_code("11010519491231002x", buf, sizeof(buf)) == 0 &&
	    valid_id_card(buf, TODAY) == VALID_OK, "id card normalised lower x valid");
	is_code(valid_id_card("110105194902300020", TODAY), VALID_BIRTH_DATE, "id card 19490230 invalid");
	is_code(valid_id_card("440304201011251230", TODAY), VALID_OK, "id card age 16 today valid");
	is_code(valid_id_card("440304201011261236", TODAY), VALID_AGE, "id card age 15 invalid");
	is_code(valid_id_card("440304190611251233", TODAY), VALID_OK, "id card age 120 valid");
	is_code(valid_id_card("440304190511251236", TODAY), VALID_AGE, "id card age 121 invalid");
	is_code(valid_id_card("440304190511261231", TODAY), VALID_OK, "id card 120 until tomorrow valid");
	is_code(valid_id_card("110105200002290013", TODAY), VALID_OK, "id card 2000-02-29 valid");
	is_code(valid_id_card("110105200402290012", TODAY), VALID_OK, "id card 2004-02-29 valid");
	is_code(valid_id_card("110105190002290017", TODAY), VALID_BIRTH_DATE, "id card 1900-02-29 invalid");
	is_code(valid_id_card("110105200102290010", TODAY), VALID_BIRTH_DATE, "id card 2001-02-29 invalid");
	is_code(valid_id_card("110105198013010013", TODAY), VALID_BIRTH_DATE, "id card month 13 invalid");
	is_code(valid_id_card("110105198001320014", TODAY), VALID_BIRTH_DATE, "id card day 32 invalid");
	is_code(valid_id_card("110105198001000010", TODAY), VALID_BIRTH_DATE, "id card day 0 invalid");
	is_code(valid_id_card("110105202611260011", TODAY), VALID_BIRTH_DATE, "id card birth in future invalid");
	is_code(valid_id_card("110105198001010016", TODAY), VALID_OK, "id card 1980-01-01 valid");
	is_code(valid_id_card("11010519491231002", TODAY), VALID_LENGTH_18, "id card 17 chars invalid");
	is_code(valid_id_card("1101051949123100A2", TODAY), VALID_FORMAT, "id card letter inside invalid");
	is_code(valid_id_card("", TODAY), VALID_EMPTY, "id card empty");
}

static void
test_codes(void)
{
	char buf[64];

	is_code(valid_org_other("abcd"), VALID_OK, "org other 4 chars valid");
	is_code(valid_org_other("事证12345"), VALID_OK, "org other cjk valid");
	is_code(valid_org_other("abc"), VALID_TOO_SHORT_4, "org other 3 chars invalid");
	is_code(valid_org_other(repeat(buf, sizeof(buf), "A", 40)), VALID_OK, "org other 40 chars valid");
	is_code(valid_org_other(repeat(buf, sizeof(buf), "A", 41)), VALID_TOO_LONG_40, "org other 41 chars invalid");
	is_code(valid_org_other("ab\x01" "cd"), VALID_CONTROL_CHAR, "org other control char invalid");
	is_code(valid_id_other("E12345678"), VALID_OK, "other personal id valid");

	is_code(valid_tax_no("110105123456789"), VALID_OK, "tax no 15 valid");
	is_code(valid_tax_no("11010512345678901"), VALID_OK, "tax no 17 valid");
	is_code(valid_tax_no("91350100M000100Y43"), VALID_OK, "tax no 18 credit code valid");
	is_code(valid_tax_no("11010519491231002X01"), VALID_OK, "tax no 20 valid");
	is_code(valid_tax_no("91350100M000100Y44"), VALID_CHECK_CHAR, "tax no 18 bad check invalid");
	is_code(valid_tax_no("1101051234567890"), VALID_TAX_NO, "tax no 16 invalid");
	is_code(valid_tax_no("11010512345678a"), VALID_TAX_NO, "tax no lower case invalid");
	is_code(valid_tax_no("110105-12345678"), VALID_TAX_NO, "tax no hyphen invalid");
	is_code(valid_tax_no(""), VALID_EMPTY, "tax no empty");

	is_code(valid_bank_account("1234567"), VALID_BANK_ACCOUNT, "bank account 7 digits invalid");
	is_code(valid_bank_account("12345678"), VALID_OK, "bank account 8 digits valid");
	is_code(valid_bank_account(repeat(buf, sizeof(buf), "6", 32)), VALID_OK, "bank account 32 digits valid");
	is_code(valid_bank_account(repeat(buf, sizeof(buf), "6", 33)), VALID_BANK_ACCOUNT, "bank account 33 digits invalid");
	is_code(valid_bank_account("6222A20012345678"), VALID_BANK_ACCOUNT, "bank account letter invalid");
	is_code(valid_bank_account(""), VALID_EMPTY, "bank account empty");
	ok(norm_code("6222 0200 1234 5678 ", buf, sizeof(buf)) == 0 &&
	    valid_bank_account(buf) == VALID_OK, "bank account normalised spaces valid");
}

static void
test_phone(void)
{
	is_code(valid_landline_or_mobile("13800138000"), VALID_OK, "phone mobile valid");
	is_code(valid_landline_or_mobile("010-12345678"), VALID_OK, "phone 010-12345678 valid");
	is_code(valid_landline_or_mobile("01012345678"), VALID_OK, "phone landline without hyphen valid");
	is_code(valid_landline_or_mobile("0755-1234567"), VALID_OK, "phone 4-digit area 7 digits valid");
	is_code(valid_landline_or_mobile("0755-1234567-123"), VALID_OK, "phone 0755-1234567-123 valid");
	is_code(valid_landline_or_mobile("0755-12345678#8001"), VALID_OK, "phone hash extension valid");
	is_code(valid_landline_or_mobile("075512345678"), VALID_OK, "phone 0755 8 digits no hyphen valid");
	is_code(valid_landline_or_mobile("400-810-1234"), VALID_OK, "phone 400-810-1234 valid");
	is_code(valid_landline_or_mobile("4008101234"), VALID_OK, "phone 400 no hyphens valid");
	is_code(valid_landline_or_mobile("800-820-8820"), VALID_OK, "phone 800 valid");
	is_code(valid_landline_or_mobile("0755-123456"), VALID_FORMAT, "phone 6-digit subscriber invalid");
	is_code(valid_landline_or_mobile("0755-123456789"), VALID_FORMAT, "phone 9-digit subscriber invalid");
	is_code(valid_landline_or_mobile("010-12345678-1234567"), VALID_FORMAT, "phone 7-digit extension invalid");
	is_code(valid_landline_or_mobile("0755-1234567-"), VALID_FORMAT, "phone empty extension invalid");
	is_code(valid_landline_or_mobile("0755--1234567"), VALID_FORMAT, "phone double hyphen invalid");
	is_code(valid_landline_or_mobile("1234-5678"), VALID_FORMAT, "phone no leading 0 invalid");
	is_code(valid_landline_or_mobile("400-810-123"), VALID_FORMAT, "phone short 400 invalid");
	is_code(valid_landline_or_mobile("500-810-1234"), VALID_FORMAT, "phone 500 invalid");
	is_code(valid_landline_or_mobile(""), VALID_EMPTY, "phone empty");
}

static void
test_email(void)
{
	char buf[512], local[80], domain[80], last[80];

	is_code(valid_email("zhang.san@example.com"), VALID_OK, "email dotted local valid");
	is_code(valid_email("a@b.cn"), VALID_OK, "email shortest valid");
	is_code(valid_email("user+tag@mail.example.com.cn"), VALID_OK, "email plus tag valid");
	is_code(valid_email("first_last@sub-domain.example.org"), VALID_OK, "email hyphen domain valid");
	is_code(valid_email("noatsign.example.com"), VALID_FORMAT, "email without at invalid");
	is_code(valid_email("a@@b.com"), VALID_FORMAT, "email double at invalid");
	is_code(valid_email("a@b@c.com"), VALID_FORMAT, "email two ats invalid");
	is_code(valid_email("@b.com"), VALID_FORMAT, "email empty local invalid");
	is_code(valid_email(".a@b.com"), VALID_FORMAT, "email leading dot invalid");
	is_code(valid_email("a.@b.com"), VALID_FORMAT, "email trailing dot invalid");
	is_code(valid_email("a..b@c.com"), VALID_FORMAT, "email double dot invalid");
	is_code(valid_email("a b@c.com"), VALID_FORMAT, "email space invalid");
	is_code(valid_email("a@localhost"), VALID_FORMAT, "email domain without dot invalid");
	is_code(valid_email("a@-b.com"), VALID_FORMAT, "email label leading hyphen invalid");
	is_code(valid_email("a@b-.com"), VALID_FORMAT, "email label trailing hyphen invalid");
	is_code(valid_email("a@b..com"), VALID_FORMAT, "email empty label invalid");
	is_code(valid_email("a@.b.com"), VALID_FORMAT, "email leading dot domain invalid");
	is_code(valid_email("a@b.com."), VALID_FORMAT, "email trailing dot domain invalid");
	is_code(valid_email("a@b.c"), VALID_FORMAT, "email one-letter tld invalid");
	is_code(valid_email("a@b.c0m"), VALID_FORMAT, "email digit in tld invalid");
	is_code(valid_email("张三@example.com"), VALID_FORMAT, "email non-ascii invalid");
	is_code(valid_email(""), VALID_EMPTY, "email empty");

	repeat(local, sizeof(local), "a", 64);
	snprintf(buf, sizeof(buf), "%s@example.com", local);
	is_code(valid_email(buf), VALID_OK, "email 64-char local valid");
	repeat(local, sizeof(local), "a", 65);
	snprintf(buf, sizeof(buf), "%s@example.com", local);
	is_code(valid_email(buf), VALID_FORMAT, "email 65-char local invalid");
	/* 64 + '@' + 63 + '.' + 63 + '.' + 58 + ".cn" = 254 */
	repeat(local, sizeof(local), "a", 64);
	repeat(domain, sizeof(domain), "b", 63);
	repeat(last, sizeof(last), "c", 58);
	snprintf(buf, sizeof(buf), "%.64s@%.63s.%.63s.%.58s.cn", local, domain,
	    domain, last);
	is_int((int)strlen(buf), 254, "email test address is 254 chars");
	is_code(valid_email(buf), VALID_OK, "email 254 chars valid");
	snprintf(buf, sizeof(buf), "%.64s@%.63s.%.63s.%.58s.cnx", local, domain,
	    domain, last);
	is_code(valid_email(buf), VALID_TOO_LONG_254, "email 255 chars invalid");
	repeat(domain, sizeof(domain), "d", 64);
	snprintf(buf, sizeof(buf), "a@%s.com", domain);
	is_code(valid_email(buf), VALID_FORMAT, "email 64-char label invalid");
}

static void
test_text(void)
{
	char buf[1024];

	is_code(valid_name("张三"), VALID_OK, "name cjk valid");
	is_code(valid_name("A"), VALID_OK, "name 1 char valid");
	is_code(valid_name("Mary Ann"), VALID_OK, "name with space valid");
	is_code(valid_name(repeat(buf, sizeof(buf), "张", 64)), VALID_OK, "name 64 cjk valid");
	is_code(valid_name(repeat(buf, sizeof(buf), "张", 65)), VALID_TOO_LONG_64, "name 65 cjk invalid");
	is_code(valid_name(""), VALID_EMPTY, "name empty");
	is_code(valid_name("张\x01三"), VALID_CONTROL_CHAR, "name control char invalid");
	is_code(valid_name("张\x7f三"), VALID_CONTROL_CHAR, "name del invalid");
	is_code(valid_name("张\u202e三"), VALID_CONTROL_CHAR, "name bidi override invalid");
	is_code(valid_name("张\xE4\xB8"), VALID_ENCODING, "name invalid utf-8");

	is_code(valid_address("北京市海淀区"), VALID_OK, "address 6 chars valid");
	is_code(valid_address("北京市海淀"), VALID_OK, "address 5 chars valid");
	is_code(valid_address("北京市"), VALID_TOO_SHORT_5, "address 3 chars invalid");
	is_code(valid_address(repeat(buf, sizeof(buf), "路", 200)), VALID_OK, "address 200 chars valid");
	is_code(valid_address(repeat(buf, sizeof(buf), "路", 201)), VALID_TOO_LONG_200, "address 201 chars invalid");
	is_code(valid_address("北京市\n海淀区"), VALID_CONTROL_CHAR, "address newline invalid");

	is_code(valid_org_name("中企"), VALID_OK, "org name 2 chars valid");
	is_code(valid_org_name("中"), VALID_TOO_SHORT_2, "org name 1 char invalid");
	is_code(valid_org_name(repeat(buf, sizeof(buf), "企", 128)), VALID_OK, "org name 128 valid");
	is_code(valid_org_name(repeat(buf, sizeof(buf), "企", 129)), VALID_TOO_LONG_128, "org name 129 invalid");
}

static void
test_strerror(void)
{
	int code, all = 1;

	for (code = 1; code < VALID__MAX; code++)
		if (valid_strerror(code) == NULL || valid_strerror(code)[0] == '\0')
			all = 0;
	ok(all, "every code has a message");
	ok(strcmp(valid_strerror(VALID_EMPTY), "不能为空，请输入") == 0, "empty message");
	ok(strcmp(valid_strerror(VALID_FORMAT), "格式不正确") == 0, "format message");
	ok(strcmp(valid_strerror(VALID_TOO_LONG_64), "长度不能超过64个字符") == 0, "too long message");
	ok(valid_strerror(-1) != NULL && valid_strerror(VALID__MAX) != NULL,
	    "unknown codes have a message");
}

int
main(int argc, char **argv)
{
	char path[4096];
	const char *srcdir = getenv("SRCDIR");
	size_t i, failed = 0;

	/* make check exports CERTDESK_SRC; SRCDIR is for running it by hand. */
	if (srcdir == NULL || srcdir[0] == '\0')
		srcdir = getenv("CERTDESK_SRC");
	if (argc > 1)
		snprintf(path, sizeof(path), "%s", argv[1]);
	else if (srcdir != NULL && srcdir[0] != '\0')
		snprintf(path, sizeof(path), "%s/conf/common-passwords.txt", srcdir);
	else
		snprintf(path, sizeof(path), "conf/common-passwords.txt");

	test_utf8();
	test_norm_text();
	test_norm_code();
	test_norm_phone();
	test_mobile_username_sms();
	test_password(path);
	test_uscc();
	test_id_card();
	test_codes();
	test_phone();
	test_email();
	test_text();
	test_strerror();
	password_list_free();

	printf("1..%zu\n", result_count);
	for (i = 0; i < result_count; i++) {
		printf("%sok %zu - %s\n", results[i].pass ? "" : "not ", i + 1,
		    results[i].name);
		if (!results[i].pass) {
			failed++;
			if (results[i].diag[0] != '\0')
				printf("# %s\n", results[i].diag);
		}
	}
	if (overflowed) {
		printf("# too many assertions for the results array\n");
		return 1;
	}
	return failed == 0 ? 0 : 1;
}
