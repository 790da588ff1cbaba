/* db.c: the MariaDB connection of this process and every SQL statement it runs */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <errmsg.h>
#include <mysql.h>

#include "config.h"
#include "db.h"
#include "log.h"

/* All SQL text, indexed by enum stmt. Prepared once per connection, on first use. */
static const char *const stmts[STMT__MAX] = {
	[STMT_PING] = "SELECT 1",
	[STMT_LOCK_GET] = "SELECT GET_LOCK(?, ?)",
	[STMT_LOCK_RELEASE] = "SELECT RELEASE_LOCK(?)",
	[STMT_MIGRATION_APPLIED] = "SELECT checksum FROM schema_migrations WHERE version = ?",
	[STMT_MIGRATION_RECORD] =
	    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, UTC_TIMESTAMP())",
};

#define MAX_PARAMS 32

static MYSQL *conn;
static MYSQL_STMT *prepared[STMT__MAX];
static int in_transaction;

static MYSQL *
connect_new(unsigned long flags)
{
	MYSQL *m = mysql_init(NULL);
	unsigned int timeout = (unsigned int)config_long("DB.connect_timeout", 5, 1, 60);
	my_bool off = 0;

	if (m == NULL)
		return NULL;
	mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &off);
	mysql_optionsv(m, MYSQL_OPT_RECONNECT, &off); /* we reconnect ourselves, re-preparing */
	if (mysql_real_connect(m, NULL, config_get("DB.user", "certdesk"),
	    config_get("DB.password", NULL), config_get("DB.name", "certdesk"), 0,
	    config_path("DB.socket", "var/run/mysqld.sock"), flags) == NULL) {
		log_error(NULL, "db: connect: %s", mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	return m;
}

static void
forget_statements(void)
{
	int i;

	for (i = 0; i < STMT__MAX; i++) {
		if (prepared[i] != NULL)
			mysql_stmt_close(prepared[i]);
		prepared[i] = NULL;
	}
}

void
db_close(void)
{
	forget_statements();
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	in_transaction = 0;
}

int
db_open(void)
{
	if (conn != NULL)
		return 0;
	conn = connect_new(0);
	return conn == NULL ? -1 : 0;
}

static int
gone_away(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == 4031 /* idle timeout */
	    || err == 1927 /* connection killed */ || err == 1053 /* server shutdown */;
}

static MYSQL_STMT *
statement(enum stmt id)
{
	MYSQL_STMT *s;
	my_bool on = 1;

	if (db_open() != 0)
		return NULL;
	if (prepared[id] != NULL)
		return prepared[id];
	s = mysql_stmt_init(conn);
	if (s == NULL)
		return NULL;
	if (mysql_stmt_prepare(s, stmts[id], strlen(stmts[id])) != 0) {
		log_error(NULL, "db: prepare %d: %s", (int)id, mysql_stmt_error(s));
		mysql_stmt_close(s);
		return NULL;
	}
	mysql_stmt_attr_set(s, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	prepared[id] = s;
	return s;
}

struct params {
	MYSQL_BIND bind[MAX_PARAMS];
	long long ints[MAX_PARAMS];
	unsigned long lens[MAX_PARAMS];
	my_bool nulls[MAX_PARAMS];
	unsigned int n;
};

static int
bind_params(struct params *p, const char *types, va_list ap)
{
	const char *s;
	const void *b;
	unsigned int i;

	memset(p, 0, sizeof(*p));
	for (i = 0; types[i] != '\0'; i++) {
		if (i >= MAX_PARAMS)
			return -1;
		switch (types[i]) {
		case 's':
			s = va_arg(ap, const char *);
			p->bind[i].buffer_type = MYSQL_TYPE_STRING;
			if (s == NULL) {
				p->nulls[i] = 1;
				p->bind[i].is_null = &p->nulls[i];
			} else {
				p->bind[i].buffer = (void *)s;
				p->lens[i] = strlen(s);
				p->bind[i].buffer_length = p->lens[i];
				p->bind[i].length = &p->lens[i];
			}
			break;
		case 'l':
			p->ints[i] = va_arg(ap, long long);
			p->bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			p->bind[i].buffer = &p->ints[i];
			break;
		case 'b':
			b = va_arg(ap, const void *);
			p->lens[i] = (unsigned long)va_arg(ap, size_t);
			p->bind[i].buffer_type = MYSQL_TYPE_BLOB;
			p->bind[i].buffer = (void *)b;
			p->bind[i].buffer_length = p->lens[i];
			p->bind[i].length = &p->lens[i];
			break;
		default:
			return -1;
		}
	}
	p->n = i;
	return 0;
}

/* Execute with parameters; after the server went away (outside a transaction) reconnect and retry once. */
static MYSQL_STMT *
execute(enum stmt id, struct params *p)
{
	MYSQL_STMT *s;
	unsigned int err;
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		s = statement(id);
		if (s == NULL) {
			if (conn != NULL && gone_away(mysql_errno(conn)) && !in_transaction) {
				db_close();
				continue;
			}
			if (conn == NULL && attempt == 0)
				continue;
			return NULL;
		}
		if (mysql_stmt_param_count(s) != p->n) {
			log_error(NULL, "db: statement %d takes %lu parameters, got %u", (int)id,
			    mysql_stmt_param_count(s), p->n);
			return NULL;
		}
		if (p->n > 0 && mysql_stmt_bind_param(s, p->bind) != 0) {
			log_error(NULL, "db: bind %d: %s", (int)id, mysql_stmt_error(s));
			return NULL;
		}
		if (mysql_stmt_execute(s) == 0)
			return s;
		err = mysql_stmt_errno(s);
		if (gone_away(err) && !in_transaction && attempt == 0) {
			log_warn(NULL, "db: server went away (%u); reconnecting", err);
			db_close();
			continue;
		}
		log_error(NULL, "db: execute %d: %u %s", (int)id, err, mysql_stmt_error(s));
		if (gone_away(err))
			db_close();
		return NULL;
	}
	return NULL;
}

long long
db_exec(enum stmt id, const char *types, ...)
{
	struct params p;
	MYSQL_STMT *s;
	va_list ap;
	my_ulonglong rows;

	va_start(ap, types);
	if (bind_params(&p, types, ap) != 0) {
		va_end(ap);
		return -1;
	}
	va_end(ap);
	s = execute(id, &p);
	if (s == NULL)
		return -1;
	rows = mysql_stmt_affected_rows(s);
	mysql_stmt_free_result(s);
	return rows == (my_ulonglong)-1 ? 0 : (long long)rows;
}

unsigned long long
db_last_insert_id(void)
{
	return conn == NULL ? 0 : mysql_insert_id(conn);
}

void
db_result_free(struct db_result *res)
{
	size_t i, n;

	if (res->cells != NULL) {
		n = (size_t)res->nrows * res->ncols;
		for (i = 0; i < n; i++)
			free(res->cells[i]);
	}
	free(res->cells);
	free(res->lens);
	memset(res, 0, sizeof(*res));
}

int
db_select(enum stmt id, struct db_result *res, const char *types, ...)
{
	struct params p;
	MYSQL_STMT *s;
	MYSQL_RES *meta;
	MYSQL_FIELD *fields;
	MYSQL_BIND *out = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL;
	char **bufs = NULL;
	unsigned int c, ncols;
	size_t row, cell;
	va_list ap;
	int rc = -1, f;

	memset(res, 0, sizeof(*res));
	va_start(ap, types);
	if (bind_params(&p, types, ap) != 0) {
		va_end(ap);
		return -1;
	}
	va_end(ap);
	s = execute(id, &p);
	if (s == NULL)
		return -1;
	if (mysql_stmt_store_result(s) != 0) {
		log_error(NULL, "db: store %d: %s", (int)id, mysql_stmt_error(s));
		goto out;
	}
	meta = mysql_stmt_result_metadata(s);
	if (meta == NULL)
		goto out;
	ncols = mysql_num_fields(meta);
	fields = mysql_fetch_fields(meta);
	out = calloc(ncols, sizeof(*out));
	lens = calloc(ncols, sizeof(*lens));
	nulls = calloc(ncols, sizeof(*nulls));
	bufs = calloc(ncols, sizeof(*bufs));
	res->ncols = ncols;
	res->nrows = (unsigned int)mysql_stmt_num_rows(s);
	if (res->nrows > 0) {
		res->cells = calloc((size_t)res->nrows * ncols, sizeof(*res->cells));
		res->lens = calloc((size_t)res->nrows * ncols, sizeof(*res->lens));
	}
	if (out == NULL || lens == NULL || nulls == NULL || bufs == NULL ||
	    (res->nrows > 0 && (res->cells == NULL || res->lens == NULL))) {
		mysql_free_result(meta);
		goto out;
	}
	for (c = 0; c < ncols; c++) {
		/* max_length is filled because of STMT_ATTR_UPDATE_MAX_LENGTH. */
		size_t cap = fields[c].max_length + 1;
		bufs[c] = malloc(cap < 32 ? 32 : cap);
		if (bufs[c] == NULL) {
			mysql_free_result(meta);
			goto out;
		}
		out[c].buffer_type = MYSQL_TYPE_STRING;
		out[c].buffer = bufs[c];
		out[c].buffer_length = cap < 32 ? 32 : cap;
		out[c].length = &lens[c];
		out[c].is_null = &nulls[c];
	}
	mysql_free_result(meta);
	if (mysql_stmt_bind_result(s, out) != 0)
		goto out;
	for (row = 0; row < res->nrows; row++) {
		f = mysql_stmt_fetch(s);
		if (f != 0 && f != MYSQL_DATA_TRUNCATED)
			goto out;
		for (c = 0; c < ncols; c++) {
			cell = row * ncols + c;
			if (nulls[c])
				continue;
			res->cells[cell] = malloc(lens[c] + 1);
			if (res->cells[cell] == NULL)
				goto out;
			memcpy(res->cells[cell], bufs[c], lens[c]);
			res->cells[cell][lens[c]] = '\0';
			res->lens[cell] = lens[c];
		}
	}
	rc = 0;
out:
	if (bufs != NULL)
		for (c = 0; c < res->ncols; c++)
			free(bufs[c]);
	free(bufs);
	free(out);
	free(lens);
	free(nulls);
	mysql_stmt_free_result(s);
	if (rc != 0)
		db_result_free(res);
	return rc;
}

const char *
db_cell(const struct db_result *res, unsigned int row, unsigned int col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->cells[(size_t)row * res->ncols + col];
}

unsigned long
db_cell_len(const struct db_result *res, unsigned int row, unsigned int col)
{
	if (row >= res->nrows || col >= res->ncols)
		return 0;
	return res->lens[(size_t)row * res->ncols + col];
}

int
db_ping(void)
{
	struct db_result res;
	int rc;

	rc = db_select(STMT_PING, &res, "");
	if (rc == 0 && res.nrows != 1)
		rc = -1;
	db_result_free(&res);
	return rc;
}

static int
simple_query(const char *sql)
{
	if (db_open() != 0)
		return -1;
	if (mysql_real_query(conn, sql, strlen(sql)) != 0) {
		log_error(NULL, "db: %s: %s", sql, mysql_error(conn));
		if (gone_away(mysql_errno(conn)))
			db_close();
		return -1;
	}
	return 0;
}

int
db_begin(void)
{
	if (simple_query("START TRANSACTION") != 0) {
		/* One retry: the connection may have gone away while idle. */
		if (conn != NULL || simple_query("START TRANSACTION") != 0)
			return -1;
	}
	in_transaction = 1;
	return 0;
}

int
db_commit(void)
{
	in_transaction = 0;
	return simple_query("COMMIT");
}

int
db_rollback(void)
{
	in_transaction = 0;
	return simple_query("ROLLBACK");
}

void *
db_admin_connect(void)
{
	return connect_new(CLIENT_MULTI_STATEMENTS);
}

int
db_admin_run(void *c, const char *sql, size_t len)
{
	MYSQL *m = c;
	MYSQL_RES *r;
	int status;

	if (mysql_real_query(m, sql, len) != 0) {
		log_error(NULL, "db: %s", mysql_error(m));
		return -1;
	}
	do {
		r = mysql_store_result(m);
		if (r != NULL)
			mysql_free_result(r);
		status = mysql_next_result(m);
		if (status > 0) {
			log_error(NULL, "db: %s", mysql_error(m));
			return -1;
		}
	} while (status == 0);
	return 0;
}

void
db_admin_close(void *c)
{
	mysql_close(c);
}
