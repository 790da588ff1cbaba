/* xml-test.c: TAP unit tests for fcgi/xml.c: untrusted input refused safely, documents built and read back */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/xml.h"
#include "tap.h"

static int
parse(const char *s, struct xml_flat *f, char *err, size_t errsz)
{
	return xml_parse(s, strlen(s), f, err, errsz);
}

static void
test_parse(void)
{
	struct xml_flat f;
	char err[160];

	ok(parse("<Response><Head><TxCode>1101</TxCode><ResultCode> 0000 </ResultCode></Head>"
	    "<Body><Cert><SerialNo>01AB</SerialNo></Cert><Cert><SerialNo>02CD</SerialNo></Cert></Body></Response>",
	    &f, err, sizeof(err)) == 0, "a response parses");
	is_str(xml_get(&f, "Response/Head/TxCode"), "1101", "a nested value by path");
	is_str(xml_get(&f, "Response/Head/ResultCode"), "0000", "text is trimmed");
	ok(xml_count(&f, "Response/Body/Cert/SerialNo") == 2, "repeated elements are counted");
	is_str(xml_get_nth(&f, "Response/Body/Cert/SerialNo", 1), "02CD", "and read in document order");
	ok(xml_get(&f, "Response/Head/Nope") == NULL, "a missing path is NULL");
	xml_flat_free(&f);

	ok(parse("<xml><return_code><![CDATA[SUCCESS]]></return_code><msg>a &amp; b &#x4E2D;</msg></xml>",
	    &f, err, sizeof(err)) == 0, "CDATA and character references parse");
	is_str(xml_get(&f, "xml/return_code"), "SUCCESS", "CDATA is text");
	is_str(xml_get(&f, "xml/msg"), "a & b 中", "predefined and character references are decoded");
	xml_flat_free(&f);

	ok(parse("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
	    &f, err, sizeof(err)) == -1, "an external entity (XXE) is refused");
	is_str(err, "DOCTYPE is not allowed", "because of its DOCTYPE");
	xml_flat_free(&f);
	ok(parse("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><r>&lol2;</r>",
	    &f, err, sizeof(err)) == -1, "entity expansion (billion laughs) is refused");
	xml_flat_free(&f);
	ok(parse("<!DOCTYPE r SYSTEM \"http://example.invalid/r.dtd\"><r/>", &f, err, sizeof(err)) == -1,
	    "an external DTD is refused");
	xml_flat_free(&f);
	/* The same in UTF-16: the byte scan cannot see it, the parser's hook does. */
	{
		const char *src = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>";
		size_t n = strlen(src), i;
		char *u16 = malloc(2 * n + 2);

		u16[0] = (char)0xFF;
		u16[1] = (char)0xFE;
		for (i = 0; i < n; i++) {
			u16[2 + 2 * i] = src[i];
			u16[3 + 2 * i] = 0;
		}
		ok(xml_parse(u16, 2 * n + 2, &f, err, sizeof(err)) == -1, "a DOCTYPE in UTF-16 is refused too");
		xml_flat_free(&f);
		free(u16);
	}
	ok(parse("<r><a>1</a>", &f, err, sizeof(err)) == -1, "an unclosed element is refused");
	ok(strncmp(err, "not well-formed XML", 19) == 0, "as not well-formed");
	xml_flat_free(&f);
	ok(parse("not xml at all", &f, err, sizeof(err)) == -1, "text that is not XML is refused");
	xml_flat_free(&f);
	ok(xml_parse("", 0, &f, err, sizeof(err)) == -1, "an empty body is refused");
	xml_flat_free(&f);
	{
		size_t n = XML_INPUT_MAX + 10;
		char *big = malloc(n + 1);

		memset(big, ' ', n);
		memcpy(big, "<r>", 3);
		memcpy(big + n - 4, "</r>", 4);
		big[n] = '\0';
		ok(xml_parse(big, n, &f, err, sizeof(err)) == -1, "an oversized document is refused");
		xml_flat_free(&f);
		free(big);
	}
	{
		/* 40 levels: deeper than anything we read. */
		char deep[40 * 7 + 1] = "";
		int i;

		for (i = 0; i < 40; i++)
			strcat(deep, "<a>");
		for (i = 0; i < 40; i++)
			strcat(deep, "</a>");
		ok(parse(deep, &f, err, sizeof(err)) == -1, "a too deep document is refused");
		xml_flat_free(&f);
	}
}

static void
test_build(void)
{
	struct xml_builder *b;
	struct xml_flat f;
	char *out, err[160];
	size_t len;

	b = xml_new("Request");
	ok(b != NULL, "a builder");
	xml_open(b, "Head");
	xml_text(b, "TxCode", "1101");
	xml_close(b);
	xml_open(b, "Body");
	xml_attr(b, "count", "1");
	xml_text(b, "Name", "福建<测试>&\"科技\"");
	xml_text(b, "Empty", NULL);
	xml_close(b);
	ok(xml_finish(b, &out, &len) == 0, "it serialises");
	ok(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) == 0, "with a UTF-8 declaration");
	ok(strstr(out, "&lt;测试&gt;&amp;") != NULL, "markup in text is escaped");
	ok(len == strlen(out), "the length is right");
	ok(xml_parse(out, len, &f, err, sizeof(err)) == 0, "what is built parses back");
	is_str(xml_get(&f, "Request/Body/Name"), "福建<测试>&\"科技\"", "with the same text");
	is_str(xml_get(&f, "Request/Body/Empty"), "", "an empty element is empty text");
	xml_flat_free(&f);
	free(out);

	b = xml_new("R");
	ok(xml_text(b, "A", "bell\x07") == -1, "a control character is refused");
	ok(xml_text(b, "B", "ok") == -1, "and the builder stays failed");
	ok(xml_finish(b, &out, &len) == -1 && out == NULL, "so nothing is produced");
	b = xml_new("R");
	ok(xml_text(b, "A", "\xe4\xb8") == -1, "broken UTF-8 is refused");
	xml_free(b);
	b = xml_new("R");
	ok(xml_open(b, "a b") == -1, "a bad element name is refused");
	xml_free(b);
	b = xml_new("R");
	ok(xml_close(b) == -1, "the root cannot be closed");
	xml_free(b);
}

int
main(void)
{
	test_parse();
	test_build();
	return done_testing();
}
