/* order-state.c: the order state machine (SPEC §9): one transition table, one function that applies it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "notify.h"
#include "order-state.h"

#define A ACTOR_APPLICANT
#define S ACTOR_STAFF
#define Y ACTOR_SYSTEM

/* Every state change an order can make, who may make it, and what it is called in the timeline. */
static const struct transition {
	const char *from, *to, *event;
	unsigned int actors;
} transitions[] = {
	{ "draft", "deposit", "review_passed", Y },		/* automated review passed on submit */
	{ "draft", "manual_review", "submitted", A | Y },	/* automated review failed, or review not automated */
	{ "rejected", "deposit", "review_passed", Y },		/* resubmitted after a rejection */
	{ "rejected", "manual_review", "resubmitted", A | Y },
	{ "manual_review", "deposit", "approved", S },
	{ "manual_review", "payment", "approved", S },		/* deposit already verified, or its failure sent it here */
	{ "manual_review", "rejected", "rejected", S },
	{ "deposit", "payment", "deposit_verified", A },
	{ "deposit", "manual_review", "deposit_failed", A | Y },
	{ "payment", "production", "paid", S | Y },		/* gateway notification, or finance confirming a transfer */
	{ "production", "shipped", "shipped", S },
	{ "shipped", "completed", "completed", Y | S },
	{ "draft", "cancelled", "cancelled", A },
	{ "rejected", "cancelled", "cancelled", A },
	{ "payment", "cancelled", "cancelled", A },
	{ "payment", "closed", "closed", Y | S },		/* unpaid for 7 days */
	{ "draft", "closed", "closed", S },
	{ "rejected", "closed", "closed", S },
	{ "manual_review", "closed", "closed", S },
	{ "deposit", "closed", "closed", S | Y },
};

#undef A
#undef S
#undef Y

static const char *const states[] = {
	"draft", "manual_review", "rejected", "deposit", "payment", "production", "shipped", "completed",
	"cancelled", "closed",
};

int
order_state_valid(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(s, states[i]) == 0)
			return 1;
	return 0;
}

const char *
order_state_nth(size_t i)
{
	return i < sizeof(states) / sizeof(states[0]) ? states[i] : NULL;
}

static const struct transition *
find(const char *from, const char *to, enum actor actor)
{
	size_t i;

	for (i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
		if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0 &&
		    (transitions[i].actors & actor) != 0)
			return &transitions[i];
	return NULL;
}

int
order_transition_allowed(const char *from, const char *to, enum actor actor)
{
	return find(from, to, actor) != NULL;
}

static const char *
actor_kind(enum actor actor)
{
	return actor == ACTOR_APPLICANT ? "applicant" : actor == ACTOR_STAFF ? "staff" : "system";
}

enum transition_result
order_transition(long long order_id, const char *to, enum actor actor, long long actor_id,
    const char *event, const char *reason, long expected_version)
{
	return order_transition_with(order_id, to, actor, actor_id, event, reason, expected_version, NULL, NULL);
}

enum transition_result
order_transition_with(long long order_id, const char *to, enum actor actor, long long actor_id,
    const char *event, const char *reason, long expected_version, transition_inside_fn inside, void *arg)
{
	const struct transition *t;
	struct db_result res;
	char from[16];
	long version;

	if (db_begin() != 0)
		return TRANSITION_ERROR;
	/* The row lock serialises concurrent changes of one order. */
	if (db_select(STMT_ORDER_LOCK, &res, "l", order_id) != 0)
		goto error;
	if (res.nrows != 1) {
		db_result_free(&res);
		db_rollback();
		return TRANSITION_ILLEGAL;
	}
	snprintf(from, sizeof(from), "%s", db_cell(&res, 0, 0));
	version = strtol(db_cell(&res, 0, 1), NULL, 10);
	db_result_free(&res);
	if (expected_version >= 0 && version != expected_version) {
		db_rollback();
		return TRANSITION_CONFLICT;
	}
	t = find(from, to, actor);
	if (t == NULL) {
		db_rollback();
		return TRANSITION_ILLEGAL;
	}
	if (db_exec(STMT_ORDER_SET_STATE, "sssl", to, to, to, order_id) != 1 ||
	    db_exec(STMT_ORDER_COUNTS_STALE, "l", order_id) != 1)
		goto error;
	if (db_exec(STMT_ORDER_EVENT_ADD, "slllssss", actor_kind(actor), actor_id, order_id, 0LL, from, to,
	    event != NULL ? event : t->event, reason) != 1)
		goto error;
	if (inside != NULL && inside(order_id, arg) != 0)
		goto error;
	/* The agent's SMS, if SPEC names one for this change: committed with it, or not at all. */
	notify_transition(order_id, from, to, event != NULL ? event : t->event, actor);
	if (db_commit() != 0)
		return TRANSITION_ERROR;
	log_info(NULL, "order %lld: %s -> %s (%s)", order_id, from, to, event != NULL ? event : t->event);
	return TRANSITION_OK;
error:
	db_rollback();
	return TRANSITION_ERROR;
}
