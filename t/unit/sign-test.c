/* sign-test.c: TAP unit tests for fcgi/gateway.c and md5.c: the payment signature against the public test vector (STACK-NOTES) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/gateway.h"
#include "../../fcgi/md5.h"
#include "../../fcgi/xml.h"

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
	int same = got != NULL && strcmp(got, want) == 0;

	ok(same, name);
	if (!same)
		printf("#   got \"%s\"\n#  want \"%s\"\n", got != NULL ? got : "(null)", want);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char secret[] = "192006250b4c09247ec02edce69f6a2d";

static void
test_vector(void)
{
	/* Given out of order: the signature sorts them. */
	struct gw_field f[] = {
		{ "nonce_str", "ibuaiVcKdpRxkhJA" }, { "mch_id", "10000100" }, { "body", "test" },
		{ "device_info", "1000" }, { "appid", "wxd930ea5d5a258f4f" },
	};
	char s[512], sig[65];

	ok(gateway_sign_string(f, N(f), secret, s, sizeof(s)) == 0, "the string to sign is built");
	is_str(s, "appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA"
	    "&key=192006250b4c09247ec02edce69f6a2d", "it is the public example, byte for byte");
	ok(gateway_sign(f, N(f), secret, SIGN_MD5, sig) == 0, "md5 signs");
	is_str(sig, "9A0A8659F005D6984697E2CA0A9CF3B7", "md5 matches the public vector");
	ok(gateway_sign(f, N(f), secret, SIGN_HMAC_SHA256, sig) == 0, "hmac-sha256 signs");
	is_str(sig, "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6",
	    "hmac-sha256 matches the public vector");
	ok(gateway_sign_string(f, N(f), secret, s, 40) == -1, "a string that does not fit is refused");
}

static void
test_rules(void)
{
	struct gw_field f[] = {
		{ "appid", "wxd930ea5d5a258f4f" }, { "body", "test" }, { "device_info", "1000" },
		{ "mch_id", "10000100" }, { "nonce_str", "ibuaiVcKdpRxkhJA" }, { "attach", "" },
		{ "sign", "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6" },
	};
	struct gw_field dup[] = { { "a", "1" }, { "b", "2" }, { "a", "3" } };
	struct gw_field extra[8];
	char s[512], sig[65];

	ok(gateway_verify(f, N(f), secret, SIGN_HMAC_SHA256) == 1, "the vector verifies: sign and empty values are left out");
	ok(gateway_verify(f, N(f), "192006250b4c09247ec02edce69f6a2e", SIGN_HMAC_SHA256) == 0,
	    "another secret does not verify");
	ok(gateway_verify(f, N(f), secret, SIGN_MD5) == 0, "an hmac signature is not an md5 one");
	f[1].value = "tesT";
	ok(gateway_verify(f, N(f), secret, SIGN_HMAC_SHA256) == 0, "a changed value does not verify");
	f[1].value = "test";
	f[6].value = "6a9ae1657590fd6257d693a078e1c3e4bb6ba4dc30b23e0ee2496e54170dacd6";
	ok(gateway_verify(f, N(f), secret, SIGN_HMAC_SHA256) == 0, "the signature is upper-case hex");
	f[6].value = "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD";
	ok(gateway_verify(f, N(f), secret, SIGN_HMAC_SHA256) == 0, "a short signature does not verify");
	ok(gateway_verify(f, N(f) - 1, secret, SIGN_HMAC_SHA256) == 0, "no signature does not verify");

	/* An unknown field is signed like any other. */
	memcpy(extra, f, 6 * sizeof(f[0]));
	extra[6].key = "zz_new_field";
	extra[6].value = "gateway-added";
	ok(gateway_sign(extra, 7, secret, SIGN_HMAC_SHA256, sig) == 0, "an unknown field signs");
	extra[7].key = "sign";
	extra[7].value = sig;
	ok(gateway_verify(extra, 8, secret, SIGN_HMAC_SHA256) == 1, "and verifies");
	ok(gateway_verify(extra + 1, 7, secret, SIGN_HMAC_SHA256) == 0, "dropping a signed field breaks it");
	ok(gateway_sign_string(dup, N(dup), secret, s, sizeof(s)) == -1, "a repeated key is refused");
	ok(gateway_sign_type("HMAC-SHA256") == SIGN_HMAC_SHA256 && gateway_sign_type("MD5") == SIGN_MD5 &&
	    gateway_sign_type("md5") == -1 && gateway_sign_type(NULL) == -1, "sign types by name");
}

static void
test_md5(void)
{
	char out[33];

	md5_upper_hex("", 0, out);
	is_str(out, "D41D8CD98F00B204E9800998ECF8427E", "md5 of nothing (RFC 1321)");
	md5_upper_hex("abc", 3, out);
	is_str(out, "900150983CD24FB0D6963F7D28E17F72", "md5 of abc (RFC 1321)");
	md5_upper_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890", 80, out);
	is_str(out, "57EDF4A22BE3C955AC49DA2E2107B67A", "md5 over two blocks (RFC 1321)");
	md5_upper_hex("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01", 56, out);
	ok(strlen(out) == 32, "md5 of 56 bytes pads into a second block");
}

static void
test_messages(void)
{
	struct gw_field f[GATEWAY_FIELDS_MAX], in[] = {
		{ "return_code", "SUCCESS" }, { "out_trade_no", "P2024" }, { "total_fee", "100" },
	};
	struct xml_flat x;
	char *out, err[160];
	size_t len, n;

	ok(gateway_build(in, N(in), &out, &len) == 0, "a message is built");
	ok(xml_parse(out, len, &x, err, sizeof(err)) == 0, "and parses");
	ok(gateway_fields(&x, f, GATEWAY_FIELDS_MAX, &n) == 0 && n == 3, "into its three fields");
	is_str(gateway_field(f, n, "total_fee"), "100", "a field by name");
	xml_flat_free(&x);
	free(out);
	ok(xml_parse("<xml><a>1</a><b><c>2</c></b></xml>", 34, &x, err, sizeof(err)) == 0 &&
	    gateway_fields(&x, f, GATEWAY_FIELDS_MAX, &n) == -1, "a nested field is refused");
	xml_flat_free(&x);
	ok(xml_parse("<xml><a>1</a><a>2</a></xml>", 27, &x, err, sizeof(err)) == 0 &&
	    gateway_fields(&x, f, GATEWAY_FIELDS_MAX, &n) == -1, "a repeated field is refused");
	xml_flat_free(&x);
	ok(xml_parse("<doc><a>1</a></doc>", 19, &x, err, sizeof(err)) == 0 &&
	    gateway_fields(&x, f, GATEWAY_FIELDS_MAX, &n) == -1, "another root is refused");
	xml_flat_free(&x);
	ok(gateway_reply(1, "OK", &out, &len) == 0 && strstr(out, "<return_code>SUCCESS</return_code>") != NULL,
	    "the success reply");
	free(out);
}

int
main(void)
{
	test_vector();
	test_rules();
	test_md5();
	test_messages();
	printf("1..%d\n", count);
	return failed > 0;
}
