/* state-test.c: the order state machine's transition table (TAP) */
#include <stdio.h>
#include <string.h>

#include "order-state.h"

static int n, failed;

static void
ok(int cond, const char *name)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, name);
	failed += !cond;
}

int
main(void)
{
	static const char *const states[] = { "draft", "manual_review", "rejected", "deposit", "payment",
		"production", "shipped", "completed", "cancelled", "closed" };
	size_t i, j;
	int any;

	printf("1..31\n");
	ok(order_transition_allowed("draft", "manual_review", ACTOR_APPLICANT), "applicant submits a draft");
	ok(order_transition_allowed("draft", "deposit", ACTOR_SYSTEM), "automated review passes a draft");
	ok(!order_transition_allowed("draft", "deposit", ACTOR_APPLICANT), "an applicant cannot pass review");
	ok(!order_transition_allowed("draft", "payment", ACTOR_APPLICANT), "a draft cannot skip to payment");
	ok(order_transition_allowed("manual_review", "rejected", ACTOR_STAFF), "a reviewer rejects");
	ok(!order_transition_allowed("manual_review", "rejected", ACTOR_APPLICANT), "an applicant cannot reject");
	ok(order_transition_allowed("manual_review", "deposit", ACTOR_STAFF), "a reviewer approves to deposit");
	ok(order_transition_allowed("manual_review", "payment", ACTOR_STAFF), "or to payment");
	ok(order_transition_allowed("rejected", "manual_review", ACTOR_APPLICANT), "a rejected order is resubmitted");
	ok(order_transition_allowed("deposit", "payment", ACTOR_APPLICANT), "a verified deposit leads to payment");
	ok(order_transition_allowed("deposit", "manual_review", ACTOR_APPLICANT), "a third failed deposit try goes to review");
	ok(order_transition_allowed("payment", "production", ACTOR_SYSTEM), "a gateway notification pays");
	ok(order_transition_allowed("payment", "production", ACTOR_STAFF), "finance confirms a transfer");
	ok(!order_transition_allowed("payment", "production", ACTOR_APPLICANT), "an applicant cannot mark paid");
	ok(order_transition_allowed("production", "shipped", ACTOR_STAFF), "an operator ships");
	ok(order_transition_allowed("shipped", "completed", ACTOR_SYSTEM), "a timed job completes");
	ok(order_transition_allowed("payment", "closed", ACTOR_SYSTEM), "unpaid orders close");
	ok(order_transition_allowed("draft", "cancelled", ACTOR_APPLICANT), "cancel a draft");
	ok(order_transition_allowed("rejected", "cancelled", ACTOR_APPLICANT), "cancel a rejected order");
	ok(order_transition_allowed("payment", "cancelled", ACTOR_APPLICANT), "cancel an unpaid order");
	ok(!order_transition_allowed("deposit", "cancelled", ACTOR_APPLICANT), "no cancel during deposit");
	ok(!order_transition_allowed("production", "cancelled", ACTOR_APPLICANT), "no cancel once paid");
	ok(!order_transition_allowed("shipped", "cancelled", ACTOR_STAFF), "no cancel once shipped");
	/* Final states are final. */
	for (j = 0, any = 0; j < sizeof(states) / sizeof(states[0]); j++)
		any |= order_transition_allowed("cancelled", states[j], ACTOR_APPLICANT | ACTOR_STAFF | ACTOR_SYSTEM) |
		    order_transition_allowed("closed", states[j], ACTOR_APPLICANT | ACTOR_STAFF | ACTOR_SYSTEM) |
		    order_transition_allowed("completed", states[j], ACTOR_APPLICANT | ACTOR_STAFF | ACTOR_SYSTEM);
	ok(!any, "cancelled, closed and completed have no way out");
	/* No state goes to itself. */
	for (i = 0, any = 0; i < sizeof(states) / sizeof(states[0]); i++)
		any |= order_transition_allowed(states[i], states[i], ACTOR_APPLICANT | ACTOR_STAFF | ACTOR_SYSTEM);
	ok(!any, "no transition to the same state");
	/* Nothing reaches draft again. */
	for (i = 0, any = 0; i < sizeof(states) / sizeof(states[0]); i++)
		any |= order_transition_allowed(states[i], "draft", ACTOR_APPLICANT | ACTOR_STAFF | ACTOR_SYSTEM);
	ok(!any, "no way back to draft");
	ok(!order_transition_allowed("nonsense", "draft", ACTOR_STAFF), "unknown states have no transitions");
	ok(order_state_valid("manual_review"), "manual_review is a state");
	ok(order_state_valid("closed"), "closed is a state");
	ok(!order_state_valid("paid"), "paid is not a state");
	ok(!order_state_valid(""), "empty is not a state");
	return failed != 0;
}
