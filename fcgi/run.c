/* run.c: running a program with input on stdin: no shell, a clean environment, bounded time */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

static char *const clean_env[] = { "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", NULL };

static long
elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000L + (now.tv_nsec - start->tv_nsec) / 1000000L;
}

/* Wait for pid at most timeout_ms (then kill it). Returns its wait status, or -1 after a kill. */
static int
wait_bounded(pid_t pid, long timeout_ms)
{
	struct timespec start, tick = { 0, 10 * 1000000L };
	int status;
	pid_t done;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		done = waitpid(pid, &status, WNOHANG);
		if (done == pid)
			return status;
		if (done < 0 && errno != EINTR)
			return -1;
		if (elapsed_ms(&start) >= timeout_ms) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		nanosleep(&tick, NULL);
	}
}

int
run_with_input(char *const argv[], const char *input, size_t len, long timeout_ms, char *why, size_t whysz)
{
	posix_spawn_file_actions_t fa;
	int in[2], rc, status;
	ssize_t w;
	pid_t pid;

	if (argv[0] == NULL || argv[0][0] != '/') {
		snprintf(why, whysz, "cannot run: not an absolute path");
		return -1;
	}
	if (pipe2(in, O_CLOEXEC) != 0) {
		snprintf(why, whysz, "cannot run: pipe: %s", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	/* The database connection and anything else open stay with us. */
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, clean_env);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	if (rc != 0) {
		close(in[1]);
		snprintf(why, whysz, "cannot run: %s", strerror(rc));
		return -1;
	}
	/* A program that does not read its input gets EPIPE here, not us a SIGPIPE. */
	w = write(in[1], input, len);
	close(in[1]);
	status = wait_bounded(pid, timeout_ms);
	if (status == -1) {
		snprintf(why, whysz, "timed out");
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		if (w != (ssize_t)len) {
			snprintf(why, whysz, "did not read its input");
			return -1;
		}
		return 0;
	}
	if (WIFEXITED(status))
		snprintf(why, whysz, "exited with status %d", WEXITSTATUS(status));
	else
		snprintf(why, whysz, "killed by signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}

int
run_capture(char *const argv[], const char *input, size_t len, long timeout_ms, size_t outmax, char **out,
    size_t *outlen, char *why, size_t whysz)
{
	posix_spawn_file_actions_t fa;
	struct timespec start;
	struct pollfd pfd;
	int in[2], pipe_out[2], rc, status, over = 0;
	size_t n = 0;
	ssize_t w, got;
	char *buf;
	pid_t pid;

	*out = NULL;
	*outlen = 0;
	if (argv[0] == NULL || argv[0][0] != '/') {
		snprintf(why, whysz, "cannot run: not an absolute path");
		return -1;
	}
	if ((buf = malloc(outmax + 1)) == NULL) {
		snprintf(why, whysz, "cannot run: out of memory");
		return -1;
	}
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(pipe_out, O_CLOEXEC) != 0) {
		snprintf(why, whysz, "cannot run: pipe: %s", strerror(errno));
		free(buf);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, pipe_out[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	clock_gettime(CLOCK_MONOTONIC, &start);
	rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, clean_env);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(pipe_out[1]);
	if (rc != 0) {
		close(in[1]);
		close(pipe_out[0]);
		free(buf);
		snprintf(why, whysz, "cannot run: %s", strerror(rc));
		return -1;
	}
	w = write(in[1], input, len);
	close(in[1]);
	/* Read until the program closes its stdout, or the time is up. */
	pfd.fd = pipe_out[0];
	pfd.events = POLLIN;
	while (elapsed_ms(&start) < timeout_ms) {
		rc = poll(&pfd, 1, (int)(timeout_ms - elapsed_ms(&start)));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			break;
		got = read(pipe_out[0], buf + n, n < outmax ? outmax - n : 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		if (n >= outmax) {
			over = 1;
			break;
		}
		n += (size_t)got;
	}
	close(pipe_out[0]);
	status = wait_bounded(pid, timeout_ms - elapsed_ms(&start) > 0 ? timeout_ms - elapsed_ms(&start) : 1);
	if (status == -1)
		snprintf(why, whysz, "timed out");
	else if (!WIFEXITED(status))
		snprintf(why, whysz, "killed by signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	else if (WEXITSTATUS(status) != 0)
		snprintf(why, whysz, "exited with status %d", WEXITSTATUS(status));
	else if (w != (ssize_t)len)
		snprintf(why, whysz, "did not read its input");
	else if (over)
		snprintf(why, whysz, "too much output");
	else {
		buf[n] = '\0';
		*out = buf;
		*outlen = n;
		return 0;
	}
	free(buf);
	return -1;
}
