/* page-order.c: the order wizard (SPEC §4): step 1 on /orders/new and /orders, steps 1-3 on /orders/{no}/edit, uploads */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "image.h"
#include "log.h"
#include "order.h"
#include "page-order.h"
#include "pages.h"
#include "render.h"
#include "review.h"
#include "route.h"
#include "session.h"
#include "text.h"
#include "valid.h"

enum norm { N_TEXT, N_CODE, N_PHONE, N_CHOICE };

/* One field of steps 2 and 3: how it is normalised, its longest value, and its check. */
struct field {
	enum order_field id;
	int step;
	enum norm norm;
	int max_chars;
	int (*valid)(const char *s);	/* NULL: checked in check_step() */
};

static int
valid_optional_name(const char *s)
{
	return s[0] == '\0' ? VALID_OK : valid_name(s);
}

static const struct field fields[] = {
	{ OF_ORG_NAME, 2, N_TEXT, 128, valid_org_name },
	{ OF_ORG_ID_TYPE, 2, N_CHOICE, 8, NULL },
	{ OF_ORG_ID_NO, 2, N_CODE, 40, NULL },
	{ OF_LEGAL_NAME, 2, N_TEXT, 64, valid_name },
	{ OF_LEGAL_ID_TYPE, 2, N_CHOICE, 8, NULL },
	{ OF_LEGAL_ID_NO, 2, N_CODE, 40, NULL },
	{ OF_ORG_UID, 2, N_CODE, 64, NULL },
	{ OF_AGENT_NAME, 2, N_TEXT, 64, valid_name },
	{ OF_AGENT_ID_TYPE, 2, N_CHOICE, 8, NULL },
	{ OF_AGENT_ID_NO, 2, N_CODE, 40, NULL },
	{ OF_AGENT_PHONE, 2, N_PHONE, 20, valid_mobile },
	{ OF_AGENT_EMAIL, 2, N_TEXT, 254, valid_email },
	{ OF_AGENT_ADDRESS, 2, N_TEXT, 200, valid_address },
	{ OF_AGENT_DEPT, 2, N_TEXT, 64, valid_optional_name },
	{ OF_SAME_PERSON, 2, N_CHOICE, 1, NULL },
	{ OF_INVOICE_TITLE, 3, N_TEXT, 128, valid_org_name },
	{ OF_INVOICE_TAX_NO, 3, N_CODE, 20, valid_tax_no },
	{ OF_INVOICE_ADDRESS, 3, N_TEXT, 200, valid_address },
	{ OF_INVOICE_BANK, 3, N_TEXT, 64, valid_name },
	{ OF_INVOICE_ACCOUNT, 3, N_CODE, 32, valid_bank_account },
	{ OF_INVOICE_PHONE, 3, N_PHONE, 24, valid_landline_or_mobile },
	{ OF_SHIP_NAME, 3, N_TEXT, 64, valid_name },
	{ OF_SHIP_ADDRESS, 3, N_TEXT, 200, valid_address },
	{ OF_SHIP_PHONE, 3, N_PHONE, 24, valid_landline_or_mobile },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static const char *
lang(struct req *r, const char *key, const char *def)
{
	char path[128];

	snprintf(path, sizeof(path), "Lang.order.%s", key);
	return hdf_get_value(r->hdf, path, def);
}

static void
field_error(struct req *r, const char *name, const char *message)
{
	const char *label;
	char key[96];

	snprintf(key, sizeof(key), "Page.errors.%s", name);
	if (hdf_get_value(r->hdf, key, NULL) != NULL)
		return;
	req_set(r, key, message);
	snprintf(key, sizeof(key), "Lang.order.label.%s", name);
	label = hdf_get_value(r->hdf, key, name);
	snprintf(key, sizeof(key), "Page.errors.%s.label", name);
	req_set(r, key, label);
	req_set_int(r, "Page.error_count", hdf_get_int_value(r->hdf, "Page.error_count", 0) + 1);
}

static int
today(void)
{
	time_t now = time(NULL) + 8 * 3600;
	struct tm tm;

	gmtime_r(&now, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static long
parse_int(const char *s, long min, long max)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	return v;
}

/* The applicant's order named in the path, or an answer: 404 for anyone else's. */
static int
load_order_or_respond(struct req *r, struct order *o)
{
	const char *no = route_param(r, "no");
	int rc;

	if (no == NULL)
		rc = 1;
	else if (r->session_in_page)
		rc = order_get_with_session(r, o, no);
	else
		rc = order_get(o, no, session_account_id());
	if (rc == 2)
		return render_login_redirect(r, "/login");
	if (rc == 1)
		return render_error(r, 404);
	if (rc != 0)
		return render_error(r, 500);
	return 0;
}

static void
set_page(struct req *r, const struct order *o, const struct project *p, int step)
{
	int files, k;
	char key[64], url[128];

	req_set(r, "Page.nav", "apply");
	req_set(r, "Page.title", lang(r, "title", "证书申请"));
	req_set_int(r, "Page.step", step);
	/* Only step 1 chooses; every other page of an order shows what was chosen (order_to_hdf). */
	if (step == 1)
		project_to_hdf(p, r->hdf, "Page.project");
	else
		project_summary_to_hdf(p, r->hdf, "Page.project");
	if (o == NULL)
		return;
	order_to_hdf(o, r->hdf, "Page.order");
	files = o->files;
	for (k = 0; files > 0 && k < UPLOAD__MAX; k++) {
		if (!(files & (1 << k)))
			continue;
		snprintf(key, sizeof(key), "Page.files.%s", upload_kind_name(k));
		snprintf(url, sizeof(url), "/orders/%s/files/%s", o->no, upload_kind_name(k));
		req_set(r, key, url);
	}
}

/* Step 1's choices from the form, checked against the project. 0 or the number of errors. */
static int
read_step1(struct req *r, const struct project *p, char *cert_type, char *key_type, int *years,
    int *quantity, long *unit, long *total)
{
	const char *ct = req_value(r, "cert_type"), *kt = req_value(r, "key_type");
	const char *q = req_value(r, "quantity");
	int errors = 0;

	snprintf(cert_type, 33, "%s", ct != NULL ? ct : "");
	snprintf(key_type, 33, "%s", kt != NULL ? kt : "");
	*years = (int)parse_int(req_value(r, "years"), 1, 99);
	/* A fixed quantity is shown fixed; an absent value means the fixed one. */
	*quantity = (q == NULL || q[0] == '\0') && p->qty_min == p->qty_max ? p->qty_min : (int)parse_int(q, 1, 1000);
	req_set(r, "Page.form.cert_type", cert_type);
	req_set(r, "Page.form.key_type", key_type);
	if (*years > 0)
		req_set_int(r, "Page.form.years", *years);
	if (*quantity > 0)
		req_set_int(r, "Page.form.quantity", *quantity);
	if (project_cert_type(p, cert_type) == NULL && ++errors)
		field_error(r, "cert_type", lang(r, "choose", "请选择"));
	if (!project_offers_years(p, *years) && ++errors)
		field_error(r, "years", lang(r, "choose", "请选择"));
	if ((*quantity < p->qty_min || *quantity > p->qty_max) && ++errors)
		field_error(r, "quantity", lang(r, "bad_quantity", "数量不在本项目允许的范围内"));
	if (project_key_type(p, key_type) == NULL && ++errors)
		field_error(r, "key_type", lang(r, "choose", "请选择"));
	if (errors == 0)
		*total = project_price(p, cert_type, *years, *quantity, key_type, unit);
	return errors;
}

static void
default_step1(struct req *r, const struct project *p)
{
	if (p->n_cert_types > 0)
		req_set(r, "Page.form.cert_type", p->cert_types[0].code);
	if (p->n_key_types > 0)
		req_set(r, "Page.form.key_type", p->key_types[0].code);
	if (p->n_years > 0)
		req_set_int(r, "Page.form.years", p->years[0]);
	req_set_int(r, "Page.form.quantity", p->qty_min);
}

static int
project_or_respond(struct req *r, const char *code, struct project *p)
{
	int rc = code != NULL && code[0] != '\0' ? project_get(code, p) : 1;

	if (rc < 0)
		return render_error(r, 500);
	if (rc == 1 || !p->active) {
		req_set(r, "Page.error_text", lang(r, "no_project", "没有这个项目"));
		return render_error(r, 404);
	}
	return 0;
}

/* GET /orders/new?project=CODE: step 1 of a new order. 200, 404 for an unknown or retired project;
 * 303 to the project picker without a project (where registration and login land: 订单申请). */
int
page_order_new(struct req *r)
{
	struct project p;
	const char *code = req_value(r, "project");
	int rc;

	if (code == NULL || code[0] == '\0')
		return render_redirect(r, "/projects");
	if ((rc = project_or_respond(r, code, &p)) != 0)
		return rc;
	set_page(r, NULL, &p, 1);
	default_step1(r, &p);
	return render_page(r, 200, "order/step1.cs");
}

/* POST /orders: create the draft from step 1. 303 to step 2 (next) or back to step 1 (save); 422 on errors. */
int
page_order_create(struct req *r)
{
	struct project p;
	struct order o;
	char cert_type[33], key_type[33], url[96];
	int years, quantity, rc;
	long unit = 0, total = 0;
	const char *action = req_value(r, "action");

	if ((rc = project_or_respond(r, req_value(r, "project"), &p)) != 0)
		return rc;
	set_page(r, NULL, &p, 1);
	if (read_step1(r, &p, cert_type, key_type, &years, &quantity, &unit, &total) != 0 || total < 0)
		return render_page(r, 422, "order/step1.cs");
	if (order_create(&o, session_account_id(), &p, cert_type, years, quantity, key_type, unit, total) != 0)
		return render_error(r, 500);
	snprintf(url, sizeof(url), "/orders/%s/edit?step=%d", o.no,
	    action != NULL && strcmp(action, "save") == 0 ? 1 : 2);
	return render_redirect(r, url);
}

/* Normalise and check one field; the value goes to o->v and back to the form. 1 when it is wrong. */
static int
read_field(struct req *r, struct order *o, const struct field *f, int check)
{
	char buf[1024], key[96];
	const char *raw;
	int code, n, rc;

	raw = req_value(r, order_field_name(f->id));
	if (raw == NULL)
		raw = "";
	switch (f->norm) {
	case N_TEXT:
	case N_CHOICE:
		rc = norm_text(raw, buf, sizeof(buf));
		break;
	case N_CODE:
		rc = norm_code(raw, buf, sizeof(buf));
		break;
	default:
		rc = norm_phone(raw, buf, sizeof(buf));
		break;
	}
	n = rc == 0 && strlen(buf) < ORDER_VALUE_MAX ? utf8_length(buf) : -1;
	snprintf(key, sizeof(key), "Page.form.%s", order_field_name(f->id));
	if (n < 0 || n > f->max_chars) {
		/* Too long or not text: it cannot be stored, so it is an error even for 保存. */
		field_error(r, order_field_name(f->id), n < 0 ? valid_strerror(VALID_ENCODING) :
		    lang(r, "too_long", "内容过长"));
		return 1;
	}
	req_set(r, key, buf);
	memcpy(o->v[f->id], buf, strlen(buf) + 1);
	if (check && f->valid != NULL && (code = f->valid(buf)) != VALID_OK) {
		field_error(r, order_field_name(f->id), valid_strerror(code));
		return 1;
	}
	return 0;
}

/* Normalise and check every field of step; values go to o->v and back to the form. Returns the errors. */
static int
read_fields(struct req *r, struct order *o, int step, int check)
{
	int errors = 0;
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (fields[i].step == step)
			errors += read_field(r, o, &fields[i], check);
	return errors;
}

int
order_read_shipping(struct req *r, struct order *o)
{
	int errors = 0;
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (fields[i].id == OF_SHIP_NAME || fields[i].id == OF_SHIP_ADDRESS || fields[i].id == OF_SHIP_PHONE)
			errors += read_field(r, o, &fields[i], 1);
	return errors;
}

/* Choices must be one of theirs whatever the action: the database takes nothing else. */
static int
check_choices(struct req *r, struct order *o, int step)
{
	static const struct { enum order_field f; const char *a, *b; } choices[] = {
		{ OF_ORG_ID_TYPE, "uscc", "other" },
		{ OF_LEGAL_ID_TYPE, "id_card", "other" },
		{ OF_AGENT_ID_TYPE, "id_card", "other" },
	};
	size_t i;
	int errors = 0;

	if (step != 2)
		return 0;
	for (i = 0; i < sizeof(choices) / sizeof(choices[0]); i++) {
		char *v = o->v[choices[i].f];

		if (v[0] == '\0') {
			snprintf(v, ORDER_VALUE_MAX, "%s", choices[i].a);
			continue;
		}
		if (strcmp(v, choices[i].a) != 0 && strcmp(v, choices[i].b) != 0) {
			field_error(r, order_field_name(choices[i].f), lang(r, "choose", "请选择"));
			errors++;
		}
	}
	if (o->v[OF_SAME_PERSON][0] != '\0' && strcmp(o->v[OF_SAME_PERSON], "1") != 0) {
		field_error(r, "same_person", lang(r, "choose", "请选择"));
		errors++;
	}
	return errors;
}

static int
check_person_id(struct req *r, struct order *o, enum order_field type, enum order_field no)
{
	int code = strcmp(o->v[type], "id_card") == 0 ? valid_id_card(o->v[no], today()) : valid_id_other(o->v[no]);

	if (code == VALID_OK)
		return 0;
	field_error(r, order_field_name(no), valid_strerror(code));
	return 1;
}

/* The rules of step 2 and 3 that depend on more than one field, or on the project. */
static int
check_step(struct req *r, struct order *o, int step, int files)
{
	int errors = 0, code;

	if (step == 2) {
		code = strcmp(o->v[OF_ORG_ID_TYPE], "uscc") == 0 ? valid_uscc(o->v[OF_ORG_ID_NO]) :
		    valid_org_other(o->v[OF_ORG_ID_NO]);
		if (code != VALID_OK && ++errors)
			field_error(r, "org_id_no", valid_strerror(code));
		errors += check_person_id(r, o, OF_LEGAL_ID_TYPE, OF_LEGAL_ID_NO);
		errors += check_person_id(r, o, OF_AGENT_ID_TYPE, OF_AGENT_ID_NO);
		if (o->project.requires_uid && o->v[OF_ORG_UID][0] == '\0' && ++errors)
			field_error(r, "org_uid", valid_strerror(VALID_EMPTY));
		if (strcmp(o->v[OF_SAME_PERSON], "1") != 0 && ++errors)
			field_error(r, "same_person", lang(r, "same_person_required", "请确认"));
		if (!(files & (1 << UPLOAD_LICENSE)) && ++errors)
			field_error(r, "license", lang(r, "upload_required", "请上传"));
		if (o->project.requires_seal && !(files & (1 << UPLOAD_SEAL)) && ++errors)
			field_error(r, "seal", lang(r, "upload_required", "请上传"));
		if (!(files & (1 << UPLOAD_AUTHORIZATION)) && ++errors)
			field_error(r, "authorization", lang(r, "upload_required", "请上传"));
	}
	return errors;
}

/*
 * Store the images of this request first: an image that passes is kept even
 * when another field of the step fails. Returns the number of refused files.
 */
static int
store_uploads(struct req *r, struct order *o)
{
	const struct mp_file *f;
	struct image_info info;
	int k, errors = 0;

	for (k = 0; k < UPLOAD__MAX; k++) {
		f = mp_file_get(&r->form, upload_kind_name(k));
		if (f == NULL || (f->len == 0 && !f->oversize))	/* no file chosen */
			continue;
		if (k == UPLOAD_SEAL && !o->project.requires_seal)
			continue;
		if (f->oversize || f->len > 1048576) {
			field_error(r, upload_kind_name(k), lang(r, "upload_too_big", "图片大小不超过1M"));
			errors++;
		} else if (image_sniff(f->data, f->len, &info) != 0 || !image_complete(f->data, f->len, info.type)) {
			field_error(r, upload_kind_name(k), lang(r, "upload_bad_type", "支持.jpg/.jpeg/.png/.gif/.bmp格式"));
			errors++;
		} else if (order_file_put(o, k, info.mime, info.width, info.height, f->data, f->len) != 0) {
			return -1;
		}
	}
	return errors;
}

/* Step 2 as stored passes every check (before submitting from step 3). Returns the errors. */
static int
read_back_errors(struct req *r, struct order *o, int files)
{
	size_t i;
	int errors = 0;

	for (i = 0; i < NFIELDS; i++)
		if (fields[i].step == 2 && fields[i].valid != NULL && fields[i].valid(o->v[fields[i].id]) != VALID_OK)
			errors++;
	return errors + check_choices(r, o, 2) + check_step(r, o, 2, files);
}

static const char *const step_templates[] = { NULL, "order/step1.cs", "order/step2.cs", "order/step3.cs" };

/*
 * GET,POST /orders/{no}/edit?step=1|2|3: the wizard on an existing draft.
 * 200; 303 after a successful POST; 400 bad step; 404 not the applicant's
 * order; 409 no longer editable; 422 with every value kept and a message at
 * each wrong field.
 */
int
page_order_edit(struct req *r)
{
	struct order o;
	char cert_type[33], key_type[33], url[96];
	const char *action = req_value(r, "action");
	int step, rc, errors, files, years, quantity, s;
	long unit = 0, total = 0;

	if ((rc = load_order_or_respond(r, &o)) != 0)
		return rc;
	step = req_value(r, "step") == NULL ? 1 : (int)parse_int(req_value(r, "step"), 1, 3);
	if (step < 1)
		return render_error(r, 400);
	set_page(r, &o, &o.project, step);
	if (strcmp(o.state, "rejected") == 0) {
		char why[512];	/* order_events.reason: 500 bytes */

		if (review_rejection_reason(&o, why, sizeof(why)) == 0)
			req_set(r, "Page.review.rejected_reason", why);
	}
	if (!order_editable(&o)) {
		req_set(r, "Page.error_text", lang(r, "not_editable", "订单已提交，不能修改"));
		return render_error(r, 409);
	}
	if (strcmp(r->method, "POST") != 0) {
		/* Show what is stored. */
		req_set(r, "Page.form.cert_type", o.cert_type);
		req_set(r, "Page.form.key_type", o.key_type);
		req_set_int(r, "Page.form.years", o.years);
		req_set_int(r, "Page.form.quantity", o.quantity);
		for (s = 0; s < (int)NFIELDS; s++) {
			char key[96];

			snprintf(key, sizeof(key), "Page.form.%s", order_field_name(fields[s].id));
			req_set(r, key, o.v[fields[s].id]);
		}
		if (step == 3 && o.v[OF_INVOICE_TITLE][0] == '\0')
			req_set(r, "Page.form.invoice_title", o.v[OF_ORG_NAME]);
		return render_page(r, 200, step_templates[step]);
	}
	if (action == NULL || (strcmp(action, "prev") != 0 && strcmp(action, "next") != 0 &&
	    strcmp(action, "save") != 0 && strcmp(action, "submit") != 0) ||
	    (strcmp(action, "submit") == 0 && step != 3) || (strcmp(action, "prev") == 0 && step == 1))
		return render_error(r, 400);
	if (step == 1) {
		if (read_step1(r, &o.project, cert_type, key_type, &years, &quantity, &unit, &total) != 0 || total < 0)
			return render_page(r, 422, step_templates[1]);
		if (order_save_step1(&o, cert_type, years, quantity, key_type, unit, total) != 0)
			return render_error(r, 500);
		snprintf(url, sizeof(url), "/orders/%s/edit?step=%d", o.no, strcmp(action, "next") == 0 ? 2 : 1);
		return render_redirect(r, url);
	}
	/* Steps 2 and 3. 上一步 and 保存 keep a draft as typed; 下一步 and 确认提交 check it. */
	errors = step == 2 ? store_uploads(r, &o) : 0;
	if (errors < 0)
		return render_error(r, 500);
	files = o.files = order_files_present(&o);	/* with this request's uploads */
	set_page(r, &o, &o.project, step);
	rc = strcmp(action, "next") == 0 || strcmp(action, "submit") == 0;
	errors += read_fields(r, &o, step, rc);
	errors += check_choices(r, &o, step);
	if (rc && errors == 0)
		errors += check_step(r, &o, step, files);
	if (errors > 0)
		return render_page(r, 422, step_templates[step]);
	if (order_save_step(&o, step, rc ? step : 1) != 0)
		return render_error(r, 500);
	if (strcmp(action, "submit") == 0) {
		/* Everything again, as stored: step 2 may have been saved unchecked. */
		struct order again;

		if (order_get(&again, o.no, o.applicant_id) != 0)
			return render_error(r, 500);
		if (read_back_errors(r, &again, files) != 0) {
			req_set(r, "Page.flash.type", "error");
			req_set(r, "Page.flash.text", lang(r, "step2_incomplete", "第②步的信息不完整，请先补充"));
			return render_page(r, 422, step_templates[3]);
		}
		/* Automated review (SPEC §5): on to 打款验证, or to 人工审核 with every reason recorded. */
		rc = review_submit(r, &again);
		if (rc == REVIEW_ERROR)
			return render_error(r, 500);
		if (rc == REVIEW_CONFLICT)
			return render_error(r, 409);
		snprintf(url, sizeof(url), "/orders/%s", o.no);
		return render_redirect(r, url);
	}
	if (strcmp(action, "save") == 0)
		snprintf(url, sizeof(url), "/orders/%s/edit?step=%d&saved=1", o.no, step);
	else
		snprintf(url, sizeof(url), "/orders/%s/edit?step=%d", o.no, strcmp(action, "next") == 0 ? step + 1 : step - 1);
	return render_redirect(r, url);
}

int
order_file_or_respond(struct req *r, const struct order *o, const char *kind_name)
{
	unsigned char *data;
	char mime[32];
	size_t len;
	int rc, kind = upload_kind_of(kind_name);

	if (kind < 0)
		return render_error(r, 404);
	rc = order_file_get(o, kind, mime, sizeof(mime), &data, &len);
	if (rc == 1)
		return render_error(r, 404);
	if (rc != 0)
		return render_error(r, 500);
	rc = render_body(r, 200, mime, data, len, "sandbox", "private, no-store");
	free(data);
	return rc;
}

/*
 * GET /orders/{no}/files/{kind}: an uploaded image, to its owner only (404
 * for anyone else), never sniffed as anything but the image it is.
 */
int
page_order_file(struct req *r)
{
	struct order o;
	int rc;

	if ((rc = load_order_or_respond(r, &o)) != 0)
		return rc;
	return order_file_or_respond(r, &o, route_param(r, "kind"));
}

int
order_load_or_respond(struct req *r, struct order *o)
{
	return load_order_or_respond(r, o);
}

void
order_page_set(struct req *r, const struct order *o)
{
	set_page(r, o, &o->project, 0);
}

/* GET /orders/{no}/authorization-letter: the letter pre-filled with this order's organisation and agent, to print. */
int
page_order_letter(struct req *r)
{
	struct order o;
	int rc;

	if ((rc = load_order_or_respond(r, &o)) != 0)
		return rc;
	set_page(r, &o, &o.project, 0);
	req_set(r, "Page.title", lang(r, "letter_title", "机构授权书"));
	return render_page(r, 200, "order/letter.cs");
}
