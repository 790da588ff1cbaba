/* tap.h: the few TAP helpers the C unit tests share: ok, is_str, and the plan at the end */
#ifndef CERTDESK_TAP_H
#define CERTDESK_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

/* One assertion: "ok N - name" or "not ok N - name". */
static void
ok(int cond, const char *name)
{
	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_count, name);
}

/* Equal strings (NULL never is), with both shown as a diagnostic when not. */
static void __attribute__((unused))
is_str(const char *got, const char *want, const char *name)
{
	int same = got != NULL && strcmp(got, want) == 0;

	ok(same, name);
	if (!same)
		printf("#   got \"%s\"\n#  want \"%s\"\n", got != NULL ? got : "(null)", want);
}

/* The plan, last; the exit status of main. */
static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed > 0;
}

#endif
