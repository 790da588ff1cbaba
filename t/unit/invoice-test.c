/* invoice-test.c: TAP unit tests for fcgi/invoice.c: VAT split to the fen, number, capital numerals, the XML */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/invoice.h"
#include "../../fcgi/xml.h"
#include "tap.h"

/* "680.00" -> 68000 */
static long
fen_of(const char *s)
{
	long y = 0, f = 0;

	if (s == NULL || sscanf(s, "%ld.%2ld", &y, &f) != 2)
		return -1;
	return y * 100 + f;
}

static void
test_split(void)
{
	long amount, tax, p;
	int all = 1;

	invoice_split(72000, 6, &amount, &tax);
	ok(amount == 67925 && tax == 4075, "720.00 at 6% is 679.25 + 40.75");
	invoice_split(1, 6, &amount, &tax);
	ok(amount == 1 && tax == 0, "one fen has no tax");
	invoice_split(0, 6, &amount, &tax);
	ok(amount == 0 && tax == 0, "nothing is nothing");
	for (p = 0; p < 200000; p += 7) {
		invoice_split(p, 6, &amount, &tax);
		/* amount is price / 1.06 rounded half up: |amount * 1.06 - price| <= 0.53 fen */
		if (amount + tax != p || tax < 0 || labs(amount * 106 - p * 100) > 53)
			all = 0;
	}
	ok(all, "for every price, amount + tax = price and amount is price / 1.06 rounded");
}

static void
test_chinese(void)
{
	static const struct { long fen; const char *want; } cases[] = {
		{ 72000, "柒佰贰拾圆整" },
		{ 0, "零圆整" },
		{ 5, "伍分" },
		{ 50, "伍角整" },
		{ 1000, "壹拾圆整" },
		{ 100005, "壹仟圆零伍分" },
		{ 100050, "壹仟圆伍角整" },
		{ 100500, "壹仟零伍圆整" },
		{ 105000, "壹仟零伍拾圆整" },
		{ 1001000, "壹万零壹拾圆整" },
		{ 10000000, "壹拾万圆整" },
		{ 10050000, "壹拾万零伍佰圆整" },
		{ 12345678, "壹拾贰万叁仟肆佰伍拾陆圆柒角捌分" },
		{ 10000010000L, "壹亿零壹佰圆整" },
		{ 10010000000L, "壹亿零壹拾万圆整" },
		{ 3600000, "叁万陆仟圆整" },
	};
	char out[160], small[8];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[96];

		invoice_amount_chinese(cases[i].fen, out, sizeof(out));
		snprintf(name, sizeof(name), "%ld fen in capitals", cases[i].fen);
		is_str(out, cases[i].want, name);
	}
	ok(invoice_amount_chinese(-1, out, sizeof(out)) == -1, "a negative amount is refused");
	ok(invoice_amount_chinese(72000, small, sizeof(small)) == -1 && small[0] == '\0', "a small buffer is refused");
}

static void
test_number(void)
{
	char no[INVOICE_NUMBER_LEN + 1];

	ok(invoice_number(2026, "11", 1, 42, no) == 0, "a number is made");
	is_str(no, "26111000000000000042", "year, region, channel, 15-digit sequence");
	ok(invoice_number_valid(no), "it is 20 digits");
	ok(invoice_number(2026, "1", 1, 42, no) == -1, "a one-digit region is refused");
	ok(invoice_number(2026, "11", 1, 1000000000000000ULL, no) == -1, "a sequence past 15 digits is refused");
	ok(!invoice_number_valid("2611100000000000004"), "19 digits is not a number");
	ok(!invoice_number_valid("2611100000000000004X"), "a letter is not a digit");
}

