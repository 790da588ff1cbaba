/* ra.c: the CA's RA adapter (SPEC §8): certificate requests and answers as XML, over a configured transport */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "ra.h"
#include "run.h"
#include "xml.h"

/* "YYYYMMDDhhmmss" of a time, in China time (UTC+8, no daylight saving). */
static void
china_stamp(time_t t, char out[15])
{
	struct tm tm;

	t += 8 * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 15, "%Y%m%d%H%M%S", &tm);
}

int
ra_request_xml(const struct ra_request *q, char **xml, size_t *len)
{
	struct xml_builder *b = xml_new("Request");
	char stamp[15], months[16];

	china_stamp(time(NULL), stamp);
	snprintf(months, sizeof(months), "%d", q->months);
	xml_open(b, "Head");
	xml_text(b, "TxCode", RA_TX_APPLY);
	xml_text(b, "TxTime", stamp);
	xml_text(b, "TransNo", q->trans_no);
	xml_text(b, "BranchCode", config_get("RA.branch_code", "000000"));
	xml_text(b, "OperatorCode", config_get("RA.operator_code", "certdesk"));
	xml_close(b);
	xml_open(b, "Body");
	xml_text(b, "CertType", q->personal ? config_get("RA.cert_type_personal", "1") :
	    config_get("RA.cert_type_organisation", "2"));
	xml_text(b, "ProductCode", q->cert_type);
	xml_text(b, "CustomerType", q->personal ? "1" : "2");
	xml_text(b, "UserName", q->user_name);
	xml_text(b, "IdentType", q->ident_type);
	xml_text(b, "IdentNo", q->ident_no);
	xml_text(b, "OrgName", q->org_name);
	xml_text(b, "OrgUnit", q->role);
	xml_text(b, "AgentName", q->agent_name);
	xml_text(b, "Email", q->email);
	xml_text(b, "PhoneNo", q->phone);
	xml_text(b, "KeyAlg", config_get("RA.key_algorithm", "SM2"));
	xml_text(b, "KeyLength", config_get("RA.key_length", "256"));
	xml_text(b, "Duration", months);
	xml_close(b);
	return xml_finish(b, xml, len);
}

/* "20261125103000" -> "2026-11-25 10:30:00"; 0, or -1 when it is not such a time. */
static int
stamp_to_time(const char *s, char out[20])
{
	size_t i;

	if (s == NULL || strlen(s) != 14)
		return -1;
	for (i = 0; i < 14; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	if (memcmp(s + 4, "01", 2) < 0 || memcmp(s + 4, "12", 2) > 0 || memcmp(s + 6, "01", 2) < 0 ||
	    memcmp(s + 6, "31", 2) > 0 || memcmp(s + 8, "23", 2) > 0 || memcmp(s + 10, "59", 2) > 0 ||
	    memcmp(s + 12, "59", 2) > 0)
		return -1;
	snprintf(out, 20, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", s, s + 4, s + 6, s + 8, s + 10, s + 12);
	return 0;
}

static int
hex_serial(const char *s)
{
	size_t n = 0;

	for (; s != NULL && s[n] != '\0'; n++)
		if (!isxdigit((unsigned char)s[n]))
			return 0;
	return n >= 8 && n <= 64;
}

static int
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20)
			return 0;
	return 1;
}

int
ra_response_parse(const char *buf, size_t len, const char *trans_no, struct ra_result *res)
{
	struct xml_flat f;
	char err[200];
	const char *code, *msg, *tn, *serial, *dn;

	memset(res, 0, sizeof(*res));
	if (xml_parse(buf, len, &f, err, sizeof(err)) != 0) {
		if (strstr(err, "DOCTYPE") != NULL)
			snprintf(res->error, sizeof(res->error), "RA应答含有DOCTYPE，已拒绝（%s）", err);
		else
			snprintf(res->error, sizeof(res->error), "RA应答不是合法的XML（%s）", err);
		xml_flat_free(&f);
		return 1;
	}
	code = xml_get(&f, "Response/Head/ResultCode");
	msg = xml_get(&f, "Response/Head/ResultMessage");
	tn = xml_get(&f, "Response/Head/TransNo");
	if (code == NULL || code[0] == '\0') {
		snprintf(res->error, sizeof(res->error), "RA应答缺少结果码（Response/Head/ResultCode）");
	} else if (tn == NULL || strcmp(tn, trans_no) != 0) {
		snprintf(res->error, sizeof(res->error), "RA应答的交易流水号与请求不符（%.40s）", tn != NULL ? tn : "");
	} else if (strcmp(code, RA_RESULT_OK) != 0) {
		snprintf(res->error, sizeof(res->error), "RA返回失败 %.16s：%.160s", code,
		    msg != NULL && printable(msg) ? msg : "");
	} else {
		serial = xml_get(&f, "Response/Body/SerialNo");
		dn = xml_get(&f, "Response/Body/DN");
		if (!hex_serial(serial))
			snprintf(res->error, sizeof(res->error), "RA应答的证书序列号无效");
		else if (dn == NULL || dn[0] == '\0' || strlen(dn) >= sizeof(res->dn) || !printable(dn))
			snprintf(res->error, sizeof(res->error), "RA应答的证书主题（DN）无效");
		else if (stamp_to_time(xml_get(&f, "Response/Body/StartTime"), res->not_before) != 0 ||
		    stamp_to_time(xml_get(&f, "Response/Body/EndTime"), res->not_after) != 0 ||
		    strcmp(res->not_before, res->not_after) >= 0)
			snprintf(res->error, sizeof(res->error), "RA应答的证书有效期无效");
		else {
			snprintf(res->serial, sizeof(res->serial), "%s", serial);
			snprintf(res->dn, sizeof(res->dn), "%s", dn);
			xml_flat_free(&f);
			return 0;
		}
	}
	xml_flat_free(&f);
	res->not_before[0] = res->not_after[0] = '\0';
	return 1;
}

