/* migrate.c: applies the numbered SQL files of schema/ in order, each once */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "log.h"
#include "migrate.h"

#define LOCK_NAME "certdesk.migrate"

static const char bookkeeping[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " checksum CHAR(64) NOT NULL,"
    " applied_at DATETIME NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .sql files of dir, sorted by name. Returns the count or -1. */
static int
list_sql(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **grown;
	size_t n = 0, len;

	if (d == NULL) {
		log_error(NULL, "migrate: %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".sql") != 0)
			continue;
		grown = realloc(names, (n + 1) * sizeof(*names));
		if (grown == NULL)
			break;
		names = grown;
		names[n] = strdup(e->d_name);
		if (names[n] == NULL)
			break;
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	*out = names;
	return (int)n;
}

static char *
slurp(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	FILE *f;
	char *buf;
	long size;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return NULL;
	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)size + 1);
	if (buf != NULL && fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf != NULL) {
		buf[size] = '\0';
		*len = (size_t)size;
	}
	return buf;
}

/* "007-order-events.sql" -> 7; -1 when the name does not start with digits and '-'. */
static long
version_of(const char *name)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(name, &end, 10);
	if (errno != 0 || end == name || *end != '-' || v <= 0)
		return -1;
	return v;
}

int
migrate_run(const char *dir, int verbose)
{
	struct db_result res;
	char **names = NULL, sum[65];
	void *admin;
	char *sql;
	size_t len;
	long version;
	int n, i, applied = 0, rc = -1;

	admin = db_admin_connect();
	if (admin == NULL)
		return -1;
	if (db_admin_run(admin, bookkeeping, sizeof(bookkeeping) - 1) != 0)
		goto out_admin;
	/* A named lock: two hosts migrating at once take turns; the second finds nothing to do. */
	if (db_select(STMT_LOCK_GET, &res, "sl", LOCK_NAME, 120LL) != 0)
		goto out_admin;
	i = res.nrows == 1 && db_cell(&res, 0, 0) != NULL && strcmp(db_cell(&res, 0, 0), "1") == 0;
	db_result_free(&res);
	if (!i) {
		log_error(NULL, "migrate: could not take the migration lock");
		goto out_admin;
	}
	n = list_sql(dir, &names);
	if (n < 0)
		goto out_lock;
	for (i = 0; i < n; i++) {
		version = version_of(names[i]);
		if (version < 0) {
			log_error(NULL, "migrate: %s: name must start with a number and '-'", names[i]);
			goto out_lock;
		}
		sql = slurp(dir, names[i], &len);
		if (sql == NULL) {
			log_error(NULL, "migrate: cannot read %s", names[i]);
			goto out_lock;
		}
		crypto_sha256_hex(sql, len, sum);
		if (db_select(STMT_MIGRATION_APPLIED, &res, "l", (long long)version) != 0) {
			free(sql);
			goto out_lock;
		}
		if (res.nrows == 1) {
			if (strcmp(db_cell(&res, 0, 0), sum) != 0)
				log_warn(NULL, "migrate: %s changed after it was applied; applied files must not be edited", names[i]);
			db_result_free(&res);
			free(sql);
			continue;
		}
		db_result_free(&res);
		if (verbose)
			printf("applying %s\n", names[i]);
		if (db_admin_run(admin, sql, len) != 0) {
			log_error(NULL, "migrate: %s failed", names[i]);
			free(sql);
			goto out_lock;
		}
		free(sql);
		if (db_exec(STMT_MIGRATION_RECORD, "lss", (long long)version, names[i], sum) != 1)
			goto out_lock;
		applied++;
	}
	rc = applied;
out_lock:
	if (db_select(STMT_LOCK_RELEASE, &res, "s", LOCK_NAME) == 0)
		db_result_free(&res);
	for (i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
out_admin:
	db_admin_close(admin);
	return rc;
}

int
migrate_load_dir(const char *dir)
{
	char **names = NULL;
	void *admin;
	char *sql;
	size_t len;
	int n, i, rc = 0;

	admin = db_admin_connect();
	if (admin == NULL)
		return -1;
	n = list_sql(dir, &names);
	if (n < 0)
		rc = -1;
	for (i = 0; i < n; i++) {
		sql = rc == 0 ? slurp(dir, names[i], &len) : NULL;
		if (rc == 0 && (sql == NULL || db_admin_run(admin, sql, len) != 0)) {
			log_error(NULL, "load: %s failed", names[i]);
			rc = -1;
		}
		free(sql);
		free(names[i]);
	}
	free(names);
	db_admin_close(admin);
	return rc;
}
