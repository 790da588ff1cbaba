/* tap.h: the few TAP helpers every C unit test under t/unit/ needs (ok, is_str, done) */
#ifndef CERTDESK_TAP_H
#define CERTDESK_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static inline void
ok(int cond, const char *name)
{
	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_count, name);
}

static inline void
is_str(const char *got, const char *want, const char *name)
{
	ok(strcmp(got, want) == 0, name);
	if (strcmp(got, want) != 0)
		printf("#   got \"%s\"\n#  want \"%s\"\n", got, want);
}

/* Print the plan; the exit status for main(). */
static inline int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed != 0;
}

#endif