int
ra_send(const char *xml, size_t len, char **resp, size_t *resplen, char *why, size_t whysz)
{
	const char *transport = config_get("RA.transport", "sandbox");
	char *argv[2] = { NULL, NULL };

	*resp = NULL;
	*resplen = 0;
	if (strcmp(transport, "sandbox") == 0) {
		if (config_long("Sandbox.enabled", 0, 0, 1) != 1) {
			snprintf(why, whysz, "RA.transport sandbox needs Sandbox.enabled = 1");
			return -1;
		}
		if (ra_sandbox_answer(xml, len, resp, resplen) != 0) {
			snprintf(why, whysz, "the sandbox RA failed");
			return -1;
		}
		return 0;
	}
	if (strcmp(transport, "exec") == 0) {
		if (config_get("RA.exec_program", "")[0] == '\0' ||
		    (argv[0] = (char *)config_path("RA.exec_program", NULL)) == NULL) {
			snprintf(why, whysz, "RA.exec_program is not set");
			return -1;
		}
		return run_capture(argv, xml, len, config_long("RA.exec_timeout_seconds", 30, 1, 300) * 1000L,
		    XML_INPUT_MAX, resp, resplen, why, whysz);
	}
	snprintf(why, whysz, "unknown RA.transport");
	return -1;
}

/* RFC 4514: a value inside a DN escapes , + " \ < > ; = with a backslash. */
static void
dn_value(const char *s, char *out, size_t outsz)
{
	size_t n = 0;

	for (; *s != '\0' && n + 3 < outsz; s++) {
		if (strchr(",+\"\\<>;=", *s) != NULL)
			out[n++] = '\\';
		out[n++] = *s;
	}
	out[n] = '\0';
}

static int
answer(const char *trans_no, const char *code, const char *message, const char *serial, const char *dn,
    const char *start, const char *end, char **resp, size_t *resplen)
{
	struct xml_builder *b = xml_new("Response");

	xml_open(b, "Head");
	xml_text(b, "TxCode", RA_TX_APPLY);
	xml_text(b, "TransNo", trans_no);
	xml_text(b, "ResultCode", code);
	xml_text(b, "ResultMessage", message);
	xml_close(b);
	if (serial != NULL) {
		xml_open(b, "Body");
		xml_text(b, "SerialNo", serial);
		xml_text(b, "DN", dn);
		xml_text(b, "StartTime", start);
		xml_text(b, "EndTime", end);
		xml_close(b);
	}
	return xml_finish(b, resp, resplen);
}

/* The oldest queued fault, taken by this answer (another answer cannot take it too). */
static int
take_fault(char *fault, size_t faultsz)
{
	struct db_result res;
	long long id;

	fault[0] = '\0';
	if (db_select(STMT_SANDBOX_RA_FAULT_NEXT, &res, "") != 0)
		return -1;
	if (res.nrows == 1) {
		id = strtoll(db_cell(&res, 0, 0), NULL, 10);
		if (db_exec(STMT_SANDBOX_RA_FAULT_TAKE, "l", id) == 1)
			snprintf(fault, faultsz, "%s", db_cell(&res, 0, 1));
	}
	db_result_free(&res);
	return 0;
}

static int
dup_answer(const char *text, char **resp, size_t *resplen)
{
	*resp = strdup(text);
	*resplen = *resp != NULL ? strlen(*resp) : 0;
	return *resp != NULL ? 0 : -1;
}

