/* log.c: one-line log records on stderr, tagged with the request id */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *program = "certdesk";

void
log_set_program(const char *name)
{
	program = name;
}

void
log_msg(const char *level, const char *rid, const char *fmt, ...)
{
	char when[32], text[2048];
	struct timespec ts;
	struct tm tm;
	va_list ap;
	size_t i;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* One record per line: a value carrying a newline must not forge another record. */
	for (i = 0; text[i] != '\0'; i++)
		if (text[i] == '\n' || text[i] == '\r')
			text[i] = ' ';
	fprintf(stderr, "%s.%03ldZ %s[%ld] %s %s %s\n", when, ts.tv_nsec / 1000000L, program,
	    (long)getpid(), level, rid != NULL && rid[0] != '\0' ? rid : "-", text);
	fflush(stderr);
}
