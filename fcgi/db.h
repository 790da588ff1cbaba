/* db.h: the MariaDB connection of this process and every SQL statement it runs */
#ifndef CERTDESK_DB_H
#define CERTDESK_DB_H

#include <stddef.h>

/* Every statement the application runs; the SQL text lives in db.c. */
enum stmt {
	STMT_PING,
	STMT_LOCK_GET,
	STMT_LOCK_RELEASE,
	STMT_MIGRATION_APPLIED,
	STMT_MIGRATION_RECORD,
	/* projects (project.c) */
	STMT_CATALOGUE_VERSION,
	STMT_CATALOGUE_PROJECTS,
	STMT_CATALOGUE_CHOICES,
	STMT_PROJECT_NEWEST,
	STMT_PROJECT_SEARCH,
	STMT_PROJECT_UPSERT,
	STMT_PROJECT_ID,
	STMT_PROJECT_CLEAR_CERT_TYPES,
	STMT_PROJECT_CLEAR_KEY_TYPES,
	STMT_PROJECT_CLEAR_YEARS,
	STMT_PROJECT_CLEAR_ROLES,
	STMT_PROJECT_ADD_CERT_TYPE,
	STMT_PROJECT_ADD_KEY_TYPE,
	STMT_PROJECT_ADD_YEARS,
	STMT_PROJECT_ADD_ROLE,
	/* orders (order.c) */
	STMT_ORDER_INSERT,
	STMT_ORDER_GET,
	STMT_ORDER_GET_SESSION,
	STMT_ORDER_SAVE_STEP1,
	STMT_ORDER_SAVE_STEP2,
	STMT_ORDER_SAVE_STEP3,
	STMT_ORDER_COUNTS_STALE,
	STMT_ORDER_LOCK,
	STMT_ORDER_SET_STATE,
	STMT_ORDER_EVENT_ADD,
	STMT_ORDER_FILE_PUT,
	STMT_ORDER_FILE_KINDS,
	STMT_ORDER_FILE_GET,
	STMT_ORDER_SET_ADDRESS,
	STMT_ORDER_EVENTS,
	/* my orders (order-list.c) */
	STMT_ORDER_LIST,
	STMT_ORDER_LIST_SESSION,
	STMT_ORDER_LIST_COUNT,
	STMT_ORDER_ANY,
	/* account.c */
	STMT_ACCOUNT_BY_USERNAME,
	STMT_ACCOUNT_BY_PHONE,
	STMT_ACCOUNT_INSERT,
	STMT_ACCOUNT_SET_PASSWORD,
	STMT_ACCOUNT_REHASH,
	STMT_ACCOUNT_LOGGED_IN,
	STMT_THROTTLE_LOCKED,
	STMT_THROTTLE_FAIL,
	STMT_THROTTLE_LOCK,
	STMT_THROTTLE_CLEAR,
	STMT_THROTTLE_PURGE,
	STMT_LOGIN_FAILURES_BY_IP,
	/* session.c */
	STMT_SESSION_INSERT,
	STMT_SESSION_LOAD,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_ACCOUNT,
	STMT_SESSION_PURGE,
	/* sms.c */
	STMT_SMS_PHONE_RECENT,
	STMT_SMS_COUNT_IP,
	STMT_SMS_INSERT,
	STMT_SMS_LATEST,
	STMT_SMS_TRY,
	STMT_SMS_USE,
	STMT_SMS_PURGE,
	STMT_PROOF_INSERT,
	STMT_PROOF_LOAD,
	STMT_PROOF_DELETE,
	STMT_PROOF_PURGE,
	/* audit.c */
	STMT_AUDIT_INSERT,
	/* outbox.c */
	STMT_OUTBOX_INSERT,
	STMT_OUTBOX_CLAIM,
	STMT_OUTBOX_CLAIMED,
	STMT_OUTBOX_SENT,
	STMT_OUTBOX_RETRY,
	STMT_SANDBOX_SMS_INSERT,
	STMT_SANDBOX_SMS_BY_PHONE,
	STMT_SANDBOX_SMS_LATEST,
	/* staff (staff.c) */
	STMT_STAFF_BY_USERNAME,
	STMT_STAFF_INSERT,
	STMT_STAFF_REHASH,
	STMT_STAFF_LOGGED_IN,
	STMT_STAFF_SESSION_INSERT,
	STMT_STAFF_SESSION_LOAD,
	STMT_STAFF_SESSION_TOUCH,
	STMT_STAFF_SESSION_DELETE,
	STMT_STAFF_SESSION_PURGE,
	/* orders seen by staff (order-staff.c) */
	STMT_STAFF_ORDER_COUNTS,
	STMT_STAFF_ORDER_COUNT,
	STMT_STAFF_ORDER_SEARCH,
	STMT_STAFF_ORDER_OWNER,
	STMT_STAFF_ORDER_EVENTS,
	/* review (review.c, registry.c) */
	STMT_REGISTRY_SANDBOX_GET,
	STMT_REVIEW_OPEN_ORDER,
	STMT_REVIEW_RUN_INSERT,
	STMT_REVIEW_REASON_INSERT,
	STMT_REVIEW_LATEST,
	STMT_REVIEW_LAST_REJECTION,
	STMT_REVIEW_DEPOSIT_DONE,
	/* deposit (deposit.c) */
	STMT_DEPOSIT_GET,
	STMT_DEPOSIT_PUT,
	STMT_DEPOSIT_TRY,
	STMT_DEPOSIT_SECRET,
	STMT_DEPOSIT_VERIFIED,
	STMT_DEPOSIT_EXPIRE,
	STMT_SANDBOX_BANK_INSERT,
	STMT_SANDBOX_BANK_BY_ACCOUNT,
	STMT_SANDBOX_BANK_LATEST,
	/* payment (payment.c) */
	STMT_PAYMENT_INSERT,
	STMT_PAYMENT_BY_TRADE_NO,
	STMT_PAYMENT_LATEST,
	STMT_PAYMENT_OPEN_TRANSFER,
	STMT_PAYMENT_PROCESSING,
	STMT_PAYMENT_SUPERSEDE,
	STMT_PAYMENT_SET_STATE,
	STMT_PAYMENT_PAID,
	STMT_PAYMENT_UNPAID,
	STMT_PAYMENT_CLOSE_ORDER,
	STMT_PAYMENT_OVERDUE,
	STMT_PAYMENT_ORDER_BY_NO,
	STMT_PAYMENT_TRANSFER_QUEUE,
	STMT_AUDIT_LIST,
	STMT_STAFF_LIST,
	STMT_STAFF_SET_ACTIVE,
	STMT_STAFF_SESSIONS_DROP,
	STMT_PROJECT_ADMIN_CERT_TYPES,
	STMT_PROJECT_ADMIN_KEY_TYPES,
	STMT_PROJECT_ADMIN_ACTIVE,
	STMT_PROJECT_ADMIN_SET_ACTIVE,
	/* fulfilment (fulfil.c, ra.c, notify.c): production, certificates, shipping, e-invoices */
	STMT_RA_REQUEST_SLOTS,
	STMT_RA_REQUEST_INSERT,
	STMT_RA_REQUEST_REQUEUE,
	STMT_RA_REQUEST_BY_TRANS,
	STMT_RA_REQUEST_RESULT,
	STMT_RA_REQUEST_NOTE,
	STMT_RA_REQUEST_LIST,
	STMT_CERT_INSERT,
	STMT_CERT_LIST,
	STMT_CERT_COUNT,
	STMT_FULFIL_SHIP,
	STMT_FULFIL_COMPLETE_DUE,
	STMT_FULFIL_PRODUCTION_QUEUE,
	STMT_FULFIL_INVOICE_QUEUE,
	STMT_INVOICE_INSERT,
	STMT_INVOICE_SET,
	STMT_INVOICE_BY_ORDER,
	STMT_INVOICE_BY_ID,
	STMT_NOTIFY_ORDER,
	STMT_NOTIFY_ORDER_BY_NO,
	STMT_SANDBOX_RA_FAULT_NEXT,
	STMT_SANDBOX_RA_FAULT_TAKE,
	STMT_SANDBOX_RA_ISSUED_GET,
	STMT_SANDBOX_RA_ISSUED_PUT,
	/* outbox delivery and its console (outbox.c, mail.c) */
	STMT_OUTBOX_ATTEMPT,
	STMT_OUTBOX_FAILED,
	STMT_OUTBOX_COUNTS,
	STMT_OUTBOX_REQUEUE,
	STMT_SANDBOX_MAIL_INSERT,
	STMT_SANDBOX_MAIL_BY_TO,
	STMT_SANDBOX_MAIL_LATEST,
	STMT_SANDBOX_MAIL_GET,
	STMT__MAX
};

