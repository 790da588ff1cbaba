/* order.h: orders (SPEC §4, §9): numbers, drafts, the wizard's three steps, uploads, state changes */
#ifndef CERTDESK_ORDER_H
#define CERTDESK_ORDER_H

#include <stddef.h>

#include <ClearSilver.h>

#include "project.h"
#include "request.h"

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
	char business_type[8];			/* new, renew, replace, revoke (SPEC §9 业务类型) */
	char tracking_no[21];			/* 顺丰 tracking number, "" until shipped */
	int files;				/* kinds of image stored when read: bit (1 << kind) */
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
/*
 * The same for the request's own session in one round trip (a page with
 * route.session_in_page): the session is taken as session_load would.
 * 0 found, 1 no such order of theirs, 2 no valid session, -1 error.
 */
int order_get_with_session(struct req *r, struct order *o, const char *no);
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

/* What the applicant may do with an order now (SPEC §9 操作); 查看详情 is always there. */
enum order_action {
	ORDER_ACTION_EDIT = 1,		/* 编辑: draft, rejected */
	ORDER_ACTION_CANCEL = 2,	/* 取消: where the state machine lets the applicant cancel */
	ORDER_ACTION_DEPOSIT = 4,	/* 打款验证: deposit */
	ORDER_ACTION_PAY = 8,		/* 支付: payment */
	ORDER_ACTION_ADDRESS = 16,	/* 修改地址: until shipped (order_address_changeable) */
};
/* The enum order_action bits for an order in state with tracking_no ("" or NULL for none). */
unsigned int order_actions(const char *state, const char *tracking_no);
/*
 * 1 while the shipping address may change: no tracking number yet and the
 * order neither shipped nor ended (cancelled, closed). STMT_ORDER_SET_ADDRESS
 * says the same in SQL.
 */
int order_address_changeable(const char *state, const char *tracking_no);
/*
 * Store o's shipping fields (o->v[OF_SHIP_*], already checked) on the order
 * as it was loaded (its version) and record an address_changed event, in
 * one transaction. 0 (o->version is then the new one), 1 when refused
 * (shipped, ended, or changed meanwhile: nothing stored), -1 on error.
 */
int order_change_address(struct order *o);
/*
 * The timeline under prefix: N.at (China time), N.actor (applicant, staff,
 * system), N.from, N.to, N.event, N.reason, oldest first. since gets the
 * time the order entered its current state and reason the reason given
 * then ("" when none). Returns the number of events or -1.
 */
int order_events_to_hdf(const struct order *o, HDF *hdf, const char *prefix, char since[20], char *reason,
    size_t reasonsz);

#endif
