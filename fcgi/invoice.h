/* invoice.h: the electronic ordinary VAT invoice (SPEC §8) as a document: amounts, number, XML */
#ifndef CERTDESK_INVOICE_H
#define CERTDESK_INVOICE_H

#include <stddef.h>

/*
 * The document is shaped like China's fully digital e-invoice (全电发票 /
 * 数电票) XML: EInvoice / Header, EInvoiceData (SellerInformation,
 * BuyerInformation, BasicInformation, IssuItemInformation per line,
 * AdditionalInformation), TaxSupervisionInfo. Prices on the platform
 * include VAT; each line's tax is split off its tax-included total, so
 * for every line and for the totals, amount + tax = price to the fen.
 * Everything here is pure (no database): fulfil.c fills the struct.
 */

#define INVOICE_NUMBER_LEN 20
#define INVOICE_LINES_MAX 4
#define INVOICE_TEXT_MAX 256

struct invoice_party {
	char name[INVOICE_TEXT_MAX];
	char tax_no[24];
	char address[INVOICE_TEXT_MAX];
	char phone[32];
	char bank[INVOICE_TEXT_MAX];
	char account[40];
};

struct invoice_line {
	char name[INVOICE_TEXT_MAX];	/* "*信息技术服务*企业普通证书" */
	char spec[64];			/* 规格型号: "1年" */
	char unit[16];			/* 单位: "张", "个" */
	char tax_code[24];		/* 税收分类编码 */
	long quantity;
	long price_fen;			/* the line's total, VAT included */
	long amount_fen;		/* without VAT */
	long tax_fen;
};

struct invoice {
	char number[INVOICE_NUMBER_LEN + 1];
	char issued_at[20];		/* China time, "YYYY-MM-DD hh:mm:ss" */
	struct invoice_party seller, buyer;
	struct invoice_line lines[INVOICE_LINES_MAX];
	int nlines;
	int rate_percent;		/* 6 */
	long amount_fen, tax_fen, price_fen;	/* totals, filled by invoice_compute */
	char drawer[64];		/* 开票人 */
	char remark[INVOICE_TEXT_MAX];	/* 备注: the order number */
	char tax_bureau_code[16], tax_bureau_name[INVOICE_TEXT_MAX];
};

/*
 * Split a VAT-included price into amount and tax at rate_percent, rounding
 * the amount half up to the fen: 720.00 at 6% -> 679.25 + 40.75.
 */
void invoice_split(long price_fen, int rate_percent, long *amount_fen, long *tax_fen);
/* Split every line and sum the totals. 0, or -1 for no lines or a negative price. */
int invoice_compute(struct invoice *inv);
/*
 * The 20-digit number of a fully digital e-invoice: 2 digits of the year,
 * 2 of the province (region), 1 for the issuing channel, and a 15-digit
 * sequence. 0, or -1 when a part does not fit.
 */
int invoice_number(int year, const char *region, int channel, unsigned long long sequence,
    char out[INVOICE_NUMBER_LEN + 1]);
/* 1 when s is 20 digits. */
int invoice_number_valid(const char *s);
/* fen as yuan with two decimals: 72000 -> "720.00". */
void invoice_yuan(long fen, char *out, size_t outsz);
/*
 * The amount in capital Chinese numerals as written on invoices and cheques
 * (人民币大写): 72000 -> "柒佰贰拾圆整", 100005 -> "壹仟圆零伍分".
 * 0, or -1 when out is too small or fen is negative or too large.
 */
int invoice_amount_chinese(long fen, char *out, size_t outsz);
/* The XML document (malloc'd, NUL-terminated). Call invoice_compute first. 0 or -1. */
int invoice_xml(const struct invoice *inv, char **out, size_t *len);

#endif
