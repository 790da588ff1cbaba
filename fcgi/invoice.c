/* invoice.c: the electronic ordinary VAT invoice (SPEC §8) as a document: amounts, number, XML */
#include <stdio.h>
#include <string.h>

#include "invoice.h"
#include "xml.h"

/* Big enough for any order: 10^11 fen is a billion yuan. */
#define FEN_MAX 100000000000L

void
invoice_split(long price_fen, int rate_percent, long *amount_fen, long *tax_fen)
{
	long long div = 100 + rate_percent;

	/* amount = price / (1 + rate), half up, in integers only. */
	*amount_fen = (long)(((long long)price_fen * 200 + div) / (2 * div));
	*tax_fen = price_fen - *amount_fen;
}

int
invoice_compute(struct invoice *inv)
{
	int i;

	inv->amount_fen = inv->tax_fen = inv->price_fen = 0;
	if (inv->nlines <= 0 || inv->nlines > INVOICE_LINES_MAX || inv->rate_percent < 0 || inv->rate_percent > 100)
		return -1;
	for (i = 0; i < inv->nlines; i++) {
		struct invoice_line *l = &inv->lines[i];

		if (l->price_fen < 0 || l->price_fen > FEN_MAX || l->quantity <= 0)
			return -1;
		invoice_split(l->price_fen, inv->rate_percent, &l->amount_fen, &l->tax_fen);
		inv->amount_fen += l->amount_fen;
		inv->tax_fen += l->tax_fen;
		inv->price_fen += l->price_fen;
	}
	return 0;
}

int
invoice_number(int year, const char *region, int channel, unsigned long long sequence,
    char out[INVOICE_NUMBER_LEN + 1])
{
	int n;

	out[0] = '\0';
	if (year < 2000 || year > 2099 || region == NULL || strlen(region) != 2 || region[0] < '0' ||
	    region[0] > '9' || region[1] < '0' || region[1] > '9' || channel < 0 || channel > 9 ||
	    sequence > 999999999999999ULL)
		return -1;
	n = snprintf(out, INVOICE_NUMBER_LEN + 1, "%02d%s%d%015llu", year % 100, region, channel, sequence);
	return n == INVOICE_NUMBER_LEN ? 0 : -1;
}

int
invoice_number_valid(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && s[i] >= '0' && s[i] <= '9'; i++)
		;
	return s != NULL && i == INVOICE_NUMBER_LEN && s[i] == '\0';
}

void
invoice_yuan(long fen, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s%ld.%02ld", fen < 0 ? "-" : "", (fen < 0 ? -fen : fen) / 100,
	    (fen < 0 ? -fen : fen) % 100);
}

static const char *const digits[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };

static int
cat(char *out, size_t outsz, const char *s)
{
	size_t n = strlen(out), m = strlen(s);

	if (n + m + 1 > outsz)
		return -1;
	memcpy(out + n, s, m + 1);
	return 0;
}

/* One group of four digits (1..9999): 壹仟零伍, 伍拾. */
static int
group(long v, char *out, size_t outsz)
{
	static const char *const units[] = { "仟", "佰", "拾", "" };
	long div = 1000;
	int i, written = 0, zero = 0, rc = 0;

	for (i = 0; i < 4; i++, div /= 10) {
		long d = v / div % 10;

		if (d == 0) {
			zero = written;
			continue;
		}
		if (zero)
			rc |= cat(out, outsz, "零");
		rc |= cat(out, outsz, digits[d]);
		rc |= cat(out, outsz, units[i]);
		written = 1;
		zero = 0;
	}
	return rc;
}

int
invoice_amount_chinese(long fen, char *out, size_t outsz)
{
	static const char *const big[] = { "", "万", "亿" };
	long yuan, jiao, cents, g[3];
	int i, top, rc = 0, need_zero = 0;

	if (outsz == 0)
		return -1;
	out[0] = '\0';
	if (fen < 0 || fen >= FEN_MAX)
		return -1;
	yuan = fen / 100;
	jiao = fen / 10 % 10;
	cents = fen % 10;
	g[0] = yuan % 10000;
	g[1] = yuan / 10000 % 10000;
	g[2] = yuan / 100000000;
	for (top = 2; top > 0 && g[top] == 0; top--)
		;
	if (yuan > 0) {
		for (i = top; i >= 0; i--) {
			if (g[i] == 0) {
				need_zero = 1;
				continue;
			}
			if (i < top && (need_zero || g[i] < 1000))
				rc |= cat(out, outsz, "零");
			rc |= group(g[i], out, outsz);
			rc |= cat(out, outsz, big[i]);
			need_zero = 0;
		}
		rc |= cat(out, outsz, "圆");
	}
	if (jiao == 0 && cents == 0) {
		rc |= cat(out, outsz, yuan == 0 ? "零圆整" : "整");
	} else {
		if (jiao > 0) {
			rc |= cat(out, outsz, digits[jiao]);
			rc |= cat(out, outsz, "角");
		} else if (yuan > 0) {
			rc |= cat(out, outsz, "零");
		}
		if (cents > 0) {
			rc |= cat(out, outsz, digits[cents]);
			rc |= cat(out, outsz, "分");
		} else {
			rc |= cat(out, outsz, "整");
		}
	}
	if (rc != 0)
		out[0] = '\0';
	return rc != 0 ? -1 : 0;
}

