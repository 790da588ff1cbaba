/* worker.c: certdesk-worker, delivers the outbox and runs timed jobs (housekeeping of accounts) */
#include <signal.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "deposit.h"
#include "fulfil.h"
#include "outbox.h"
#include "payment.h"
#include "session.h"
#include "staff.h"
#include "sms.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	stopping = 1;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Expired sessions, old SMS codes and phone proofs, stale throttle rows. */
static void
housekeeping(void)
{
	session_purge();
	sms_purge();
	account_purge();
	staff_purge();
}

/*
 * Timed jobs of orders, every Worker.jobs_seconds: orders unpaid for
 * Payment.unpaid_days close (payment -> closed), expired micro-deposit
 * amounts are forgotten, and shipped orders with an invoice complete
 * Fulfil.complete_days after shipping (shipped -> completed). Each job is one indexed query when there is
 * nothing to do, and safe with several workers (the state machine locks).
 */
static void
order_jobs(long t)
{
	static long next;

	if (t < next)
		return;
	next = t + config_long("Worker.jobs_seconds", 5, 1, 3600) * 1000L;
	payment_close_overdue();
	deposit_expire();
	fulfil_complete_due();
}

/*
 * Poll the outbox every Worker.poll_ms (tests and applicants wait for SMS
 * codes, so about a second at most) and straight again while rows keep
 * coming; housekeeping and a heartbeat line at their own intervals.
 * Several workers may run, on several hosts: rows are claimed atomically.
 */
int
main(void)
{
	struct sigaction sa;
	struct timespec pause;
	long poll, heartbeat, cleanup, next_heartbeat, next_cleanup, t;
	int delivered;

	log_set_program("certdesk-worker");
	if (config_load() != 0 || crypto_init(config_path("Paths.keys", "var/keys")) != 0)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* A transport program that exits without reading its input must not kill the worker. */
	signal(SIGPIPE, SIG_IGN);
	poll = config_long("Worker.poll_ms", 200, 10, 10000);
	heartbeat = config_long("Worker.heartbeat_seconds", 60, 1, 3600) * 1000L;
	cleanup = config_long("Worker.cleanup_seconds", 60, 1, 86400) * 1000L;
	pause.tv_sec = poll / 1000;
	pause.tv_nsec = (poll % 1000) * 1000000L;
	next_heartbeat = next_cleanup = now_ms();
	log_info(NULL, "worker started");
	while (!stopping) {
		t = now_ms();
		if (t >= next_heartbeat) {
			log_info(NULL, "heartbeat: database %s", db_ping() == 0 ? "up" : "down");
			next_heartbeat = t + heartbeat;
		}
		if (t >= next_cleanup) {
			housekeeping();
			next_cleanup = t + cleanup;
		}
		order_jobs(t);
		delivered = outbox_deliver_due();
		if (delivered <= 0)
			nanosleep(&pause, NULL);
	}
	log_info(NULL, "worker stopped");
	db_close();
	return 0;
}
