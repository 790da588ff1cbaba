/* ra.h: the CA's RA adapter (SPEC §8): certificate requests and answers as XML, over a configured transport */
#ifndef CERTDESK_RA_H
#define CERTDESK_RA_H

#include <stddef.h>

/*
 * The messages follow the shape of a Chinese CA's RA interface: a request
 * <Request><Head><TxCode>1101</TxCode><TransNo/>…</Head><Body>certificate
 * type, customer type, name, ID type and number, key algorithm…</Body>
 * </Request>, answered by <Response><Head>…<ResultCode/><ResultMessage/>
 * </Head><Body><SerialNo/><DN/><StartTime/><EndTime/></Body></Response>.
 * TransNo is ours and the same on every retry of a certificate, so an RA
 * that already issued it answers with the same certificate.
 *
 * RA.transport picks who answers: "sandbox" (ra_sandbox_answer, in this
 * process, a full XML round trip that issues serial numbers itself) or
 * "exec" (RA.exec_program gets the request on stdin and writes the answer
 * on stdout: a client of the real RA, plugged in by configuration).
 */

#define RA_TX_APPLY "1101"
#define RA_RESULT_OK "0000"

struct ra_request {
	char trans_no[41];
	int personal;		/* 1: a personal certificate (customer type 1), else an organisation's (2) */
	char cert_type[33];	/* the project's certificate type code */
	char user_name[129];	/* organisation, or the person for personal certificates */
	char ident_type[8];	/* RA code: "N" 统一社会信用代码, "Z" other organisation ID, "0" 身份证, "Y" other */
	char ident_no[41];
	char org_name[129];
	char role[33];		/* 经办员 / 审核员, or "" */
	char agent_name[65];
	char email[255];
	char phone[21];
	int months;		/* validity */
};

struct ra_result {
	char serial[65];
	char dn[513];
	char not_before[20];	/* "YYYY-MM-DD hh:mm:ss", China time, as the RA says */
	char not_after[20];
	char error[256];	/* why not, when not issued */
};

/* The request document (malloc'd). 0 or -1. */
int ra_request_xml(const struct ra_request *q, char **xml, size_t *len);
/*
 * Read the RA's answer to the request trans_no. 0: issued (res filled);
 * 1: not issued, with a clear reason in res->error (the RA's failure code
 * and message, or a malformed answer, a DOCTYPE, a mismatched TransNo).
 */
int ra_response_parse(const char *buf, size_t len, const char *trans_no, struct ra_result *res);
/*
 * Send a request through RA.transport. 0 with the answer in *resp
 * (malloc'd); -1 when the RA could not be reached (why says how): the
 * outbox tries again later.
 */
int ra_send(const char *xml, size_t len, char **resp, size_t *resplen, char *why, size_t whysz);
/*
 * The sandbox RA: read a request document and answer it as the RA would,
 * issuing a real-looking serial and validity once per TransNo. A fault
 * queued in sandbox_ra_faults is answered instead (a failure code, a
 * malformed answer, an answer with a DOCTYPE). 0, or -1 (database).
 */
int ra_sandbox_answer(const char *req, size_t len, char **resp, size_t *resplen);

#endif
