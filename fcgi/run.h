/* run.h: running a program with input on stdin: no shell, a clean environment, bounded time */
#ifndef CERTDESK_RUN_H
#define CERTDESK_RUN_H

#include <stddef.h>

/*
 * Run argv[0] (an absolute path; argv NULL-terminated) with input on its
 * stdin, stdout and stderr to /dev/null, no other descriptor inherited, and
 * an environment of PATH and LANG only. It is killed after timeout_ms.
 * Returns 0 when it exited with status 0; otherwise -1 and a reason in why
 * ("exited with status 3", "timed out", "cannot run: …").
 * input must be smaller than a pipe's buffer (64 KiB): messages are.
 */
int run_with_input(char *const argv[], const char *input, size_t len, long timeout_ms, char *why,
    size_t whysz);
/*
 * The same, but what the program writes on stdout is kept: at most outmax
 * bytes into *out (malloc'd, NUL-terminated, length in *outlen; free it),
 * more is an error ("too much output"). For adapters that answer, such as
 * a client of the CA's RA.
 */
int run_capture(char *const argv[], const char *input, size_t len, long timeout_ms, size_t outmax, char **out,
    size_t *outlen, char *why, size_t whysz);

#endif
