/* text-test.c: TAP unit tests for fcgi/text.c (placeholders, masking, local paths) and valid_required */
#include <stdio.h>
#include <string.h>

#include "../../fcgi/text.h"
#include "../../fcgi/valid.h"

static int count, failed;

static void
ok(int cond, const char *name)
{
	count++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", count, name);
}

static void
is_str(const char *got, const char *want, const char *name)
{
	ok(strcmp(got, want) == 0, name);
	if (strcmp(got, want) != 0)
		printf("#   got \"%s\"\n#  want \"%s\"\n", got, want);
}

static void
test_fill(void)
{
	const char *pairs[] = { "code", "123456", "minutes", "5", "site", "平台", NULL };
	char out[128], small[8];

	ok(text_fill("【{site}】验证码：{code}，{minutes}分钟内有效", pairs, out, sizeof(out)) == 0,
	    "fill returns 0");
	is_str(out, "【平台】验证码：123456，5分钟内有效", "fill replaces every placeholder");
	text_fill("{code}{code}", pairs, out, sizeof(out));
	is_str(out, "123456123456", "fill replaces a placeholder twice");
	text_fill("{unknown} {code", pairs, out, sizeof(out));
	is_str(out, "{unknown} {code", "fill keeps unknown and unclosed placeholders");
	text_fill("{{code}}", pairs, out, sizeof(out));
	is_str(out, "{123456}", "fill keeps a brace before a placeholder");
	text_fill("", pairs, out, sizeof(out));
	is_str(out, "", "fill of empty template");
	text_fill("plain", NULL, out, sizeof(out));
	is_str(out, "plain", "fill without pairs copies");
	ok(text_fill("code {code}", pairs, small, sizeof(small)) == -1 && small[0] == '\0',
	    "fill too long for out fails with empty out");
	ok(text_fill("1234567", NULL, small, sizeof(small)) == 0, "fill exactly fitting succeeds");
	ok(text_fill("12345678", NULL, small, sizeof(small)) == -1, "fill one byte over fails");
}

static void
test_mask(void)
{
	char out[32], tiny[4];

	mask_middle("13800138000", 3, 4, out, sizeof(out));
	is_str(out, "138****8000", "mask phone");
	mask_middle("11010519491231002X", 6, 4, out, sizeof(out));
	is_str(out, "110105********002X", "mask id card");
	mask_middle("6222021234567890", 0, 4, out, sizeof(out));
	is_str(out, "************7890", "mask account keeps tail only");
	mask_middle("1234567", 3, 4, out, sizeof(out));
	is_str(out, "*******", "mask string not longer than head+tail masks all");
	mask_middle("", 3, 4, out, sizeof(out));
	is_str(out, "", "mask empty");
	ok(mask_middle("13800138000", 3, 4, tiny, sizeof(tiny)) == -1 && tiny[0] == '\0',
	    "mask into small buffer fails");
}

static void
test_local_path(void)
{
	ok(text_local_path("/orders/new") == 1, "local path");
	ok(text_local_path("/orders?period=1y&page=2") == 1, "local path with query");
	ok(text_local_path("/") == 1, "root path");
	ok(text_local_path("//evil.example/") == 0, "protocol-relative refused");
	ok(text_local_path("/\\evil.example") == 0, "backslash host refused");
	ok(text_local_path("https://evil.example/") == 0, "absolute url refused");
	ok(text_local_path("orders") == 0, "relative path refused");
	ok(text_local_path("/a\r\nSet-Cookie:x") == 0, "header injection refused");
	ok(text_local_path("/a b") == 0, "space refused");
	ok(text_local_path("/a\"><script>") == 0, "markup refused");
	ok(text_local_path("") == 0 && text_local_path(NULL) == 0, "empty and null refused");
}

static void
test_required(void)
{
	ok(valid_required("x") == VALID_OK, "required: value");
	ok(valid_required("") == VALID_EMPTY, "required: empty");
	ok(valid_required(NULL) == VALID_EMPTY, "required: null");
}

int
main(void)
{
	test_fill();
	test_mask();
	test_local_path();
	test_required();
	printf("1..%d\n", count);
	return failed != 0;
}
