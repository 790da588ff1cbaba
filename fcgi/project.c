/* project.c: application projects (SPEC §3): what each offers, at what price, and their import */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "db.h"
#include "log.h"
#include "project.h"
#include "render.h"
#include "text.h"
#include "valid.h"

#define FEN_MAX 100000000L	/* one million yuan: far above any certificate price */

static long
to_long(const char *s, long min, long max, long bad)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return bad;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return bad;
	return v;
}

static void
copy(char *dst, size_t dstsz, const char *src)
{
	snprintf(dst, dstsz, "%s", src != NULL ? src : "");
}

/* A choice's code, name and price at col of row i appended to a choice list, if there is room. */
static void
add_choice(struct project_choice *list, int *n, const struct db_result *res, unsigned int i, unsigned int col)
{
	if (*n >= PROJECT_CHOICES_MAX)
		return;
	copy(list[*n].code, sizeof(list[*n].code), db_cell(res, i, col));
	copy(list[*n].name, sizeof(list[*n].name), db_cell(res, i, col + 1));
	list[*n].fen = to_long(db_cell(res, i, col + 2), 0, FEN_MAX, 0);
	(*n)++;
}

int
project_get(const char *code, struct project *p)
{
	const struct project *kept;
	int rc = catalogue_by_code(code, &kept);

	if (rc == 0)
		*p = *kept;
	else
		memset(p, 0, sizeof(*p));
	return rc;
}

void
project_from_row(struct project *p, const struct db_result *res, unsigned int row, unsigned int col)
{
	memset(p, 0, sizeof(*p));
	p->id = to_long(db_cell(res, row, col), 1, 0x7fffffffL, 0);
	copy(p->code, sizeof(p->code), db_cell(res, row, col + 1));
	copy(p->name, sizeof(p->name), db_cell(res, row, col + 2));
	copy(p->initial, sizeof(p->initial), db_cell(res, row, col + 3));
	copy(p->summary, sizeof(p->summary), db_cell(res, row, col + 4));
	p->qty_min = (int)to_long(db_cell(res, row, col + 5), 1, 1000, 1);
	p->qty_max = (int)to_long(db_cell(res, row, col + 6), 1, 1000, 1);
	p->requires_seal = to_long(db_cell(res, row, col + 7), 0, 1, 0) == 1;
	p->requires_uid = to_long(db_cell(res, row, col + 8), 0, 1, 0) == 1;
	p->active = to_long(db_cell(res, row, col + 9), 0, 1, 0) == 1;
}

void
project_choice_from_row(struct project *p, const struct db_result *res, unsigned int i, unsigned int col)
{
	switch (to_long(db_cell(res, i, col), 1, 4, 0)) {
	case 1:
		add_choice(p->cert_types, &p->n_cert_types, res, i, col + 2);
		break;
	case 2:
		add_choice(p->key_types, &p->n_key_types, res, i, col + 2);
		break;
	case 3:
		if (p->n_years < PROJECT_YEARS_MAX)
			p->years[p->n_years++] = (int)to_long(db_cell(res, i, col + 1), 1, 99, 1);
		break;
	case 4:
		if (p->n_roles < PROJECT_ROLES_MAX)
			copy(p->roles[p->n_roles++], sizeof(p->roles[0]), db_cell(res, i, col + 3));
		break;
	}
}

static const struct project_choice *
find_choice(const struct project_choice *list, int n, const char *code)
{
	int i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(list[i].code, code) == 0)
			return &list[i];
	return NULL;
}

const struct project_choice *
project_cert_type(const struct project *p, const char *code)
{
	return find_choice(p->cert_types, p->n_cert_types, code);
}

const struct project_choice *
project_key_type(const struct project *p, const char *code)
{
	return find_choice(p->key_types, p->n_key_types, code);
}

int
project_offers_years(const struct project *p, int years)
{
	int i;

	for (i = 0; i < p->n_years; i++)
		if (p->years[i] == years)
			return 1;
	return 0;
}

