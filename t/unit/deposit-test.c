/* deposit-test.c: TAP unit tests for deposit_parse_yuan (fcgi/deposit.c): 收到打款金额（单位：元） into fen */
#include <stdio.h>
#include <string.h>

#include "../../fcgi/deposit.h"

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
amount(const char *s, int want, long want_fen)
{
	char name[128];
	long fen = -1;
	int got = deposit_parse_yuan(s, &fen);

	snprintf(name, sizeof(name), "\"%s\" -> %d (%ld fen)", s, want, want_fen);
	ok(got == want && (want != AMOUNT_OK || fen == want_fen), name);
	if (got != want || (want == AMOUNT_OK && fen != want_fen))
		printf("#   got %d (%ld fen)\n", got, fen);
}

int
main(void)
{
	amount("0.37", AMOUNT_OK, 37);
	amount("0.01", AMOUNT_OK, 1);
	amount("1.00", AMOUNT_OK, 100);
	amount("1", AMOUNT_OK, 100);
	amount("1.0", AMOUNT_OK, 100);
	amount(".5", AMOUNT_OK, 50);
	amount("0.5", AMOUNT_OK, 50);
	amount("00.07", AMOUNT_OK, 7);
	amount("", AMOUNT_EMPTY, 0);
	amount("0", AMOUNT_RANGE, 0);
	amount("0.00", AMOUNT_RANGE, 0);
	amount("1.01", AMOUNT_RANGE, 0);
	amount("5", AMOUNT_RANGE, 0);
	amount("99999999999999", AMOUNT_RANGE, 0);
	amount("0.123", AMOUNT_DECIMALS, 0);
	amount("0.100", AMOUNT_DECIMALS, 0);
	amount("abc", AMOUNT_FORMAT, 0);
	amount("-0.5", AMOUNT_FORMAT, 0);
	amount("+0.5", AMOUNT_FORMAT, 0);
	amount("0..5", AMOUNT_FORMAT, 0);
	amount("0.3.", AMOUNT_FORMAT, 0);
	amount(".", AMOUNT_FORMAT, 0);
	amount("1.", AMOUNT_FORMAT, 0);
	amount("1e-2", AMOUNT_FORMAT, 0);
	amount("0,37", AMOUNT_FORMAT, 0);
	amount("0.37元", AMOUNT_FORMAT, 0);
	amount(" 0.37", AMOUNT_FORMAT, 0);
	amount("12345678901234567", AMOUNT_TOO_LONG, 0);
	printf("1..%d\n", count);
	return failed > 0;
}