int
ra_sandbox_answer(const char *req, size_t len, char **resp, size_t *resplen)
{
	struct xml_flat f;
	struct db_result res;
	char err[200], fault[16], trans[64], serial[41], dn[600], name[260], ident[90], role[70], start[15], end[15];
	const char *tn, *months_text;
	long months;
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	*resp = NULL;
	*resplen = 0;
	if (xml_parse(req, len, &f, err, sizeof(err)) != 0) {
		xml_flat_free(&f);
		return answer("", "3001", "请求报文格式错误", NULL, NULL, NULL, NULL, resp, resplen);
	}
	/* A copy: f is freed before the answer is built. */
	snprintf(trans, sizeof(trans), "%s", xml_get(&f, "Request/Head/TransNo") != NULL ?
	    xml_get(&f, "Request/Head/TransNo") : "");
	tn = trans;
	months_text = xml_get(&f, "Request/Body/Duration");
	months = months_text != NULL ? strtol(months_text, NULL, 10) : 0;
	if (tn[0] == '\0' || strlen(tn) > 40 || xml_get(&f, "Request/Body/UserName") == NULL ||
	    xml_get(&f, "Request/Body/IdentNo") == NULL || months < 1 || months > 120 ||
	    strcmp(xml_get(&f, "Request/Head/TxCode") != NULL ? xml_get(&f, "Request/Head/TxCode") : "",
	    RA_TX_APPLY) != 0) {
		rc = answer(tn, "3002", "请求参数不完整", NULL, NULL, NULL, NULL, resp, resplen);
		xml_flat_free(&f);
		return rc;
	}
	if (take_fault(fault, sizeof(fault)) != 0) {
		xml_flat_free(&f);
		return -1;
	}
	if (strcmp(fault, "code") == 0) {
		rc = answer(tn, "5002", "证书申请失败：用户信息与RA登记信息不一致（沙箱故障）", NULL, NULL, NULL, NULL, resp,
		    resplen);
		xml_flat_free(&f);
		return rc;
	}
	if (strcmp(fault, "malformed") == 0) {
		xml_flat_free(&f);
		return dup_answer("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Head><ResultCode>0000</ResultCode>"
		    "<Body><SerialNo>", resp, resplen);
	}
	if (strcmp(fault, "doctype") == 0) {
		xml_flat_free(&f);
		return dup_answer("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE Response [<!ENTITY x SYSTEM "
		    "\"file:///etc/passwd\">]>\n<Response><Head><ResultCode>0000</ResultCode><ResultMessage>&x;</ResultMessage>"
		    "</Head></Response>\n", resp, resplen);
	}

	/* Issued once per TransNo: a repeated request gets the same certificate. */
	if (db_select(STMT_SANDBOX_RA_ISSUED_GET, &res, "s", tn) != 0) {
		xml_flat_free(&f);
		return -1;
	}
	if (res.nrows == 0) {
		db_result_free(&res);
		crypto_random_hex(serial, 16);
		for (rc = 0; serial[rc] != '\0'; rc++)
			serial[rc] = (char)toupper((unsigned char)serial[rc]);
		serial[0] = "1234567"[crypto_random_uniform(7)];	/* a positive ASN.1 integer */
		dn_value(xml_get(&f, "Request/Body/UserName"), name, sizeof(name));
		dn_value(xml_get(&f, "Request/Body/IdentNo"), ident, sizeof(ident));
		dn_value(xml_get(&f, "Request/Body/OrgUnit") != NULL ? xml_get(&f, "Request/Body/OrgUnit") : "", role,
		    sizeof(role));
		snprintf(dn, sizeof(dn), "CN=%s@%s%s%s,OU=%s,O=%s,C=CN", name, ident, role[0] != '\0' ? "@" : "", role,
		    strcmp(xml_get(&f, "Request/Body/CustomerType") != NULL ? xml_get(&f, "Request/Body/CustomerType") : "",
		    "1") == 0 ? "Individual-1" : "Organizational-2", config_get("RA.sandbox_issuer", "Certdesk Sandbox RA"));
		china_stamp(now, start);
		now += 8 * 3600;
		gmtime_r(&now, &tm);
		tm.tm_mon += (int)months;
		now = timegm(&tm) - 8 * 3600;
		china_stamp(now, end);
		if (db_exec(STMT_SANDBOX_RA_ISSUED_PUT, "sssss", tn, serial, dn, start, end) < 0 ||
		    db_select(STMT_SANDBOX_RA_ISSUED_GET, &res, "s", tn) != 0) {
			xml_flat_free(&f);
			return -1;
		}
	}
	xml_flat_free(&f);
	if (res.nrows != 1) {
		db_result_free(&res);
		return -1;
	}
	rc = answer(tn, RA_RESULT_OK, "成功", db_cell(&res, 0, 0), db_cell(&res, 0, 1), db_cell(&res, 0, 2),
	    db_cell(&res, 0, 3), resp, resplen);
	db_result_free(&res);
	return rc;
}
