/* run-test.c: TAP unit tests for fcgi/run.c (a program with input on stdin, its status, its time limit) */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../fcgi/run.h"

static int count, failed;

static void
ok(int cond, const char *name)
{
	count++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", count, name);
}

static int
sh(const char *script, const char *input, char *why, size_t whysz, long timeout_ms)
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, "sh", "13800138000", NULL };

	why[0] = '\0';
	return run_with_input(argv, input, strlen(input), timeout_ms, why, whysz);
}

int
main(void)
{
	char why[128], path[64], cmd[256], got[256];
	struct timespec t0, t1;
	FILE *f;
	size_t n;
	long ms;

	signal(SIGPIPE, SIG_IGN);
	snprintf(path, sizeof(path), "/tmp/run-test-%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "cat > %s; printf ' %%s' \"$1\" >> %s", path, path);
	ok(sh(cmd, "【平台】验证码：123456", why, sizeof(why), 5000) == 0, "exit 0 is success");
	f = fopen(path, "r");
	n = f != NULL ? fread(got, 1, sizeof(got) - 1, f) : 0;
	got[n] = '\0';
	if (f != NULL)
		fclose(f);
	unlink(path);
	ok(strcmp(got, "【平台】验证码：123456 13800138000") == 0, "the text on stdin, the phone as argument");

	ok(sh("exit 3", "x", why, sizeof(why), 5000) == -1, "a non-zero exit is a failure");
	ok(strcmp(why, "exited with status 3") == 0, "with its status as the reason");

	ok(sh("test -z \"$HOME$CERTDESK_CONF\" && test \"$PATH\" = /usr/local/bin:/usr/bin:/bin", "", why,
	    sizeof(why), 5000) == 0, "a clean environment: PATH only");
	ok(sh("test ! -e /proc/self/fd/3", "", why, sizeof(why), 5000) == 0, "no descriptor but 0, 1, 2 inherited");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(sh("sleep 5", "x", why, sizeof(why), 200) == -1, "a program that takes too long fails");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000L + (t1.tv_nsec - t0.tv_nsec) / 1000000L;
	ok(strcmp(why, "timed out") == 0, "reason: timed out");
	ok(ms < 2000, "and is killed at the limit, not waited for");

	{
		char *argv[] = { "/nonexistent/sms-gateway", NULL };
		ok(run_with_input(argv, "x", 1, 1000, why, sizeof(why)) == -1, "a missing program fails");
		ok(strncmp(why, "cannot run: ", 12) == 0 || strcmp(why, "exited with status 127") == 0,
		    "with a reason");
	}
	{
		char *argv[] = { "sh", "-c", "exit 0", NULL };
		ok(run_with_input(argv, "x", 1, 1000, why, sizeof(why)) == -1, "a relative path is refused");
	}
	printf("1..%d\n", count);
	return failed != 0;
}
