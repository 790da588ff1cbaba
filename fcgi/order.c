/* order.c: orders (SPEC §4, §9): numbers, drafts, the wizard's three steps, uploads, state changes */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalogue.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "order.h"
#include "order-state.h"
#include "render.h"
#include "session.h"

static const char *const field_names[OF__MAX] = {
	[OF_ORG_NAME] = "org_name", [OF_ORG_ID_TYPE] = "org_id_type", [OF_ORG_ID_NO] = "org_id_no",
	[OF_LEGAL_NAME] = "legal_name", [OF_LEGAL_ID_TYPE] = "legal_id_type", [OF_LEGAL_ID_NO] = "legal_id_no",
	[OF_ORG_UID] = "org_uid", [OF_AGENT_NAME] = "agent_name", [OF_AGENT_ID_TYPE] = "agent_id_type",
	[OF_AGENT_ID_NO] = "agent_id_no", [OF_AGENT_PHONE] = "agent_phone", [OF_AGENT_EMAIL] = "agent_email",
	[OF_AGENT_ADDRESS] = "agent_address", [OF_AGENT_DEPT] = "agent_dept", [OF_SAME_PERSON] = "same_person",
	[OF_INVOICE_TITLE] = "invoice_title", [OF_INVOICE_TAX_NO] = "invoice_tax_no",
	[OF_INVOICE_ADDRESS] = "invoice_address", [OF_INVOICE_BANK] = "invoice_bank",
	[OF_INVOICE_ACCOUNT] = "invoice_account", [OF_INVOICE_PHONE] = "invoice_phone",
	[OF_SHIP_NAME] = "ship_name", [OF_SHIP_ADDRESS] = "ship_address", [OF_SHIP_PHONE] = "ship_phone",
};

static const char *const kind_names[UPLOAD__MAX] = {
	[UPLOAD_LICENSE] = "license", [UPLOAD_SEAL] = "seal", [UPLOAD_AUTHORIZATION] = "authorization",
};

/* Columns of STMT_ORDER_GET before the step 2/3 fields. */
enum { COL_ID, COL_NO, COL_APPLICANT, COL_STATE, COL_VERSION, COL_STEP, COL_CERT_TYPE, COL_YEARS,
	COL_QUANTITY, COL_KEY_TYPE, COL_UNIT, COL_TOTAL, COL_CREATED, COL_UPDATED, COL_SUBMITTED,
	COL_PROJECT, COL_FIELDS };

const char *
order_field_name(enum order_field f)
{
	return field_names[f];
}

const char *
upload_kind_name(enum upload_kind k)
{
	return kind_names[k];
}