/* A fully buffered result: every cell as a NUL-terminated string (NULL for SQL NULL). */
struct db_result {
	unsigned int nrows;
	unsigned int ncols;
	char **cells;		/* nrows * ncols */
	unsigned long *lens;	/* byte length of each cell */
};

/* Connect using the DB.* settings. 0 or -1 (logged). */
int db_open(void);
void db_close(void);
/* A round trip to the server, reconnecting once if it went away. 0 or -1. */
int db_ping(void);

/*
 * Run a statement with bound parameters. types has one letter per parameter:
 * 's' const char * (NULL binds SQL NULL), 'l' long long, 'b' const void * then size_t.
 * db_exec returns the affected rows or -1; db_select fills res (free with db_result_free).
 */
long long db_exec(enum stmt id, const char *types, ...);
int db_select(enum stmt id, struct db_result *res, const char *types, ...);
const char *db_cell(const struct db_result *res, unsigned int row, unsigned int col);
unsigned long db_cell_len(const struct db_result *res, unsigned int row, unsigned int col);
void db_result_free(struct db_result *res);
unsigned long long db_last_insert_id(void);
/* 1 when the last failed db_exec/db_select broke a unique key (a race lost to another request). */
int db_last_was_duplicate(void);
int db_begin(void);
/* 1 between db_begin and db_commit or db_rollback. */
int db_in_transaction(void);
int db_commit(void);
int db_rollback(void);

/* A separate connection for trusted multi-statement SQL (migrations). NULL on failure. */
void *db_admin_connect(void);
int db_admin_run(void *conn, const char *sql, size_t len);
void db_admin_close(void *conn);

#endif
