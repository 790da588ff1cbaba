/* ra-test.c: TAP unit tests for the RA messages (fcgi/ra.c), 顺丰 tracking numbers (fcgi/fulfil.c) and MIME mail (fcgi/mail.c) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../fcgi/fulfil.h"
#include "../../fcgi/mail.h"
#include "../../fcgi/ra.h"
#include "../../fcgi/run.h"
#include "../../fcgi/xml.h"
#include "tap.h"

static void
test_request(void)
{
	struct ra_request q;
	struct xml_flat f;
	char *xml, err[160];
	size_t len;

	memset(&q, 0, sizeof(q));
	snprintf(q.trans_no, sizeof(q.trans_no), "ZQYL20261125103000123456-01");
	snprintf(q.cert_type, sizeof(q.cert_type), "enterprise");
	snprintf(q.user_name, sizeof(q.user_name), "福建<测试>&科技有限公司");
	snprintf(q.ident_type, sizeof(q.ident_type), "N");
	snprintf(q.ident_no, sizeof(q.ident_no), "91350100M000100Y43");
	snprintf(q.role, sizeof(q.role), "经办员");
	q.months = 24;
	ok(ra_request_xml(&q, &xml, &len) == 0, "a request is built");
	ok(xml_parse(xml, len, &f, err, sizeof(err)) == 0, "and parses");
	is_str(xml_get(&f, "Request/Head/TxCode"), RA_TX_APPLY, "TxCode 1101 (apply)");
	is_str(xml_get(&f, "Request/Head/TransNo"), q.trans_no, "our transaction number");
	is_str(xml_get(&f, "Request/Body/CustomerType"), "2", "an organisation's certificate");
	is_str(xml_get(&f, "Request/Body/UserName"), q.user_name, "the name, escaped and back");
	is_str(xml_get(&f, "Request/Body/IdentType"), "N", "the ID type");
	is_str(xml_get(&f, "Request/Body/IdentNo"), q.ident_no, "the ID number");
	is_str(xml_get(&f, "Request/Body/OrgUnit"), "经办员", "the role");
	is_str(xml_get(&f, "Request/Body/Duration"), "24", "the validity in months");
	ok(xml_get(&f, "Request/Body/KeyAlg") != NULL, "a key algorithm");
	xml_flat_free(&f);
	free(xml);
	snprintf(q.user_name, sizeof(q.user_name), "bad\x01");
	ok(ra_request_xml(&q, &xml, &len) == -1, "a control character builds no request");
}

static int
parse(const char *answer, const char *tn, struct ra_result *res)
{
	return ra_response_parse(answer, strlen(answer), tn, res);
}

#define OK_HEAD "<Response><Head><TxCode>1101</TxCode><TransNo>T-01</TransNo><ResultCode>0000</ResultCode>" \
	"<ResultMessage>成功</ResultMessage></Head>"

static void
test_response(void)
{
	struct ra_result res;

	ok(parse(OK_HEAD "<Body><SerialNo>4F2A9C01B2</SerialNo><DN>CN=测试@91350100M000100Y43,O=RA,C=CN</DN>"
	    "<StartTime>20261125103000</StartTime><EndTime>20271125103000</EndTime></Body></Response>", "T-01", &res) == 0,
	    "an issued answer is read");
	is_str(res.serial, "4F2A9C01B2", "its serial");
	is_str(res.dn, "CN=测试@91350100M000100Y43,O=RA,C=CN", "its DN");
	is_str(res.not_before, "2026-11-25 10:30:00", "valid from");
	is_str(res.not_after, "2027-11-25 10:30:00", "valid to");

	ok(parse("<Response><Head><TransNo>T-01</TransNo><ResultCode>5002</ResultCode><ResultMessage>拒绝</ResultMessage>"
	    "</Head></Response>", "T-01", &res) == 1, "a failure code is not issued");
	is_str(res.error, "RA返回失败 5002：拒绝", "and says the code and message");
	ok(res.serial[0] == '\0', "with no serial");
	ok(parse(OK_HEAD "<Body><SerialNo>", "T-01", &res) == 1, "a malformed answer is not issued");
	ok(strstr(res.error, "不是合法的XML") != NULL, "and says so");
	ok(parse("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" OK_HEAD "</Response>", "T-01", &res) == 1,
	    "an answer with a DOCTYPE is refused");
	ok(strstr(res.error, "DOCTYPE") != NULL, "and says why");
	ok(parse(OK_HEAD "<Body><SerialNo>4F2A9C01B2</SerialNo><DN>CN=x</DN><StartTime>20261125103000</StartTime>"
	    "<EndTime>20271125103000</EndTime></Body></Response>", "T-02", &res) == 1,
	    "an answer to another request is refused");
	ok(parse(OK_HEAD "<Body><SerialNo>not-hex!</SerialNo><DN>CN=x</DN><StartTime>20261125103000</StartTime>"
	    "<EndTime>20271125103000</EndTime></Body></Response>", "T-01", &res) == 1, "a bad serial is refused");
	ok(parse(OK_HEAD "<Body><SerialNo>4F2A9C01B2</SerialNo><DN>CN=x</DN><StartTime>20271125103000</StartTime>"
	    "<EndTime>20261125103000</EndTime></Body></Response>", "T-01", &res) == 1, "validity ending first is refused");
	ok(parse(OK_HEAD "<Body><SerialNo>4F2A9C01B2</SerialNo><DN>CN=x</DN><StartTime>20261325103000</StartTime>"
	    "<EndTime>20271125103000</EndTime></Body></Response>", "T-01", &res) == 1, "month 13 is refused");
	ok(parse(OK_HEAD "<Body><SerialNo>4F2A9C01B2</SerialNo><StartTime>20261125103000</StartTime>"
	    "<EndTime>20271125103000</EndTime></Body></Response>", "T-01", &res) == 1, "no DN is refused");
	ok(parse("<Response><Body/></Response>", "T-01", &res) == 1, "no result code is refused");
}

static void
test_tracking(void)
{
	static const struct { const char *in, *out; int valid; } cases[] = {
		{ "SF1234567890123", "SF1234567890123", 1 },
		{ " sf 1234 5678 90123 ", "SF1234567890123", 1 },
		{ "ＳＦ１２３４５６７８９０１２３", "SF1234567890123", 1 },
		{ "123456789012", "123456789012", 1 },
		{ "SF123456789012", "", 0 },
		{ "SF12345678901234", "", 0 },
		{ "1234567890123", "", 0 },
		{ "12345678901", "", 0 },
		{ "SX1234567890123", "", 0 },
		{ "SF12345678901X3", "", 0 },
		{ "", "", 0 },
	};
	char out[64], name[96];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int v = fulfil_tracking_no(cases[i].in, out, sizeof(out));

		snprintf(name, sizeof(name), "tracking number '%s' is %s", cases[i].in, cases[i].valid ? "valid" : "refused");
		ok(v == cases[i].valid, name);
		if (cases[i].valid)
			is_str(out, cases[i].out, "and normalised");
	}
}

static void
test_mail(void)
{
	struct mail_attachment a = { "invoice-26111000000000000042.xml", "application/xml", "<x>发票</x>", 13 };
	struct mail_message m = { "示例数字认证", "noreply@ca.example.cn", "agent@example.com",
		"【平台】订单ZQYL1的电子发票（发票号码26111000000000000042）", "您好：\n发票见附件。", 1764000000, &a };
	char *out;
	size_t len;

	ok(mail_build(&m, &out, &len) == 0, "a mail is built");
	ok(strstr(out, "\nTo: agent@example.com\n") != NULL, "to the address");
	ok(strstr(out, "\nSubject: =?UTF-8?B?") != NULL, "the subject as RFC 2047 words");
	ok(strstr(out, "MIME-Version: 1.0\n") != NULL, "MIME 1.0");
	ok(strstr(out, "Content-Type: multipart/mixed; boundary=\"=_certdesk_") != NULL, "multipart/mixed");
	ok(strstr(out, "Content-Disposition: attachment; filename=\"invoice-26111000000000000042.xml\"") != NULL,
	    "the attachment and its name");
	ok(strstr(out, "PHg+5Y+R56WoPC94Pg==") != NULL, "the attachment in base64");
	ok(strstr(out, "+0800\n") != NULL, "dated in China time");
	free(out);
	m.to = "a@example.com\nBcc: victim@example.com";
	ok(mail_build(&m, &out, &len) == -1, "a line break in an address builds nothing (no header injection)");
	m.to = "agent@example.com";
	m.subject = "x\r\nBcc: victim@example.com";
	ok(mail_build(&m, &out, &len) == -1, "nor in the subject");
	m.subject = "plain";
	m.attachment = NULL;
	ok(mail_build(&m, &out, &len) == 0 && strstr(out, "multipart") == NULL && strstr(out, "\nSubject: plain\n") != NULL,
	    "a mail without attachment is one text part, an ASCII subject as is");
	free(out);
}

/* run_capture: what RA.transport exec uses to hear the RA client's answer. */
static void
test_capture(void)
{
	char *cat[] = { "/bin/cat", NULL }, *no[] = { "/bin/false", NULL }, *slow[] = { "/bin/sleep", "5", NULL };
	char *rel[] = { "cat", NULL }, *out, why[128];
	size_t len;

	ok(run_capture(cat, "<Response/>", 11, 5000, 1024, &out, &len, why, sizeof(why)) == 0 && len == 11 &&
	    strcmp(out, "<Response/>") == 0, "a program's answer on stdout is kept");
	free(out);
	ok(run_capture(cat, "0123456789", 10, 5000, 4, &out, &len, why, sizeof(why)) == -1 && out == NULL,
	    "more than the limit is refused");
	is_str(why, "too much output", "as too much output");
	ok(run_capture(no, "x", 1, 5000, 1024, &out, &len, why, sizeof(why)) == -1, "a non-zero exit is a failure");
	is_str(why, "exited with status 1", "with its status");
	ok(run_capture(slow, "", 0, 200, 1024, &out, &len, why, sizeof(why)) == -1, "a program that hangs is killed");
	is_str(why, "timed out", "as timed out");
	ok(run_capture(rel, "", 0, 1000, 1024, &out, &len, why, sizeof(why)) == -1, "a relative path is refused (no PATH search)");
}

int
main(void)
{
	test_request();
	test_response();
	test_tracking();
	test_mail();
	test_capture();
	return done_testing();
}