/* The unit price without VAT, to 8 decimals with trailing zeros dropped (at least 2): 339.62264151. */
static void
unit_price(long amount_fen, long quantity, char *out, size_t outsz)
{
	unsigned long long scaled = ((unsigned long long)amount_fen * 2000000ULL + (unsigned long long)quantity) /
	    (2ULL * (unsigned long long)quantity);	/* in 10^-8 yuan */
	int n = snprintf(out, outsz, "%llu.%08llu", scaled / 100000000ULL, scaled % 100000000ULL);
	char *p;

	if (n <= 0 || (size_t)n >= outsz)
		return;
	p = strchr(out, '.');
	for (n--; n > (int)(p - out) + 2 && out[n] == '0'; n--)
		out[n] = '\0';
}

static void
party(struct xml_builder *b, const char *element, const char *prefix, const struct invoice_party *p)
{
	char name[48];

	xml_open(b, element);
	snprintf(name, sizeof(name), "%sIdNum", prefix);
	xml_text(b, name, p->tax_no);
	snprintf(name, sizeof(name), "%sName", prefix);
	xml_text(b, name, p->name);
	snprintf(name, sizeof(name), "%sAddr", prefix);
	xml_text(b, name, p->address);
	snprintf(name, sizeof(name), "%sTelNum", prefix);
	xml_text(b, name, p->phone);
	snprintf(name, sizeof(name), "%sBankName", prefix);
	xml_text(b, name, p->bank);
	snprintf(name, sizeof(name), "%sBankAccNum", prefix);
	xml_text(b, name, p->account);
	xml_close(b);
}

static void
label(struct xml_builder *b, const char *element, const char *code, const char *name)
{
	xml_open(b, element);
	xml_text(b, "LabelCode", code);
	xml_text(b, "LabelName", name);
	xml_close(b);
}

int
invoice_xml(const struct invoice *inv, char **out, size_t *len)
{
	struct xml_builder *b;
	char yuan[32], words[160], rate[16], quantity[24], price[40];
	int i;

	*out = NULL;
	*len = 0;
	if (!invoice_number_valid(inv->number) || inv->nlines <= 0 ||
	    invoice_amount_chinese(inv->price_fen, words, sizeof(words)) != 0)
		return -1;
	snprintf(rate, sizeof(rate), "%d.%02d", inv->rate_percent / 100, inv->rate_percent % 100);
	b = xml_new("EInvoice");
	if (b == NULL)
		return -1;
	xml_open(b, "Header");
	xml_text(b, "EIid", inv->number);
	xml_text(b, "EInvoiceTag", "SWEI");
	xml_text(b, "Version", "0.1");
	xml_open(b, "InherentLabel");
	label(b, "EInvoiceType", "02", "普通发票");
	label(b, "GeneralOrSpecialVAT", "02", "增值税普通发票（电子发票）");
	label(b, "TaxpayerType", "01", "一般纳税人");
	xml_close(b);
	xml_close(b);

	xml_open(b, "EInvoiceData");
	party(b, "SellerInformation", "Seller", &inv->seller);
	party(b, "BuyerInformation", "Buyer", &inv->buyer);
	xml_open(b, "BasicInformation");
	invoice_yuan(inv->amount_fen, yuan, sizeof(yuan));
	xml_text(b, "TotalAmWithoutTax", yuan);
	invoice_yuan(inv->tax_fen, yuan, sizeof(yuan));
	xml_text(b, "TotalTaxAm", yuan);
	invoice_yuan(inv->price_fen, yuan, sizeof(yuan));
	xml_text(b, "TotalTax-includedAmount", yuan);
	xml_text(b, "TotalTax-includedAmountInChinese", words);
	xml_text(b, "Drawer", inv->drawer);
	xml_text(b, "RequestTime", inv->issued_at);
	xml_close(b);
	for (i = 0; i < inv->nlines; i++) {
		const struct invoice_line *l = &inv->lines[i];

		xml_open(b, "IssuItemInformation");
		snprintf(quantity, sizeof(quantity), "%ld", l->quantity);
		xml_text(b, "ItemName", l->name);
		xml_text(b, "SpecMod", l->spec);
		xml_text(b, "MeaUnits", l->unit);
		xml_text(b, "Quantity", quantity);
		unit_price(l->amount_fen, l->quantity, price, sizeof(price));
		xml_text(b, "UnPrice", price);
		invoice_yuan(l->amount_fen, yuan, sizeof(yuan));
		xml_text(b, "Amount", yuan);
		xml_text(b, "TaxRate", rate);
		invoice_yuan(l->tax_fen, yuan, sizeof(yuan));
		xml_text(b, "ComTaxAm", yuan);
		invoice_yuan(l->price_fen, yuan, sizeof(yuan));
		xml_text(b, "TotaltaxIncludedAmount", yuan);
		xml_text(b, "TaxClassificationCode", l->tax_code);
		xml_close(b);
	}
	xml_open(b, "AdditionalInformation");
	xml_text(b, "Remark", inv->remark);
	xml_close(b);
	xml_close(b);

	xml_open(b, "TaxSupervisionInfo");
	xml_text(b, "InvoiceNumber", inv->number);
	xml_text(b, "IssueTime", inv->issued_at);
	xml_text(b, "TaxBureauCode", inv->tax_bureau_code);
	xml_text(b, "TaxBureauName", inv->tax_bureau_name);
	xml_close(b);
	return xml_finish(b, out, len);
}
