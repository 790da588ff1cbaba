/* form.c: a form's fields declared in one table: normaliser, validator, whether the value is shown back */
#include <stdio.h>
#include <string.h>

#include "form.h"
#include "render.h"
#include "valid.h"

static int
normalise(enum form_norm norm, const char *in, char *out, size_t outsz)
{
	switch (norm) {
	case FORM_TEXT:
		return norm_text(in, out, outsz);
	case FORM_CODE:
		return norm_code(in, out, outsz);
	case FORM_PHONE:
		return norm_phone(in, out, outsz);
	case FORM_RAW:
		break;
	}
	if (strlen(in) >= outsz)
		return -1;
	memcpy(out, in, strlen(in) + 1);
	return 0;
}

int
form_has_error(const struct req *r, const char *name)
{
	char key[96];

	snprintf(key, sizeof(key), "Page.errors.%s", name);
	return hdf_get_value(r->hdf, key, NULL) != NULL;
}

void
form_error(struct req *r, struct form *f, const char *name, const char *message)
{
	char key[96];
	size_t i;

	if (form_has_error(r, name))
		return;
	snprintf(key, sizeof(key), "Page.errors.%s", name);
	req_set(r, key, message);
	for (i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].name, name) != 0 || f->fields[i].label == NULL)
			continue;
		snprintf(key, sizeof(key), "Page.errors.%s.label", name);
		req_set(r, key, hdf_get_value(r->hdf, f->fields[i].label, ""));
	}
	f->errors++;
}

int
form_read(struct req *r, struct form *f, const struct form_field *fields, size_t n)
{
	const struct form_field *ff;
	const char *raw;
	char key[96];
	size_t i;
	int code;

	memset(f, 0, sizeof(*f));
	f->fields = fields;
	f->n = n < FORM_FIELDS_MAX ? n : FORM_FIELDS_MAX;
	for (i = 0; i < f->n; i++) {
		ff = &fields[i];
		raw = req_value(r, ff->name);
		if (raw == NULL)
			raw = "";
		code = VALID_OK;
		if (normalise(ff->norm, raw, f->values[i], FORM_VALUE_MAX) != 0)
			code = ff->too_long;
		else if (ff->valid != NULL)
			code = ff->valid(f->values[i]);
		if (ff->echo && code != ff->too_long) {
			snprintf(key, sizeof(key), "Page.form.%s", ff->name);
			req_set(r, key, f->values[i]);
		}
		if (code != VALID_OK)
			form_error(r, f, ff->name, valid_strerror(code));
	}
	return f->errors;
}

const char *
form_value(const struct form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->values[i];
	return "";
}