int
upload_kind_of(const char *name)
{
	int k;

	for (k = 0; k < UPLOAD__MAX; k++)
		if (name != NULL && strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

static int
sealed_field(enum order_field f)
{
	return f == OF_LEGAL_ID_NO || f == OF_AGENT_ID_NO || f == OF_INVOICE_ACCOUNT;
}

void
order_number(const char *code, char out[33])
{
	time_t now = time(NULL) + 8 * 3600;	/* China Standard Time, no daylight saving */
	struct tm tm;
	char when[16];

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y%m%d%H%M%S", &tm);
	snprintf(out, 33, "%s%s%06u", code, when, crypto_random_uniform(1000000));
}

static long
num(const char *s, long def)
{
	char *end;
	long v;

	if (s == NULL)
		return def;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno != 0 || *end != '\0' ? def : v;
}

static void
copy(char *dst, size_t dstsz, const char *src)
{
	snprintf(dst, dstsz, "%s", src != NULL ? src : "");
}

/* The context a sealed field is bound to: the order and the field, so values cannot be swapped. */
static void
seal_context(const struct order *o, enum order_field f, char *out, size_t outsz)
{
	snprintf(out, outsz, "order:%lld:%s", o->id, field_names[f]);
}

/* The kinds in a comma-separated list ("license,seal") as bits (1 << kind). */
static int
files_of(const char *list)
{
	char kind[32];
	size_t n;
	int bits = 0, k;

	while (list != NULL && *list != '\0') {
		n = strcspn(list, ",");
		if (n < sizeof(kind)) {
			memcpy(kind, list, n);
			kind[n] = '\0';
			if ((k = upload_kind_of(kind)) >= 0)
				bits |= 1 << k;
		}
		list += n + (list[n] == ',');
	}
	return bits;
}

/*
 * o from the ORDER_COLUMNS of row 0 starting at col (db.c), its sealed values opened and its
 * project from the catalogue. 0, or -1 (logged).
 */
static int
order_from_row(struct order *o, const struct db_result *res, unsigned int col)
{
	const unsigned char *sealed;
	const struct project *p;
	char ctx[96];
	size_t outlen;
	long project_id;
	int f;

	memset(o, 0, sizeof(*o));
	o->id = num(db_cell(res, 0, col + COL_ID), 0);
	copy(o->no, sizeof(o->no), db_cell(res, 0, col + COL_NO));
	o->applicant_id = num(db_cell(res, 0, col + COL_APPLICANT), 0);
	copy(o->state, sizeof(o->state), db_cell(res, 0, col + COL_STATE));
	o->version = num(db_cell(res, 0, col + COL_VERSION), 0);
	o->step_done = (int)num(db_cell(res, 0, col + COL_STEP), 1);
	copy(o->cert_type, sizeof(o->cert_type), db_cell(res, 0, col + COL_CERT_TYPE));
	o->years = (int)num(db_cell(res, 0, col + COL_YEARS), 1);
	o->quantity = (int)num(db_cell(res, 0, col + COL_QUANTITY), 1);
	copy(o->key_type, sizeof(o->key_type), db_cell(res, 0, col + COL_KEY_TYPE));
	o->unit_fen = num(db_cell(res, 0, col + COL_UNIT), 0);
	o->total_fen = num(db_cell(res, 0, col + COL_TOTAL), 0);
	copy(o->created_at, sizeof(o->created_at), db_cell(res, 0, col + COL_CREATED));
	copy(o->updated_at, sizeof(o->updated_at), db_cell(res, 0, col + COL_UPDATED));
	copy(o->submitted_at, sizeof(o->submitted_at), db_cell(res, 0, col + COL_SUBMITTED));
	for (f = 0; f < OF__MAX; f++) {
		if (!sealed_field(f)) {
			copy(o->v[f], sizeof(o->v[f]), db_cell(res, 0, col + COL_FIELDS + f));
			continue;
		}
		sealed = (const unsigned char *)db_cell(res, 0, col + COL_FIELDS + f);
		if (sealed == NULL || db_cell_len(res, 0, col + COL_FIELDS + f) == 0)
			continue;
		seal_context(o, f, ctx, sizeof(ctx));
		if (crypto_open(KEY_PII, ctx, sealed, db_cell_len(res, 0, col + COL_FIELDS + f), o->v[f],
		    sizeof(o->v[f]), &outlen) != 0) {
			log_error(NULL, "order %s: %s does not open", o->no, field_names[f]);
			o->v[f][0] = '\0';
		}
	}
	copy(o->business_type, sizeof(o->business_type), db_cell(res, 0, col + COL_FIELDS + OF__MAX));
	copy(o->tracking_no, sizeof(o->tracking_no), db_cell(res, 0, col + COL_FIELDS + OF__MAX + 1));
	o->files = files_of(db_cell(res, 0, col + COL_FIELDS + OF__MAX + 2));
	project_id = num(db_cell(res, 0, col + COL_PROJECT), 0);
	if (catalogue_by_id(project_id, &p) != 0) {
		log_error(NULL, "order %s: project %ld is not in the catalogue", o->no, project_id);
		return -1;
	}
	o->project = *p;
	return 0;
}

int
order_get(struct order *o, const char *no, long long applicant_id)
{
	struct db_result res;
	int rc;

	if (db_select(STMT_ORDER_GET, &res, "sl", no, applicant_id) != 0)
		return -1;
	rc = res.nrows == 1 ? order_from_row(o, &res, 0) : 1;
	db_result_free(&res);
	return rc;
}

int
order_get_with_session(struct req *r, struct order *o, const char *no)
{
	struct db_result res;
	char hash[65];
	int rc;

	memset(o, 0, sizeof(*o));
	if (session_cookie_hash(r, hash) != 0)
		return 2;
	if (db_select(STMT_ORDER_GET_SESSION, &res, "ssll", no, hash, session_idle_seconds(),
	    session_absolute_seconds()) != 0)
		return -1;
	if (session_take_row(r, &res, 0, 0, hash) != 0)
		rc = 2;
	else if (db_cell(&res, 0, SESSION_NCOLS + COL_ID) == NULL)
		rc = 1;
	else
		rc = order_from_row(o, &res, SESSION_NCOLS);
	db_result_free(&res);
	return rc;
}

int
order_editable(const struct order *o)
{
	return strcmp(o->state, "draft") == 0 || strcmp(o->state, "rejected") == 0;
}

static int
event(const struct order *o, const char *from, const char *to, const char *what, const char *reason)
{
	return db_exec(STMT_ORDER_EVENT_ADD, "slllssss", "applicant", o->applicant_id, o->id, 0LL,
	    from, to, what, reason) == 1 ? 0 : -1;
}

int
order_create(struct order *o, long long applicant_id, const struct project *p, const char *cert_type,
    int years, int quantity, const char *key_type, long unit_fen, long total_fen)
{
	char no[33];
	int attempt;

	memset(o, 0, sizeof(*o));
	for (attempt = 0; attempt < 5; attempt++) {
		order_number(p->code, o->no);
		if (db_exec(STMT_ORDER_INSERT, "sllslslll", o->no, applicant_id, (long long)p->id, cert_type,
		    (long long)years, key_type, (long long)quantity, (long long)unit_fen, (long long)total_fen) == 1)
			break;
		/* Two orders in the same second drew the same six digits: draw again. */
		if (!db_last_was_duplicate())
			return -1;
	}
	if (attempt == 5)
		return -1;
	o->id = (long long)db_last_insert_id();
	o->applicant_id = applicant_id;
	/* After the row is in: a worker that reads the old number recounts when it sees the new one. */
	if (db_exec(STMT_ORDER_COUNTS_STALE, "l", o->id) != 1)
		return -1;
	if (event(o, NULL, "draft", "created", NULL) != 0)
		return -1;
	snprintf(no, sizeof(no), "%s", o->no);	/* order_get clears o first */
	return order_get(o, no, applicant_id);
}

int
order_save_step1(struct order *o, const char *cert_type, int years, int quantity, const char *key_type,
    long unit_fen, long total_fen)
{
	return db_exec(STMT_ORDER_SAVE_STEP1, "slslllll", cert_type, (long long)years, key_type,
	    (long long)quantity, (long long)unit_fen, (long long)total_fen, o->id, o->applicant_id) < 0 ? -1 : 0;
}

/* Seal field f of o into buf; *len 0 and hash NULL for an empty value. */
static int
seal_field(const struct order *o, enum order_field f, unsigned char *buf, size_t bufsz, size_t *len,
    char hash[65], const char **hashp)
{
	char ctx[96];

	*len = 0;
	*hashp = NULL;
	if (o->v[f][0] == '\0')
		return 0;
	seal_context(o, f, ctx, sizeof(ctx));
	if (crypto_seal(KEY_PII, ctx, o->v[f], strlen(o->v[f]), buf, bufsz, len) != 0)
		return -1;
	crypto_mac_hex(KEY_LOOKUP, o->v[f], strlen(o->v[f]), hash);
	*hashp = hash;
	return 0;
}

int
order_save_step(struct order *o, int step, int done)
{
	unsigned char s1[ORDER_VALUE_MAX + CRYPTO_SEAL_OVERHEAD], s2[sizeof(s1)];
	char h1[65], h2[65];
	const char *hp1, *hp2;
	size_t l1, l2;
	long long n;

	if (step == 2) {
		if (seal_field(o, OF_LEGAL_ID_NO, s1, sizeof(s1), &l1, h1, &hp1) != 0 ||
		    seal_field(o, OF_AGENT_ID_NO, s2, sizeof(s2), &l2, h2, &hp2) != 0)
			return -1;
		n = db_exec(STMT_ORDER_SAVE_STEP2, "sssssbssssbsssssllll",
		    o->v[OF_ORG_NAME], o->v[OF_ORG_ID_TYPE], o->v[OF_ORG_ID_NO], o->v[OF_LEGAL_NAME],
		    o->v[OF_LEGAL_ID_TYPE], s1, l1, hp1, o->v[OF_ORG_UID], o->v[OF_AGENT_NAME],
		    o->v[OF_AGENT_ID_TYPE], s2, l2, hp2, o->v[OF_AGENT_PHONE], o->v[OF_AGENT_EMAIL],
		    o->v[OF_AGENT_ADDRESS], o->v[OF_AGENT_DEPT], (long long)(strcmp(o->v[OF_SAME_PERSON], "1") == 0),
		    (long long)done, o->id, o->applicant_id);
	} else {
		if (seal_field(o, OF_INVOICE_ACCOUNT, s1, sizeof(s1), &l1, h1, &hp1) != 0)
			return -1;
		n = db_exec(STMT_ORDER_SAVE_STEP3, "sssbsssssslll",
		    o->v[OF_INVOICE_TITLE], o->v[OF_INVOICE_TAX_NO], o->v[OF_INVOICE_ADDRESS],
		    s1, l1, o->v[OF_INVOICE_BANK], hp1, o->v[OF_INVOICE_PHONE], o->v[OF_SHIP_NAME],
		    o->v[OF_SHIP_ADDRESS], o->v[OF_SHIP_PHONE], (long long)done, o->id, o->applicant_id);
	}
	return n < 0 ? -1 : 0;
}

int
order_file_put(const struct order *o, enum upload_kind kind, const char *mime, unsigned int width,
    unsigned int height, const unsigned char *data, size_t len)
{
	char sum[65];

	crypto_sha256_hex(data, len, sum);
	return db_exec(STMT_ORDER_FILE_PUT, "lsslllsb", o->id, kind_names[kind], mime, (long long)width,
	    (long long)height, (long long)len, sum, data, len) < 0 ? -1 : 0;
}

int
order_files_present(const struct order *o)
{
	struct db_result res;
	unsigned int i;
	int bits = 0, k;

	if (db_select(STMT_ORDER_FILE_KINDS, &res, "l", o->id) != 0)
		return -1;
	for (i = 0; i < res.nrows; i++)
		if ((k = upload_kind_of(db_cell(&res, i, 0))) >= 0)
			bits |= 1 << k;
	db_result_free(&res);
	return bits;
}

int
order_file_get(const struct order *o, enum upload_kind kind, char *mime, size_t mimesz,
    unsigned char **data, size_t *len)
{
	struct db_result res;

	if (db_select(STMT_ORDER_FILE_GET, &res, "ls", o->id, kind_names[kind]) != 0)
		return -1;
	if (res.nrows != 1) {
		db_result_free(&res);
		return 1;
	}
	copy(mime, mimesz, db_cell(&res, 0, 0));
	*len = db_cell_len(&res, 0, 1);
	*data = malloc(*len > 0 ? *len : 1);
	if (*data == NULL) {
		db_result_free(&res);
		return -1;
	}
	memcpy(*data, db_cell(&res, 0, 1), *len);
	db_result_free(&res);
	return 0;
}

int
order_submit(struct order *o, const char *to_state, const char *reason)
{
	switch (order_transition(o->id, to_state, ACTOR_APPLICANT, o->applicant_id, NULL, reason, o->version)) {
	case TRANSITION_OK:
		copy(o->state, sizeof(o->state), to_state);
		return 0;
	case TRANSITION_ERROR:
		return -1;
	default:
		return 1;
	}
}

void
order_to_hdf(const struct order *o, HDF *hdf, const char *prefix)
{
	const struct project_choice *c;
	HDF *n = hdf_node(hdf, prefix);
	int f;

	hdf_put_at(n, "no", o->no);
	hdf_put_at(n, "state", o->state);
	hdf_put_long_at(n, "editable", order_editable(o));
	hdf_put_long_at(n, "step_done", o->step_done);
	hdf_put_at(n, "cert_type", o->cert_type);
	hdf_put_long_at(n, "years", o->years);
	hdf_put_long_at(n, "quantity", o->quantity);
	hdf_put_at(n, "key_type", o->key_type);
	hdf_put_long_at(n, "unit_fen", o->unit_fen);
	hdf_put_long_at(n, "total_fen", o->total_fen);
	hdf_put_at(n, "created_at", o->created_at);
	hdf_put_at(n, "submitted_at", o->submitted_at);
	hdf_put_at(n, "business_type", o->business_type);
	hdf_put_at(n, "tracking_no", o->tracking_no);
	/* The names of the chosen types, as the project offers them (none for one it no longer offers). */
	if ((c = project_cert_type(&o->project, o->cert_type)) != NULL)
		hdf_put_at(n, "cert_type_name", c->name);
	if ((c = project_key_type(&o->project, o->key_type)) != NULL)
		hdf_put_at(n, "key_type_name", c->name);
	for (f = 0; f < OF__MAX; f++)
		hdf_put_at(n, field_names[f], o->v[f]);
}

int
order_address_changeable(const char *state, const char *tracking_no)
{
	static const char *const ended[] = { "shipped", "completed", "cancelled", "closed" };
	size_t i;

	if (tracking_no != NULL && tracking_no[0] != '\0')
		return 0;
	for (i = 0; i < sizeof(ended) / sizeof(ended[0]); i++)
		if (strcmp(state, ended[i]) == 0)
			return 0;
	return 1;
}

unsigned int
order_actions(const char *state, const char *tracking_no)
{
	unsigned int a = 0;

	if (strcmp(state, "draft") == 0 || strcmp(state, "rejected") == 0)
		a |= ORDER_ACTION_EDIT;
	if (order_transition_allowed(state, "cancelled", ACTOR_APPLICANT))
		a |= ORDER_ACTION_CANCEL;
	if (strcmp(state, "deposit") == 0)
		a |= ORDER_ACTION_DEPOSIT;
	if (strcmp(state, "payment") == 0)
		a |= ORDER_ACTION_PAY;
	if (order_address_changeable(state, tracking_no))
		a |= ORDER_ACTION_ADDRESS;
	return a;
}

int
order_change_address(struct order *o)
{
	long long n;

	if (db_begin() != 0)
		return -1;
	n = db_exec(STMT_ORDER_SET_ADDRESS, "ssslll", o->v[OF_SHIP_NAME], o->v[OF_SHIP_ADDRESS], o->v[OF_SHIP_PHONE],
	    o->id, o->applicant_id, (long long)o->version);
	if (n == 0) {
		db_rollback();
		return 1;
	}
	/* Not a state change: the event has no from and to. */
	if (n < 0 || event(o, NULL, NULL, "address_changed", NULL) != 0) {
		db_rollback();
		return -1;
	}
	if (db_commit() != 0)
		return -1;
	o->version++;
	return 0;
}

int
order_events_to_hdf(const struct order *o, HDF *hdf, const char *prefix, char since[20], char *reason,
    size_t reasonsz)
{
	static const char *const cols[] = { "at", "actor", "from", "to", "event", "reason" };
	struct db_result res;
	char key[160];
	const char *to;
	unsigned int i, c;

	since[0] = '\0';
	reason[0] = '\0';
	if (db_select(STMT_ORDER_EVENTS, &res, "l", o->id) != 0)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			if (db_cell(&res, i, c) == NULL)
				continue;
			snprintf(key, sizeof(key), "%s.%u", prefix, i);
			hdf_put(hdf, key, cols[c], db_cell(&res, i, c));
		}
		/* The newest event that led into the current state says since when, and why. */
		to = db_cell(&res, i, 3);
		if (to != NULL && strcmp(to, o->state) == 0) {
			copy(since, 20, db_cell(&res, i, 0));
			copy(reason, reasonsz, db_cell(&res, i, 5));
		}
	}
	i = res.nrows;
	db_result_free(&res);
	return (int)i;
}
