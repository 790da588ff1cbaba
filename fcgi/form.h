/* form.h: a form's fields declared in one table: normaliser, validator, whether the value is shown back */
#ifndef CERTDESK_FORM_H
#define CERTDESK_FORM_H

#include <stddef.h>

#include "request.h"

enum form_norm {
	FORM_RAW,	/* as sent: passwords are never altered */
	FORM_TEXT,	/* norm_text: trimmed, full-width folded */
	FORM_CODE,	/* norm_code: blanks removed, upper-cased (codes, SMS codes) */
	FORM_PHONE,	/* norm_phone: +86, spaces and hyphens removed from mobiles */
};

struct form_field {
	const char *name;	/* the form field (SPEC §12) */
	enum form_norm norm;
	int (*valid)(const char *s);	/* VALID_OK or an enum valid_error code; NULL: the caller checks */
	int too_long;		/* the enum valid_error code for a value over FORM_VALUE_MAX bytes */
	int echo;		/* 1: the value is shown back in the form (never for secrets) */
	const char *label;	/* HDF key of the field's label, for the error summary */
};

#define FORM_VALUE_MAX 1024
#define FORM_FIELDS_MAX 8

struct form {
	const struct form_field *fields;
	size_t n;
	char values[FORM_FIELDS_MAX][FORM_VALUE_MAX];
	int errors;
};

/*
 * Read, normalise and validate every field of the table. Values shown back
 * go to Page.form.<name>, messages to Page.errors.<name> (with .label).
 * Returns the number of fields in error.
 */
int form_read(struct req *r, struct form *f, const struct form_field *fields, size_t n);
/* The normalised value of a field of the table ("" when absent). */
const char *form_value(const struct form *f, const char *name);
/* Put a message on a field (the first message of a field wins). */
void form_error(struct req *r, struct form *f, const char *name, const char *message);
/* 1 when the field already has a message. */
int form_has_error(const struct req *r, const char *name);

#endif
