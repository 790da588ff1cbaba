/* order.h: orders (SPEC §4, §9): numbers, drafts, the wizard's three steps, uploads, state changes */
#ifndef CERTDESK_ORDER_H
#define CERTDESK_ORDER_H

#include <stddef.h>

#include <ClearSilver.h>

#include "project.h"

/* The text fields of steps 2 and 3, in the order of enum order_field. */
enum order_field {
	OF_ORG_NAME, OF_ORG_ID_TYPE, OF_ORG_ID_NO, OF_LEGAL_NAME, OF_LEGAL_ID_TYPE, OF_LEGAL_ID_NO,
	OF_ORG_UID, OF_AGENT_NAME, OF_AGENT_ID_TYPE, OF_AGENT_ID_NO, OF_AGENT_PHONE, OF_AGENT_EMAIL,
	OF_AGENT_ADDRESS, OF_AGENT_DEPT, OF_SAME_PERSON,
	OF_INVOICE_TITLE, OF_INVOICE_TAX_NO, OF_INVOICE_ADDRESS, OF_INVOICE_BANK, OF_INVOICE_ACCOUNT,
	OF_INVOICE_PHONE, OF_SHIP_NAME, OF_SHIP_ADDRESS, OF_SHIP_PHONE,
	OF__MAX
};

#define ORDER_VALUE_MAX 1024

struct order {
	long long id;
	char no[33];
	long long applicant_id;
	char state[16];
	long version;
	int step_done;
	char cert_type[33];
	int years, quantity;
	char key_type[33];
	long unit_fen, total_fen;
	char created_at[20], updated_at[20], submitted_at[20];
	char v[OF__MAX][ORDER_VALUE_MAX];	/* steps 2 and 3, opened (unsealed) */
	struct project project;
};

enum upload_kind { UPLOAD_LICENSE, UPLOAD_SEAL, UPLOAD_AUTHORIZATION, UPLOAD__MAX };

const char *order_field_name(enum order_field f);
const char *upload_kind_name(enum upload_kind k);
/* enum upload_kind for a name, or -1. */
int upload_kind_of(const char *name);

/* A new order number: project code, creation time YYYYMMDDhhmmss (China time), 6 random digits. */
void order_number(const char *code, char out[33]);
/*
 * Create a draft for applicant with step 1's choices (already checked against
 * the project). Fills o. 0 or -1.
 */
int order_create(struct order *o, long long applicant_id, const struct project *p, const char *cert_type,
    int years, int quantity, const char *key_type, long unit_fen, long total_fen);
/* Load applicant's order by number (with its project). 0 found, 1 no such order of theirs, -1 error. */
int order_get(struct order *o, const char *no, long long applicant_id);
/* 1 when the applicant may still change the order (draft or rejected). */
int order_editable(const struct order *o);
int order_save_step1(struct order *o, const char *cert_type, int years, int quantity, const char *key_type,
    long unit_fen, long total_fen);
/* Save the fields of step (2 or 3) from o->v; step_done becomes at least done. 0 or -1. */
int order_save_step(struct order *o, int step, int done);
/* Store an image (already sniffed) for kind. 0 or -1. */
int order_file_put(const struct order *o, enum upload_kind kind, const char *mime, unsigned int width,
    unsigned int height, const unsigned char *data, size_t len);
/* Which kinds are stored: bit (1 << kind) set. -1 on error. */
int order_files_present(const struct order *o);
/* The stored image of kind: 0 (free *data), 1 none, -1 error. */
int order_file_get(const struct order *o, enum upload_kind kind, char *mime, size_t mimesz,
    unsigned char **data, size_t *len);
/* Leave draft/rejected for review (version-checked) and record the event. 0, 1 when it lost a race, -1. */
int order_submit(struct order *o, const char *to_state, const char *reason);
/* Write o under prefix (Page.order) for templates: values, price, state. */
void order_to_hdf(const struct order *o, HDF *hdf, const char *prefix);

#endif
