/* project.h: application projects (SPEC §3): what each offers, at what price, and their import */
#ifndef CERTDESK_PROJECT_H
#define CERTDESK_PROJECT_H

#include <ClearSilver.h>

struct db_result;

#define PROJECT_CHOICES_MAX 8
#define PROJECT_YEARS_MAX 10
#define PROJECT_ROLES_MAX 10

struct project_choice {
	char code[33];
	char name[65];
	long fen;		/* per certificate per year (types) or per key (keys) */
};

struct project {
	long id;
	char code[9];
	char name[129];
	char initial[2];
	char summary[501];
	int qty_min, qty_max;
	int requires_seal, requires_uid, active;
	struct project_choice cert_types[PROJECT_CHOICES_MAX];
	int n_cert_types;
	struct project_choice key_types[PROJECT_CHOICES_MAX];
	int n_key_types;
	int years[PROJECT_YEARS_MAX];
	int n_years;
	char roles[PROJECT_ROLES_MAX][33];
	int n_roles;
};

/* A project by its code, from the catalogue (catalogue.c). 0 found, 1 no such project, -1 database error. */
int project_get(const char *code, struct project *p);
/* Fill p from the ten columns of STMT_CATALOGUE_PROJECTS starting at col (choices empty). */
void project_from_row(struct project *p, const struct db_result *res, unsigned int row, unsigned int col);
/*
 * Add one choice to p from row i: the five columns of STMT_CATALOGUE_CHOICES
 * after its project id, starting at col (kind, order, code, name, fen).
 */
void project_choice_from_row(struct project *p, const struct db_result *res, unsigned int i, unsigned int col);
const struct project_choice *project_cert_type(const struct project *p, const char *code);
const struct project_choice *project_key_type(const struct project *p, const char *code);
int project_offers_years(const struct project *p, int years);
/*
 * Price in fen of quantity certificates of cert_type for years, each with a
 * key_type key: quantity * (years * fen_per_year + key fen). unit gets the
 * price of one certificate with its key. -1 when a choice is not offered.
 */
long project_price(const struct project *p, const char *cert_type, int years, int quantity,
    const char *key_type, long *unit);
/* Write p under prefix (e.g. "Page.project") for templates: its summary, or that and every choice list. */
void project_summary_to_hdf(const struct project *p, HDF *hdf, const char *prefix);
void project_to_hdf(const struct project *p, HDF *hdf, const char *prefix);
/*
 * The picker: newest active projects under <prefix>.newest, and those that
 * match the search (name contains q; initial in letters) under <prefix>.results.
 * 0 or -1.
 */
int project_picker_hdf(HDF *hdf, const char *prefix, const char *q, const char *letters);
/* Retire (0) or offer again (1) a project, for every worker at once. Rows changed (0 or 1), or -1. */
long long project_set_active(const char *code, int active);
/* Create or update every project under the Projects node of an HDF file. Returns the count or -1. */
int project_import_file(const char *path, char *err, size_t errsz);

#endif