static void
test_xml(void)
{
	struct invoice inv;
	struct xml_flat f;
	char *xml, err[160];
	size_t len, i, n;
	long amount = 0, tax = 0, price = 0;

	memset(&inv, 0, sizeof(inv));
	invoice_number(2026, "11", 1, 7, inv.number);
	snprintf(inv.issued_at, sizeof(inv.issued_at), "2026-11-25 10:00:00");
	snprintf(inv.seller.name, sizeof(inv.seller.name), "示例数字认证股份有限公司");
	snprintf(inv.seller.tax_no, sizeof(inv.seller.tax_no), "91110000MA00000000");
	snprintf(inv.buyer.name, sizeof(inv.buyer.name), "福建<测试>&科技有限公司");
	snprintf(inv.buyer.tax_no, sizeof(inv.buyer.tax_no), "91350100M000100Y43");
	inv.rate_percent = 6;
	inv.nlines = 2;
	snprintf(inv.lines[0].name, sizeof(inv.lines[0].name), "*信息技术服务*企业普通证书");
	snprintf(inv.lines[0].spec, sizeof(inv.lines[0].spec), "3年");
	snprintf(inv.lines[0].unit, sizeof(inv.lines[0].unit), "张");
	inv.lines[0].quantity = 2;
	inv.lines[0].price_fen = 180000;
	snprintf(inv.lines[1].name, sizeof(inv.lines[1].name), "*计算机外部设备*USB Key");
	snprintf(inv.lines[1].unit, sizeof(inv.lines[1].unit), "个");
	inv.lines[1].quantity = 2;
	inv.lines[1].price_fen = 12001;
	ok(invoice_compute(&inv) == 0, "the totals compute");
	ok(inv.amount_fen + inv.tax_fen == inv.price_fen && inv.price_fen == 192001, "and add up");
	ok(invoice_xml(&inv, &xml, &len) == 0, "the XML is built");
	ok(xml_parse(xml, len, &f, err, sizeof(err)) == 0, "it parses");
	is_str(xml_get(&f, "EInvoice/TaxSupervisionInfo/InvoiceNumber"), inv.number, "it carries the number");
	is_str(xml_get(&f, "EInvoice/Header/EIid"), inv.number, "in the header too");
	is_str(xml_get(&f, "EInvoice/EInvoiceData/BuyerInformation/BuyerName"), "福建<测试>&科技有限公司",
	    "the buyer's name survives escaping");
	is_str(xml_get(&f, "EInvoice/EInvoiceData/BuyerInformation/BuyerIdNum"), "91350100M000100Y43",
	    "the buyer's tax number");
	is_str(xml_get(&f, "EInvoice/EInvoiceData/SellerInformation/SellerName"), "示例数字认证股份有限公司",
	    "the seller");
	n = xml_count(&f, "EInvoice/EInvoiceData/IssuItemInformation/ItemName");
	ok(n == 2, "one item line per product");
	for (i = 0; i < n; i++) {
		long a = fen_of(xml_get_nth(&f, "EInvoice/EInvoiceData/IssuItemInformation/Amount", i));
		long t = fen_of(xml_get_nth(&f, "EInvoice/EInvoiceData/IssuItemInformation/ComTaxAm", i));
		long p = fen_of(xml_get_nth(&f, "EInvoice/EInvoiceData/IssuItemInformation/TotaltaxIncludedAmount", i));

		ok(a + t == p, "a line's amount and tax make its price");
		amount += a;
		tax += t;
		price += p;
	}
	ok(amount == fen_of(xml_get(&f, "EInvoice/EInvoiceData/BasicInformation/TotalAmWithoutTax")),
	    "the lines' amounts make the total amount");
	ok(tax == fen_of(xml_get(&f, "EInvoice/EInvoiceData/BasicInformation/TotalTaxAm")),
	    "the lines' taxes make the total tax");
	ok(price == fen_of(xml_get(&f, "EInvoice/EInvoiceData/BasicInformation/TotalTax-includedAmount")) &&
	    price == 192001, "the lines' prices make the total price");
	is_str(xml_get(&f, "EInvoice/EInvoiceData/BasicInformation/TotalTax-includedAmountInChinese"),
	    "壹仟玖佰贰拾圆零壹分", "the total in capitals");
	is_str(xml_get_nth(&f, "EInvoice/EInvoiceData/IssuItemInformation/TaxRate", 0), "0.06", "the rate");
	is_str(xml_get_nth(&f, "EInvoice/EInvoiceData/IssuItemInformation/UnPrice", 0), "849.055",
	    "the unit price without VAT");
	xml_flat_free(&f);
	free(xml);

	snprintf(inv.buyer.name, sizeof(inv.buyer.name), "bad\x01name");
	ok(invoice_xml(&inv, &xml, &len) == -1 && xml == NULL, "a control character in a value builds nothing");
	inv.nlines = 0;
	ok(invoice_compute(&inv) == -1, "an invoice without lines is refused");
}

int
main(void)
{
	test_split();
	test_chinese();
	test_number();
	test_xml();
	return done_testing();
}