long
project_price(const struct project *p, const char *cert_type, int years, int quantity,
    const char *key_type, long *unit)
{
	const struct project_choice *c = project_cert_type(p, cert_type);
	const struct project_choice *k = project_key_type(p, key_type);
	long one;

	if (c == NULL || k == NULL || !project_offers_years(p, years) ||
	    quantity < p->qty_min || quantity > p->qty_max)
		return -1;
	/* Bounded: fen <= FEN_MAX, years <= 99, quantity <= 1000, so this fits in 64 bits. */
	one = (long)years * c->fen + k->fen;
	if (unit != NULL)
		*unit = one;
	return one * quantity;
}

static void
choices_to_hdf(HDF *hdf, const char *prefix, const char *what, const struct project_choice *c, int n,
    const char *fen_key)
{
	char key[96];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%s.%d.value", what, i);
		hdf_put(hdf, prefix, key, c[i].code);
		snprintf(key, sizeof(key), "%s.%d.label", what, i);
		hdf_put(hdf, prefix, key, c[i].name);
		snprintf(key, sizeof(key), "%s.%d.%s", what, i, fen_key);
		hdf_put_long(hdf, prefix, key, c[i].fen);
	}
}

void
project_summary_to_hdf(const struct project *p, HDF *hdf, const char *prefix)
{
	HDF *n = hdf_node(hdf, prefix);

	hdf_put_at(n, "code", p->code);
	hdf_put_at(n, "name", p->name);
	hdf_put_at(n, "summary", p->summary);
	hdf_put_long_at(n, "qty_min", p->qty_min);
	hdf_put_long_at(n, "qty_max", p->qty_max);
	hdf_put_long_at(n, "qty_fixed", p->qty_min == p->qty_max);
	hdf_put_long_at(n, "requires_seal", p->requires_seal);
	hdf_put_long_at(n, "requires_uid", p->requires_uid);
}

void
project_to_hdf(const struct project *p, HDF *hdf, const char *prefix)
{
	char key[64], buf[16];
	int i;

	project_summary_to_hdf(p, hdf, prefix);
	choices_to_hdf(hdf, prefix, "cert_types", p->cert_types, p->n_cert_types, "fen_per_year");
	choices_to_hdf(hdf, prefix, "key_types", p->key_types, p->n_key_types, "fen");
	for (i = 0; i < p->n_years; i++) {
		snprintf(key, sizeof(key), "years.%d.value", i);
		snprintf(buf, sizeof(buf), "%d", p->years[i]);
		hdf_put(hdf, prefix, key, buf);
		snprintf(key, sizeof(key), "years.%d.label", i);
		snprintf(buf, sizeof(buf), "%d年", p->years[i]);
		hdf_put(hdf, prefix, key, buf);
	}
	for (i = 0; i < p->qty_max - p->qty_min + 1 && i < 100; i++) {
		snprintf(key, sizeof(key), "quantities.%d.value", i);
		snprintf(buf, sizeof(buf), "%d", p->qty_min + i);
		hdf_put(hdf, prefix, key, buf);
		snprintf(key, sizeof(key), "quantities.%d.label", i);
		hdf_put(hdf, prefix, key, buf);
	}
	for (i = 0; i < p->n_roles; i++) {
		snprintf(key, sizeof(key), "roles.%d", i);
		hdf_put(hdf, prefix, key, p->roles[i]);
	}
}

static int
rows_to_hdf(HDF *hdf, const char *prefix, const char *what, struct db_result *res)
{
	static const char *const cols[] = { "code", "name", "initial", "summary" };
	char key[96];
	unsigned int i, c;

	for (i = 0; i < res->nrows; i++)
		for (c = 0; c < 4; c++) {
			snprintf(key, sizeof(key), "%s.%u.%s", what, i, cols[c]);
			hdf_put(hdf, prefix, key, db_cell(res, i, c) != NULL ? db_cell(res, i, c) : "");
		}
	hdf_put_long(hdf, prefix, what[0] == 'n' ? "newest_count" : "results_count", (long)res->nrows);
	return 0;
}

