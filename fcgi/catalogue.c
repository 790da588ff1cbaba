/* catalogue.c: every project and its choices, kept in each process's memory while catalogue.version stays put */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "db.h"
#include "log.h"

#define CATALOGUE_MAX 1000	/* far above any CA's partner programmes; more are left out, logged */

static struct project *projects;	/* in STMT_CATALOGUE_PROJECTS's order */
static size_t nprojects;
static unsigned long long loaded;	/* the version projects holds; 0: nothing loaded */
static unsigned long long expected;	/* what this request was told; 0: ask */

void
catalogue_expect(unsigned long long version)
{
	expected = version;
}

/* The version now in the database, or 0 on an error. */
static unsigned long long
current_version(void)
{
	struct db_result res;
	unsigned long long v = 0;

	if (db_select(STMT_CATALOGUE_VERSION, &res, "") != 0)
		return 0;
	if (res.nrows == 1 && db_cell(&res, 0, 0) != NULL)
		v = strtoull(db_cell(&res, 0, 0), NULL, 10);
	db_result_free(&res);
	return v;
}

static struct project *
by_id(struct project *list, size_t n, long id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i].id == id)
			return &list[i];
	return NULL;
}

static struct project *
by_code(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < nprojects; i++)
		if (strcmp(projects[i].code, code) == 0)
			return &projects[i];
	return NULL;
}

/*
 * Read the catalogue afresh. The rows and the version are read in one
 * transaction (a consistent snapshot): a change committed in between would
 * otherwise be kept under the older number for good.
 */
static int
reload(void)
{
	struct db_result res, choices;
	struct project *list, *p;
	unsigned long long v;
	size_t n, i;
	/* Inside a caller's transaction its snapshot serves; else one of our own. */
	int own = !db_in_transaction();

	if (own && db_begin() != 0)
		return -1;
	if ((v = current_version()) == 0 || db_select(STMT_CATALOGUE_PROJECTS, &res, "") != 0) {
		if (own)
			db_rollback();
		return -1;
	}
	if (db_select(STMT_CATALOGUE_CHOICES, &choices, "") != 0) {
		db_result_free(&res);
		if (own)
			db_rollback();
		return -1;
	}
	if (own)
		db_commit();
	n = res.nrows < CATALOGUE_MAX ? res.nrows : CATALOGUE_MAX;
	if (res.nrows > CATALOGUE_MAX)
		log_error(NULL, "catalogue: %u projects, only the first %d are offered", res.nrows, CATALOGUE_MAX);
	list = calloc(n > 0 ? n : 1, sizeof(*list));
	if (list == NULL) {
		db_result_free(&res);
		db_result_free(&choices);
		return -1;
	}
	for (i = 0; i < n; i++)
		project_from_row(&list[i], &res, (unsigned int)i, 0);
	for (i = 0; i < choices.nrows; i++) {
		p = by_id(list, n, strtol(db_cell(&choices, (unsigned int)i, 0), NULL, 10));
		if (p != NULL)
			project_choice_from_row(p, &choices, (unsigned int)i, 1);
	}
	db_result_free(&res);
	db_result_free(&choices);
	free(projects);
	projects = list;
	nprojects = n;
	/* What was read is the catalogue at v; a request that expected an older one is served newer data. */
	loaded = v;
	return 0;
}

/* Make the kept catalogue the current one. 0 or -1. */
static int
fresh(void)
{
	unsigned long long want = expected != 0 ? expected : current_version();

	if (want == 0)
		return -1;
	/* A newer kept catalogue than a session row's version can only mean the row was read first. */
	if (loaded != 0 && loaded >= want)
		return 0;
	return reload();
}

int
catalogue_by_id(long id, const struct project **p)
{
	*p = NULL;
	if (fresh() != 0)
		return -1;
	*p = by_id(projects, nprojects, id);
	return *p != NULL ? 0 : 1;
}

int
catalogue_by_code(const char *code, const struct project **p)
{
	*p = NULL;
	if (fresh() != 0)
		return -1;
	*p = by_code(code);
	return *p != NULL ? 0 : 1;
}

long
catalogue_peek_id(const char *code)
{
	const struct project *p = by_code(code);

	return p != NULL ? p->id : 0;
}

const struct project *
catalogue_list(size_t *n)
{
	*n = 0;
	if (fresh() != 0)
		return NULL;
	*n = nprojects;
	return projects;
}
