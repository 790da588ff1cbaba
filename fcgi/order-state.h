/* order-state.h: the order state machine (SPEC §9): one transition table, one function that applies it */
#ifndef CERTDESK_ORDER_STATE_H
#define CERTDESK_ORDER_STATE_H

#include <stddef.h>

/* Who may cause a transition. */
enum actor {
	ACTOR_APPLICANT = 1,
	ACTOR_STAFF = 2,
	ACTOR_SYSTEM = 4,	/* automated review, gateway notifications, timed jobs */
};

enum transition_result {
	TRANSITION_OK = 0,
	TRANSITION_ILLEGAL = 1,		/* not allowed from the order's current state, or not by this actor */
	TRANSITION_CONFLICT = 2,	/* the order changed since it was read (version) */
	TRANSITION_ERROR = -1,
};

/* 1 when the table allows from -> to for actor. */
int order_transition_allowed(const char *from, const char *to, enum actor actor);
/*
 * Move order_id to state `to` in one transaction: the row is locked, the
 * table checked against its current state, the state and version updated and
 * an event row written (time, actor, from, to, event, reason). With
 * expected_version >= 0 the order must still be at that version. A second,
 * concurrent request for the same change finds the new state and gets
 * TRANSITION_ILLEGAL, so nothing is applied twice. event may be NULL (the
 * table's name for the transition).
 */
enum transition_result order_transition(long long order_id, const char *to, enum actor actor,
    long long actor_id, const char *event, const char *reason, long expected_version);
/*
 * The same, with more work in the same transaction: after the state and the
 * event row are written and before the commit, inside(order_id, arg) runs
 * (e.g. storing the tracking number with the move to shipped); when it
 * returns -1 nothing is applied and the result is TRANSITION_ERROR.
 */
typedef int (*transition_inside_fn)(long long order_id, void *arg);
enum transition_result order_transition_with(long long order_id, const char *to, enum actor actor,
    long long actor_id, const char *event, const char *reason, long expected_version,
    transition_inside_fn inside, void *arg);
/* The SPEC §9 states, for validating filters and tests. 1 when s is one. */
int order_state_valid(const char *s);
/* The i-th state of SPEC §9 in its order (draft first), NULL past the last. */
const char *order_state_nth(size_t i);

#endif