int
project_picker_hdf(HDF *hdf, const char *prefix, const char *q, const char *letters)
{
	struct db_result res;
	char like[400];

	if (db_select(STMT_PROJECT_NEWEST, &res, "") != 0)
		return -1;
	rows_to_hdf(hdf, prefix, "newest", &res);
	db_result_free(&res);
	/* The search term is literal: LIKE's wildcards and escape are escaped. */
	text_like_escape(q, like, sizeof(like));
	if (db_select(STMT_PROJECT_SEARCH, &res, "sss", letters != NULL ? letters : "",
	    letters != NULL ? letters : "", like) != 0)
		return -1;
	rows_to_hdf(hdf, prefix, "results", &res);
	db_result_free(&res);
	return 0;
}

long long
project_set_active(const char *code, int active)
{
	/* catalogue.version moves with it (070-versions.sql's triggers): every worker sees the change. */
	return db_exec(STMT_PROJECT_ADMIN_SET_ACTIVE, "lsl", (long long)(active != 0), code, (long long)(active != 0));
}

/* The cert_types or key_types entries of a project node: each needs code, name and a price. */
static int
import_choices(HDF *node, const char *code, const char *what, const char *fen_key, enum stmt add, long id,
    char *err, size_t errsz)
{
	HDF *c;
	long fen, n = 0;

	for (c = hdf_get_child(node, what); c != NULL; c = hdf_obj_next(c), n++) {
		fen = to_long(hdf_get_value(c, fen_key, NULL), 0, FEN_MAX, -1);
		if (fen < 0 || hdf_get_value(c, "code", NULL) == NULL || hdf_get_value(c, "name", NULL) == NULL) {
			snprintf(err, errsz, "project %s: %s.%ld needs code, name, %s", code, what, n, fen_key);
			return -1;
		}
		if (db_exec(add, "lssll", (long long)id, hdf_get_value(c, "code", ""), hdf_get_value(c, "name", ""),
		    (long long)fen, (long long)n) < 0)
			return -1;
	}
	if (n == 0) {
		snprintf(err, errsz, "project %s: at least one %s entry", code, what);
		return -1;
	}
	return 0;
}

