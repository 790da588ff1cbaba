/* worker.c: certdesk-worker, delivers the outbox and runs timed jobs (for now: a heartbeat) */
#include <signal.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	stopping = 1;
}

int
main(void)
{
	struct sigaction sa;
	struct timespec tick = { 0, 200 * 1000000L };
	long heartbeat, elapsed_ms = 0;

	log_set_program("certdesk-worker");
	if (config_load() != 0 || crypto_init(config_path("Paths.keys", "var/keys")) != 0)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	heartbeat = config_long("Worker.heartbeat_seconds", 60, 1, 3600) * 1000L;
	log_info(NULL, "worker started");
	while (!stopping) {
		if (elapsed_ms <= 0) {
			log_info(NULL, "heartbeat: database %s", db_ping() == 0 ? "up" : "down");
			elapsed_ms = heartbeat;
		}
		nanosleep(&tick, NULL);
		elapsed_ms -= 200;
	}
	log_info(NULL, "worker stopped");
	db_close();
	return 0;
}
