/* notify.h: telling the agent by SMS of what happened to their order (SPEC §5-§8), through the outbox */
#ifndef CERTDESK_NOTIFY_H
#define CERTDESK_NOTIFY_H

/*
 * The texts are Lang.notify.sms.<event> in views/lang/<Site.lang>.d/notify.hdf,
 * read by this module itself, so the worker (which renders no page) sends the
 * same words as the web processes. Placeholders: {site}, {no} (the order
 * number, in every message), {tracking_no}, {invoice_no}, {extra}.
 * A notification is queued in the caller's transaction when one is open, so
 * it goes out if and only if the change it reports is committed. A failure is
 * logged and never undoes the change: 0 or -1.
 */
int notify_order(long long order_id, const char *event, const char *extra);
/* The same for an order named by its number. */
int notify_order_no(const char *order_no, const char *event, const char *extra);
/*
 * The state machine's hook (order-state.c, inside the transition's
 * transaction): the transitions SPEC names a notification for and that no
 * other module already reports (the reviewer's decisions are sent by
 * review.c): automated review passed, payment received, shipped.
 */
void notify_transition(long long order_id, const char *from, const char *to, const char *event, int actor);
/* A text of notify.hdf (Lang.notify.<key>) with the placeholders filled, into out. 0 or -1. */
int notify_text(const char *key, const char *const *pairs, char *out, size_t outsz);

#endif
