/* review.h: review (SPEC §5): the automated review on submit and the reviewer's decision in manual review */
#ifndef CERTDESK_REVIEW_H
#define CERTDESK_REVIEW_H

#include <stddef.h>

#include <ClearSilver.h>

#include "order.h"
#include "request.h"

enum review_result {
	REVIEW_PASSED,		/* every rule passed: the order is in deposit (打款验证) */
	REVIEW_MANUAL,		/* a rule failed: the order is in manual_review, every reason recorded */
	REVIEW_CONFLICT,	/* the order changed or left draft/rejected meanwhile: nothing done */
	REVIEW_ERROR,
};

/*
 * Automated review of a submitted order (draft or rejected; o as stored,
 * through the wizard's checks): the SPEC §4 rules once more, the registry
 * (credit code, organisation name, legal representative, in business), no
 * other open order of the organisation in the project, the required
 * images and the declaration. The order moves, as the system and only if
 * still at o->version, to deposit or to manual_review; a failure's reasons
 * go into the event and, one row each, into review_reasons for the staff.
 */
enum review_result review_submit(struct req *r, struct order *o);

/*
 * The latest automated review of o under prefix: .at, .passed and
 * .reasons.N.{code, text, detail}. Nothing when it was never reviewed.
 * 0 or -1.
 */
int review_findings_hdf(const struct req *r, const struct order *o, HDF *hdf, const char *prefix);

/* The reason of o's latest rejection into out ("" when it was never rejected). 0 or -1. */
int review_rejection_reason(const struct order *o, char *out, size_t outsz);

enum review_decision { REVIEW_APPROVE, REVIEW_REJECT };

enum decide_result {
	DECIDE_OK,
	DECIDE_NOT_REVIEWABLE,	/* not in manual_review (any more): nothing changed */
	DECIDE_ERROR,
};

/*
 * The logged-in reviewer's decision on o (loaded for this request). Approve
 * goes to deposit, or to payment when the deposit was verified already or
 * its failure is what sent the order to review; reject goes to rejected
 * with reason (required, checked by the caller). The agent gets an SMS with
 * the result. Audited either way. *to: the state the order went to.
 */
enum decide_result review_decide(struct req *r, struct order *o, enum review_decision decision,
    const char *reason, const char **to);

#endif
