/* page-admin-transfers.c: 对公转账待确认 (SPEC §10): orders awaiting payment whose chosen method is a transfer */
#include <stdio.h>

#include "db.h"
#include "page-admin.h"
#include "pages.h"
#include "render.h"

/*
 * GET /admin/transfers (finance, admin): the orders in payment with an open
 * transfer, the oldest first, each with its remittance reference and amount
 * and a link to the order page, where finance confirms the receipt. 200, 500.
 */
int
page_admin_transfers(struct req *r)
{
	static const char *const names[] = { "no", "org_name", "project", "reference", "amount_fen", "at" };
	struct db_result res;
	char node[96];
	unsigned int i, c;

	if (db_select(STMT_PAYMENT_TRANSFER_QUEUE, &res, "") != 0)
		return render_error(r, 500);
	for (i = 0; i < res.nrows; i++) {
		for (c = 0; c < sizeof(names) / sizeof(names[0]) && c < res.ncols; c++) {
			snprintf(node, sizeof(node), "Page.transfers.%u.%s", i, names[c]);
			req_set(r, node, db_cell(&res, i, c) != NULL ? db_cell(&res, i, c) : "");
		}
	}
	req_set_int(r, "Page.total", res.nrows);
	db_result_free(&res);
	return admin_page(r, 200, "transfers", "transfers.title", "transfers.cs");
}