/* Import: every value checked before anything is written; one transaction per project. */
static int
import_one(HDF *node, char *err, size_t errsz)
{
	const char *code = hdf_get_value(node, "code", ""), *name = hdf_get_value(node, "name", "");
	const char *initial = hdf_get_value(node, "initial", ""), *years;
	long qmin = to_long(hdf_get_value(node, "quantity.min", NULL), 1, 1000, -1);
	long qmax = to_long(hdf_get_value(node, "quantity.max", NULL), 1, 1000, -1);
	long seal = to_long(hdf_get_value(node, "requires.seal", "0"), 0, 1, -1);
	long uid = to_long(hdf_get_value(node, "requires.uid", "0"), 0, 1, -1);
	long active = to_long(hdf_get_value(node, "active", "1"), 0, 1, -1);
	struct db_result res;
	HDF *c;
	char buf[64], *tok, *save;
	long id, y, n, nroles = 0;
	size_t i;

	for (i = 0; code[i] != '\0' && code[i] >= 'A' && code[i] <= 'Z'; i++)
		;
	if (code[i] != '\0' || i < 2 || i > 8) {
		snprintf(err, errsz, "project %s: code must be 2-8 capital letters", code);
		return -1;
	}
	if (valid_org_name(name) != 0 || strlen(initial) != 1 || initial[0] < 'A' || initial[0] > 'Z' ||
	    qmin < 1 || qmax < qmin || seal < 0 || uid < 0 || active < 0) {
		snprintf(err, errsz, "project %s: name, initial (A-Z), quantity.min/max, requires.*, active", code);
		return -1;
	}
	for (c = hdf_get_child(node, "roles"); c != NULL; c = hdf_obj_next(c))
		nroles++;
	if (nroles != 0 && (nroles != qmin || nroles != qmax)) {
		snprintf(err, errsz, "project %s: roles fix the quantity, so quantity.min = quantity.max = %ld", code, nroles);
		return -1;
	}
	if (db_begin() != 0)
		return -1;
	if (db_exec(STMT_PROJECT_UPSERT, "sssslllll", code, name, initial,
	    hdf_get_value(node, "summary", ""), (long long)qmin, (long long)qmax, (long long)seal,
	    (long long)uid, (long long)active) < 0)
		goto fail;
	if (db_select(STMT_PROJECT_ID, &res, "s", code) != 0)
		goto fail;
	id = res.nrows == 1 ? to_long(db_cell(&res, 0, 0), 1, 0x7fffffffL, -1) : -1;
	db_result_free(&res);
	if (id < 0 || db_exec(STMT_PROJECT_CLEAR_CERT_TYPES, "l", (long long)id) < 0 ||
	    db_exec(STMT_PROJECT_CLEAR_KEY_TYPES, "l", (long long)id) < 0 ||
	    db_exec(STMT_PROJECT_CLEAR_YEARS, "l", (long long)id) < 0 ||
	    db_exec(STMT_PROJECT_CLEAR_ROLES, "l", (long long)id) < 0)
		goto fail;
	if (import_choices(node, code, "cert_types", "fen_per_year", STMT_PROJECT_ADD_CERT_TYPE, id, err, errsz) != 0 ||
	    import_choices(node, code, "key_types", "fen", STMT_PROJECT_ADD_KEY_TYPE, id, err, errsz) != 0)
		goto fail;
	years = hdf_get_value(node, "years", "");
	snprintf(buf, sizeof(buf), "%s", years);
	n = 0;
	for (tok = strtok_r(buf, ", ", &save); tok != NULL; tok = strtok_r(NULL, ", ", &save), n++) {
		y = to_long(tok, 1, 10, -1);
		if (y < 0) {
			snprintf(err, errsz, "project %s: years are 1-10, comma-separated", code);
			goto fail;
		}
		if (db_exec(STMT_PROJECT_ADD_YEARS, "ll", (long long)id, (long long)y) < 0)
			goto fail;
	}
	if (n == 0) {
		snprintf(err, errsz, "project %s: years are required", code);
		goto fail;
	}
	n = 0;
	for (c = hdf_get_child(node, "roles"); c != NULL; c = hdf_obj_next(c), n++)
		if (db_exec(STMT_PROJECT_ADD_ROLE, "lls", (long long)id, (long long)n, hdf_obj_value(c)) < 0)
			goto fail;
	return db_commit();
fail:
	db_rollback();
	if (err[0] == '\0')
		snprintf(err, errsz, "project %s: database error (see log)", code);
	return -1;
}

int
project_import_file(const char *path, char *err, size_t errsz)
{
	HDF *hdf = NULL, *node;
	NEOERR *nerr;
	int count = 0;

	err[0] = '\0';
	if ((nerr = hdf_init(&hdf)) != STATUS_OK || (nerr = hdf_read_file(hdf, path)) != STATUS_OK) {
		nerr_ignore(&nerr);
		snprintf(err, errsz, "%s: not a readable HDF file", path);
		hdf_destroy(&hdf);
		return -1;
	}
	for (node = hdf_get_child(hdf, "Projects"); node != NULL; node = hdf_obj_next(node)) {
		if (import_one(node, err, errsz) != 0) {
			hdf_destroy(&hdf);
			return -1;
		}
		count++;
	}
	hdf_destroy(&hdf);
	if (count == 0)
		snprintf(err, errsz, "%s: no Projects node", path);
	return count == 0 ? -1 : count;
}
